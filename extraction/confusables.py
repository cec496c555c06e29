"""Look-alike characters folded together (the confusable skeleton of Unicode's UTS #39), so a name written with a
Cyrillic "а", a Greek "ο" or a mathematical "𝐏" is the same name.

The data is Unicode's confusables.txt as the ``confusable-homoglyphs`` package ships it (MIT; regenerated from
unicode.org by its maintainers). That package keeps each mapping in both directions, so we rebuild the direction:
in confusables.txt every character maps straight to one prototype and prototypes map to nothing, so each group of
look-alikes is a star around its prototype. A group of two cannot tell its prototype from its member; we pick
one representative deterministically (an ASCII one where there is one), which gives exactly the same equalities
as UTS #39's skeletons. Pure: no database or service imports.

One departure from UTS #39, for keys: a letter whose look-alike holds no letter or digit keeps itself
(``_letters_kept``). UTS #39 folds the Hebrew yod to an apostrophe and Lisu tone letters to commas and full stops,
which a comparison may do, but a key that drops punctuation then loses the letter ("גיל" Gil and "גל" Gal were one
name). Modifier letters are no script's letters and still fold: "ʼ" and the okina "ʻ" are apostrophes.
"""

from __future__ import annotations

import importlib.resources
import json
import unicodedata
from functools import lru_cache


def is_invisible(char: str) -> bool:
    """Format controls (category Cf): zero-width space, joiners, word joiner, BOM, the bidi marks and embeddings,
    overrides and isolates (LRM, RLM, ALM, LRE..RLO, LRI..PDI), soft hyphen. They change how a name renders or
    nothing at all, never which name it is."""
    return unicodedata.category(char) == "Cf"


def without_invisibles(text: str) -> str:
    return "".join(char for char in text if not is_invisible(char))


@lru_cache(maxsize=1)
def prototypes() -> dict[str, str]:
    """Each confusable non-ASCII character (in NFD) -> the representative of its look-alike group."""
    raw = importlib.resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8")
    partners: dict[str, list[str]] = {
        without_invisibles(key): [without_invisibles(entry["c"]) for entry in entries]
        for key, entries in json.loads(raw).items()
    }
    # A character inside a multi-character prototype ("rn") is a prototype itself: prototypes map to nothing.
    in_prototypes = {char for key in partners if len(key) > 1 for char in key}
    mapping: dict[str, str] = {}
    for char, others in partners.items():
        if len(char) != 1 or char.isascii():
            continue  # multi-character strings are only ever prototypes; ASCII stays as written
        if len(others) > 1:
            continue  # the centre of a star: a prototype, mapped to itself
        (other,) = others
        if len(other) != 1 or len(partners.get(other, ())) > 1:
            mapping[char] = other  # a member of a star: its prototype
        else:
            mapping[char] = _representative(char, other, in_prototypes)  # a group of two
    return {char: target for char, target in mapping.items() if target and target != char}


def _representative(a: str, b: str, in_prototypes: set[str]) -> str:
    if (a in in_prototypes) != (b in in_prototypes):
        return a if a in in_prototypes else b
    if a.isascii() != b.isascii():
        return a if a.isascii() else b
    return min(a, b)


_SCRIPT_LETTER_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lo"})


@lru_cache(maxsize=1)
def _letters_kept() -> frozenset[str]:
    """The letters of a script (not modifier letters, which scripts share) whose look-alike representative holds
    no letter or digit: folded, they would be no word character at all (the Hebrew yod, the Latin glottal stop "ʔ",
    Lisu tone letters, some CJK ideographs)."""
    return frozenset(
        char
        for char, target in prototypes().items()
        if unicodedata.category(char) in _SCRIPT_LETTER_CATEGORIES
        and not any(part.isalnum() for part in _representative_of(target))
    )


@lru_cache(maxsize=1)
def _folds() -> dict[str, str]:
    """``prototypes`` without the letters kept as written."""
    kept = _letters_kept()
    return {char: target for char, target in prototypes().items() if char not in kept}


def _representative_of(text: str) -> str:
    """``text`` mapped through the look-alike table until it stays (the table is not guaranteed closed)."""
    table = prototypes()
    for _ in range(4):
        again = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", text))
        if again == text:
            break
        text = again
    return text


def confusable_skeleton(text: str) -> str:
    """``text`` with every non-ASCII character replaced by its look-alike group's representative (UTS #39 skeleton,
    ASCII left as written so plain Latin names keep their identity: "rn" and "m" stay different), recomposed. A
    letter whose representative holds no letter or digit stays as written (``_letters_kept``)."""
    if text.isascii():
        return text
    table = _folds()
    mapped = unicodedata.normalize("NFD", text)
    for _ in range(4):  # one round in all but a few cases; the data is not guaranteed closed
        again = "".join(char if char.isascii() else table.get(char, char) for char in mapped)
        if again == mapped:
            break
        mapped = unicodedata.normalize("NFD", again)
    return unicodedata.normalize("NFC", mapped)
