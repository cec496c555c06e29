"""Normalisation of statements before matching: links, tweet trailers, handles, hashtags, quotes, whitespace."""

from __future__ import annotations

from itertools import pairwise

import pytest

from embeddings.text_normalize import (
    MAX_SEGMENTS,
    SEGMENT_ABOVE_CHARS,
    SEGMENT_CHARS,
    content_terms,
    index_text,
    is_short,
    normalize,
    segments,
    sentences,
    stem,
)

TWEETS = [
    "The US drone attack on #Soleimani caught on camera.#IranUsapic.twitter.com/TvRkHvlgby — Olaudah Equiano® "
    "(@RealOlaudah) January 6, 2020",
    "Once more: Minecraft is NOT stopping, Mojang is NOT closing. #Minecrafthttps://t.co/V4Lzv97qOc — Helen Z 🔜 "
    "#PAXSouth (@HelenAngel) January 2, 2020",
    '"DEFUND. CBC. NOW. ""CBC deletes Trump from Home Alone 2"" #DefundTheCBChttps://t.co/CsHG8R9cHp — Brad Trost 🇨🇦 '
    '(@BradTrostCPC) December 26, 2019"',
    "RT @someone: Tried to show @BorisJohnson the picture &amp; he took my phone @itvcalendar | #GE19",
    "Trump says “my crimes can’t be investigated” What did he just say?#ImpeachTrump https://t.co/c3iQ86DThG",
    "  lots   of\tspace \n here  ",
    "",
]


def test_links_are_removed_even_when_glued_to_a_word() -> None:
    assert normalize("Read this https://example.org/a?b=c now") == "Read this now"
    assert normalize("see www.example.com/page and pic.twitter.com/AbC123") == "see and"
    assert normalize("Happy #Hanukkahpic.twitter.com/IfkdcwGENr") == "Happy Hanukkah"
    assert normalize("#Minecrafthttps://t.co/V4Lzv97qOc") == "Minecraft"


def test_a_tweet_trailer_keeps_the_author_name_only() -> None:
    tweet = "Alabama will NOT see any impacts from Dorian. — NWS Birmingham (@NWSBirmingham) September 1, 2019"
    assert normalize(tweet) == "Alabama will NOT see any impacts from Dorian. - NWS Birmingham"
    assert normalize(tweet, keep_tweet_author=False) == "Alabama will NOT see any impacts from Dorian."


def test_handles_and_hashtags_become_words() -> None:
    assert normalize("@realDonaldTrump is wrong") == "real Donald Trump is wrong"
    assert normalize("we should #DraftOurDaughters, now") == "we should Draft Our Daughters, now"
    assert normalize("#DefundTheCBC") == "Defund The CBC"
    assert normalize("#IranProtests2020 and #FreeIran") == "Iran Protests 2020 and Free Iran"
    assert normalize("camera.#IranUsa") == "camera.Iran Usa"
    assert normalize("mail me at a@b.com") == "mail me at a@b.com"


def test_quotes_dashes_entities_emoji_and_whitespace() -> None:
    assert normalize("Trump’s “big” claim") == 'Trump\'s "big" claim'
    assert normalize('A ""Trump and Obama"" meme') == 'A "Trump and Obama" meme'
    assert normalize("Tom &amp; Jerry") == "Tom & Jerry"
    assert normalize("proud 🇮🇸 of Iceland 🥶!") == "proud of Iceland !"
    assert normalize("  lots   of\tspace \n here  ") == "lots of space here"
    assert normalize("RT @user: the news") == "the news"


def test_invisible_format_characters_inside_a_word_leave_it_whole() -> None:
    """Pasted web text carries soft hyphens and zero-width characters inside words; spaced, they cut "migration"
    into "mi gra tion", which neither the keyword index nor the encoder read as the word (audit 8)."""
    assert normalize("Net mi\u00adgra\u00adtion to the UK") == "Net migration to the UK"
    assert normalize("Renew\u200cables in Ger\u200dmany") == "Renewables in Germany"
    assert normalize("\ufeffThe HPV\u2060 vaccine\u200e works") == "The HPV vaccine works"
    assert normalize("Knife crime in Lon\u200bdon") == "Knife crime in London"
    assert content_terms(normalize("Lon\u200bdon mi\u00adgra\u00adtion")) == content_terms("London migration")
    # a zero-width space is a word boundary elsewhere (Thai is written without spaces), and emoji still go
    assert normalize("\u0e01\u200b\u0e02") == "\u0e01 \u0e02"
    assert normalize("family \U0001f468\u200d\U0001f469\u200d\U0001f467 photo") == "family photo"


def test_case_is_kept_for_the_encoder_and_folded_by_the_indexes() -> None:
    assert normalize("STOP POSING AS MY DAD") == "STOP POSING AS MY DAD"
    assert content_terms(normalize("STOP POSING AS MY DAD")) == content_terms("stop posing as my dad")


@pytest.mark.parametrize("text", TWEETS)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "http" not in once
    assert "@" not in once.replace("a@b", "")


def test_content_terms_drop_function_words_and_stem() -> None:
    assert content_terms("The vaccines were banned in the U.S.") == ["vaccine", "ban", "us"]
    assert stem("vaccines") == stem("vaccine") == "vaccine"
    assert stem("studies") == stem("study") == "study"
    assert stem("banned") == stem("bans") == stem("banning") == "ban"
    assert stem("taxes") == "tax"
    assert stem("glass") == "glass"
    assert stem("virus") == "virus"
    assert stem("2020") == "2020"


def test_short_statements() -> None:
    assert is_short("troops Iraq", 3)
    assert is_short("Is it?", 3)
    assert is_short("#Troops in @Iraq https://t.co/x", 3)
    assert not is_short("Vaccines cause autism", 3)
    assert not is_short("troops Iraq", 0)


def test_a_clause_of_two_content_words_is_no_topic() -> None:
    """A subject and a predicate joined by a finite verb assert something: their matches may agree or disagree."""
    assert not is_short("The trial was not fair.", 3)
    assert not is_short("The contract was invalid.", 3)
    assert not is_short("The protesters were armed.", 3)
    assert not is_short("Prices will fall.", 3)
    assert is_short("Is Iraq safe?", 3)  # no subject before the verb: a question, not an assertion
    assert is_short("troops in Iraq", 3)
    assert is_short("It was fair.", 3)  # one content word


def test_index_text_adds_a_title_once() -> None:
    assert (
        index_text("Troops left Iraq.", {"title": "Did Troops Leave Iraq?"})
        == "Troops left Iraq. Did Troops Leave Iraq?"
    )
    assert index_text("Troops left Iraq.", {"title": "troops left iraq."}) == "Troops left Iraq."
    assert index_text("Troops left Iraq.", {"title": 3}) == "Troops left Iraq."
    assert index_text("Troops left Iraq. https://t.co/x", None) == "Troops left Iraq."


ARTICLE = [
    "Ministers met on Tuesday to discuss the rail strikes.",
    "Mr. Hollis said the U.S. model of regulation would not work here.",
    '"Train drivers earn an average salary of 59,000 pounds a year," he said.',
    "Why?",
    "The union disputed the figure and Gov. Whitfield's comparison with Texas.",
    "Passenger numbers have recovered to 90 per cent of pre-pandemic levels.",
    "Talks resume next week.",
]


def test_sentences_end_at_stops_not_at_initials_titles_or_acronyms() -> None:
    found = sentences(" ".join(ARTICLE))
    assert found == ARTICLE
    assert sentences("J. K. Rowling met Dr. Rahman. It rained.") == ["J. K. Rowling met Dr. Rahman.", "It rained."]


def test_a_statement_up_to_the_window_is_read_whole() -> None:
    text = " ".join(ARTICLE[:5])
    assert len(text) <= SEGMENT_ABOVE_CHARS and segments(text) == []


def test_a_long_statement_is_also_read_sentence_by_sentence() -> None:
    text = " ".join(ARTICLE * 2)
    assert len(text) > SEGMENT_ABOVE_CHARS
    windows = segments(text)
    assert " ".join(windows) == text  # every word, in order, once
    assert ARTICLE[2] in windows and ARTICLE[5] in windows  # a claim's sentence alone, not blurred by the rest
    assert "Why? The union disputed the figure and Gov. Whitfield's comparison with Texas." in windows  # a fragment
    assert all(len(w) <= SEGMENT_CHARS for w in windows)


def test_a_very_long_statement_is_packed_into_at_most_max_segments_windows() -> None:
    text = " ".join(ARTICLE * 12)  # about 4,900 characters, 84 sentences
    windows = segments(text)
    assert len(windows) <= MAX_SEGMENTS
    assert " ".join(windows) == text
    assert all(w.endswith((".", "?", '"')) for w in windows)  # whole sentences


def test_a_long_run_without_stops_is_cut_into_overlapping_runs_of_words() -> None:
    words = [f"w{i}" for i in range(600)]
    windows = segments(" ".join(words))
    assert 1 < len(windows) <= MAX_SEGMENTS
    budget = max(len(w) for w in windows)
    runs = [w.split() for w in windows]
    assert runs[0][0] == "w0" and runs[-1][-1] == "w599"
    for before, after in pairwise(runs):
        assert after[0] in before and after[0] != before[0]  # each starts inside the one before
    # any stretch of words up to half a window lies whole inside some window
    for start in range(0, 600, 7):
        stretch = " ".join(words[start : start + 8])
        if len(stretch) <= budget // 2:
            assert any(stretch in w for w in windows), stretch
