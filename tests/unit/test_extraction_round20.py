"""Attribution extraction, round 20 of fault-finding: a complement whose verb the parser split at its hyphen into
three pieces ("co-operated") or that opens on the hyphen ("re-negotiated"), a gerund after a preposition taken for
a second cue ("warned in writing"), a speaker's apposition before the cue read as the opening of an inverted "said
X," ("The UN's chief, Tom Fletcher, said 25 million people ... needed"), a dateline with a region between place
and date or with an accented place ("DÜSSELDORF"), a passive "had been told that" conjoined to a speaker's content,
a quotation right after a reported statement, and "adviser to Minister X" taken for "the minister"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.text import blank_dateline
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- where the content ends ----------------------------------------------------------------------------------------


def test_a_verb_split_at_its_hyphen_keeps_all_of_the_complement(extractor: AttributionExtractor) -> None:
    text = "The bank, which was not charged, said it had co-operated fully with the investigation."
    assert "co-operated fully with the investigation" in one(extract(extractor, text), "co").text


def test_a_complement_opening_on_a_split_hyphen_keeps_its_first_piece(extractor: AttributionExtractor) -> None:
    text = (
        "Chief executive Michael Lewis told analysts on a conference call that the company had re-negotiated most "
        "of its supply contracts during the summer."
    )
    claim = one(extract(extractor, text), "negotiated")
    assert claim.text.startswith("the company had re-negotiated most")


def test_in_writing_is_no_second_cue(extractor: AttributionExtractor) -> None:
    text = (
        "A former adviser has told a committee that the minister was warned in writing about the financial health "
        "of the company."
    )
    claim = one(extract(extractor, text), "minister was warned")
    assert claim.text.endswith("financial health of the company")


def test_a_passive_told_does_not_cut_the_content_short(extractor: AttributionExtractor) -> None:
    text = (
        "The senator said she had raised her concerns with the leader in June and had been told that the "
        "provisions were necessary to win votes."
    )
    claims = extract(extractor, text)
    assert one(claims, "raised her concerns").text.endswith("necessary to win votes")


# --- who spoke -----------------------------------------------------------------------------------------------------


def test_a_passive_told_makes_its_subject_no_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "The senator said she had raised her concerns with the leader in June and had been told that the "
        "provisions were necessary to win votes."
    )
    assert [c.cue for c in extract(extractor, text)] == ["said"]


def test_a_speaker_set_off_in_apposition_is_not_an_inverted_subject(extractor: AttributionExtractor) -> None:
    text = (
        "The UN's humanitarian chief, Tom Fletcher, said 25 million people, more than half of Sudan's population, "
        "needed assistance."
    )
    claim = one(extract(extractor, text), "needed assistance")
    assert claim.speaker.name == "Tom Fletcher"
    assert claim.text.startswith("25 million people")


def test_an_inverted_said_still_names_the_speaker_after_it(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The economy, said economist Jane Roe, is slowing."), "slowing")
    assert claim.speaker.name == "Jane Roe"


# --- datelines -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "STOCKHOLM, Sweden, June 12, 2025 /PRNewswire/ -- Nordwave Energy AB today announced a deal.",
        "KABUL, Afghanistan, May 6 (AP) -- The ministry said the road was open.",
    ],
)
def test_a_dateline_with_a_region_before_its_date_is_blanked(paragraph: str) -> None:
    assert blank_dateline(paragraph).lstrip().startswith(("Nordwave", "The ministry"))


@pytest.mark.parametrize(
    "paragraph",
    [
        "DÜSSELDORF, Germany, Oct 2 (Reuters) - Uniper said storage was 94% full.",
        "BOGOTÁ — The army said the road was open.",
        "SÃO PAULO - Petrobras said output rose.",
    ],
)
def test_a_dateline_whose_place_has_accented_capitals_is_blanked(paragraph: str) -> None:
    assert blank_dateline(paragraph).lstrip().startswith(("Uniper", "The army", "Petrobras"))


def test_an_accented_dateline_is_no_speaker(extractor: AttributionExtractor) -> None:
    text = "DÜSSELDORF, Germany, Oct 2 (Reuters) - Uniper, Germany's largest gas importer, said storage was 94% full."
    assert one(extract(extractor, text), "94% full").speaker.name == "Uniper"


def test_a_release_dateline_with_a_region_is_no_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "STOCKHOLM, Sweden, June 12, 2025 /PRNewswire/ -- Nordwave Energy AB, a developer of offshore wind "
        "projects, today announced that it has closed a €420 million financing package."
    )
    assert one(extract(extractor, text), "financing package").speaker.name == "Nordwave Energy AB"


# --- quotations that go on --------------------------------------------------------------------------------------


def test_a_quotation_after_a_reported_statement_is_that_speakers(extractor: AttributionExtractor) -> None:
    text = (
        "Rayo coach Íñigo Pérez was angry.\n\n"
        "Pérez added that he would not criticise the referee himself. "
        '"Juan is a good referee. The problem is the system, which looks for reasons to intervene."'
    )
    claim = one(extract(extractor, text), "Juan is a good referee")
    assert claim.speaker.name == "Íñigo Pérez"
    assert claim.kind == "direct_quote"


def test_a_quotation_after_a_nested_report_is_the_outer_speakers(extractor: AttributionExtractor) -> None:
    text = (
        "Councillor Ann Lee said a planning officer had told her that the site was unsafe. "
        '"I wrote to the council twice and nobody replied to me."'
    )
    assert one(extract(extractor, text), "wrote to the council").speaker.name == "Ann Lee"


def test_an_adviser_to_a_minister_is_not_the_minister(extractor: AttributionExtractor) -> None:
    text = (
        "A former senior adviser to Health Minister Graham Pettifer has told a committee that the memo was sent.\n\n"
        'She said an official had later told her that the minister had said the risk was "manageable".'
    )
    speaker = next(c for c in extract(extractor, text) if c.text.startswith("the risk was")).speaker
    assert speaker.mention == "the minister"
    assert "adviser" not in speaker.name
