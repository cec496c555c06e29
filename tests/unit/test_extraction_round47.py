"""Attribution extraction, round 47: an American member's party and state ("Sen. Maria Ortiz, D-Ariz.,") are no
role, and the abbreviated title before the name is written out ("senator", "Arizona governor"); an Australian
councillor's "Cr" is a title ("Cr Smith" is the Andrew Smith named above); "research by X found" is X's finding, and
"a poll by X" leaves X no role "poll by"; a body's short name ("Lumen" after "Lumen Labs") that the recogniser
labelled a place is still a body for a later "It said"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, speaker_key
from extraction.names import split_role_prefix
from tests.unit.extraction_helpers import extract, one

# --- American titles -------------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Sen. Kay Lund, D-Ariz., said the bill was fine.", "senator"),
        ("Senator Kay Lund, I-Vt., said the bill was fine.", "senator"),
        ("Gov. Kay Lund said the bill was fine.", "governor"),
        ("Rep. Kay Lund, R-Texas, chairman of the Budget Committee, said the bill was fine.",
         "representative, chairman of Budget Committee"),
    ],
)  # fmt: skip
def test_a_members_party_and_state_are_no_role_and_the_title_is_written_out(
    extractor: AttributionExtractor, text: str, role: str
) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.role) == ("Kay Lund", role)


@pytest.mark.slow
def test_a_states_name_leaves_the_abbreviated_office_in_the_role(extractor: AttributionExtractor) -> None:
    """ "Ohio Gov. Kay Lund": the place says where the office is; "Gov." is still the role's word."""
    (claim,) = extract(extractor, "Ohio Gov. Kay Lund, a Democrat, said the bill was fine.")
    assert claim.speaker.role is not None and claim.speaker.role.startswith("Ohio governor")


@pytest.mark.slow
def test_a_place_set_off_after_a_name_is_still_no_role(extractor: AttributionExtractor) -> None:
    """Control: a state with no party letter, or a party letter with no state, are as before."""
    (claim,) = extract(extractor, "Jim Roe, Massachusetts, said the bill was fine.")
    assert claim.speaker.role is None


# --- "Cr" ------------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_an_australian_councillors_title_is_no_part_of_the_name(extractor: AttributionExtractor) -> None:
    text = (
        "Mayor Andrew Smith said the clean-up would take months.\n\n"
        '"We\'ve had floods before, mate, but nothing like this," Cr Smith said.'
    )
    claim = one(extract(extractor, text), "floods before")
    assert claim.speaker.name == "Andrew Smith"


@pytest.mark.parametrize(
    ("name", "key"),
    [("Cr Jo Lane", "jo lane"), ("Cr. Jo Lane", "jo lane"), ("CR Bard", "cr bard"), ("Cr", "cr")],
)
def test_cr_is_a_title_only_as_written(name: str, key: str) -> None:
    """ "CR Bard" is a firm's initials, no councillor."""
    assert speaker_key(name) == key


def test_cr_comes_off_as_a_title_not_a_role_prefix() -> None:
    assert split_role_prefix("Cr Jo Lane") == (None, "Jo Lane")


# --- findings and their makers -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Research by the Country Land and Business Association found that average income fell.",
         "Country Land and Business Association"),
        ("New research by Oxfam found that average income fell.", "Oxfam"),
        ("Average income fell, according to research by the Resolution Foundation.", "Resolution Foundation"),
    ],
)  # fmt: skip
def test_research_by_a_body_is_the_bodys_finding(extractor: AttributionExtractor, text: str, name: str) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == name


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["A separate poll by Ipsos suggested that support fell.", "A poll by Ipsos found that support fell."]
)
def test_a_poll_by_its_maker_gives_the_maker_no_role(extractor: AttributionExtractor, text: str) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.role) == ("Ipsos", None)


# --- a body's short name -----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_bodys_short_name_the_recogniser_took_for_a_place_is_it(extractor: AttributionExtractor) -> None:
    """ "Lumen's servers" reads "Lumen" as a place; "Lumen, which was founded in 2019, has raised ..." is still the
    body "Lumen Labs" written short, the subject a later "It said" means (not the blog post, nor "Warby Parker",
    named before it)."""
    text = (
        "SAN FRANCISCO — Lumen Labs on Wednesday unveiled a pair of smart glasses that can translate conversations in "
        "real time.\n\n"
        "The glasses send most of the translation work to Lumen's servers. The company's blog post said recordings "
        "would be deleted after 24 hours.\n\n"
        "Chief executive Priya Raman said Lumen had worked with the eyewear maker Warby Parker on the frames.\n\n"
        "Lumen, which was founded in 2019, has raised about $1.2 billion from investors including Andreessen "
        "Horowitz. It said it was not planning to go public this year."
    )
    claim = one(extract(extractor, text), "go public")
    assert claim.speaker.name in {"Lumen", "Lumen Labs"}
