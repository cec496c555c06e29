"""Attribution extraction, round 17 of fault-finding: the "Ch" of a chief's police rank ("Det Ch Insp", "Ch Supt"),
an age epithet ("The 19-year-old said") meaning the person the article gave that age, "quoted X as saying" said by
X, "the MP for <seat>" as a description of the member, one name for a plural role ("The administrators, X,") as a
firm's, a paper named after "the daily", "boss" and "manager" as one role, and the one tight-hyphen helper."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.name_spans import hyphen_start
from extraction.names import leading_office, normalize_speaker_name, title_words
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- ranks -------------------------------------------------------------------------------------------------------------


def test_ch_before_a_rank_is_chief() -> None:
    assert normalize_speaker_name("Det Ch Insp Ruth Oakes") == "Ruth Oakes"
    assert normalize_speaker_name("Ch Supt Alan Breck") == "Alan Breck"
    assert leading_office("Det Ch Insp Ruth Oakes") is None
    assert title_words(["Det", "Ch", "Insp"]) == ("detective", "chief", "inspector")
    assert title_words(["Ch", "Con"]) == ("chief", "constable")


def test_ch_alone_is_no_rank() -> None:
    assert title_words(["Ch"]) == ()
    assert title_words(["Con"]) == ()


def test_a_detective_chief_inspector_is_named_without_the_rank(extractor: AttributionExtractor) -> None:
    text = (
        "Firefighters were called to the mill at 02:00.\n\n"
        "Det Ch Insp Ruth Oakes, of Cumbria Police, said the fire had been started deliberately.\n\n"
        '"We are keeping an open mind," she said.\n\n'
        "The detective chief inspector added that two men had been seen running away."
    )
    claims = extract(extractor, text)
    for words in ("started deliberately", "keeping an open mind", "two men had been seen"):
        assert one(claims, words).speaker.name == "Ruth Oakes"


def test_a_chief_superintendent_is_named_without_the_rank(extractor: AttributionExtractor) -> None:
    speaker = one(extract(extractor, "Ch Supt Alan Breck said the roads would stay closed."), "roads").speaker
    assert speaker.name == "Alan Breck"
    assert speaker.role is None


def test_a_ranked_name_the_recogniser_took_for_a_body_is_a_persons(extractor: AttributionExtractor) -> None:
    speaker = one(extract(extractor, "Ch Insp Paul Rees said the road had reopened."), "reopened").speaker
    assert (speaker.name, speaker.kind) == ("Paul Rees", "person")


# --- ages --------------------------------------------------------------------------------------------------------------


def test_an_age_epithet_means_the_person_given_that_age(extractor: AttributionExtractor) -> None:
    text = (
        "Tom Okafor, 19, came off the bench to score the winner at Carrow Road.\n\n"
        'Manager Neil Ashworth said the striker had been "outstanding in training all week".\n\n'
        "Captain Ryan Dale said the squad had always believed.\n\n"
        "The 19-year-old said he had dreamed of the moment since he was a boy.\n\n"
        '"I will remember this for ever," he said.'
    )
    claims = extract(extractor, text)
    assert one(claims, "dreamed of the moment").speaker.name == "Tom Okafor"
    assert one(claims, "remember this for ever").speaker.name == "Tom Okafor"


def test_an_age_written_before_the_name_counts(extractor: AttributionExtractor) -> None:
    text = (
        "The 21-year-old Mia Sorensen won her first title in Eastbourne.\n\n"
        'Her coach, Lena Park, said the final had been "nerve-racking".\n\n'
        "The 21-year-old said she had barely slept."
    )
    assert one(extract(extractor, text), "barely slept").speaker.name == "Mia Sorensen"


def test_an_age_nobody_was_given_keeps_the_latest_person(extractor: AttributionExtractor) -> None:
    text = (
        "Ana Ruiz, 31, won the sprint.\n\n"
        "Lena Park said the team had worked hard.\n\n"
        "The 24-year-old added that the wind had helped."
    )
    assert one(extract(extractor, text), "the wind had helped").speaker.name == "Lena Park"


# --- "quoted X as saying" ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The Guardian quoted a senior diplomat as saying that the talks had stalled.", "talks", "senior diplomat"),
        ("The agency cited the mayor, Ana Lopes, as saying the bridge would reopen in May.", "bridge", "Ana Lopes"),
    ],
)
def test_quoted_as_saying_is_said_by_the_one_quoted(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    assert one(extract(extractor, text), words).speaker.name == speaker


def test_was_quoted_as_saying_keeps_its_subject(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, "Peter Lamb was quoted as saying the plan was dead.")
    assert one(claims, "the plan was dead").speaker.name == "Peter Lamb"


# --- descriptions ------------------------------------------------------------------------------------------------------


def test_the_mp_for_a_seat_is_the_member_named_with_it(extractor: AttributionExtractor) -> None:
    text = (
        "Anna Lee, the Labour MP for Leeds West, asked whether the trains would run.\n\n"
        "Tom Hart, the Conservative MP for Selby, said fares were too high.\n\n"
        "The MP for Leeds West later said services had been cut twice this year."
    )
    claims = extract(extractor, text)
    assert one(claims, "fares were too high").speaker.name == "Tom Hart"
    speaker = one(claims, "services had been cut").speaker
    assert (speaker.name, speaker.kind) == ("Anna Lee", "person")


def test_one_name_for_a_plural_role_is_a_firm_they_refer_to(extractor: AttributionExtractor) -> None:
    text = "The auditors, Hale Whitcombe, said the accounts had been signed off. They said no fraud had been found."
    claims = extract(extractor, text)
    first = one(claims, "signed off").speaker
    assert (first.name, first.kind) == ("Hale Whitcombe", "organisation")
    assert one(claims, "no fraud").speaker.name == "Hale Whitcombe"


@pytest.mark.parametrize(
    ("text", "paper"),
    [
        (
            "Le Monde said the deal was a victory for Paris.\n\nThe Italian daily La Stampa was more critical.",
            "La Stampa",
        ),
        # the recogniser takes this one for a work's title
        ("The Times said the vote was lost.\n\nThe local paper Evening Star was more critical.", "Evening Star"),
    ],
)
def test_a_paper_named_after_its_kind_is_what_it_refers_to(
    extractor: AttributionExtractor, text: str, paper: str
) -> None:
    claims = extract(extractor, text + " It said the deal had been rushed.")
    assert one(claims, "rushed").speaker.name == paper


def test_a_boss_is_the_manager(extractor: AttributionExtractor) -> None:
    text = (
        "Leeds boss Ian Price said his side had been unlucky.\n\n"
        "Maria Costa said the club was for sale.\n\n"
        "The Leeds manager added that two players were injured."
    )
    assert one(extract(extractor, text), "two players").speaker.name == "Ian Price"


def test_a_chairman_is_not_the_manager(extractor: AttributionExtractor) -> None:
    text = "Leeds chairman Ian Price said the club was for sale.\n\nThe Leeds manager said two players were injured."
    assert one(extract(extractor, text), "two players").speaker.name != "Ian Price"


# --- the tight-hyphen helper -------------------------------------------------------------------------------------------


def test_hyphen_start_takes_in_tight_hyphens_only(extractor: AttributionExtractor) -> None:
    doc = extractor.nlp.make_doc("Mr Fenton-Burns met Jean-Pierre Ruiz-Garcia-Lopez and Anna - Lee.")
    words = [t.text for t in doc]
    at = {w: words.index(w) for w in ("Burns", "Pierre", "Lopez", "Lee", "Mr")}
    assert hyphen_start(doc[at["Burns"]]) == at["Burns"] - 2
    assert hyphen_start(doc[at["Pierre"]]) == at["Pierre"] - 2
    assert hyphen_start(doc[at["Lopez"]]) == at["Lopez"] - 4
    assert hyphen_start(doc[at["Lee"]]) == at["Lee"]  # spaced: a dash, not a hyphen
    assert hyphen_start(doc[at["Mr"]]) == at["Mr"]


def test_a_name_before_a_persons_noun_says_whose_it_is(extractor: AttributionExtractor) -> None:
    text = "Senator Joe Marsh said the bill would pass.\n\nThe Marsh aide said the vote was close."
    claims = extract(extractor, text)
    assert one(claims, "the bill would pass").speaker.name == "Joe Marsh"
    assert one(claims, "the vote was close").speaker.name != "Joe Marsh"


def test_a_team_taken_for_a_person_before_manager_is_the_managers_team(extractor: AttributionExtractor) -> None:
    text = (
        "Ulster boss Declan Moffatt said his side had been brave.\n\n"
        "The Ulster manager added that the prop would need a scan."
    )
    assert one(extract(extractor, text), "need a scan").speaker.name == "Declan Moffatt"
