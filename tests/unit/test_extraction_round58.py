"""Attribution extraction, round 58 (hand-written wildfire, strike, repatriation, doping appeal, earnings call,
inquest, fare rise and summit reports): a name set off after a person's noun ("TfGM's managing director, Caroline
Sheard,") or said "she" of in the next sentence ("Anneke de Vries said ... “...,” she said") is a person's though the
recogniser took it for a body's, and so is its surname with its particle ("De Vries"); "who" after a person's
description that ends in a body ("PC James Holloway, a collision investigator with Avon and Somerset Police, who
said") is the person; a body's remit listed with commas ("the Department for Culture, Media and Sport") and a
nation's word opening a body's name ("the British Airline Pilots' Association") stay in its name; "The player
himself" in narration is the player the article named; a description that speaks before its name ("the chief
executive said ... Anneke de Vries said", "The museum's director said ... Dr Imogen Searle said", "A coroner ...
the senior coroner, Maria Voisey, said") takes that name and keeps the description as the role; "It also said"
after "The communiqué said" is the communiqué."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a person's name the recogniser took for a body's --------------------------------------------------------------


@pytest.mark.slow
def test_a_name_set_off_after_a_persons_noun_is_a_person(extractor: AttributionExtractor) -> None:
    """ "TfGM's managing director, Caroline Sheard,": her surname alone later is hers, a person's."""
    text = (
        "TfGM's managing director, Caroline Sheard, said the authority had no choice. "
        '"Without this rise we would have to cut services," Sheard said.'
    )
    claims = extract(extractor, text)
    assert {(c.speaker.name, c.speaker.kind) for c in claims} == {("Caroline Sheard", "person")}


@pytest.mark.slow
def test_a_body_set_off_after_a_company_noun_stays_a_body(extractor: AttributionExtractor) -> None:
    """The control: "The maker, Kelvo Appliances," is a company's name after a company's noun."""
    claims = extract(extractor, "The maker, Kelvo Appliances, said it would recall 4,000 kettles.")
    assert one(claims, "recall").speaker.kind == "organisation"


@pytest.mark.slow
def test_a_name_with_a_particle_said_she_of_next_is_a_person(extractor: AttributionExtractor) -> None:
    """ "Anneke de Vries said ... “...,” she said": a body is "it"; "De Vries" alone later is hers too."""
    text = (
        "Anneke de Vries said demand had slowed in the second quarter. "
        '"This is a pause, not a reversal," she said.\n\n'
        "De Vries said the company's share of the market had risen slightly."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [
        ("Anneke de Vries", "person"),
        ("Anneke de Vries", "person"),
        ("Anneke de Vries", "person"),
    ]


# --- "who" after a person's description ending in a body ------------------------------------------------------------


@pytest.mark.slow
def test_who_after_a_description_ending_in_a_body_is_the_person(extractor: AttributionExtractor) -> None:
    text = (
        "The inquest heard from PC James Holloway, a collision investigator with Avon and Somerset Police, who said"
        " the lorry had been travelling at about 9 mph."
    )
    claim = one(extract(extractor, text), "9 mph")
    assert (claim.speaker.name, claim.speaker.kind) == ("James Holloway", "person")


@pytest.mark.slow
def test_which_after_a_body_stays_the_body(extractor: AttributionExtractor) -> None:
    """The control: "which" is said of the body ("..., which said")."""
    text = (
        "The report was written by Dana Cole, a researcher at the Halden Institute, which said the figures were"
        " provisional."
    )
    claim = one(extract(extractor, text), "provisional")
    assert claim.speaker.name != "Dana Cole"


# --- a body's name kept whole ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_remit_listed_with_commas_stays_in_the_name(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "The Department for Culture, Media and Sport said it had no plans to amend the act.")
    assert one(claims, "no plans").speaker.name == "Department for Culture, Media and Sport"


@pytest.mark.slow
def test_a_nation_word_opening_a_body_name_stays_in_it(extractor: AttributionExtractor) -> None:
    """ "represented by the British Airline Pilots' Association ... The association said": the whole name."""
    text = (
        "Pilots at the airline, who are represented by the British Airline Pilots' Association, settled their own"
        " pay claim in the autumn. The association said it had no plans to ballot its members again."
    )
    assert one(extract(extractor, text), "ballot").speaker.name == "British Airline Pilots' Association"


@pytest.mark.slow
def test_a_nation_describing_a_company_is_no_part_of_its_name(extractor: AttributionExtractor) -> None:
    """The control: "The German carmaker Volkswagen" is Volkswagen."""
    claims = extract(extractor, "The German carmaker Volkswagen said it would cut 3,000 jobs.")
    assert one(claims, "jobs").speaker.name == "Volkswagen"


# --- "The player himself" -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_player_himself_is_the_player_named(extractor: AttributionExtractor) -> None:
    """The lawyer spoke last, but "The player himself responded" makes the player the "he" who wrote."""
    text = (
        "The Croatian tennis player Luka Marić has lost his appeal, the court announced on Monday.\n\n"
        "His lawyer, Stefan Horvat, said his client was devastated. He said the team was considering an appeal.\n\n"
        'The player himself responded on Instagram several hours later. "I have never cheated," he wrote.'
    )
    assert one(extract(extractor, text), "never cheated").speaker.name == "Luka Marić"


# --- a description that speaks before its name -----------------------------------------------------------------------


@pytest.mark.slow
def test_the_chief_executive_in_the_lead_is_the_name_below(extractor: AttributionExtractor) -> None:
    text = (
        "Shares in Veltrix fell 9% on Wednesday, and the chief executive said customers were digesting last year's"
        " orders.\n\n"
        "Speaking on a call with analysts, Anneke de Vries said demand had slowed in the second quarter."
        ' "This is a pause, not a reversal," she said.'
    )
    claim = one(extract(extractor, text), "digesting")
    assert (claim.speaker.name, claim.speaker.role) == ("Anneke de Vries", "chief executive")


@pytest.mark.slow
def test_a_description_takes_the_bare_name_of_the_next_sentence(extractor: AttributionExtractor) -> None:
    text = (
        "Eight carved figures were handed back to Ghana on Friday.\n\n"
        "The museum's director said the return corrected a wrong. Speaking at the ceremony, Dr Imogen Searle said"
        " the figures had been looted."
    )
    assert one(extract(extractor, text), "corrected").speaker.name == "Imogen Searle"


@pytest.mark.slow
def test_groups_do_not_take_the_name_of_the_next_body(extractor: AttributionExtractor) -> None:
    """The control: "Environmental groups" are many; the trust after them is one of them, not their name."""
    text = (
        "The fire burned for three days.\n\n"
        "Environmental groups said the blaze showed how vulnerable the heath had become. The Sussex Wildlife Trust"
        " said nesting birds had been lost."
    )
    assert one(extract(extractor, text), "blaze").speaker.name != "Sussex Wildlife Trust"


@pytest.mark.slow
def test_a_coroner_in_the_lead_is_the_senior_coroner_named_below(extractor: AttributionExtractor) -> None:
    """Under a headline, the lead's "A coroner" and "the senior coroner, Maria Voisey," in the paragraph below."""
    text = (
        "Coroner warns over junction\n\n"
        "A coroner has concluded that the death of a cyclist was an accident, but said the junction was"
        ' "poorly designed".\n\n'
        "Recording the conclusion, the senior coroner, Maria Voisey, said the cyclist had been riding lawfully."
    )
    assert one(extract(extractor, text), "poorly designed").speaker.name == "Maria Voisey"


# --- "It" after a document that spoke --------------------------------------------------------------------------------


@pytest.mark.slow
def test_it_after_a_communique_is_the_communique(extractor: AttributionExtractor) -> None:
    text = (
        "The foreign ministers of Norway and Chile met in Oslo.\n\n"
        "The communiqué said both countries would work to end plastic leakage by 2040. It also said the two"
        " countries would share satellite data."
    )
    assert one(extract(extractor, text), "satellite").speaker.name == "communiqué"
