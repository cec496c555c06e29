"""Attribution extraction, round 37: a headline's "tells MPs bonuses were earned" is told to MPs, not about "MPs
bonuses"; "Environmental group Green Mekong" is a body though its first word is also a given name; a person the
narration gave a role before they spoke ("Under questioning from committee chair Alistair Carmichael") keeps it
when they speak by surname, and a title that is the last word of that role is not written twice."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.speaker_roles import join_roles
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "content"),
    [
        ('Water boss tells MPs bonuses were "earned" despite sewage spills', "earned", "bonuses were"),
        ("Police chief tells MPs officers were overwhelmed on the night", "overwhelmed", "officers were"),
        ("Minister tells peers the ban will go ahead in September", "go ahead", "the ban will"),
    ],
)  # fmt: skip
def test_headline_listener_is_not_the_told_clause(
    extractor: AttributionExtractor, text: str, words: str, content: str
) -> None:
    """ "tell" always has someone it tells: a listener noun right after it, which the parser made a modifier of the
    told clause's subject ("MPs bonuses"), is the one told, so the claim starts at the clause's own subject."""
    claim = one(extract(extractor, text), words)
    assert claim.text.startswith(content), claim.text


def test_listener_object_unchanged(extractor: AttributionExtractor) -> None:
    """Control: with the listener parsed as the object ("told MPs the ban ..."), the claim was already right."""
    claim = one(extract(extractor, "The minister told MPs the ban would go ahead."), "go ahead")
    assert claim.text.startswith("the ban")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Environmental group Green Mekong warned that wind farms must not damage fishing grounds.", "Green Mekong"),
        ("Conservation charity Grace Meadows said the hedgerows had been cut too early.", "Grace Meadows"),
    ],
)  # fmt: skip
def test_described_body_kind_before_given_name_is_a_body(extractor: AttributionExtractor, text: str, name: str) -> None:
    """A body's noun, itself described ("environmental group"), written as a modifier of the name, makes the name a
    body's, even when its first word is also a given name ("Green", "Grace"): no person is "an environmental
    group"."""
    speaker = extract(extractor, text)[0].speaker
    assert speaker.name == name
    assert speaker.kind == "organisation"


def test_campaigner_before_a_name_stays_a_person(extractor: AttributionExtractor) -> None:
    """Control: "Environmental campaigner" is a person's noun, so the name after it is a person's."""
    speaker = extract(extractor, "Environmental campaigner Grace Mills said the river was dying.")[0].speaker
    assert speaker.name == "Grace Mills"
    assert speaker.kind == "person"


def test_role_given_by_narration_is_kept_when_the_person_speaks(extractor: AttributionExtractor) -> None:
    """The role the narration wrote before a person's name, where they did not yet speak, is still theirs when
    they speak by surname later."""
    text = (
        "Under questioning from committee chair Alistair Carmichael, Dobson admitted that the company had missed "
        "its target.\n\nCarmichael said the public would find the bonuses impossible to understand."
    )
    speaker = one(extract(extractor, text), "impossible to understand").speaker
    assert speaker.name == "Alistair Carmichael"
    assert speaker.role == "committee chair"


def test_role_of_another_person_is_not_borrowed(extractor: AttributionExtractor) -> None:
    """Control: a role the narration gave one person is never given to another who speaks."""
    text = "The bill was backed by Health Secretary Wes Streeting.\n\nLucy Harding said the public would be angry."
    assert one(extract(extractor, text), "the public would be angry").speaker.role is None


def test_join_roles_keeps_the_longer_of_a_title_and_its_role() -> None:
    """ "chair" and "committee chair" are one role; two different roles are both kept."""
    assert join_roles("chair", "committee chair") == "committee chair"
    assert join_roles("Chair", "chair") == "chair"
    assert join_roles("chief executive", "founder") == "chief executive, founder"
    assert join_roles(None, "founder") == "founder"
    assert join_roles(None, None) is None


@pytest.mark.parametrize(
    ("text", "words", "end", "inner", "inner_speaker"),
    [
        (
            'Its chief executive, Laura Benn, said in March that the company was "not for sale at any price," a '
            "remark analysts said was aimed at pushing up the value of any bid.",
            "not for sale", "any price", "pushing up the value", "analysts",
        ),
        (
            "Mr Reyes told the court he had never met the buyer, an assertion prosecutors said was false.",
            "never met the buyer", "the buyer", "was false", "prosecutors",
        ),
        (
            "The mayor said the bridge would open in May, a promise critics said she could not keep.",
            "the bridge would open", "in May", "could not keep", "critics",
        ),
    ],
)  # fmt: skip
def test_writers_comment_after_the_claim_is_no_part_of_it(
    extractor: AttributionExtractor, text: str, words: str, end: str, inner: str, inner_speaker: str
) -> None:
    """ "..., a remark analysts said ...": a noun for a statement with "a" or "an", set after what was said with a
    comma, is the writer's word on it: the claim ends before it, and the noun is no part of the next speaker."""
    claims = extract(extractor, text)
    claim = one(claims, words)
    assert "remark" not in claim.text and "assertion" not in claim.text and "promise" not in claim.text
    assert claim.text.rstrip(",\"'”").endswith(end), claim.text
    assert one(claims, inner).speaker.name == inner_speaker


def test_statement_noun_inside_a_name_or_the_claim_unchanged(extractor: AttributionExtractor) -> None:
    """Controls: "A claim adjuster" is one person's noun; "a city he loves" is no word on a statement."""
    assert one(extract(extractor, "A claim adjuster said the roof had collapsed."), "roof").speaker.name == (
        "claim adjuster"
    )
    claim = one(extract(extractor, "He said the trip would take in Paris, a city he loves."), "Paris")
    assert claim.text.endswith("a city he loves")


@pytest.mark.parametrize(
    ("text", "outer", "speaker"),
    [
        (
            "Royal commentator Jennie Bond said the announcement suggested the princess's recovery was taking longer "
            "than hoped.",
            "the announcement suggested", "Jennie Bond",
        ),
        (
            "Analysts said the move signalled that the bank was worried about inflation.",
            "the move signalled", "Analysts",
        ),
    ],
)  # fmt: skip
def test_thing_suggesting_inside_a_claim_is_the_speakers_reading(
    extractor: AttributionExtractor, text: str, outer: str, speaker: str
) -> None:
    """Inside what someone said, a thing that "suggests" or "signals" something is that speaker's reading of it:
    one claim, the speaker's, and none of the thing's."""
    claims = extract(extractor, text)
    assert len(claims) == 1, [(c.speaker.name, c.text) for c in claims]
    assert claims[0].text.startswith(outer)
    assert claims[0].speaker.name == speaker


def test_person_suggesting_inside_a_claim_still_speaks(extractor: AttributionExtractor) -> None:
    """Control: a person's noun that suggests something inside a claim ("his lawyer suggested") still speaks."""
    claims = extract(extractor, "Smith said his lawyer suggested that he plead guilty.")
    assert any(c.speaker.name == "lawyer" for c in claims)


def test_capitalised_word_before_a_body_kind_opening_the_sentence_is_no_person(
    extractor: AttributionExtractor,
) -> None:
    """ "Lobby group Trenholm Forum said": the opening word and the body's noun say what kind of body the name is;
    the recogniser's person "Lobby" is no speaker, and a later "the group" is the body."""
    text = "Lobby group Trenholm Forum said the tax would hurt farmers. The group said it would protest."
    claims = extract(extractor, text)
    for words in ("hurt farmers", "would protest"):
        speaker = one(claims, words).speaker
        assert speaker.name == "Trenholm Forum"
        assert speaker.kind == "organisation"


def test_group_leader_before_a_name_stays_a_person(extractor: AttributionExtractor) -> None:
    """Control: "Labour group leader Grace Mills" is a person whose role holds a body's noun."""
    speaker = extract(extractor, "Labour group leader Grace Mills said the vote was lost.")[0].speaker
    assert speaker.name == "Grace Mills"
    assert speaker.kind == "person"
