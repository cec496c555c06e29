"""Attribution extraction, round 67 (hand-written web article with a pull quote, an obituary, an election-night
report, a product recall, a court appeal, a business story in the conditional): a quote set again as a pull quote
is one claim; "said in a notice posted Tuesday that ..." reports the clause the parser hung on "posted"; "said
swings of this size rarely held at ..." reports the clause with an adverb before its past tense; "said counting
there would resume" reports the clause whose subject the parser made the complement of "said"; a later "the court"
does not take "Fourth District Court" for the whole name "the Fourth District Court of Appeal"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, ExtractedClaim, ExtractedSpeaker
from extraction.model import Stance
from extraction.pipeline import said_once
from tests.unit.extraction_helpers import extract, one

LEAD = "The figures were published on Monday.\n\n"
QUOTE = "We are not closing libraries because we want to, we are closing them because the roofs are falling in"


@pytest.mark.slow
def test_a_pull_quote_is_one_claim_where_it_first_appears(extractor: AttributionExtractor) -> None:
    text = (
        "Councillor Priya Raman said the authority could not justify the cost.\n\n"
        f'"{QUOTE}," Raman said.\n\n'
        f'"{QUOTE}."\n\n'
        "She said a mobile library would visit each area twice a week."
    )
    claim = one(extract(extractor, text), "roofs are falling in")
    assert claim.speaker.name == "Priya Raman"
    assert claim.span[0] < text.index(f'"{QUOTE}."')


def _claim(text: str, speaker: str, start: int, stance: Stance = "asserts") -> ExtractedClaim:
    who = ExtractedSpeaker(name=speaker, kind="person", mention=speaker, mention_span=None)
    return ExtractedClaim(
        text=text,
        span=(start, start + len(text)),
        cue="said",
        cue_span=None,
        kind="direct_quote",
        confidence=0.9,
        speaker=who,
        stance=stance,
    )


def test_said_once_keeps_the_first_of_the_same_words_from_the_same_speaker() -> None:
    first, repeat = (
        _claim("Roofs are falling in", "Priya Raman", 10),
        _claim("Roofs are falling in.", "Priya Raman", 90),
    )
    assert said_once([first, repeat]) == [first]


def test_said_once_keeps_the_same_words_from_another_speaker_or_stance() -> None:
    raman = _claim("The plan is dead", "Priya Raman", 10)
    pryce = _claim("The plan is dead", "Gareth Pryce", 60)
    denied = _claim("The plan is dead", "Priya Raman", 120, stance="denies")
    assert said_once([raman, pryce, denied]) == [raman, pryce, denied]


@pytest.mark.slow
def test_said_in_a_notice_posted_on_a_day_that(extractor: AttributionExtractor) -> None:
    text = (
        "The agency said in a notice posted Tuesday that it had received 37 reports of batteries overheating,"
        " including four that caused minor burns."
    )
    claim = one(extract(extractor, LEAD + text), "37 reports")
    assert claim.speaker.name == "agency"
    assert claim.text.startswith("it had received")


@pytest.mark.slow
def test_said_in_a_statement_released_on_a_day_is_as_before(extractor: AttributionExtractor) -> None:
    text = "The company said in a statement released on Monday that it had stopped sales of the heater."
    claim = one(extract(extractor, LEAD + text), "stopped sales")
    assert claim.text.startswith("it had stopped")


@pytest.mark.slow
def test_said_a_clause_with_an_adverb_before_its_past_tense(extractor: AttributionExtractor) -> None:
    text = (
        "Polling expert Professor Lena Marsh, of Westbridge University, said by-election swings of this size"
        " rarely held at a general election."
    )
    claim = one(extract(extractor, LEAD + text), "rarely held")
    assert claim.speaker.name == "Lena Marsh"
    assert claim.text.startswith("by-election swings")


@pytest.mark.slow
def test_said_a_prayer_rarely_heard_is_no_claim(extractor: AttributionExtractor) -> None:
    """A participle with the "by" of a passive qualifies the object: one says a prayer, no clause."""
    text = "The priest said a prayer rarely heard by visitors before the service began."
    assert extract(extractor, LEAD + text) == []


@pytest.mark.slow
def test_said_a_gerund_subject_then_its_clause(extractor: AttributionExtractor) -> None:
    text = (
        "Election officials in the neighbouring district of Coldbrook, where a council by-election was held on the"
        " same day, said counting there would resume at 9 a.m. on Friday."
    )
    claim = one(extract(extractor, LEAD + text), "would resume")
    assert claim.speaker.name.startswith("Election officials")
    assert claim.text.startswith("counting there")


@pytest.mark.slow
def test_said_a_gerund_subject_without_an_adverb_is_as_before(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, LEAD + "Officials said counting would resume on Friday."), "would resume")
    assert claim.text.startswith("counting would")


@pytest.mark.slow
def test_the_court_is_not_a_name_cut_before_of(extractor: AttributionExtractor) -> None:
    text = (
        "In a 2-1 decision, the three-judge panel of the Fourth District Court of Appeal said the jury had been"
        " entitled to believe the employee.\n\n"
        'On damages, the court found that the award was "large but not irrational" given the cost of new wells.'
    )
    claim = one(extract(extractor, text), "not irrational")
    assert claim.speaker.name != "Fourth District Court"
