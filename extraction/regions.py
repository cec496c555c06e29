"""Whether a capitalised word is a region: a country, state, province, county or region of one.

The names are Faker's (MIT): the ``countries``, ``states``, ``provinces``, ``counties`` and ``regions`` lists of
every locale's address provider, in Latin letters only, looked up without accents, and ``data/uk_regions.json``
(the UK's nations and regions, Welsh areas and Irish counties Faker lacks; the file says where it comes from) and
``data/us_state_abbreviations.json`` (the US states as news abbreviates them after a city: "St. Louis, Mo.").
A place's own apposition
("a resident of Austin, Texas,") names one of these; a reader's given name after their town ("A reader in
Paisley, Morag,") does not, however the recogniser labelled it.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from functools import cache

from extraction.data_files import read_data_file

_LISTS = ("countries", "states", "provinces", "counties", "regions")


@cache
def _regions() -> frozenset[str]:
    found = set(_faker_names(_LISTS))
    found.update(_uk_regions())
    found.update(_folded(name) for name in read_data_file("us_state_abbreviations.json")["names"])
    return frozenset(found)


@cache
def _faker_names(lists: tuple[str, ...]) -> frozenset[str]:
    """The names of the given lists of every locale's address provider, folded, in Latin letters only."""
    import faker.providers.address as addresses

    found: set[str] = set()
    for module in pkgutil.iter_modules(addresses.__path__):
        provider = importlib.import_module(f"{addresses.__name__}.{module.name}").Provider
        for attribute in lists:
            names = getattr(provider, attribute, None)
            if isinstance(names, (list, tuple)):
                found.update(folded for n in names if isinstance(n, str) and (folded := _folded(n)).isascii())
    return frozenset(found)


def _uk_regions() -> set[str]:
    """The nations, regions and Welsh areas of ``data/uk_regions.json``, and its counties only as news writes them
    ("County Tyrone", "Co Kerry"): bare, several are given names."""
    data = read_data_file("uk_regions.json")
    found = {_folded(name) for name in data["names"]}
    found.update(_folded(f"{prefix} {county}") for prefix in data["county_prefixes"] for county in data["counties"])
    return found


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_region(name: str) -> bool:
    """Whether ``name`` is a country, state, province, county or region in any locale's address lists."""
    return _folded(name) in _regions()


def is_country(name: str) -> bool:
    """Whether ``name`` is a country in any locale's address lists ("France"; not "New Jersey", "Wales")."""
    return _folded(name) in _faker_names(("countries",))
