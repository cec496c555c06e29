"""Attribution extraction, round 38: an apposition that counts, measures or dates something ("Lacerda, 0.3 percent
of GDP her target,") gives the speaker no role, nor spreads one to later mentions; an age before the role ("Fontes,
27, a nurse,") and a hyphened role the parser splits ("a co-chair of") still give it; a name set beside a noun a
business is as often as a person ("A rival, Vantor,") is a body or a person by the pronoun its own words use."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ana Lacerda said the deficit would fall. Lacerda, 0.3 percent of GDP her target for next year, said "
         "spending on health would rise by 9 percent.", "spending on health"),
        ("Daniel Okoro scored twice. Okoro, 14 goals in 20 games this season, said the team had believed they could "
         "win.", "believed they could win"),
        ("Paula Neves spoke after the race. Neves, Sunday's 42.2 kilometre course behind her team, said organisers "
         "would move the start.", "move the start"),
        ("Farah Qureshi backed the plan. Qureshi, the third vote on the scheme in two years, said the council would "
         "add two more bus routes.", "bus routes"),
    ],
)  # fmt: skip
def test_measure_in_apposition_is_no_role(extractor: AttributionExtractor, text: str, words: str) -> None:
    """A number, amount or date in an apposition whose head names no one ("percent", "goals", "course", "vote")
    is no description of the speaker."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.named
    assert speaker.role is None, speaker.role


def test_measure_apposition_does_not_replace_a_narrated_role(extractor: AttributionExtractor) -> None:
    """ "Ana Lacerda, the finance minister, said ... Lacerda, 0.3 percent of GDP her target, said ...": the second
    claim keeps the role the article gave her, not the measure."""
    text = (
        "Ana Lacerda, the finance minister, said the deficit would fall. Lacerda, 0.3 percent of GDP her target "
        "for next year, said spending on health would rise by 9 percent."
    )
    speaker = one(extract(extractor, text), "spending on health").speaker
    assert speaker.role == "finance minister"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Tom Reyes, a 30-year veteran of the force, said the unit was understaffed.", "30 year veteran of force"),
        ("Lisa Carver, the club's first female manager, said the final would be the biggest game.",
         "club first female manager"),
        ("Alemu Tesfaye, the 2025 world championship bronze medallist, said he would rest.",
         "2025 world championship bronze medallist"),
        ("Tom Reyes, one of the 12 jurors, said the trial had been fair.", "one of 12 jurors"),
        ("Ruth Vale, the youngest of four sisters, said the farm would be sold.", "youngest of four sisters"),
    ],
)  # fmt: skip
def test_role_with_a_number_is_kept(extractor: AttributionExtractor, text: str, role: str) -> None:
    """Control: a number in an apposition headed by a person's noun ("veteran", "manager", "medallist")."""
    assert extract(extractor, text)[0].speaker.role == role


def test_role_after_an_age(extractor: AttributionExtractor) -> None:
    """ "Carla Fontes, 27, a nurse from Braga,": the age is no role, the apposition after it is."""
    speaker = extract(extractor, "Carla Fontes, 27, a nurse from Braga, said she might stay.")[0].speaker
    assert speaker.role is not None and speaker.role.startswith("nurse"), speaker.role


def test_hyphened_role_in_apposition(extractor: AttributionExtractor) -> None:
    """ "a co-chair of the commission", parsed as three appositions ("co", "-", "chair"): the whole role, its hyphen
    kept as written (rules 52; "co chair" before)."""
    text = "Janet Rourke, a co-chair of the commission, said the threshold had not changed."
    assert extract(extractor, text)[0].speaker.role == "co-chair of commission"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Flickwell raised its prices. A rival, Vantor, said last week that it would keep its prices unchanged.",
         "keep its prices", "Vantor"),
        ("Velder Motors halted two lines. Its main supplier, Quorsa, said it had lost a month of output.",
         "lost a month", "Quorsa"),
        ("Baltiq Air agreed a rescue. A bidder, Castellan, said it had offered to buy the airline outright.",
         "offered to buy", "Castellan"),
        ("Zeewind delayed the project. Its cable supplier, Kablor, said the cables met every standard and that it "
         "would seek compensation.", "cables met", "Kablor"),
    ],
)  # fmt: skip
def test_relation_noun_and_it_make_a_body(extractor: AttributionExtractor, text: str, words: str, name: str) -> None:
    """A lone name set beside "rival", "supplier" or "bidder", whose own reported words call it "it", is a body,
    whatever the recogniser guessed."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.name == name
    assert speaker.kind == "organisation"


def test_relation_noun_and_he_make_a_person(extractor: AttributionExtractor) -> None:
    """ "Her rival, Okonkwo, said he would ...": the same noun with "he" is a person, though the recogniser calls
    the name a body's."""
    text = (
        "Mayor Carol Benton leads by one point. Her rival, Okonkwo, said he would freeze property taxes. "
        "Okonkwo said on Tuesday he would release a housing plan."
    )
    claims = extract(extractor, text)
    for words in ("freeze property taxes", "housing plan"):
        speaker = one(claims, words).speaker
        assert (speaker.name, speaker.kind) == ("Okonkwo", "person")


def test_relation_noun_with_a_copular_it_decides_nothing(extractor: AttributionExtractor) -> None:
    """Control: "said it was unfair" may mean anything; a full name with a given name stays a person."""
    text = "Her former business partner, Pieter Smit, said it was unfair. Smit said the contract was flawed."
    speaker = one(extract(extractor, text), "contract was flawed").speaker
    assert (speaker.name, speaker.kind) == ("Pieter Smit", "person")
