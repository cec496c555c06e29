"""Attribution extraction, round 26: one speaker, one kind in an article's output. An epithet ("the Kazakh said")
that shows a lone name to be a person's makes every claim of that name a person's, the earlier "Baimukhanov said"
too; a body written with "the" or as an acronym is no lone name an epithet may stand for."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, speaker_key
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("name", "epithet"),
    [("Baimukhanov", "the Kazakh"), ("Haverkamp", "the Dutchman"), ("Szczepanik", "the Pole")],
)
def test_an_epithet_that_makes_a_lone_name_a_person_makes_all_its_claims_a_persons(
    extractor: AttributionExtractor, name: str, epithet: str
) -> None:
    text = (
        "Elena Ruiz won the women's title in straight sets on Sunday.\n\n"
        f'{name} said the wind had made the final hard to play. "I stayed patient and waited for my chances," '
        f"{epithet} said.\n\n"
        f"{name} said the crowd had been loud all week."
    )
    claims = extract(extractor, text)
    assert one(claims, "stayed patient").speaker.kind == "person"  # the epithet's own claim, as in round 25
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [(name, "person")] * 3


def test_an_epithet_after_a_body_written_with_the_means_the_person_named_before(
    extractor: AttributionExtractor,
) -> None:
    """No person's name takes "the": "The Guardian said ... the Swede said" is Greta Lindqvist, and the Guardian
    stays a body."""
    text = (
        "Greta Lindqvist beat Ana Soto 6-2 6-3 in Doha on Thursday.\n\n"
        'The Guardian said the tournament had drawn record crowds. "It was a special night," the Swede said.'
    )
    claims = extract(extractor, text)
    assert one(claims, "record crowds").speaker.kind == "organisation"
    speaker = one(claims, "special night").speaker
    assert (speaker.name, speaker.kind) == ("Greta Lindqvist", "person")


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        # a person named before: the "he" may be theirs, so the lone name stays a body in every claim
        ("Tomas Bergen will step down as chief executive in May.\n\nHalvorine said he had agreed to stay on as an "
         "adviser.\n\nHalvorine said profits had fallen by a fifth.", "Halvorine", 2),
        # "it" and "the company": nothing makes it a person
        ('Norvanta said its profits had fallen by a third.\n\n"We remain confident," the company said.\n\nNorvanta '
         "said it would cut 200 jobs.", "Norvanta", 3),
    ],
)  # fmt: skip
def test_a_body_with_no_persons_cue_stays_a_body_in_every_claim(
    extractor: AttributionExtractor, text: str, name: str, count: int
) -> None:
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [(name, "organisation")] * count


# --- a body named with its possessive keeps it -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name"), [
    ("Sainsbury's said on Wednesday that sales had risen by 3% over Christmas.\n\nThe supermarket said it would open "
     "20 new convenience stores this year.", "Sainsbury's"),
    ("Pemberton's said its autumn sales had fallen by 2%.\n\nThe retailer said it would close six shops.", "Pemberton's"),
])  # fmt: skip
def test_a_body_named_with_its_possessive_is_shown_as_it_writes_itself(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """ "Sainsbury's said": the shop's name is "Sainsbury's", in each claim of it; its identity key is the one
    "Sainsbury" always had, so stored speakers keep theirs."""
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [(name, "organisation")] * 2
    assert speaker_key(claims[0].speaker.name) == speaker_key(name[:-2])


# --- an office's remit listed with commas --------------------------------------------------------------------------------


def test_an_office_whose_remit_is_listed_with_commas_is_a_description(extractor: AttributionExtractor) -> None:
    """The parse's comma joins the remit's parts as "and" does: the whole office is the description, no person called
    "Secretary" (the comma is why the token-level joiners differ from coreference's word-level ones)."""
    text = "The Secretary of State for Environment, Food and Rural Affairs said the ban on peat would start in April."
    speaker = one(extract(extractor, text), "ban on peat").speaker
    assert (speaker.name, speaker.kind, speaker.named) == (
        "Secretary of State for Environment, Food and Rural Affairs",
        "person",
        False,
    )
