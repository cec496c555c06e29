"""Attribution extraction, round 66 (hand-written wire story on a rate rise, a Q&A interview write-up, an
Indian-English Lok Sabha report, a football club sacking its coach, a tech story citing trackers and research firms,
a coral-reef study): "..., data from research firm Canalview showed on Wednesday, as ..." reports the clause before
it; "according to X" between a clause and a ", but ..." qualifies the clause before; "Outside Parliament, Chief
Minister N. Suresh Gowda said" is Gowda's; "Smt." ends no sentence; a club's name opening on "Atlético" / "Vitória"
is a body's, so "The club said" is that club; "The tracking site also found" is the site named "the tracking site
AppPulse"; "until it reported" ends no claim as a cue; "..., Union Minister Dr. P. Venkatesan informed the Lok
Sabha" with the name hung on the clause's last noun; "demanded that ..." reports a demand."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

LEAD = "The figures were published on Monday.\n\n"


@pytest.mark.slow
def test_a_clause_then_data_from_a_firm_showed(extractor: AttributionExtractor) -> None:
    """The cue after the clause has no object of its own: the clause before its comma is what the data showed."""
    text = (
        "Global smartphone shipments fell 4% in the third quarter to 281 million units, data from research firm"
        " Canalview showed on Wednesday, as higher memory-chip prices pushed up the cost of mid-range handsets."
    )
    claim = one(extract(extractor, LEAD + text), "281 million units")
    assert claim.speaker.name == "Canalview"
    assert claim.speaker.kind == "organisation"
    assert claim.text.startswith("Global smartphone shipments")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The video showed police officers arriving at the house.",
        "Sales rose, and the figures showed a rebound in the spring.",
    ],
)
def test_show_with_an_object_or_no_maker_reports_nothing(extractor: AttributionExtractor, text: str) -> None:
    assert extract(extractor, LEAD + text) == []


@pytest.mark.slow
def test_according_to_before_but_qualifies_the_clause_before(extractor: AttributionExtractor) -> None:
    text = (
        "Annual inflation eased slightly to 31.4% in October, according to the National Bureau of Statistics, but"
        " food prices rose 38% from a year earlier."
    )
    claim = one(extract(extractor, LEAD + text), "31.4%")
    assert claim.speaker.name == "National Bureau of Statistics"
    assert "food prices" not in claim.text


@pytest.mark.slow
def test_according_to_before_a_clause_of_its_own_is_as_before(extractor: AttributionExtractor) -> None:
    text = "In October, according to the National Bureau of Statistics, food prices rose 38% from a year earlier."
    claim = one(extract(extractor, LEAD + text), "food prices rose")
    assert claim.speaker.name == "National Bureau of Statistics"


@pytest.mark.slow
def test_a_fronted_place_on_a_capitalised_preposition_is_no_speaker(extractor: AttributionExtractor) -> None:
    text = "Outside Parliament, Chief Minister N. Suresh Gowda said his government would cooperate with the tribunal."
    claim = one(extract(extractor, LEAD + text), "cooperate with the tribunal")
    assert claim.speaker.name == "N. Suresh Gowda"
    assert claim.speaker.kind == "person"
    assert (claim.speaker.role or "").lower() == "chief minister"


@pytest.mark.slow
def test_a_courtesy_style_with_a_full_stop_keeps_the_office(extractor: AttributionExtractor) -> None:
    text = (
        "Minister of State for Water Resources Smt. R. Deepa Nair said the Centre had already released Rs 1,200"
        " crore for drip irrigation."
    )
    claim = one(extract(extractor, LEAD + text), "drip irrigation")
    assert claim.speaker.name == "R. Deepa Nair"
    assert "water resources" in (claim.speaker.role or "").lower()


@pytest.mark.slow
def test_a_club_named_by_its_first_word_is_a_body_and_the_club(extractor: AttributionExtractor) -> None:
    text = (
        "Atlético Sur have sacked head coach Javier Molina after a 3-0 derby defeat left the club second from"
        " bottom.\n\nThe club said in a statement that the decision had been taken with great regret.\n\nIn a"
        " second statement, Atlético Sur said it had opened talks with two candidates."
    )
    claims = extract(extractor, LEAD + text)
    for words in ("great regret", "opened talks"):
        claim = one(claims, words)
        assert claim.speaker.name == "Atlético Sur"
        assert claim.speaker.kind == "organisation"


@pytest.mark.slow
def test_a_sporting_director_stays_a_person(extractor: AttributionExtractor) -> None:
    text = "Sporting director Ana Ruiz said the club would sign two players in January."
    claim = one(extract(extractor, LEAD + text), "two players")
    assert claim.speaker.name == "Ana Ruiz"
    assert claim.speaker.kind == "person"


@pytest.mark.slow
def test_the_words_written_before_a_name_mean_it_later(extractor: AttributionExtractor) -> None:
    text = (
        "Downloads of the Zephyr messaging app tripled in the week after the company removed its waiting list,"
        " according to the tracking site AppPulse. The tracking site also found that more than half of the new users"
        " were in Brazil and Indonesia."
    )
    claim = one(extract(extractor, LEAD + text), "Brazil and Indonesia")
    assert claim.speaker.name == "AppPulse"


@pytest.mark.slow
def test_a_verb_of_saying_in_a_clause_of_time_ends_no_claim(extractor: AttributionExtractor) -> None:
    text = (
        "Pressed on whether any officers would face discipline, she answered that an independent investigation was"
        " still under way and that she could not comment until it reported."
    )
    claim = one(extract(extractor, LEAD + text), "investigation was still under way")
    assert claim.text.endswith("until it reported")
    assert claim.cue == "answered"


@pytest.mark.slow
def test_a_speaker_hung_on_the_clause_as_an_apposition(extractor: AttributionExtractor) -> None:
    text = (
        "The Centre will constitute a tribunal within three months to adjudicate the dispute over the sharing of the"
        " Tungavati river's waters between two southern States, Union Minister for Water Resources Dr. P."
        " Venkatesan informed the Lok Sabha on Thursday."
    )
    claim = one(extract(extractor, LEAD + text), "constitute a tribunal")
    assert claim.speaker.name == "P. Venkatesan"
    assert "minister" in (claim.speaker.role or "").lower()
    assert claim.text.endswith("two southern States")


@pytest.mark.slow
def test_demanded_that_reports_a_demand(extractor: AttributionExtractor) -> None:
    text = (
        "Smt. Lalitha Iyer, MP from Kanakapura North, demanded that farmers' representatives be given a place at"
        " the tribunal's hearings."
    )
    claim = one(extract(extractor, LEAD + text), "farmers' representatives")
    assert claim.speaker.name == "Lalitha Iyer"


@pytest.mark.slow
def test_demanded_with_an_object_reports_nothing(extractor: AttributionExtractor) -> None:
    assert extract(extractor, LEAD + "The union demanded a 10% pay rise for its members.") == []


@pytest.mark.slow
def test_an_office_and_name_hung_on_the_clause_before_said(extractor: AttributionExtractor) -> None:
    """The parser joins the name to the office ("Union Minister ... Dr. P. Venkatesan"), the office to the clause's
    last noun: both are the speaker's words, out of the claim."""
    text = "The Centre will set up a tribunal, Union Minister for Water Resources Dr. P. Venkatesan said on Thursday."
    claim = one(extract(extractor, LEAD + text), "set up a tribunal")
    assert claim.text == "The Centre will set up a tribunal"
    assert claim.speaker.name == "P. Venkatesan"
    assert "minister" in (claim.speaker.role or "").lower()
