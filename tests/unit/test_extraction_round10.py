"""Attribution extraction, round 10 of fault-finding: a role the tagger reads as a proper noun ("the new MP") before
a name in apposition, an organisation named in apposition to the role it plays ("its largest creditor, the Bank of
X,"), and short quotations that are whole clauses continuing a speaker ("“Demand is.”")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- appositions after a role -------------------------------------------------------------------------------------


def test_a_seat_written_in_capitals_is_a_role_and_its_apposition_names_the_speaker(
    extractor: AttributionExtractor,
) -> None:
    text = "After the count, the new MP, Tobias Wrenfield, said the recount had confirmed his majority."
    claim = one(extract(extractor, text), "recount had confirmed")
    assert claim.speaker.name == "Tobias Wrenfield"
    assert claim.speaker.kind == "person"
    assert claim.speaker.named


def test_an_organisation_in_apposition_to_a_role_noun_is_the_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "Sorvane Airways missed a loan payment on Friday. "
        "The airline's biggest creditor, the Bank of Valdora, said it would not extend the loan."
    )
    claim = one(extract(extractor, text), "would not extend the loan")
    assert claim.speaker.name == "Bank of Valdora"
    assert claim.speaker.kind == "organisation"
    assert claim.speaker.named


def test_a_person_in_apposition_to_a_role_noun_still_names_a_person(extractor: AttributionExtractor) -> None:
    text = "The airline's chief executive, Ines Marchetti, said no flights would be cancelled."
    claim = one(extract(extractor, text), "no flights would be cancelled")
    assert claim.speaker.name == "Ines Marchetti"
    assert claim.speaker.kind == "person"


# --- short quotations that continue a speaker ---------------------------------------------------------------------


def test_a_short_quoted_clause_after_the_speech_tag_continues_the_speaker(extractor: AttributionExtractor) -> None:
    text = '"The old bridge will not reopen this year," Corinne Abadi said. "It cannot."'
    claims = extract(extractor, text)
    assert one(claims, "will not reopen").speaker.name == "Corinne Abadi"
    short = one(claims, "It cannot.")
    assert short.speaker.name == "Corinne Abadi"
    assert short.kind == "direct_quote"


def test_a_short_quoted_phrase_without_a_subject_is_no_claim(extractor: AttributionExtractor) -> None:
    text = '"The old bridge will not reopen this year," Corinne Abadi said. "Thank you."'
    claims = extract(extractor, text)
    assert one(claims, "will not reopen").speaker.name == "Corinne Abadi"
    assert not [c for c in claims if "Thank you" in c.text]


def test_a_short_quoted_clause_inside_narration_is_no_claim(extractor: AttributionExtractor) -> None:
    text = '"The old bridge will not reopen this year," Corinne Abadi said. Locals call it "the bridge that was."'
    claims = extract(extractor, text)
    assert not [c for c in claims if "bridge that was" in c.text]
