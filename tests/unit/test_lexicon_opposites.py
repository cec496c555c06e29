"""The judge's WordNet opposites (``opposite_forms.tsv``) are the contrast lexicon's trusted predicate pairs."""

from __future__ import annotations

from embeddings.nli.lexicon import WordPair, load_antonyms
from embeddings.nli.lexicon.opposites import opposite_rows
from embeddings.signals.lexicon import table


def _pair(
    word_a: str,
    word_b: str,
    pos: str = "verb",
    origin: str = "wordnet:direct:verb",
    rank: int = 0,
    tag: str = "VBD",
    lemmas: tuple[str, str] | None = None,
) -> WordPair:
    lemma_a, lemma_b = lemmas or (word_a, word_b)
    return WordPair(word_a, word_b, tag, pos, lemma_a, lemma_b, origin, rank=rank)


def never_a_noun(_form: str, _lemma: str, _pos: str) -> bool:
    return False


def test_only_trusted_predicates_are_exported_once_each() -> None:
    pairs = [
        _pair("won", "lost", lemmas=("win", "lose")),
        _pair("lost", "won", lemmas=("lose", "win")),  # the same pair the other way round
        _pair("Won", "LOST", lemmas=("win", "lose")),  # and in other case
        _pair("win", "lose", tag="VB", lemmas=("win", "lose")),  # a verb's tenses go together
        _pair("man", "woman", pos="noun", origin="wordnet:direct:noun"),  # a noun names another thing
        _pair("admonishing", "favorable", pos="adj", origin="wordnet:similar"),  # an untrusted origin
        _pair("quit", "upheld", origin="wordnet:synset", rank=2),  # an extension between rare senses
        _pair("quick", "slow", pos="adj", origin="wordnet:synset", tag="JJ"),
        _pair("quicker", "slower", pos="adj", origin="wordnet:synset", tag="JJR", lemmas=("quick", "slow")),
    ]
    rows = opposite_rows(pairs, never_a_noun)
    assert [(a, b, kind) for a, b, kind, _ in rows] == [
        ("lose|lost", "win|won", "verb"),
        ("quick", "slow", "adjective"),  # an adjective's degrees stay apart
        ("quicker", "slower", "adjective"),
    ]
    assert all(origin.startswith("issue 21: wordnet:") for *_, origin in rows)


def test_forms_that_read_as_nouns_are_left_out() -> None:
    pairs = [
        _pair("exports", "imports", tag="VBZ", lemmas=("export", "import")),
        _pair("exported", "imported", lemmas=("export", "import")),
    ]
    rows = opposite_rows(pairs, lambda form, _lemma, _pos: form.endswith("s"))
    assert [(a, b) for a, b, *_ in rows] == [("exported", "imported")]


def test_the_committed_table_comes_from_the_lexicon() -> None:
    def form_pairs(rows: list[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(a, b) for forms_a, forms_b in rows for a in forms_a.split("|") for b in forms_b.split("|")}

    exported = form_pairs([(a, b) for a, b, *_ in opposite_rows(load_antonyms(), never_a_noun)])
    columns = ("forms_a", "forms_b", "kind")
    committed = form_pairs([(entry["forms_a"], entry["forms_b"]) for entry in table("opposite_forms", columns)])
    assert committed
    assert committed <= exported
