"""The judge's WordNet opposites (``opposite_forms.tsv``) are the contrast lexicon's trusted predicate pairs."""

from __future__ import annotations

from embeddings.nli.lexicon import WordPair, load_antonyms
from embeddings.nli.lexicon.opposites import opposite_rows
from embeddings.signals.lexicon import table


def _pair(word_a: str, word_b: str, pos: str = "verb", origin: str = "wordnet:direct:verb", rank: int = 0) -> WordPair:
    return WordPair(word_a, word_b, "VBD", pos, word_a, word_b, origin, rank=rank)


def never_a_noun(_form: str, _lemma: str, _pos: str) -> bool:
    return False


def test_only_trusted_predicates_are_exported_once_each() -> None:
    pairs = [
        _pair("won", "lost"),
        _pair("lost", "won"),  # the same pair the other way round
        _pair("Won", "LOST"),  # and in other case
        _pair("man", "woman", pos="noun", origin="wordnet:direct:noun"),  # a noun names another thing
        _pair("admonishing", "favorable", pos="adj", origin="wordnet:similar"),  # an untrusted origin
        _pair("quit", "upheld", origin="wordnet:synset", rank=2),  # an extension between rare senses
        _pair("quick", "slow", pos="adj", origin="wordnet:synset"),
    ]
    rows = opposite_rows(pairs, never_a_noun)
    assert [(a, b, kind) for a, b, kind, _ in rows] == [("lost", "won", "verb"), ("quick", "slow", "adjective")]
    assert all(origin.startswith("issue 21: wordnet:") for *_, origin in rows)


def test_forms_that_read_as_nouns_are_left_out() -> None:
    pairs = [_pair("exports", "imports"), _pair("exported", "imported")]
    rows = opposite_rows(pairs, lambda form, _lemma, _pos: form.endswith("s"))
    assert [(a, b) for a, b, *_ in rows] == [("exported", "imported")]


def test_the_committed_table_comes_from_the_lexicon() -> None:
    exported = {(a, b) for a, b, *_ in opposite_rows(load_antonyms(), never_a_noun)}
    committed = {(entry["form_a"], entry["form_b"]) for entry in table("opposite_forms", ("form_a", "form_b", "kind"))}
    assert committed
    assert committed <= exported
