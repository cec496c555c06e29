"""Attribution extraction, round 27: a body named with its possessive ("Sainsbury's", "Moody's") keeps it as the
name of the source it makes, while the possessive of a possessor ("the Pentagon's") and the role of a description
("the minister's spokesman") are read as before; a lone name the next sentence calls "it" is a body's; a word the
tagger reads as a common noun where a sentence opens is a name when the article says so (the recogniser names it
elsewhere, "It said" after it, "its" in its words); a known given name the tagger misreads stays in the name."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, speaker_key, split_role_prefix
from tests.unit.extraction_helpers import extract, one


@pytest.mark.parametrize("name", ["Sainsbury's", "McDonald's", "Macy's", "Moody's", "Marks & Spencer's", "Sainsbury’s"])
def test_a_body_named_with_its_possessive_keeps_it_as_the_sources_name(name: str) -> None:
    """The source shows the name as the body writes itself; its key is the one the bare name always had, so a
    stored "Sainsbury" and a new "Sainsbury's" are one source."""
    assert split_role_prefix(name) == (None, name)
    assert speaker_key(name) == speaker_key(name[:-2])


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("the Pentagon's", "Pentagon"),  # a possessor with its article: the possessive is no part of the name
        ("Donald Trump's", "Donald Trump"),  # a person's name: no one is called "Donald Trump's"
        ("Barclays'", "Barclays"),  # a plural's possessive
        ("the minister's spokesman", "minister's spokesman"),  # a description, its role as today
        ("Italy's finance ministry", "Italy's finance ministry"),
    ],
)
def test_a_possessors_possessive_is_still_dropped(written: str, name: str) -> None:
    assert split_role_prefix(written) == (None, name)


@pytest.mark.slow
def test_a_body_named_with_its_possessive_and_a_capital_inside_keeps_it(extractor: AttributionExtractor) -> None:
    """ "McDonald's said": the capital inside "McDonald" is no reason to read it as other than a name."""
    text = (
        "NEW YORK — McDonald's said on Tuesday that sales at its US restaurants fell 1.4% in the third quarter.\n\n"
        "The company said lower-income customers were cutting back."
    )
    speaker = one(extract(extractor, text), "sales at its US").speaker
    assert (speaker.name, speaker.kind) == ("McDonald's", "organisation")


# --- a lone name the next sentence calls "it" ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Monzo", "Farfetch"])
def test_a_lone_name_the_next_sentence_calls_it_is_a_body(extractor: AttributionExtractor, name: str) -> None:
    """ "Monzo said ... It said ...": the recogniser takes some one-word company names for people's (or leaves them
    untagged), but "it" saying something in the next sentence, with nothing else named for it to mean, can only be
    the name: no person is "it"."""
    text = (
        f"{name} said it had returned to profit for the first time in four years. It said the number of customers "
        "using its app had doubled."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [(name, "organisation")] * 2


@pytest.mark.slow
def test_it_that_means_a_report_leaves_a_lone_name_a_persons(extractor: AttributionExtractor) -> None:
    """The "it" may mean a document named in the sentence ("the report"): the name stays the person's it was."""
    text = (
        "Mbappe said the league's report had cleared him of any wrongdoing. It said the referee had been wrong "
        "to send him off."
    )
    claims = extract(extractor, text)
    assert (claims[0].speaker.name, claims[0].speaker.kind) == ("Mbappe", "person")


# --- a name the tagger reads as a common noun at a sentence's start --------------------------------------------------


@pytest.mark.slow
def test_a_sentence_opening_name_the_recogniser_names_elsewhere_is_a_name(extractor: AttributionExtractor) -> None:
    """ "Starling said": at a sentence's start the capital says nothing and the tagger reads a bird; the recogniser
    reading the same word as a name later in the article says it is one here too."""
    text = (
        "Starling said on Tuesday that deposits had risen 12% in the year. Raman Bhatia, the chief executive, "
        "said Starling would open an office in Dublin."
    )
    speaker = one(extract(extractor, text), "deposits had risen").speaker
    assert (speaker.name, speaker.kind, speaker.named) == ("Starling", "organisation", True)


@pytest.mark.slow
def test_a_sentence_opening_name_the_next_sentence_calls_it_is_a_body(extractor: AttributionExtractor) -> None:
    """The "it" of the next sentence's speech, with nothing else to mean, makes such a word a body's name."""
    text = (
        "Kering said it had returned to profit for the first time in four years. It said the number of customers "
        "using its app had doubled."
    )
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind, c.speaker.named) for c in claims] == [("Kering", "organisation", True)] * 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Officials said the bridge would reopen in May. It said the repairs had cost 2 million pounds.", "Officials",
         "person"),
        ("Residents said the water had been off for two days. The council said engineers were on site.", "Residents",
         "person"),
    ],
)  # fmt: skip
def test_a_sentence_opening_common_noun_for_people_stays_a_description(
    extractor: AttributionExtractor, text: str, name: str, kind: str
) -> None:
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, speaker.kind, speaker.named) == (name, kind, False)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Selfridges said its Christmas trading had been the best in its history.",
        "Halfords said its sales of electric bikes had doubled.",
        "LEEDS — Morrisons said its sales had risen for a third quarter in a row.",
    ],
)
def test_a_sentence_opening_word_whose_words_say_its_is_a_bodys_name(
    extractor: AttributionExtractor, text: str
) -> None:
    """ "Selfridges said its ...": the tagger reads a plural common noun, but a plural is "their", and a singular
    body written without "the" is a name; a dateline before it leaves it opening the sentence."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.kind, speaker.named) == ("organisation", True)
    assert speaker.name == text.split(" said")[0].split("— ")[-1]


@pytest.mark.slow
def test_a_sentence_opening_noun_for_people_whose_words_say_its_stays_a_description(
    extractor: AttributionExtractor,
) -> None:
    speaker = extract(extractor, "Officials said its budget would be cut by a third.")[0].speaker
    assert (speaker.name, speaker.named) == ("Officials", False)


# --- a given name the tagger reads as another word ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_given_name_the_tagger_reads_as_an_adjective_stays_in_the_name(extractor: AttributionExtractor) -> None:
    """ "Clive Black, an analyst ...": untagged by the recogniser, "Clive" read as an adjective; a known given name
    right before a capitalised surname is the name's first word, not a role."""
    speaker = extract(extractor, "Clive Black, an analyst at Peel Hunt, said the figures were better.")[0].speaker
    assert (speaker.name, speaker.role) == ("Clive Black", "analyst at Peel Hunt")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Kowalczyk said the delays were unacceptable. It added to the pressure on the minister.",
        "Kowalczyk said the plan was unworkable. It suggested that the project had no future.",
        "Halvorsen Foods cut 200 jobs on Monday. Kowalczyk said the cuts were a shock. It said the factory would stay "
        "open.",
    ],
)
def test_an_it_that_says_nothing_or_means_a_thing_leaves_a_lone_name_a_persons(
    extractor: AttributionExtractor, text: str
) -> None:
    """Only an "it" that speaks (says, tells, adds a clause of its words) is a body; "it added to the pressure"
    reports nothing, "it suggested that" may mean the plan, and a body named before in the paragraph may be the
    "it" meant."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, speaker.kind) == ("Kowalczyk", "person")
