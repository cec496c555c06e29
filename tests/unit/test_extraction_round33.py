"""Attribution extraction, round 33 (writing styles): "informed" reports what it tells ("informed the House that
...", Indian English's "further informed that ..."); "Shri", "Smt", "Alhaji" and "Alhaja" are honorifics, no part
of a name; a cue after a closing quotation that the parser joined to the quoted verb ("“..., and they believed
me,” the 52-year-old said") still finds its speaker before it; "It's fair to say ..." is no one's claim, so an
interview answer that opens so is the interviewee's."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Health minister Ravi Menon informed the assembly that 400 new beds had been added.", "400 new beds",
         "Ravi Menon"),
        ("Director Laura Finch informed the staff that the office would close in June.", "the office would close",
         "Laura Finch"),
        ("The new bridge will open in June, Transport Minister Asha Rao informed the House on Monday.",
         "The new bridge will open in June", "Asha Rao"),
        ("Transport Minister Asha Rao spoke in the House. She further informed that tolls would be scrapped.",
         "tolls would be scrapped", "Asha Rao"),
    ],
)  # fmt: skip
def test_informed_reports_what_it_tells(extractor: AttributionExtractor, text: str, words: str, name: str) -> None:
    """ "informed X that ...": as "told X that ..." does, the verb reports the clause, before or after it."""
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == name
    assert claim.speaker.kind == "person"


@pytest.mark.parametrize(
    "text",
    [
        "Police informed relatives of the victims on Tuesday.",
        "She was informed that her contract had ended.",
        "The hospital informed the police and the coroner.",
    ],
)
def test_informed_without_a_speaker_or_clause_claims_nothing(extractor: AttributionExtractor, text: str) -> None:
    """Control: informing someone of something, or being informed, reports no clause anyone said."""
    assert extract(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shri Anil Mehta said the scheme would be extended to all districts.", "Anil Mehta"),
        ("Smt. Kavita Joshi said the scheme would be extended to all districts.", "Kavita Joshi"),
        ("Alhaji Sani Bello said the scheme would be extended to all districts.", "Sani Bello"),
        ("Alhaja Kudirat Lawal said the scheme would be extended to all districts.", "Kudirat Lawal"),
        ("The candidate, Alhaji Sani Bello, said the scheme would be extended to all districts.", "Sani Bello"),
    ],
)
def test_indian_and_nigerian_honorifics_are_no_part_of_the_name(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """ "Shri", "Smt", "Alhaji", "Alhaja" are courtesy styles like "Mr" and "Hon": the source is the person."""
    claim = one(extract(extractor, text), "would be extended")
    assert claim.speaker.name == name
    assert claim.speaker.kind == "person"


def test_a_later_reference_finds_the_name_without_its_honorific(extractor: AttributionExtractor) -> None:
    text = (
        "Union Minister Shri Anil Mehta said the scheme would be extended to all districts. "
        '"The wastage will come down," the minister said. Mehta said funds had been sanctioned.'
    )
    claims = extract(extractor, text)
    assert {one(claims, w).speaker.name for w in ("would be extended", "wastage", "funds had")} == {"Anil Mehta"}


@pytest.mark.parametrize(
    ("quote", "description"),
    [
        ("We were still in it, and they believed me", "the 52-year-old"),
        ("At half-time I told them we were still in it, and they believed me", "the 52-year-old"),
        ("We were still in it, and they believed me", "the veteran"),
    ],
)
def test_a_cue_after_a_quote_the_parser_joined_to_it_keeps_its_speaker(
    extractor: AttributionExtractor, quote: str, description: str
) -> None:
    """ "“..., and they believed me,” the 52-year-old said": the parser may make "said" a conjunct of the quoted
    verb; the quoted "we" is no speaker, and the words right before the verb are."""
    text = f'Harlow manager Steve Dunn said his side had shown real character. "{quote}," {description} said.'
    claim = one(extract(extractor, text), "they believed me")
    assert claim.speaker.name == "Steve Dunn"


@pytest.mark.parametrize(
    "text",
    [
        "It's fair to say the new timetable has not worked.",
        "It is important to note that the figures are provisional.",
        "It is safe to say the new timetable has not worked.",
    ],
)
def test_it_is_fair_to_say_is_no_ones_claim(extractor: AttributionExtractor, text: str) -> None:
    """The "it" of "it is fair to say" holds the place of the infinitive: no one is said to say anything."""
    assert [c for c in extract(extractor, text) if c.speaker.name.lower() == "it"] == []


def test_an_answer_opening_with_fair_to_say_is_the_interviewees(extractor: AttributionExtractor) -> None:
    text = (
        "Diane Forsyth runs the county's highways department. She spoke to the Gazette.\n\n"
        "Q: The county has the worst roads in the region, according to the RAC. Is that fair?\n\n"
        "A: It's fair to say our roads are in a poor state. The surface just breaks up.\n\n"
        "Q: Will it get better?\n\n"
        "A: Some of that criticism is justified, but we are fixing whole stretches now."
    )
    claims = extract(extractor, text)
    assert one(claims, "our roads are in a poor state").speaker.name == "Diane Forsyth"
    assert one(claims, "Some of that criticism").speaker.name == "Diane Forsyth"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Okafor said it was fair to add that the team had improved.", "it was fair to add", "Okafor"),
        ("The agency said it was pleased to report that arrivals had risen.", "arrivals had risen", "The agency"),
    ],
)
def test_a_speaker_glad_to_say_still_says_it(extractor: AttributionExtractor, text: str, words: str, name: str) -> None:
    """Control: a subject that is someone ("quick to say", "pleased to report") still speaks."""
    claim = one(extract(extractor, text), words)
    assert name.lower() in claim.speaker.mention.lower() or claim.speaker.name == name


@pytest.mark.parametrize(
    ("lead", "words", "name"),
    [
        ("NEW DELHI: The ministry will build 50 cold storage units this year, Union Minister Ravindra Kulkarni "
         "informed the Lok Sabha on Wednesday.", "The ministry will build 50 cold storage units", "Ravindra Kulkarni"),
        ("CHENNAI: Tamil Nadu will get 200 new buses, transport minister Meena Pillai said on Monday.",
         "Tamil Nadu will get 200 new buses", "Meena Pillai"),
    ],
)  # fmt: skip
def test_a_colon_dateline_is_no_part_of_the_first_sentence(
    extractor: AttributionExtractor, lead: str, words: str, name: str
) -> None:
    """ "NEW DELHI: ...": the Indian press's dateline is set off by a colon; the parser must read the sentence
    after it, and the claim holds none of it."""
    text = f"Centre to set up new units\n\n{lead}\n\nThe opposition said the plan was inadequate."
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == name
    assert claim.text.startswith(words)


def test_transcript_speakers_in_capitals_are_no_dateline(extractor: AttributionExtractor) -> None:
    """Control: a transcript's speakers open several paragraphs with capitals and a colon; each still speaks."""
    text = (
        "Council leader Martin Reid and Diane Forsyth, who runs highways, spoke to the Gazette.\n\n"
        "REID: We will have to look at every option. No decision has been taken yet.\n\n"
        "FORSYTH: What I can say is that highways will be protected whatever happens.\n\n"
        "REID: The budget will be set in February."
    )
    claims = extract(extractor, text)
    assert one(claims, "look at every option").speaker.name == "Martin Reid"
    assert one(claims, "highways will be protected").speaker.name == "Diane Forsyth"
    assert one(claims, "set in February").speaker.name == "Martin Reid"
