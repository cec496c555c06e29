"""Attribution extraction, round 22 of fault-finding: a dateline whose place is followed by its region in title case
("INVERNESS, Scotland —", "SPRINGFIELD, Mo. (AP) —"), the UK's nations and regions after a person's town, a body's
name the recogniser split at its "and", "the think tank" for the body just named, an office written with its remit
("The Minister for Housing"), a headline's surname that does not stop the lead's office from taking the name below,
and a headline's office written short ("PM says")."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- datelines -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dateline",
    ["INVERNESS, Scotland — ", "OMAGH, Northern Ireland — ", "SPRINGFIELD, Mo. (AP) — ", "KILLARNEY, Ireland -- "],
)
def test_a_datelines_place_and_region_are_no_speaker(extractor: AttributionExtractor, dateline: str) -> None:
    text = dateline + "A local councillor said on Monday that the pier would reopen in June."
    claim = one(extract(extractor, text), "pier would reopen")
    assert (claim.speaker.name, claim.speaker.kind) == ("local councillor", "person")
    assert claim.speaker.mention == "A local councillor"


# --- regions ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["Scotland", "Wales", "County Tyrone"])
def test_a_region_after_a_persons_town_is_no_name(extractor: AttributionExtractor, region: str) -> None:
    text = f"A shopkeeper from Dunmore, {region}, said flour prices had doubled since the spring."
    claim = one(extract(extractor, text), "flour prices")
    assert claim.speaker.name != region
    assert not claim.speaker.named


# --- bodies' names ---------------------------------------------------------------------------------------------------


def test_a_bodys_name_split_at_its_and_is_kept_whole(extractor: AttributionExtractor) -> None:
    text = "The Organisation for Economic Co-operation and Development said on Tuesday that inflation would ease."
    claim = one(extract(extractor, text), "inflation would ease")
    assert claim.speaker.name == "Organisation for Economic Co-operation and Development"
    assert claim.speaker.kind == "organisation"


def test_the_think_tank_is_the_body_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "The Centre for Cities published its annual review on Monday. The think tank said rents had outpaced wages "
        "in 40 cities."
    )
    claim = one(extract(extractor, text), "rents had outpaced")
    assert (claim.speaker.name, claim.speaker.kind) == ("Centre for Cities", "organisation")


# --- headlines -------------------------------------------------------------------------------------------------------


def test_a_headlines_surname_leaves_the_leads_office_to_the_full_name_below(extractor: AttributionExtractor) -> None:
    text = (
        "Harlow says inflation has peaked\n\n"
        "The central bank governor has said inflation has passed its peak.\n\n"
        'Tom Harlow told reporters that interest rates could fall "within months".'
    )
    claims = extract(extractor, text)
    assert one(claims, "passed its peak").speaker.name == "Tom Harlow"
    assert one(claims, "inflation has peaked").speaker.name == "Tom Harlow"


@pytest.mark.parametrize(
    ("short", "lead"),
    [("PM", "The prime minister, Maria Lindqvist,"), ("CEO", "The chief executive of Orrin Foods, Maria Lindqvist,")],
)
def test_a_headlines_short_office_is_the_person_the_lead_names(
    extractor: AttributionExtractor, short: str, lead: str
) -> None:
    text = f"{short} says the worst is over\n\n{lead} said on Tuesday that sales had recovered."
    claim = one(extract(extractor, text), "worst is over")
    assert (claim.speaker.name, claim.speaker.kind) == ("Maria Lindqvist", "person")


def test_the_trade_body_is_the_body_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "The Federation of Small Businesses wrote to the chancellor on Friday. The trade body said late payments "
        "were closing 50 firms a day."
    )
    claim = one(extract(extractor, text), "late payments")
    assert (claim.speaker.name, claim.speaker.kind) == ("Federation of Small Businesses", "organisation")


# --- offices with their remit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "office",
    [
        "Minister for Rural Affairs",
        "Secretary of State for Transport",
        "Commissioner for Older People and Carers",
        "Governor of the Reserve Bank",
    ],
)
def test_an_office_with_its_remit_is_a_description_not_a_name(extractor: AttributionExtractor, office: str) -> None:
    text = f"The {office} said on Thursday that the scheme would be extended to 2030."
    claim = one(extract(extractor, text), "scheme would be extended")
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.named) == (office, "person", False)


def test_an_office_with_its_remit_means_the_person_named_in_it(extractor: AttributionExtractor) -> None:
    text = (
        "The Minister for Rural Affairs, Owen Pritchard, visited the show on Tuesday. The Minister for Rural "
        "Affairs said grants for hedgerows would double."
    )
    claim = one(extract(extractor, text), "grants for hedgerows")
    assert (claim.speaker.name, claim.speaker.kind) == ("Owen Pritchard", "person")


# --- people speaking for a body named before -------------------------------------------------------------------------


def test_a_spokesperson_for_the_body_just_named_speaks_for_it_by_name(extractor: AttributionExtractor) -> None:
    text = (
        "The Department of Energy published new efficiency rules on Friday. A spokeswoman for the department said "
        "the rules would cut household bills by 5%."
    )
    speaker = one(extract(extractor, text), "household bills").speaker
    assert (speaker.name, speaker.kind, speaker.named) == ("spokeswoman for the Department of Energy", "person", False)


def test_a_spokesperson_for_a_body_of_another_kind_is_left_as_written(extractor: AttributionExtractor) -> None:
    text = "Harbour Foods cut 300 jobs on Monday. A spokesman for the union said members would strike."
    assert one(extract(extractor, text), "members would strike").speaker.name == "spokesman for the union"
