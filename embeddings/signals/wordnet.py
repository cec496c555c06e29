"""Whether WordNet 3.0 lets one word follow from another: the part of WordNet the ``substituted_term`` signal reads
(and ``roles.converse``, for opposite verbs WordNet names only through a linked word: ``opposed_through_link``;
``tokens.lemma``, for the base verbs of irregular forms: ``irregular_verb_base``).

Natural logic (MacCartney & Manning 2009): in "The mayor approved the stadium" a word may be swapped for a synonym or
a generalisation ("official", a hypernym of "mayor") and the statement still follows; swapped for any other word
("governor") it does not. The five word lists (``wordnet_words.tsv``, ``wordnet_unattested_words.tsv``,
``wordnet_compounds.tsv``, ``wordnet_hypernyms.tsv``, ``wordnet_forms.tsv``) are exported from WordNet by ``python -m
embeddings.nli.lexicon.senses``, so nothing here needs WordNet installed. Beside the words WordNet's tagged corpus
attests they hold the nouns it does not ("mosque", "motorcycle", "tram"; ``_Sense.attested``); any other word is
unknown and the signal stays silent. ``wordnet_added_hypernyms.tsv``, written by hand, adds the few hypernym links
WordNet lacks between two senses that name one kind of thing (issue 21: a business, and so a firm, is a company).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from embeddings.signals.lexicon import table

POS_LETTERS = ("n", "v", "a", "r")
# Alternatives count in a word's most frequent senses only, as the antonym lexicon's extensions do
# (``embeddings.nli.lexicon.build.MAX_SENSE_RANK``): "man" is a servant only in its ninth sense.
MAX_SENSE_RANK = 3
# An unattested word's senses are in the lexicographers' order, not SemCor's: its first alone counts as frequent.
UNATTESTED_SENSE_RANK = 1
# WordNet's detachment rules (morphy(7WN)): a suffix and what replaces it, per part of speech.
_DETACHMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}  # fmt: skip


class Relation(StrEnum):
    """How a premise word stands to a hypothesis word in WordNet."""

    UNKNOWN = "unknown"  # a word WordNet does not attest, or no part of speech in common
    ENTAILING = "entailing"  # a synonym, a hypernym, one link away, or a form of the same word
    # Nothing entailing, and WordNet names the two alternatives: antonyms, or two senses under one hypernym
    # (coordinate terms: "bus" / "train" under "public transport", "mayor" / "governor" under "politician").
    ALTERNATIVE = "alternative"
    INDEPENDENT = "independent"  # known, sharing a part of speech, nothing entailing, no alternatives either


@dataclass(frozen=True, slots=True)
class _Sense:
    senses: tuple[str, ...]  # most frequent first
    linked: frozenset[str]
    antonyms: frozenset[str]
    attested: bool  # WordNet's tagged corpus attests the word: SemCor's counts order its senses


def _read_words(name: str, attested: bool) -> dict[tuple[str, str], _Sense]:
    return {
        (entry["word"], entry["pos"]): _Sense(
            entry.words("senses"),
            frozenset(entry.words("linked")) - {"-"},
            frozenset(entry.words("antonyms")) - {"-"},
            attested,
        )
        for entry in table(name, ("word", "pos", "senses", "linked", "antonyms"))
    }


@cache
def _attested_words() -> dict[tuple[str, str], _Sense]:
    return _read_words("wordnet_words", attested=True)


@cache
def _words() -> dict[tuple[str, str], _Sense]:
    """The attested and the unattested words and the nouns of two or three words ("insurance company", issue 21),
    read on first use: lemmatising at import needs the attested only."""
    return {
        **_read_words("wordnet_compounds", attested=False),
        **_read_words("wordnet_unattested_words", attested=False),
        **_attested_words(),
    }


@cache
def _hypernyms() -> dict[str, tuple[str, ...]]:
    """WordNet's hypernyms, with the few links it lacks (``wordnet_added_hypernyms.tsv``: business.n.01 is a
    company.n.01, which WordNet files on another branch of organization.n.01) after its own."""
    found = {entry["synset"]: entry.words("hypernyms") for entry in table("wordnet_hypernyms", ("synset", "hypernyms"))}
    for entry in table("wordnet_added_hypernyms", ("synset", "hypernyms")):
        found[entry["synset"]] = tuple(dict.fromkeys((*found.get(entry["synset"], ()), *entry.words("hypernyms"))))
    return found


@cache
def _irregular_forms() -> dict[tuple[str, str], frozenset[str]]:
    forms: dict[tuple[str, str], set[str]] = {}
    for entry in table("wordnet_forms", ("form", "pos", "lemma")):
        forms.setdefault((entry["form"], entry["pos"]), set()).add(entry["lemma"])
    return {key: frozenset(value) for key, value in forms.items()}


@cache
def _irregular_verb_bases() -> dict[str, str]:
    forms: dict[str, str] = {}
    words = _attested_words()  # "are", "drove", "dug": unattested nouns, still forms of "be", "drive", "dig"
    for (form, pos), lemmas in _irregular_forms().items():
        if pos == "v" and len(lemmas) == 1 and (form, "n") not in words and (form, "v") not in words:
            forms[form] = next(iter(lemmas))
    return forms


def load_tables() -> None:
    """Read every WordNet table now, not on the first lookup: a server loads them with its models, so its first
    request does not wait the half second (more under load) the unattested words' table takes."""
    _words()
    _hypernyms()
    _irregular_verb_bases()


def irregular_verb_base(word: str) -> str | None:
    """The base verb of an irregular form from WordNet's exception list (``verb.exc``): "paid" -> "pay", "sought" ->
    "seek", "testified" -> "testify" (no suffix rule undoes "-ied"). None for a form WordNet also attests as a noun
    or a verb of its own ("ground", "found", "left", "saw"), or that is a form of two verbs ("singing")."""
    return _irregular_verb_bases().get(word)


@cache
def base_forms(word: str) -> frozenset[tuple[str, str]]:
    """(lemma, part of speech) of every attested word ``word`` can be a form of (WordNet's morphy: its exception
    lists, then its detachment rules)."""
    words = _words()
    found: set[tuple[str, str]] = set()
    for pos in POS_LETTERS:
        candidates = {word, *_irregular_forms().get((word, pos), ())}
        candidates.update(
            word[: -len(suffix)] + ending for suffix, ending in _DETACHMENTS[pos] if word.endswith(suffix)
        )
        found.update((candidate, pos) for candidate in candidates if (candidate, pos) in words)
    return frozenset(found)


@cache
def _ancestors(synset: str) -> frozenset[str]:
    """The synset and its hypernyms and instance hypernyms at any depth (a satellite adjective: and its head)."""
    found = {synset}
    for parent in _hypernyms().get(synset, ()):
        found |= _ancestors(parent)
    return frozenset(found)


def _generalisations(senses: Iterable[str]) -> frozenset[str]:
    return frozenset().union(*(_ancestors(sense) for sense in senses))


def _frequent_parents(forms: Iterable[tuple[str, str]], pos: str) -> set[str]:
    """The direct hypernyms of the forms' ``MAX_SENSE_RANK`` most frequent senses of one part of speech (an
    unattested word's first, ``UNATTESTED_SENSE_RANK``)."""
    words = _words()
    return {
        parent
        for lemma, p in forms
        if p == pos
        for sense in words[lemma, pos].senses[: MAX_SENSE_RANK if words[lemma, pos].attested else UNATTESTED_SENSE_RANK]
        for parent in _hypernyms().get(sense, ())
    }


def relation(premise_word: str, hypothesis_word: str) -> Relation:
    """Whether WordNet lets ``hypothesis_word`` stand where ``premise_word`` stood, the statement still following:
    a shared sense (synonyms), a hypernym of any depth, an adjective of the same cluster, a derivation, pertainym, similar-to, also-see, verb entailment
    or verb group link, or a form of the same word (``ENTAILING``); else whether WordNet names them alternatives
    (``ALTERNATIVE``: antonyms, or frequent senses under one direct hypernym) or not (``INDEPENDENT``). Computed over every
    sense of each part of speech both words have; ``UNKNOWN`` when either word is not attested or they share no
    part of speech."""
    premise_forms, hypothesis_forms = base_forms(premise_word), base_forms(hypothesis_word)
    if not premise_forms or not hypothesis_forms:
        return Relation.UNKNOWN
    if {lemma for lemma, _ in premise_forms} & {lemma for lemma, _ in hypothesis_forms}:
        return Relation.ENTAILING  # forms of one word
    words = _words()
    for premise_lemma, premise_pos in premise_forms:
        for hypothesis_lemma, hypothesis_pos in hypothesis_forms:
            linked = words[premise_lemma, premise_pos].linked | words[hypothesis_lemma, hypothesis_pos].linked
            if premise_lemma in linked or hypothesis_lemma in linked:
                return Relation.ENTAILING
    shared_pos = {pos for _, pos in premise_forms} & {pos for _, pos in hypothesis_forms}
    if not shared_pos:
        return Relation.UNKNOWN
    alternatives = False
    for pos in shared_pos:
        ours = {sense for lemma, p in premise_forms if p == pos for sense in words[lemma, pos].senses}
        theirs = {sense for lemma, p in hypothesis_forms if p == pos for sense in words[lemma, pos].senses}
        general = _generalisations(ours)
        specific = _generalisations(theirs) if pos == "a" else theirs  # one adjective cluster: similar words
        if general & specific:
            return Relation.ENTAILING
        opposed = {word for lemma, p in premise_forms if p == pos for word in words[lemma, pos].antonyms}
        alternatives = alternatives or bool(
            opposed & {lemma for lemma, p in hypothesis_forms if p == pos}
            or _frequent_parents(premise_forms, pos) & _frequent_parents(hypothesis_forms, pos)
        )
    return Relation.ALTERNATIVE if alternatives else Relation.INDEPENDENT


@cache
def linked_either_way(first: str, second: str) -> bool:
    """Whether WordNet lets either word stand for the other (``relation`` ``ENTAILING`` one way or the other): the
    two name one thing or one kind of thing ("fine" / "penalty", "injured" / "wounded")."""
    return Relation.ENTAILING in (relation(first, second), relation(second, first))


def opposed_through_link(first: str, second: str, pos: str = "v") -> bool:
    """One word is one WordNet link away from a word WordNet opposes to the other: "beat" is linked to "win", whose
    antonym is "lose". WordNet gives antonyms between a few head words only (indirect antonymy), so "beat" / "lose"
    is named through the head; either way round, never between two forms of one word."""
    words = _words()
    for word, other in ((first, second), (second, first)):
        others = {lemma for lemma, p in base_forms(other) if p == pos}
        forms = {lemma for lemma, p in base_forms(word) if p == pos}
        if not others or not forms or others & forms:
            continue
        for form in forms:
            for linked in words[form, pos].linked:
                entry = words.get((linked, pos))
                if entry is not None and entry.antonyms & others:
                    return True
    return False


def is_noun(word: str) -> bool:
    """Whether ``word`` (one word, or a few joined by spaces: "insurance companies") is a form of a WordNet noun."""
    return any(pos == "n" for _, pos in base_forms(word))


def is_adjective(word: str) -> bool:
    """Whether ``word`` is a form of a WordNet adjective (head or satellite: "new", "central")."""
    return any(pos in {"a", "s"} for _, pos in base_forms(word))


def shared_parts_of_speech(premise_word: str, hypothesis_word: str) -> frozenset[str]:
    """The parts of speech (WordNet's letters) both words can be forms of."""
    return frozenset({pos for _, pos in base_forms(premise_word)} & {pos for _, pos in base_forms(hypothesis_word)})
