"""Attribution extraction, round 49: fact-check articles and claim round-ups. A subject that names no one ("No
minister has said that ...", "Nobody claimed ...") and a verb of saying kept from happening ("banned presenters from
saying ...", "refrained from claiming ...") store nothing, as "did not say" stores nothing; a check's section labels
("Verdict: False", "Claim: ...") are no transcript speakers; "said at the time that ..." reports the clause the parser
hung on "time"; "implied that ..." reports what was implied; a relative clause of saying hung on a date ("a release
from Voltaro on 12 October, which said ...") is said by the noun before the date; and a past tense after the object
of "said" and its "on" phrase ("said the focus on hotels distracted from ...") is the reported clause; a relative
clause the parser hung on the first of two roles before a name ("the actor and presenter Tom Beckford, who wrote")
is the name's; and a reported clause's subject the parser hung on "said" ("said ambulance response times for the
most serious calls were ...") opens the content."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- no one said it --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No minister has said that the plan will go ahead.",
        "Nobody said that the plan was dead.",
        "No one at the ministry claimed the scheme had failed.",
        "None of the ministers claimed the plan was dead.",
        "This was widely reported as a government plan. It is not: no department has announced one.",
    ],
)
def test_a_subject_that_names_no_one_says_nothing(extractor: AttributionExtractor, text: str) -> None:
    """A subject with "no", "nobody" or "none" says that no one made the statement: nothing to store."""
    assert extract(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("A No 10 spokesman said the government would bring forward legislation.", "bring forward", "No 10 spokesman"),
        ("The minister said no decision had been taken.", "no decision had been taken", "minister"),
        ('"No one is safe," she said.', "No one is safe", "she"),
    ],
)
def test_a_no_elsewhere_leaves_the_claim(extractor: AttributionExtractor, text: str, words: str, speaker: str) -> None:
    """Controls: Downing Street's "No 10", a "no" inside the content or inside the quotation."""
    assert one(extract(extractor, text), words).speaker.name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The court barred the company from saying that its product cured cancer.",
        "The regulator banned the firm from claiming its pills were safe.",
        "He was stopped from saying the plan was dead.",
        'A post claiming that the BBC had banned presenters from saying "Christmas" has been shared thousands of times.',
    ],
)
def test_a_saying_kept_from_happening_says_nothing(extractor: AttributionExtractor, text: str) -> None:
    """ "banned X from saying ...": the saying did not happen, and the one who banned it did not say it."""
    assert not [c for c in extract(extractor, text) if c.speaker.name in {"court", "regulator", "He", "BBC"}]


def test_a_refrained_saying_leaves_what_was_said(extractor: AttributionExtractor) -> None:
    text = "She refrained from saying that the plan was dead, but said it was in trouble."
    claims = extract(extractor, text)
    assert [c.text for c in claims] == ["it was in trouble"]


def test_apart_from_saying_is_still_a_saying(extractor: AttributionExtractor) -> None:
    """Control: "Apart from saying that ..." hangs on no verb that stops it."""
    text = "Apart from saying that costs had risen, he gave no details."
    assert one(extract(extractor, text), "costs had risen").speaker.name == "he"


# --- fact-check labels -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Verdict: False. Official lettings data show the figure is around 4%.",
        "Claim: There are more teachers than ever.\n\nVerdict: True, but the number of pupils has risen faster.",
        "Claim: The government has recruited 6,500 new teachers.\n\nVerdict: Misleading.",
    ],
)
def test_a_fact_check_label_is_no_speaker(extractor: AttributionExtractor, text: str) -> None:
    assert not [c for c in extract(extractor, text) if c.speaker.name in {"Verdict", "Claim", "Rating"}]


def test_a_transcript_label_still_speaks(extractor: AttributionExtractor) -> None:
    """Control: a speaker's label in a transcript."""
    text = (
        "Interview transcript\n\nPIKE: We will build more homes than any council in the region.\n\n"
        "HOST: Do you mean that?\n\nPIKE: Yes, every year."
    )
    assert one(extract(extractor, text), "build more homes").speaker.name.lower() == "pike"


# --- content and speakers the parser misplaced -----------------------------------------------------------------------


def test_said_at_the_time_that(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The BBC said at the time that the report was wrong."), "the report was wrong")
    assert claim.speaker.name == "BBC"
    assert claim.text == "the report was wrong"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("She implied that the trial had saved money.", "the trial had saved money"),
        ("The company implied its profits were falling.", "its profits were falling"),
    ],
)
def test_implied_reports_what_was_implied(extractor: AttributionExtractor, text: str, words: str) -> None:
    assert one(extract(extractor, text), words).kind == "indirect_quote"


def test_implied_with_a_plain_object_says_nothing(extractor: AttributionExtractor) -> None:
    """Control: "implied a change of policy" names no statement (only a clause is reported)."""
    assert extract(extractor, "The minister implied a change of policy.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("It first appeared in a press release from the energy supplier Voltaro on 12 October, which said that "
         "customers with smart meters save money.", "Voltaro"),
        ("The figure came from a report by the Harbour Trust on Monday, which said that the pier was unsafe.",
         "Harbour Trust"),
    ],
)  # fmt: skip
def test_a_date_is_no_speaker_of_a_relative_clause(extractor: AttributionExtractor, text: str, speaker: str) -> None:
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == [speaker]


def test_a_relative_clause_on_a_name_still_speaks(extractor: AttributionExtractor) -> None:
    """Control: the antecedent is a name, not a date."""
    claim = one(extract(extractor, "Smith, who said the plan was dead, left on Monday."), "the plan was dead")
    assert claim.speaker.name == "Smith"


def test_a_past_tense_after_the_objects_phrase_is_the_reported_clause(extractor: AttributionExtractor) -> None:
    text = "Its chief executive, Enver Solomon, said the focus on hotels distracted from the backlog."
    claim = one(extract(extractor, text), "distracted from the backlog")
    assert claim.speaker.name == "Enver Solomon"
    assert claim.text == "the focus on hotels distracted from the backlog"


def test_a_participle_that_is_never_a_past_tense_still_qualifies(extractor: AttributionExtractor) -> None:
    """Control: "a prayer written by her mother" is what she said, no reported clause."""
    assert extract(extractor, "She said a prayer written by her mother.") == []


def test_a_relative_clause_on_two_roles_and_a_name_is_the_names(extractor: AttributionExtractor) -> None:
    """ "the actor and presenter Tom Beckford, who wrote": the parser hung "who" on "actor"; the name is who wrote."""
    text = "The graphic has been shared by the actor and presenter Tom Beckford, who wrote that the figure was obscene."
    assert one(extract(extractor, text), "the figure was obscene").speaker.name == "Tom Beckford"


def test_a_relative_clause_on_a_role_and_its_name_unchanged(extractor: AttributionExtractor) -> None:
    """Control: one role before the name."""
    text = "The post was shared by the actor Tom Beckford, who wrote that the figure was obscene."
    assert one(extract(extractor, text), "the figure was obscene").speaker.name == "Tom Beckford"


def test_a_subject_the_parser_hung_on_the_verb_opens_the_content(extractor: AttributionExtractor) -> None:
    """ "said ambulance response times for ... were the best": "times" read as a measure of "said" left the
    reported clause without its subject; the content is the whole clause."""
    text = (
        "Health Secretary Wes Patel said ambulance response times for the most serious calls were the best in "
        "three years."
    )
    claim = one(extract(extractor, text), "the best in three years")
    assert claim.text == "ambulance response times for the most serious calls were the best in three years"


def test_a_reported_clause_with_its_subject_unchanged(extractor: AttributionExtractor) -> None:
    """Control: the clause has its own subject."""
    assert one(extract(extractor, "She said the plan was dead."), "the plan was dead").text == "the plan was dead"
