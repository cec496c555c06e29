"""A person's gender as their given name tells it, for "she added" after two people of whom only one is a woman.

The names are Faker's (MIT): the male and female first-name lists of every locale it has, in Latin letters only. A
name on both sides anywhere ("Andrea", "Jean", "Jordan") tells nothing. An honorific or a resolved pronoun in the
article says more and comes first; "his"/"her" votes come after (``extraction.coref``). The lists also tell a
person's name folded into an organisation ("Shop owner Nadia Haddad", ``extraction.speakers``).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Literal

Gender = Literal["m", "f"]


@cache
def _given_names() -> dict[str, Gender | None]:
    import faker.providers.person as people

    male: set[str] = set()
    female: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        for attribute, found in (("first_names_male", male), ("first_names_female", female)):
            found.update(n.lower() for n in getattr(provider, attribute, None) or () if n.isascii() and n.isalpha())
    genders: dict[str, Gender | None] = dict.fromkeys(male & female)
    genders.update({name: "m" for name in male - female})
    genders.update({name: "f" for name in female - male})
    return genders


def given_name_gender(full_name: str) -> Gender | None:
    """ "m" or "f" for a full name whose first word is a given name of one gender only ("Jane Doe"); None for a
    lone surname, an ambiguous or unknown given name."""
    words = full_name.split()
    if len(words) < 2:
        return None
    return _given_names().get(words[0].lower())


def is_given_name(word: str) -> bool:
    """Whether a word is someone's given name in any locale's lists, of either gender."""
    return word.lower() in _given_names()
