"""Attribution extraction, round 11 of fault-finding: an office written in capitals ("The Prime Minister said"), an
opening participle phrase the parser takes for the subject, a company known by its officers ("Veltrix chief
executive") or by the body a spokesperson spoke for ("the authority"), "the UN agency" after the body just named,
"forecast that", and interviews (whom "we spoke to", and an answer that runs on into the next paragraph)."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- offices and participles ---------------------------------------------------------------------------------------


def test_an_office_in_capitals_is_the_person_the_article_gave_it(extractor: AttributionExtractor) -> None:
    text = (
        "The Chancellor, Marguerite Olden, visited the border post at Dunmere on Monday.\n\n"
        "The Chancellor said the new checks would stay in place until the spring."
    )
    claim = one(extract(extractor, text), "new checks would stay")
    assert claim.speaker.name == "Marguerite Olden"
    assert claim.speaker.kind == "person"


def test_an_office_in_capitals_nobody_holds_stays_the_office(extractor: AttributionExtractor) -> None:
    text = "The Chancellor said taxes on fuel would rise in April."
    claim = one(extract(extractor, text), "taxes on fuel")
    assert claim.speaker.name == "Chancellor"
    assert claim.speaker.kind == "person"


def test_an_opening_participle_phrase_is_not_the_speaker(extractor: AttributionExtractor) -> None:
    text = (
        "Opening Treasury Questions, the Shadow Chancellor, Rhys Colbert, said the budget would raise fares for "
        "millions of commuters."
    )
    claim = one(extract(extractor, text), "raise fares")
    assert claim.speaker.name == "Rhys Colbert"


def test_a_participle_phrase_parsed_apart_keeps_its_speaker(extractor: AttributionExtractor) -> None:
    text = "Speaking on Monday, Mayor Ana Ruiz said the park would reopen in May."
    assert one(extract(extractor, text), "park would reopen").speaker.name == "Ana Ruiz"


# --- organisations known by their officers and by their umbrella ---------------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "Veltrix chief executive Ona Marsh said the results showed the turnaround was working.",
        "Orlando Pryce, chief executive of Veltrix, said the results showed the turnaround was working.",
    ],
)
def test_the_company_a_speaker_leads_is_the_company_meant_next(extractor: AttributionExtractor, lead: str) -> None:
    text = f"{lead}\n\nQuarterly profit rose 8 percent to 410 million crowns, according to the company."
    claim = one(extract(extractor, text), "Quarterly profit")
    assert claim.speaker.name == "Veltrix"
    assert claim.speaker.kind == "organisation"


def test_an_analysts_bank_is_not_the_company_meant_next(extractor: AttributionExtractor) -> None:
    text = (
        "Halmar Shipping said its quarterly profit fell by a third. "
        "Ilse Brandt, an analyst at Corvo Bank, said the fall had been expected.\n\n"
        "The company added that it would cut 200 jobs."
    )
    assert one(extract(extractor, text), "cut 200 jobs").speaker.name == "Halmar Shipping"


def test_the_un_agency_is_the_body_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "The World Food Programme said it had run out of money for rations in two camps. "
        "The UN agency said another 40,000 people would go hungry from March."
    )
    assert one(extract(extractor, text), "go hungry").speaker.name == "World Food Programme"


def test_a_country_before_the_agency_names_another_body(extractor: AttributionExtractor) -> None:
    text = "The World Food Programme said rations had run out. The US agency said it had sent 20 tonnes of grain."
    assert one(extract(extractor, text), "20 tonnes").speaker.name == "US agency"


# --- forecasts -----------------------------------------------------------------------------------------------------


def test_forecast_with_a_clause_reports_a_claim(extractor: AttributionExtractor) -> None:
    text = (
        "Analysts at Brontide Research cut their targets on Monday. Their lead analyst, Nadia Okoro, forecast that "
        "the chipmaker would lose market share in 2027."
    )
    claim = one(extract(extractor, text), "lose market share")
    assert claim.speaker.name == "Nadia Okoro"
    assert claim.cue == "forecast"


def test_forecast_with_an_object_reports_nothing(extractor: AttributionExtractor) -> None:
    text = "The fund forecast growth of 2 percent for the region next year."
    assert extract(extractor, text) == []


# --- interviews ----------------------------------------------------------------------------------------------------


_INTRO = (
    "Pelle Sandvik has run the Hallan ferry line since 2015. Her predecessor, Jonas Brekke, now sits on the board "
    "of a rival. We spoke to Sandvik in her office at the harbour.\n\n"
)


def test_the_answers_are_whom_the_paper_spoke_to(extractor: AttributionExtractor) -> None:
    text = _INTRO + "Q: Will fares rise this winter?\n\nA: Yes, by about 5 percent. Fuel has gone up and so have wages."
    assert one(extract(extractor, text), "Fuel has gone up").speaker.name == "Pelle Sandvik"


def test_the_answers_are_who_spoke_to_the_paper(extractor: AttributionExtractor) -> None:
    text = (
        "Pelle Sandvik spoke to the Harbour Courier a week after her predecessor, Jonas Brekke, joined a rival.\n\n"
        "Q: Will fares rise this winter?\n\nA: Yes, by about 5 percent. Fuel has gone up and so have wages."
    )
    assert one(extract(extractor, text), "Fuel has gone up").speaker.name == "Pelle Sandvik"


def test_an_answer_runs_on_into_a_first_person_paragraph(extractor: AttributionExtractor) -> None:
    text = (
        _INTRO + "Q: Will fares rise this winter?\n\nA: Yes, by about 5 percent.\n\n"
        "Fuel has gone up and so have wages. We cannot run the boats at a loss.\n\nQ: And in summer?"
    )
    claims = extract(extractor, text)
    more = one(claims, "run the boats at a loss")
    assert more.speaker.name == "Pelle Sandvik"
    assert more.text.startswith("Fuel has gone up")


@pytest.mark.parametrize(
    "note",
    [
        "Sandvik will step down next year. The interview has been edited for length.",
        "We will publish the second part of our interview with Sandvik next week.",
    ],
)
def test_a_note_after_the_answers_is_no_answer(extractor: AttributionExtractor, note: str) -> None:
    text = _INTRO + "Q: Will fares rise this winter?\n\nA: Yes, by about 5 percent.\n\n" + note
    assert not [c for c in extract(extractor, text) if "next" in c.text]


_PORT = (
    "Veltrix said quarterly profit rose 8 percent.\n\n"
    "A spokeswoman for the Lisbon port authority, Rita Maia, said ships were waiting outside the harbour. "
)


def test_the_body_a_spokesperson_spoke_for_is_the_description_after_them(extractor: AttributionExtractor) -> None:
    text = _PORT + "The authority added that berths would reopen on Friday."
    claim = one(extract(extractor, text), "berths would reopen")
    assert claim.speaker.name == "Lisbon port authority"
    assert claim.speaker.kind == "organisation"


def test_a_body_of_another_kind_is_not_the_company(extractor: AttributionExtractor) -> None:
    text = (
        _PORT + "The authority added that berths would reopen on Friday.\n\nThe company said it would pay a dividend."
    )
    assert one(extract(extractor, text), "pay a dividend").speaker.name == "Veltrix"
