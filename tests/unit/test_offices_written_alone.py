"""An office written alone is its own speaker, kept whole (h154's audit): "the Prime Minister" keyed as "minister"
(role "Prime"), so "the Minister" found the prime minister and the prime minister could not be an alias of the
named one. Titled names are read as before: the office is the role, the person the name."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.names import leading_office, normalize_speaker_name, speaker_key, split_role_prefix
from tests.unit.extraction_helpers import extract, one

OFFICES_ALONE = {
    "the Prime Minister": "Prime Minister",
    "Prime Minister": "Prime Minister",
    "the Deputy Prime Minister": "Deputy Prime Minister",
    "the Foreign Secretary": "Foreign Secretary",
    "the Chancellor": "Chancellor",
    "the Minister": "Minister",
    "the President": "President",
    "the Attorney General": "Attorney General",
    "the Secretary of State": "Secretary of State",
    "Vice President": "Vice President",
    "Chief Executive": "Chief Executive",
}


@pytest.mark.parametrize(("written", "name"), OFFICES_ALONE.items())
def test_an_office_written_alone_is_kept_whole(written: str, name: str) -> None:
    assert normalize_speaker_name(written) == name
    assert split_role_prefix(written) == (None, name)
    assert leading_office(written) is None
    assert speaker_key(written) == name.casefold()


def test_each_office_has_its_own_key() -> None:
    keys = {speaker_key(written) for written in OFFICES_ALONE}
    assert len(keys) == len(set(OFFICES_ALONE.values()))
    assert speaker_key("the Minister") != speaker_key("the Prime Minister") != speaker_key("Deputy Prime Minister")
    assert speaker_key("President") != speaker_key("Vice President")


@pytest.mark.parametrize(
    ("written", "role", "name"),
    [
        ("Prime Minister Helena Marsh", "Prime Minister", "Helena Marsh"),
        ("Finance Minister Tomas Reyes", "Finance Minister", "Tomas Reyes"),
        ("Vice President Kamala Harris", "Vice President", "Kamala Harris"),
        ("Attorney General Merrick Garland", "Attorney General", "Merrick Garland"),
        ("Deputy Prime Minister Ana Ruiz", "Deputy Prime Minister", "Ana Ruiz"),
    ],
)
def test_an_office_before_a_name_is_still_the_role(written: str, role: str, name: str) -> None:
    prefix, bare = split_role_prefix(written)
    assert bare == name
    assert (prefix or leading_office(written)) == role
    assert speaker_key(written) == name.casefold()


@pytest.mark.parametrize(
    ("written", "key"),
    [("Major General", "major general"), ("Speaker Pro Tempore", "speaker pro tempore"),
     ("President of Portugal", "president of portugal"), ("Mr. President", "president"), ("Minister", "minister")],
)  # fmt: skip
def test_other_titles_alone_keep_their_keys(written: str, key: str) -> None:
    assert speaker_key(written) == key


def test_an_article_s_prime_minister_alone_is_no_minister(extractor: AttributionExtractor) -> None:
    claim = one(extract(extractor, "The Prime Minister said that tolls would be scrapped by June."), "tolls")
    assert (claim.speaker.name, claim.speaker.role) == ("Prime Minister", None)


def test_an_article_s_prime_minister_after_the_named_one_is_that_person(extractor: AttributionExtractor) -> None:
    text = "Prime Minister Helena Marsh opened the bridge on Monday. The Prime Minister said that tolls would go."
    claim = one(extract(extractor, text), "tolls")
    assert (claim.speaker.name, claim.speaker.role) == ("Helena Marsh", "prime minister")


# h160: offices whose first word h158's rule did not read as qualifying the rest: "Chief" before a rank or office
# ("the Chief Constable" was "Constable", role "Chief"), and qualifiers before an office described by its remit
# ("Deputy Foreign Minister" was "Foreign Minister", role "Deputy", so the deputy took the minister's key).
QUALIFIED_OFFICES_ALONE = {
    "Chief Constable": "Chief Constable",
    "the Chief Constable": "Chief Constable",
    "Deputy Chief Constable": "Deputy Chief Constable",
    "Assistant Chief Constable": "Assistant Chief Constable",
    "the Chief Justice": "Chief Justice",
    "Chief Inspector": "Chief Inspector",
    "the Chief Rabbi": "Chief Rabbi",
    "the Deputy First Minister": "Deputy First Minister",
    "Deputy Foreign Minister": "Deputy Foreign Minister",
    "the Deputy Health Secretary": "Deputy Health Secretary",
    "the Chief Medical Officer": "Chief Medical Officer",
    "the Deputy Chief Medical Officer": "Deputy Chief Medical Officer",
    "Acting Police Chief": "Acting Police Chief",
}


@pytest.mark.parametrize(("written", "name"), QUALIFIED_OFFICES_ALONE.items())
def test_a_qualified_office_written_alone_is_kept_whole(written: str, name: str) -> None:
    assert normalize_speaker_name(written) == name
    assert split_role_prefix(written) == (None, name)
    assert leading_office(written) is None
    assert speaker_key(written) == name.casefold()


def test_a_qualified_office_and_the_office_it_qualifies_have_their_own_keys() -> None:
    offices = [
        "the Constable", "Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable", "Foreign Minister",
        "Deputy Foreign Minister", "First Minister", "Deputy First Minister", "Medical Officer",
        "Chief Medical Officer", "Deputy Chief Medical Officer", "Justice", "Chief Justice",
    ]  # fmt: skip
    assert len({speaker_key(office) for office in offices}) == len(offices)


@pytest.mark.parametrize(
    ("written", "role", "name"),
    [
        ("Chief Constable Sarah Crew", "Chief", "Sarah Crew"),
        ("Foreign Secretary David Lammy", "Foreign Secretary", "David Lammy"),
        ("Deputy Foreign Minister Ana Ruiz", "Foreign Minister", "Ana Ruiz"),
        ("Deputy Chief Constable Jo Hale", "Deputy Chief", "Jo Hale"),
        ("Chief Medical Officer Chris Whitty", "Chief Medical Officer", "Chris Whitty"),
        ("Deputy Jo King", "Deputy", "Jo King"),
        ("Senator King", "Senator", "King"),
    ],
)
def test_a_qualified_office_before_a_name_is_read_as_before(written: str, role: str, name: str) -> None:
    prefix, bare = split_role_prefix(written)
    assert bare == name
    assert (prefix or leading_office(written)) == role
    assert speaker_key(written) == name.casefold()
