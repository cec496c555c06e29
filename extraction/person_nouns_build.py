"""Writes the WordNet part of ``data/person_nouns.json``: the common nouns for a person ("baker", "vicar", "harbour
master"'s "master") that make a speaker described by one a person, read from the repository's own WordNet 3.0
export (``embeddings/signals/data/wordnet_words.tsv`` and ``wordnet_hypernyms.tsv``), so nothing needs WordNet
installed. Run ``python -m extraction.person_nouns_build`` after that export changes; the file's hand-written part
is kept as it is.

A noun counts when its most frequent sense is person.n.01 or below it: a word whose first sense is a body or a
thing ("council", "union", "report") stays out, as do the words that only characterise someone (WordNet's "bad
person", "simpleton", ... branches), words WordNet has as adjectives in as many senses as nouns ("regular",
"national"; not "master"), and nouns news writes for a business as often as for a person ("employer",
"contractor", "dealer")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_WORDNET = _ROOT / "embeddings" / "signals" / "data"
_OUT = Path(__file__).resolve().parent / "data" / "person_nouns.json"

PERSON = "n7846"  # person.n.01 (offset 00007846)
# Branches under person.n.01 that characterise someone rather than say what they do or are to others: bad person,
# unpleasant person, simpleton, unfortunate, novice, odd person, dupe, dead person, personification, large person,
# clumsy person, Black person, commoner, gay, lover, sleeper, epicure, primitive, waster. Offsets of WordNet 3.0.
_CHARACTERISATIONS = frozenset(
    {"n9831962", "n9631129", "n10599354", "n9630641", "n9632274", "n9606527", "n10752480", "n9994943", "n10418101",
     "n10247044", "n9931267", "n9636339", "n9610405", "n10182913", "n9622302", "n10524973", "n9629246", "n9627462",
     "n9626031"}
)  # fmt: skip
# Person nouns news writes for a business or a country as often as for a person ("the employer said", "the
# contractor said", "the buyer said", "a copper miner", "Britain's biggest grocer"), and WordNet's derogatory words for a person, which no report uses for a
# speaker; they are left unknown rather than made people.
_NOT_ONLY_PEOPLE = frozenset(
    {"employer", "contractor", "distributor", "wholesaler", "exporter", "dealer", "broker", "stockbroker", "vendor",
     "buyer", "investor", "sponsor", "donor", "backer", "contributor", "defendant", "litigant", "assignee", "claimant",
     "bidder", "applicant", "petitioner", "competitor", "rival", "opponent", "adversary", "antagonist", "winner",
     "loser", "champion", "champ", "beneficiary", "recipient", "borrower", "client", "consumer", "stockholder",
     "trustee", "executor", "steward", "creator", "producer", "developer", "maker", "moneymaker", "merchant",
     "purveyor", "concessionaire", "insured", "depositor", "saver", "lender", "pioneer", "predecessor", "successor",
     "forerunner", "ancestor", "antecedent", "spearhead", "pivot", "tackle", "forward", "guard", "monitor", "tiger",
     "miner", "grower", "grocer", "caterer", "jeweler", "draper", "mercer", "planter", "conveyor", "bearer",
     "whore", "tart", "spic", "stud", "broad", "babe", "crone", "commie", "lush", "souse", "fry", "have", "hire",
     "super", "longer", "closer", "comer", "mover", "stiff", "waver", "wag", "mate", "don", "pop", "pa", "ma"}
)  # fmt: skip


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def wordnet_person_nouns() -> list[str]:
    """The person nouns of the repository's WordNet export, sorted."""
    hypernyms = {row[0]: row[1].split() for row in _rows(_WORDNET / "wordnet_hypernyms.tsv") if row[0] != "synset"}
    senses: dict[str, list[str]] = {}
    adjective_senses: dict[str, int] = {}
    for row in _rows(_WORDNET / "wordnet_words.tsv"):
        if row[0] == "word":
            continue
        if row[1] == "n":
            senses[row[0]] = row[2].split()
        elif row[1] == "a":
            adjective_senses[row[0]] = len(row[2].split())

    @cache
    def above(synset: str) -> frozenset[str]:
        found: set[str] = set()
        for parent in hypernyms.get(synset, ()):
            found |= {parent} | above(parent)
        return frozenset(found)

    words = []
    for word, found in senses.items():
        if not found or not word.isalpha() or not word.islower() or word in _NOT_ONLY_PEOPLE:
            continue
        if adjective_senses.get(word, 0) >= len(found):  # "regular", "national": mostly an adjective
            continue
        first = found[0]
        lineage = above(first) | {first}
        if first != PERSON and PERSON in lineage and not lineage & _CHARACTERISATIONS:
            words.append(word)
    return sorted(words)


def main() -> None:
    data = json.loads(_OUT.read_text("utf-8"))
    data["wordnet"] = {
        "origin": (
            "Generated by `python -m extraction.person_nouns_build` from WordNet 3.0 (Princeton University, WordNet "
            "3.0 licence) as the repository exports it (embeddings/signals/data/wordnet_words.tsv and "
            "wordnet_hypernyms.tsv, words WordNet's tagged corpus attests): nouns whose most frequent sense is "
            "person.n.01 or below it, less the branches that only characterise someone, words WordNet has as "
            "adjectives in as many senses as nouns, and nouns news writes for businesses too (see the script). Not "
            "from any measured file. Do not edit by hand."
        ),
        "words": wordnet_person_nouns(),
    }
    _OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
