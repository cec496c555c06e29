"""Regenerate ``antonyms.tsv`` from WordNet 3.0 (Debian's ``wordnet-base`` and ``wordnet-sense-index``).

    python -m embeddings.nli.lexicon.build [--wordnet /usr/share/wordnet] [--out embeddings/nli/lexicon/antonyms.tsv]

nltk reads WordNet from an ``nltk_data/corpora/wordnet`` folder that also holds a ``lexnames`` file, which Debian
does not ship; the database files are copied into ``.cache/nltk_data`` and ``lexnames`` is written there from
WordNet's documented list of lexicographer files (``lexnames(5WN)``).

WordNet's *direct* antonyms (3,600 lemma pairs) miss many pairs a claim flips on, so each direct pair is extended,
every extension recorded in the ``origin`` column:

- ``wordnet:synset``: every lemma of one sense against every lemma of the opposite sense (WordNet marks antonymy
  between word forms, but the senses are opposite as wholes: increase/decrease gives rise/decrease);
- ``wordnet:verb-group``: the senses WordNet groups with a verb's sense, against its antonym;
- ``wordnet:similar``: an adjective's satellites (``similar_to``) against the head's antonym (WordNet's own
  "indirect antonyms": damp/dry from wet/dry);
- ``wordnet:derived``: derivationally related forms of both sides in a shared part of speech
  (approval/disapproval from approve/disapprove);

then every lemma pair is inflected with lemminflect (past tense, participles, third person, plurals, comparatives),
and the hand-written relation phrases of ``manual_relations.tsv`` are appended.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embeddings.nli.lexicon import (
    ANTONYMS_FILE,
    ASYMMETRIC_COLUMNS,
    ASYMMETRIC_FILE,
    COLUMNS,
    MANUAL_FILE,
    SYNONYMS_FILE,
)

DEFAULT_WORDNET_DIR = Path("/usr/share/wordnet")
DEFAULT_NLTK_DIR = Path(".cache/nltk_data")
WORDNET_FILES = (
    *(f"{kind}.{pos}" for kind in ("data", "index") for pos in ("noun", "verb", "adj", "adv")),
    *(f"{pos}.exc" for pos in ("noun", "verb", "adj", "adv")),
    "index.sense",
    "cntlist.rev",
)
# WordNet 3.0's lexicographer files in file-number order (lexnames(5WN)); the number after each is the syntactic
# category nltk expects in the ``lexnames`` file (1 noun, 2 verb, 3 adjective, 4 adverb).
LEXNAMES: tuple[tuple[str, int], ...] = (
    ("adj.all", 3),
    ("adj.pert", 3),
    ("adv.all", 4),
    *(
        (f"noun.{name}", 1)
        for name in [
            "Tops",
            "act",
            "animal",
            "artifact",
            "attribute",
            "body",
            "cognition",
            "communication",
            "event",
            "feeling",
            "food",
            "group",
            "location",
            "motive",
            "object",
            "person",
            "phenomenon",
            "plant",
            "possession",
            "process",
            "quantity",
            "relation",
            "shape",
            "state",
            "substance",
            "time",
        ]
    ),
    *(
        (f"verb.{name}", 2)
        for name in [
            "body",
            "change",
            "cognition",
            "communication",
            "competition",
            "consumption",
            "contact",
            "creation",
            "emotion",
            "motion",
            "perception",
            "possession",
            "social",
            "stative",
            "weather",
        ]
    ),
    ("adj.ppl", 3),
)
POS_NAMES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
# Penn tags each part of speech is inflected into (lemminflect's tags); the base form comes first.
TAGS: dict[str, tuple[str, ...]] = {
    "verb": ("VB", "VBD", "VBN", "VBZ", "VBG"),
    "noun": ("NN", "NNS"),
    "adj": ("JJ", "JJR", "JJS"),
    "adv": ("RB",),
}
UPOS = {"verb": "VERB", "noun": "NOUN", "adj": "ADJ", "adv": "ADV"}
MAX_SENSE_RANK = 3  # an extended pair's words must each be in one of their three most frequent senses
ORIGIN_RANK = (
    "wordnet:first-sense",
    "wordnet:direct",
    "wordnet:synset",
    "wordnet:verb-group",
    "wordnet:similar",
    "wordnet:derived",
)


@dataclass(frozen=True, slots=True)
class LemmaPair:
    lemma_a: str
    lemma_b: str
    pos: str
    origin: str
    count: int  # how often the rarer of the two senses is tagged in WordNet's corpus (0: never)
    lexname: str  # the lexicographer file of the first lemma's sense, e.g. noun.person, verb.change
    rank: int  # the larger of the two words' sense ranks (0: both in their most frequent sense)
    share: float  # the smaller of the two words' sense shares (sense_share): how often a swap reads right
    frames: tuple[str, str] = ("", "")  # verbs: "t" takes an object in this sense, "i" goes without (verb_frames)


def prepare_nltk_data(wordnet_dir: Path, nltk_dir: Path) -> Path:
    """Copy the WordNet database where nltk looks for it and write ``lexnames``; return the corpus root."""
    root = nltk_dir / "corpora" / "wordnet"
    root.mkdir(parents=True, exist_ok=True)
    for name in WORDNET_FILES:
        source = wordnet_dir / name
        if not source.is_file():
            raise SystemExit(
                f"{source} is missing: install WordNet 3.0 with `apt-get install -y wordnet-base wordnet-sense-index`"
                " (or `make wordnet`)"
            )
        target = root / name
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)  # nltk refuses symbolic links that leave its root
    (root / "lexnames").write_text(
        "".join(f"{index:02d}\t{name}\t{category}\n" for index, (name, category) in enumerate(LEXNAMES)),
        encoding="ascii",
    )
    return root


def open_wordnet(wordnet_dir: Path, nltk_dir: Path) -> Any:
    """nltk's WordNet reader over Debian's database (copied under ``nltk_dir`` first)."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    root = prepare_nltk_data(wordnet_dir, nltk_dir)
    nltk.data.path.insert(0, str(nltk_dir.resolve()))  # nltk reads only below its data path
    return WordNetCorpusReader(str(root.resolve()), None)


def _usable(name: str) -> bool:
    """Lower-case words and phrases only: proper nouns, abbreviations with digits and long phrases say nothing here."""
    return name == name.lower() and not any(c.isdigit() for c in name) and name.count("_") <= 2 and len(name) > 1


def sense_rank(wordnet: Any, lemma: Any) -> int:
    """Where the lemma's sense comes among the word's senses of its part of speech (0: the most frequent one).

    WordNet lists a word's senses by their frequency in its tagged corpus, so a high rank is a rare sense: an
    extended pair that holds only in a rare sense of a word ("allow"/"keep" through keep = prevent) would swap the
    word wrongly wherever it is used in its common sense.
    """
    synset = lemma.synset()
    pos = "a" if synset.pos() == "s" else synset.pos()
    senses = wordnet.synsets(lemma.name(), pos=pos)
    return senses.index(synset) if synset in senses else len(senses)


def sense_share(wordnet: Any, lemma: Any) -> float:
    """The estimated share of a word's uses that are in this sense: its tagged count against the word's other senses
    of the same part of speech, add-one smoothed (a word with one sense gets 1.0 however rare it is)."""
    synset = lemma.synset()
    pos = "a" if synset.pos() == "s" else synset.pos()
    name = lemma.name()
    counts = [
        sum(other.count() for other in sense.lemmas() if other.name() == name)
        for sense in wordnet.synsets(name, pos=pos)
    ]
    return (lemma.count() + 1) / (sum(counts) + len(counts)) if counts else 0.0


# WordNet's generic verb frames (frames(5WN)) with a direct object ("Somebody ----s something") and without one
# ("Something ----s", "Somebody ----s PP").
TRANSITIVE_FRAMES = frozenset({5, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25, 30, 31})
INTRANSITIVE_FRAMES = frozenset({1, 2, 3, 4, 6, 7, 12, 13, 22, 23, 27})


def verb_frames(lemma: Any) -> str:
    """ "t" when the verb takes a direct object in this sense, "i" when it goes without, both, or neither."""
    if lemma.synset().pos() != "v":
        return ""
    frames = set(lemma.frame_ids())
    return ("t" if frames & TRANSITIVE_FRAMES else "") + ("i" if frames & INTRANSITIVE_FRAMES else "")


def _pairs(
    wordnet: Any, lemmas_a: Iterable[Any], lemmas_b: Iterable[Any], pos: str, origin: str
) -> Iterator[LemmaPair]:
    """Every usable pair of the two lemma lists; extensions keep only words used in one of their common senses."""
    extended = not origin.startswith("wordnet:direct")
    limit = MAX_SENSE_RANK if extended else 1_000
    ranked_b = [(b, sense_rank(wordnet, b)) for b in lemmas_b if _usable(b.name())]
    for a in lemmas_a:
        rank_a = sense_rank(wordnet, a) if _usable(a.name()) else limit
        if rank_a >= limit:
            continue
        for b, rank_b in ranked_b:
            if a.name() != b.name() and rank_b < limit:
                count = min(a.count(), b.count())
                name_a, name_b = a.name().replace("_", " "), b.name().replace("_", " ")
                share = min(sense_share(wordnet, a), sense_share(wordnet, b))
                lexname = a.synset().lexname()
                frames = (verb_frames(a), verb_frames(b))
                yield LemmaPair(name_a, name_b, pos, origin, count, lexname, max(rank_a, rank_b), share, frames)


def wordnet_pairs(wordnet: Any) -> list[LemmaPair]:
    """Direct antonyms and their extensions (see the module docstring), one row per lemma pair and part of speech."""
    found: list[LemmaPair] = []
    direct: list[tuple[Any, Any]] = []
    for synset in wordnet.all_synsets():
        for lemma in synset.lemmas():
            direct.extend((lemma, antonym) for antonym in lemma.antonyms())
    for lemma, antonym in direct:
        pos = POS_NAMES[lemma.synset().pos()]
        sense, opposite = lemma.synset(), antonym.synset()
        found.extend(_pairs(wordnet, [lemma], [antonym], pos, f"wordnet:direct:{pos}"))
        found.extend(_pairs(wordnet, sense.lemmas(), opposite.lemmas(), pos, "wordnet:synset"))
        if pos == "verb":
            for grouped in sense.verb_groups():
                found.extend(_pairs(wordnet, grouped.lemmas(), opposite.lemmas(), pos, "wordnet:verb-group"))
        if sense.pos() == "a":  # a head adjective: its satellites are indirect antonyms of the opposite head
            for satellite in sense.similar_tos():
                found.extend(_pairs(wordnet, satellite.lemmas(), opposite.lemmas(), pos, "wordnet:similar"))
        for derived_a in lemma.derivationally_related_forms():
            for derived_b in antonym.derivationally_related_forms():
                pos_a, pos_b = POS_NAMES[derived_a.synset().pos()], POS_NAMES[derived_b.synset().pos()]
                if pos_a == pos_b:
                    found.extend(_pairs(wordnet, [derived_a], [derived_b], pos_a, "wordnet:derived"))
    return found


def synonym_pairs(wordnet: Any) -> list[LemmaPair]:
    """Single words whose most frequent sense is one and the same synset, both tagged in it (buy/purchase).

    Swapping one for the other keeps the sentence's meaning wherever either word is used in its common sense, which
    is the only sense a generator that cannot disambiguate may rely on.
    """
    found: list[LemmaPair] = []
    for synset in wordnet.all_synsets():
        lemmas = [
            lemma
            for lemma in synset.lemmas()
            if _usable(lemma.name())
            and "_" not in lemma.name()
            and lemma.count() > 0
            and sense_rank(wordnet, lemma) == 0
        ]
        pos = POS_NAMES[synset.pos()]
        found.extend(
            LemmaPair(
                a.name(),
                b.name(),
                pos,
                "wordnet:first-sense",
                min(a.count(), b.count()),
                synset.lexname(),
                0,
                min(sense_share(wordnet, a), sense_share(wordnet, b)),
            )
            for i, a in enumerate(lemmas)
            for b in lemmas[i + 1 :]
        )
    return found


# Verbs whose subject and object cannot swap roles and stay true ("A beat B" against "B beat A"): WordNet's
# hyponyms of these senses, in the lexicographer files of competition and comparison.
ASYMMETRIC_ROOTS = ("defeat.v.01", "get_the_better_of.v.01")
ASYMMETRIC_LEXNAMES = ("verb.competition", "verb.stative")


def asymmetric_verbs(wordnet: Any) -> list[tuple[str, str]]:
    """(lemma, origin) for the single-word verbs under ASYMMETRIC_ROOTS whose most frequent sense is there."""
    found: dict[str, str] = {}
    for root_name in ASYMMETRIC_ROOTS:
        root = wordnet.synset(root_name)
        for synset in [root, *root.closure(lambda s: s.hyponyms())]:
            if synset.lexname() not in ASYMMETRIC_LEXNAMES:
                continue
            for lemma in synset.lemmas():
                name = lemma.name()
                if "_" not in name and _usable(name) and sense_rank(wordnet, lemma) == 0:
                    found.setdefault(name, f"wordnet:hyponym:{root_name}")
    return sorted(found.items())


def _rank(origin: str) -> int:
    return next(i for i, prefix in enumerate(ORIGIN_RANK) if origin.startswith(prefix))


def deduplicate(pairs: Iterable[LemmaPair]) -> list[LemmaPair]:
    """One row per unordered lemma pair and part of speech, with its most direct origin; sorted."""
    best: dict[tuple[str, str, str], LemmaPair] = {}
    for pair in pairs:
        if pair.lemma_b < pair.lemma_a:
            pair = LemmaPair(
                pair.lemma_b,
                pair.lemma_a,
                pair.pos,
                pair.origin,
                pair.count,
                pair.lexname,
                pair.rank,
                pair.share,
                (pair.frames[1], pair.frames[0]),
            )
        a, b = pair.lemma_a, pair.lemma_b
        key = (a, b, pair.pos)
        known = best.get(key)
        count = max(pair.count, known.count if known else 0)  # the pair's most frequent sense
        chosen = pair if known is None or _rank(pair.origin) < _rank(known.origin) else known
        rank = min(pair.rank, known.rank if known else pair.rank)
        share = max(pair.share, known.share if known else pair.share)
        best[key] = LemmaPair(a, b, chosen.pos, chosen.origin, count, chosen.lexname, rank, share, chosen.frames)
    # a word that is its own antonym's form in another sense ("fast"/"fast") has been dropped by _pairs
    return [best[key] for key in sorted(best)]


def inflect(lemma: str, tag: str, pos: str) -> str | None:
    """The preferred ``tag`` form of ``lemma`` (a phrase inflects its first word), or None when there is none."""
    from lemminflect import getInflection

    if tag in ("VB", "NN", "JJ", "RB"):
        return lemma
    head, _, rest = lemma.partition(" ")
    forms = getInflection(head, tag, inflect_oov=False) or ()
    if not forms or (pos == "adj" and rest):
        return None
    return f"{forms[0]} {rest}".strip()


def inflected_rows(pairs: Iterable[LemmaPair]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for pair in pairs:
        for tag in TAGS[pair.pos]:
            word_a, word_b = inflect(pair.lemma_a, tag, pair.pos), inflect(pair.lemma_b, tag, pair.pos)
            if word_a is None or word_b is None or word_a == word_b:
                continue
            if tag not in TAGS[pair.pos][:1] and (word_a == pair.lemma_a) != (word_b == pair.lemma_b):
                continue  # one side has no such form ("dusk" has no plural): the pair would mix two tags
            rows.append(
                {
                    "word_a": word_a,
                    "word_b": word_b,
                    "tag": tag,
                    "pos": pair.pos,
                    "lemma_a": pair.lemma_a,
                    "lemma_b": pair.lemma_b,
                    "origin": pair.origin,
                    "count": str(pair.count),
                    "lexname": pair.lexname,
                    "rank": str(pair.rank),
                    "share": f"{pair.share:.2f}",
                    "frames": "|".join(pair.frames) if pair.pos == "verb" else "",
                    "after_lemmas": "",
                }
            )
    return rows


def manual_rows(path: Path = MANUAL_FILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        {
            "word_a": row["word_a"],
            "word_b": row["word_b"],
            "tag": "PHRASE",
            "pos": "phrase",
            "lemma_a": row["word_a"],
            "lemma_b": row["word_b"],
            "origin": row["origin"],
            "count": "0",
            "lexname": "",
            "rank": "0",
            "share": "1.00",
            "frames": "",
            "after_lemmas": row["after_lemmas"],
        }
        for row in csv.DictReader(lines, delimiter="\t")
    ]


def write_rows(rows: list[dict[str, str]], out: Path, columns: tuple[str, ...] = COLUMNS) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def wordnet_arguments(description: str | None) -> argparse.ArgumentParser:
    """A command line that reads WordNet: ``--wordnet`` (Debian's database) and ``--nltk-dir`` (nltk's copy)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wordnet", type=Path, default=DEFAULT_WORDNET_DIR, help="WordNet 3.0 database folder")
    parser.add_argument("--nltk-dir", type=Path, default=DEFAULT_NLTK_DIR, help="where nltk's copy is made")
    return parser


def main() -> None:
    parser = wordnet_arguments(__doc__)
    parser.add_argument("--out", type=Path, default=ANTONYMS_FILE)
    parser.add_argument("--synonyms-out", type=Path, default=SYNONYMS_FILE)
    parser.add_argument("--asymmetric-out", type=Path, default=ASYMMETRIC_FILE)
    args = parser.parse_args()
    wordnet = open_wordnet(args.wordnet, args.nltk_dir)
    lemma_pairs = deduplicate(wordnet_pairs(wordnet))
    rows = inflected_rows(lemma_pairs) + manual_rows()
    write_rows(rows, args.out)
    by_origin = Counter(pair.origin for pair in lemma_pairs)
    by_origin.update(row["origin"] for row in rows if row["pos"] == "phrase")
    print(f"{len(lemma_pairs)} WordNet lemma pairs, {len(rows)} surface-form rows -> {args.out}")
    for origin, count in sorted(by_origin.items()):
        print(f"  {origin}\t{count}")
    synonyms = deduplicate(synonym_pairs(wordnet))
    synonym_rows = inflected_rows(synonyms)
    write_rows(synonym_rows, args.synonyms_out)
    print(f"{len(synonyms)} first-sense synonym pairs, {len(synonym_rows)} rows -> {args.synonyms_out}")
    verbs = asymmetric_verbs(wordnet)
    verb_rows = [
        {"word": form, "tag": tag, "lemma": lemma, "origin": origin}
        for lemma, origin in verbs
        for tag in TAGS["verb"]
        if (form := inflect(lemma, tag, "verb")) is not None
    ]
    write_rows(verb_rows, args.asymmetric_out, ASYMMETRIC_COLUMNS)
    print(f"{len(verbs)} asymmetric verbs, {len(verb_rows)} rows -> {args.asymmetric_out}")


if __name__ == "__main__":
    main()
