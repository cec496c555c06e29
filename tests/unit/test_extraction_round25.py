"""Attribution extraction, round 25 of fault-finding: a lone name that is a person's by the words said of it ("who"
runs a bakery; "she" in the very words it reports, though the recogniser tagged it a body), and a person named by one
word that a later epithet ("the Australian", "the top seed", "the world number three") stands for."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


# --- a lone name said of with "who" ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Haddadi, who has run the bakery for 30 years, said trade had halved since the roadworks began.", "trade had"),
        ("Brannagh, who chairs the parish council, said the bridge had been closed for a month.", "bridge had"),
    ],
)
def test_a_lone_name_with_a_who_clause_is_a_person(extractor: AttributionExtractor, text: str, words: str) -> None:
    speaker = one(extract(extractor, text), words).speaker
    assert (speaker.kind, speaker.named) == ("person", True)


def test_a_lone_name_whose_who_clause_agrees_in_the_plural_stays_a_body(extractor: AttributionExtractor) -> None:
    """British usage says "who were" of a team or a band; plural agreement makes no single person."""
    text = "Tarvell, who were relegated last season, said the new stand would open in August."
    assert one(extract(extractor, text), "new stand").speaker.kind == "organisation"


def test_the_person_a_who_clause_made_is_the_later_he(extractor: AttributionExtractor) -> None:
    text = (
        "Dunwoody manager Ray Ellison said his side had been unlucky.\n\n"
        'Brannagh, who scored twice, said the pitch was heavy. "We kept going," he said.'
    )
    assert one(extract(extractor, text), "kept going").speaker.name == "Brannagh"


# --- a name the recogniser took for a body, reporting what "she" did ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # tagged ORG by the small model
        ("Oyelaran said she had been struggling with a knee injury since the spring.", "knee injury"),
        ("Marchetti said he would not seek a second term as chairman of the club.", "second term"),
        # tagged GPE
        ("Szymanska said her shoulder had recovered well after the surgery in March.", "shoulder had"),
        # "her", "him" anywhere in the reported words
        ("Oyelaran said the ruling had given her hope after two years of waiting.", "given her hope"),
        ("Marchetti said the board had asked him to stay on until the summer.", "asked him"),
    ],
)
def test_a_name_tagged_a_body_whose_own_words_say_she_is_a_person(
    extractor: AttributionExtractor, text: str, words: str
) -> None:
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.kind == "person"


@pytest.mark.parametrize(
    "text",
    [
        "Oyelaran said it would close two of its plants in the north next year.",
        # "she" is the person the sentence names, not the body
        "Oyelaran said Maria Duarte had resigned and that she would leave in May.",
        # or the person an earlier paragraph named
        "Maria Duarte will step down as chief executive in May.\n\nOyelaran said she would stay on as an adviser.",
    ],
)
def test_a_name_tagged_a_body_with_no_she_of_its_own_stays_a_body(extractor: AttributionExtractor, text: str) -> None:
    assert extract(extractor, text)[0].speaker.kind == "organisation"


# --- an epithet for a person named by one word -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('Ms Dunmore said the hall was cold.\n\n"We need heating," the Australian said.', "Dunmore"),
        ('Haddadi, who has run the bakery for 30 years, said trade had halved.\n\n"It is grim," the Moroccan said.',
         "Haddadi"),
    ],
)  # fmt: skip
def test_an_epithet_stands_for_a_person_named_by_one_word(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    speaker = extract(extractor, text)[-1].speaker
    assert (speaker.name, speaker.kind) == (name, "person")


@pytest.mark.parametrize(
    "epithet",
    ["the top seed", "the second seed", "the world number three", "the world number 12"],
)
def test_a_players_ranking_stands_for_the_player_just_named(extractor: AttributionExtractor, epithet: str) -> None:
    text = f'Greta Lindqvist beat Ana Soto 6-3 6-4 in Doha.\n\n"I served well today," {epithet} said.'
    speaker = one(extract(extractor, text), "served well").speaker
    assert (speaker.name, speaker.kind) == ("Greta Lindqvist", "person")


# --- "as X reported <object>" -----------------------------------------------------------------------------------------


def test_an_as_clause_whose_verb_has_an_object_of_its_own_attributes_nothing_before_it(
    extractor: AttributionExtractor,
) -> None:
    """ "…, as the firm reported a 7% fall in profit": the firm reported the fall, not the clause the "as" hangs on
    (which here is someone else's words)."""
    text = "Mara Quint said on Friday that orders had slowed, as the firm reported a 7% fall in quarterly profit."
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims if "orders had slowed" in c.text] == ["Mara Quint"]


def test_an_as_clause_set_off_with_no_object_still_attributes_the_clause(extractor: AttributionExtractor) -> None:
    text = "As the regulator noted in its report, the scheme had failed to reach most households."
    speaker = one(extract(extractor, text), "scheme had failed").speaker
    assert speaker.name == "regulator"


# --- a shop's name written with its possessive; "the brewer" ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Marlowe's said on Tuesday that Christmas sales had risen by 4%.",
        "Pennington's said sales in its food halls had risen by 3% over Christmas.",
    ],
)
def test_a_name_with_its_possessive_and_no_noun_after_it_is_a_body(extractor: AttributionExtractor, text: str) -> None:
    """No person speaks as "Marlowe's": a possessive with nothing owned after it is a shop's or firm's name."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.kind, speaker.named) == ("organisation", True)


def test_the_brewer_is_the_brewing_company_just_named(extractor: AttributionExtractor) -> None:
    text = (
        "Harwick Breweries said on Monday it would shut its bottling plant in Leeds.\n\n"
        "The brewer said sales of cask beer had fallen by a fifth since 2019."
    )
    speaker = one(extract(extractor, text), "cask beer").speaker
    assert (speaker.name, speaker.kind) == ("Harwick Breweries", "organisation")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('Greta Lindqvist said she had struggled in the heat.\n\nMarchetti said the win gave him confidence. "I felt '
         'sharp," the Italian said.', "Marchetti"),
        ('Greta Lindqvist said she had struggled in the heat.\n\nOyelaran said the result meant a great deal to her. '
         '"We fought hard," the Nigerian said.', "Oyelaran"),
    ],
)  # fmt: skip
def test_an_epithet_right_after_a_lone_name_stands_for_that_name_as_a_person(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """A lone name taken for a body by default, then "the Italian said" in its paragraph: the epithet, said only of a
    person, means the one who just spoke, not a person named further back."""
    speaker = extract(extractor, text)[-1].speaker
    assert (speaker.name, speaker.kind) == (name, "person")


# --- a surname the article never gives in full: "Mr", "Ms" or a "he" that follows -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # untagged by the recogniser where it speaks
        '"We will appeal against the decision," Tarvell said.\n\nMr Tarvell lost the case in March after a two-day '
        "hearing.",
        # tagged an organisation where it speaks
        "Ollerby said the ruling was unfair and would be challenged.\n\nMrs Ollerby has lived in the village since "
        "1990.",
        # the courtesy title before
        "Ms Fenwright lost the case in March.\n\nFenwright said the ruling was unfair and would be challenged.",
    ],
)
def test_a_surname_given_a_courtesy_title_anywhere_is_a_person(extractor: AttributionExtractor, text: str) -> None:
    """A body is never "Mr" or "Mrs": the name written after one is a person's all through the article."""
    speaker = extract(extractor, text)[0].speaker
    assert (speaker.kind, speaker.named) == ("person", True)


def test_a_lone_name_the_next_sentence_calls_he_is_a_person(extractor: AttributionExtractor) -> None:
    text = "Tarvell said the ruling was unfair. He said the family would appeal against it."
    claims = extract(extractor, text)
    assert [(c.speaker.name, c.speaker.kind) for c in claims] == [("Tarvell", "person"), ("Tarvell", "person")]


def test_a_he_after_a_lone_name_means_a_person_named_before(extractor: AttributionExtractor) -> None:
    """With a person named earlier, "He" may be them: the lone name keeps the body's default."""
    text = (
        "Tomas Bergen will step down as chairman in May.\n\n"
        "Tarvell said profits had fallen by a third. He said the board had known since March."
    )
    claims = extract(extractor, text)
    assert one(claims, "profits had fallen").speaker.kind != "person"
    assert one(claims, "board had known").speaker.name == "Tomas Bergen"
