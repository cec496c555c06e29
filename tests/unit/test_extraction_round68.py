"""Attribution extraction, round 68 (hand-written UK local news, a wire roundup of governments' reactions, a health
study, a labour dispute with passive attributions, a police appeal, a sports interview): "It was confirmed by the
union that ..." and "..., it was announced by the company" are the union's and the company's words; "told a news
briefing that ..." reports the clause the parser made a relative clause of "briefing"."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

LEAD = "Talks broke down on Friday.\n\n"


@pytest.mark.slow
def test_it_was_confirmed_by_the_union_that(extractor: AttributionExtractor) -> None:
    text = "It was confirmed by the union that more than 900 members would take part in the action."
    claim = one(extract(extractor, LEAD + text), "900 members")
    assert claim.speaker.name == "union"
    assert claim.text == "more than 900 members would take part in the action"
    assert claim.kind == "indirect_quote"


@pytest.mark.slow
def test_it_was_reported_by_the_union_that(extractor: AttributionExtractor) -> None:
    text = "It was reported by the union that 87% of members who voted had backed strike action, on a turnout of 71%."
    claim = one(extract(extractor, LEAD + text), "87%")
    assert claim.speaker.name == "union"


@pytest.mark.slow
def test_it_was_announced_by_the_company_that_on_the_parse_of_a_relative_clause(
    extractor: AttributionExtractor,
) -> None:
    text = "It was announced by the company that talks would resume on Tuesday."
    claim = one(extract(extractor, LEAD + text), "would resume")
    assert claim.speaker.name == "company"
    assert claim.text == "talks would resume on Tuesday"


@pytest.mark.slow
def test_a_clause_then_it_was_announced_by_the_company(extractor: AttributionExtractor) -> None:
    text = "Talks are due to resume on Tuesday, it was announced by the company late on Friday."
    claim = one(extract(extractor, LEAD + text), "due to resume")
    assert claim.speaker.name == "company"
    assert claim.text == "Talks are due to resume on Tuesday"


@pytest.mark.slow
def test_one_told_by_another_in_the_passive_is_as_before(extractor: AttributionExtractor) -> None:
    """A passive with a subject of its own names who heard, not who spoke: nothing is attributed to the doctor."""
    text = "She was told by her doctor that the scan was clear."
    assert all(c.speaker.name != "doctor" for c in extract(extractor, LEAD + text))


@pytest.mark.slow
def test_it_was_said_with_no_one_saying_it_is_no_claim(extractor: AttributionExtractor) -> None:
    assert extract(extractor, LEAD + "It was said that the scan was clear.") == []


@pytest.mark.slow
def test_told_a_news_briefing_that(extractor: AttributionExtractor) -> None:
    text = (
        "Chinese foreign ministry spokesman Liu Wenbo told a regular news briefing that China's distant-water fleet"
        " operated in full compliance with international law."
    )
    claim = one(extract(extractor, LEAD + text), "full compliance")
    assert claim.speaker.name == "Liu Wenbo"
    assert claim.text.startswith("China's distant-water fleet operated")


@pytest.mark.slow
def test_told_reporters_that_is_as_before(extractor: AttributionExtractor) -> None:
    text = "Liu Wenbo told reporters that China's fleet operated in full compliance with international law."
    claim = one(extract(extractor, LEAD + text), "full compliance")
    assert claim.speaker.name == "Liu Wenbo"
