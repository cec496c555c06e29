"""A person's gender as their given name tells it, for "she added" after two people of whom only one is a woman.

The names are Faker's (MIT): the male and female first-name lists of every locale it has, in Latin letters only,
looked up without accents ("Ágnes" is "Agnes"), and Ukrainian's in the Latin letters Faker itself writes them in
(``_TRANSLITERATED_LOCALES``), where the Latin lists know nothing of a name. A
name on both sides anywhere ("Andrea", "Jean", "Jordan") tells nothing. An honorific or a resolved pronoun in the
article says more and comes first; "his"/"her" votes come after (``extraction.coref``). The lists also tell a
person's name folded into an organisation ("Shop owner Nadia Haddad", ``extraction.speaker_kind``).
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from functools import cache
from typing import Literal

Gender = Literal["m", "f"]


@cache
def _given_names() -> dict[str, Gender | None]:
    male: set[str] = set()
    female: set[str] = set()
    for lists in _locale_lists():
        male.update(lists["first_names_male"])
        female.update(lists["first_names_female"])
    genders: dict[str, Gender | None] = dict.fromkeys(male & female)
    genders.update({name: "m" for name in male - female})
    genders.update({name: "f" for name in female - male})
    # names known only in another script ("Volodymyr"): added, never changing what the Latin lists say of a name
    for lists in _transliterated_lists():
        male_only = lists["first_names_male"] - lists["first_names_female"]
        female_only = lists["first_names_female"] - lists["first_names_male"]
        for name in lists["first_names_male"] | lists["first_names_female"]:
            if name not in genders:
                genders[name] = "m" if name in male_only else "f" if name in female_only else None
    return genders


# Locales whose given names Faker writes in another script, with the letters its own internet provider writes them
# in for e-mail addresses (``replacements``): Ukrainian's follow the national transliteration, as English-language
# news writes Ukrainian names ("Volodymyr", "Oleksandr", "Dmytro"); Russian's and Bulgarian's drop or keep letters
# news writes otherwise ("Avdey" as "avde"), so they stay out.
_TRANSLITERATED_LOCALES = ("uk_UA",)


@cache
def _transliterated_lists() -> tuple[dict[str, frozenset[str]], ...]:
    """Each of ``_TRANSLITERATED_LOCALES``' male and female given names in Latin letters, lower-cased."""
    found = []
    for locale in _TRANSLITERATED_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        letters = dict(importlib.import_module(f"faker.providers.internet.{locale}").Provider.replacements)
        found.append(
            {
                attribute: frozenset(
                    latin
                    for n in getattr(provider, attribute, None) or ()
                    if (latin := _folded("".join(letters.get(c, c) for c in n))).isascii() and latin.isalpha()
                )
                for attribute in ("first_names_male", "first_names_female")
            }
        )
    return tuple(found)


@cache
def _locale_lists() -> tuple[dict[str, frozenset[str]], ...]:
    """Each locale's male and female given names, lower-cased."""
    import faker.providers.person as people

    found = []
    for module in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        found.append(
            {
                attribute: frozenset(
                    folded
                    for n in getattr(provider, attribute, None) or ()
                    if (folded := _folded(n)).isascii() and folded.isalpha()
                )
                for attribute in ("first_names_male", "first_names_female")
            }
        )
    return tuple(found)


def _folded(name: str) -> str:
    """A name lower-cased without its accents, so "Ágnes" and "Agnes", "Zoltán" and "Zoltan" are one name."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _locale_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for lists in _locale_lists():
        for name in lists["first_names_male"] | lists["first_names_female"]:
            counts[name] = counts.get(name, 0) + 1
    return counts


def thinly_attested(full_name: str) -> bool:
    """Whether one locale's list alone gives this full name's first word a gender ("Wanjiru", "Dwi"): a guess a
    pronoun in the article may overrule, where a name many locales agree on ("Mike") is not."""
    words = full_name.split()
    return len(words) > 1 and _locale_counts().get(_folded(words[0]), 0) <= 1


def given_name_gender(full_name: str) -> Gender | None:
    """ "m" or "f" for a full name whose first word is a given name of one gender only ("Jane Doe"); None for a
    lone surname, an ambiguous or unknown given name."""
    words = full_name.split()
    if len(words) < 2:
        return None
    return _given_names().get(_folded(words[0]))


def is_given_name(word: str) -> bool:
    """Whether a word is someone's given name in any locale's lists, of either gender."""
    return _folded(word) in _given_names()
