"""Attribution extraction, round 54: ranks of several words and offices of places. "Major General Fiona Hartley" is
Fiona Hartley with no role (a rank is never a role), "Major General said" alone is the rank whole, never a person
called "General", and "Air Vice-Marshal Clare Dunn" keys as "Clare Dunn"; "Mayor of London said" with no "the" is
the office whole, as "the Mayor of London said" is; a body's name the recogniser took for a person's ("HM
Coastguard", "Holyhead Coastguard") is a body's; an office of a place is read one way for a name's titles
(names.py) and for a speaker's words (mention.py)."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor, names, speaker_key
from tests.unit.extraction_helpers import extract, one

# --- ranks of several words -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Air Vice-Marshal Clare Dunn", "clare dunn"),
        ("Air Vice Marshal Clare Dunn", "clare dunn"),
        ("Air Chief Marshal Clare Dunn", "clare dunn"),
        ("Field Marshal Clare Dunn", "clare dunn"),
        ("Commodore Clare Dunn", "clare dunn"),
        ("RAF Air Vice Marshal Clare Dunn", "clare dunn"),
        ("Major General", "major general"),
        ("Air Chief Marshal", "air chief marshal"),
    ],
)
def test_a_rank_of_several_words_keys_off_a_name_and_whole_alone(name: str, key: str) -> None:
    """The rank's every word is dropped from a name ("Marshal Clare Dunn" was a person called "Marshal"), and a rank
    alone keeps all its words ("Major General" was "general", the key of every general)."""
    assert speaker_key(name) == key


@pytest.mark.parametrize("name", ["Rear Admiral Tom Hale", "Group Captain Tom Hale", "Squadron Leader Tom Hale"])
def test_a_rank_of_several_words_is_no_office(name: str) -> None:
    """ "Rear Admiral" gave the role "Rear", "Squadron Leader" the office "leader": ranks are never roles."""
    assert names.leading_office(name) is None


def test_a_word_of_a_rank_is_a_rank_only_inside_it() -> None:
    """ "Rear", "Air", "Vice" are ordinary words outside a rank: "Vice-Chancellor" holds none, "Lance Armstrong"."""
    assert names.rank_word_indices(["Air", "Vice-Marshal", "Paul", "Godfrey"]) == {0, 1}
    assert names.rank_word_indices(["Vice-Chancellor", "Karen", "Smith"]) == set()
    assert names.rank_word_indices(["Lance", "Armstrong"]) == set()
    assert speaker_key("Vice President Kamala Harris") == "kamala harris"
    assert names.leading_office("Vice President Kamala Harris") == "Vice President"


def test_a_hyphened_rank_gives_its_parts_as_titles() -> None:
    """ "Vice-Admiral Ann Smith ... the admiral said": the rank's words as a later description uses them."""
    assert set(names.title_words(["Vice-Admiral"])) >= {"vice-admiral", "admiral"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Major General Ann Smith said the troops would leave by March.",
        "Rear Admiral Ann Smith said the troops would leave by March.",
        "Air Vice-Marshal Ann Smith said the troops would leave by March.",
        "Wing Commander Ann Smith said the troops would leave by March.",
    ],
)
def test_a_rank_of_several_words_before_a_name(extractor: AttributionExtractor, text: str) -> None:
    """The person speaks, with no role: "Rear" and "Wing" were roles, "Air Vice-Marshal" part of the name."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, speaker.role, speaker.kind) == ("Ann Smith", None, "person")


@pytest.mark.slow
@pytest.mark.parametrize("rank", ["Major General", "Lieutenant Colonel", "Rear Admiral", "Air Vice-Marshal"])
def test_a_rank_of_several_words_alone_stays_whole(extractor: AttributionExtractor, rank: str) -> None:
    """ "Major General said": the rank whole, a person's ("General" was an organisation's name)."""
    speaker = extract(extractor, f"{rank} said the troops would leave by March.")[0].speaker
    assert (speaker.name, speaker.kind) == (rank, "person")


@pytest.mark.slow
def test_a_rank_of_several_words_described_later_is_its_holder(extractor: AttributionExtractor) -> None:
    """ "The air vice-marshal said" after "Air Vice-Marshal Paul Godfrey said": Godfrey, not "marshal"; a name the
    recogniser cut after the rank's first words ("Marshal Paul Godfrey") loses the rest of the rank too."""
    text = (
        "Air Vice-Marshal Paul Godfrey said the launch had been pushed back to the autumn.\n\n"
        '"We would rather wait a few months than lose a rocket," said Air Vice-Marshal Godfrey.\n\n'
        "Frank Strang, chief executive of SaxaVord Spaceport, said the delay would not cost any jobs.\n\n"
        "The air vice-marshal said the new date would be set in June."
    )
    claims = extract(extractor, text)
    for words in ("pushed back", "lose a rocket", "set in June"):
        assert one(claims, words).speaker.name == "Paul Godfrey"


@pytest.mark.slow
def test_a_rank_of_several_words_as_a_common_noun_is_the_role(extractor: AttributionExtractor) -> None:
    """Guard: "Ann Smith, a wing commander, said": a rank written in lower case as the apposition's noun is the
    role, whole ("The captain, Jordan Price," is the captain), not "commander"."""
    speaker = extract(extractor, "Ann Smith, a wing commander, said the jets would fly.")[0].speaker
    assert (speaker.name, speaker.role) == ("Ann Smith", "wing commander")


# --- an office of a place with no "the" -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mayor of London said the scheme would begin in the spring.", "Mayor of London"),
        ("Bishop of Newcastle said the first parishes would share clergy.", "Bishop of Newcastle"),
    ],
)
def test_an_office_of_a_place_with_no_article_stays_whole(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """ "Mayor of London said" gave the speaker "Mayor"; it keys as "the Mayor of London said" does (0034)."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, speaker.kind) == (name, "person")
    assert speaker_key(speaker.name) == speaker_key(extract(extractor, f"The {text}")[0].speaker.name)


@pytest.mark.slow
def test_an_office_of_a_place_is_not_its_deputy(extractor: AttributionExtractor) -> None:
    """ "Vice-Chancellor of Durham University Karen O'Brien": the parser hung "Vice-" elsewhere, and the role read
    without it made her the "Chancellor of the University" who spoke later."""
    text = (
        "Vice-Chancellor of Durham University Karen O'Brien said exams would stay in exam halls.\n\n"
        "Chancellor of the University said the university would review the rule in 2027."
    )
    claims = extract(extractor, text)
    assert (one(claims, "exam halls").speaker.role or "").lower().startswith("vice-chancellor")
    assert one(claims, "review the rule").speaker.name == "Chancellor of the University"


# --- a body taken for a person --------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"The sea was rough," said HM Coastguard.', "HM Coastguard"),
        ("Holyhead Coastguard said the ferry had been delayed.", "Holyhead Coastguard"),
        ('"The sea was rough," said Humber Coastguard.', "Humber Coastguard"),
    ],
)
def test_a_body_the_recogniser_took_for_a_person(extractor: AttributionExtractor, text: str, name: str) -> None:
    """The recogniser tags "HM Coastguard" and "Holyhead Coastguard" PERSON: a body's noun ends them and no given
    name opens them."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, speaker.kind) == (name, "organisation")


@pytest.mark.slow
def test_a_person_whose_surname_is_a_body_noun_stays_a_person(extractor: AttributionExtractor) -> None:
    """Control: a given name opens the name ("Lucy Court")."""
    speaker = extract(extractor, "Lucy Court said the ferry had been delayed.")[0].speaker
    assert speaker.kind == "person"


# --- one reading of an office of a place ----------------------------------------------------------------------------


def test_the_remit_and_the_name_after_it() -> None:
    """ "Mayor of London Sadiq Khan": the name at "Sadiq"; none after "Portugal"; an initial opens a name too."""
    assert names.name_after_remit(["London", "Sadiq", "Khan"], 0) == 1
    assert names.name_after_remit(["the", "Bank", "of", "England", "Andrew", "Bailey"], 1) == 4
    assert names.name_after_remit(["Portugal"], 0) is None
    assert names.name_after_remit(["London", "J.", "Smith"], 0) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Prime Minister of Qatar Mohammed bin Abdulrahman Al Thani said the talks would resume.",
            "Mohammed bin Abdulrahman Al Thani",
            "prime minister of qatar",
        ),
        ("Mayor of Sheffield Hamish McDonald said the tram would run.", "Hamish McDonald", "mayor of sheffield"),
        ("Mayor of London J. Smith said the tram would run.", "J. Smith", "mayor of london"),
    ],
)
def test_a_speaker_reads_an_office_of_a_place_as_its_key_does(
    extractor: AttributionExtractor, text: str, name: str, role: str
) -> None:
    """mention.py read the name after a place in words of its own (at most four, each Title-case, a given name
    first), names.py in others: "Al Thani" had the role "prime minister of Qatar Mohammed bin Abdulrahman" where
    the key of the whole was "mohammed bin abdulrahman al thani"; "Hamish McDonald" was an organisation."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, (speaker.role or "").lower(), speaker.kind) == (name, role, "person")
    assert speaker_key(speaker.name) == speaker_key(text.split(" said ")[0])


# --- a campaign named with an imperative ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Save Farnham Fields said the site flooded every winter.", "Save Farnham Fields"),
        ('"The site floods every winter," said Save Farnham Fields.', "Save Farnham Fields"),
        ("Campaigners from Protect Dartmoor said the moor was at risk.", "Protect Dartmoor"),
    ],
)
def test_a_campaign_named_with_an_imperative_is_a_body(extractor: AttributionExtractor, text: str, name: str) -> None:
    """The recogniser takes "Farnham Fields" for a person's name and leaves "Save" out: a person called "Farnham
    Fields" (role "Save") spoke; no person's name opens with "Save", "Stop" or "Protect"."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.name, speaker.kind) == (name, "organisation")
