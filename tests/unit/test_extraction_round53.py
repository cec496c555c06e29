"""Attribution extraction, round 53: offices and titles. An office "of" a place written before a name with no comma
("Mayor of London Sadiq Khan", "Foreign Minister of Portugal João Cravinho") gives the office and its place as the
role and the person as the speaker; an office ending in a rank word ("the Attorney General", "the secretary-general")
is the office, not a person called "General"; a hyphenated office keeps its rank word in the role
("secretary-general of United Nations"); "the health secretary" means the holder of the office, not the shadow."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- an office of a place before a name -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Mayor of London Sadiq Khan said the scheme would begin in the spring.", "Sadiq Khan", "mayor of london"),
        (
            "Foreign Minister of Portugal João Cravinho said the country would take part in the scheme.",
            "João Cravinho",
            "foreign minister of portugal",
        ),
        (
            "Mayor of Greater Manchester Andy Burnham said fares on the Metrolink would be frozen for another year.",
            "Andy Burnham",
            "mayor of greater manchester",
        ),
        (
            "President of the European Commission Ursula von der Leyen said the pact was agreed.",
            "Ursula von der Leyen",
            "president of european commission",
        ),
    ],
)
def test_an_office_of_a_place_before_a_name_is_the_role(
    extractor: AttributionExtractor, text: str, name: str, role: str
) -> None:
    """The recogniser joins the place to the name ("London Sadiq Khan") or takes the whole for a body's name; the
    place belongs to the office, the person speaks."""
    speaker = extract(extractor, text)[0].speaker
    assert speaker.name == name
    assert (speaker.role or "").lower() == role


@pytest.mark.slow
def test_an_office_of_a_place_alone_stays_whole(extractor: AttributionExtractor) -> None:
    """ "The President of Portugal said": no name after the place, the office is the speaker (control)."""
    speaker = extract(extractor, "The President of Portugal said he would sign the law.")[0].speaker
    assert speaker.name == "President of Portugal"


# --- an office ending in a rank word --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Attorney General said the legal advice would not be published.", "Attorney General"),
        ("The secretary-general said he would send an envoy to Port Sudan.", "secretary-general"),
        ("The Director-General said cholera cases had doubled in a month.", "Director-General"),
    ],
)
def test_an_office_ending_in_a_rank_is_the_office(extractor: AttributionExtractor, text: str, name: str) -> None:
    """ "General" is a rank word; after an office's first word it ends the office, and names no person."""
    assert extract(extractor, text)[0].speaker.name == name


@pytest.mark.slow
def test_a_hyphenated_office_keeps_its_rank_word_in_the_role(extractor: AttributionExtractor) -> None:
    """ "Secretary-General" is one word: the role is not "secretary- of United Nations"."""
    text = "The Secretary-General of the United Nations, António Guterres, said famine had been confirmed."
    speaker = extract(extractor, text)[0].speaker
    assert speaker.name == "António Guterres"
    assert speaker.role == "secretary-general of United Nations"


@pytest.mark.slow
def test_the_hyphenated_office_later_means_its_holder(extractor: AttributionExtractor) -> None:
    text = (
        "The Secretary-General of the United Nations, António Guterres, said famine had been confirmed.\n\n"
        "The secretary-general said he would send an envoy to Port Sudan."
    )
    assert one(extract(extractor, text), "envoy").speaker.name == "António Guterres"


# --- an office qualified as another ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_office_means_its_holder_not_the_shadow(extractor: AttributionExtractor) -> None:
    text = (
        "The Secretary of State for Health, Wes Streeting, said the NHS would offer two million more appointments.\n\n"
        "Shadow Health Secretary Victoria Atkins said the promise had been made before and not kept.\n\n"
        "The health secretary said the extra appointments would be paid for by cutting agency staff."
    )
    assert one(extract(extractor, text), "agency staff").speaker.name == "Wes Streeting"


@pytest.mark.slow
def test_the_office_means_the_shadow_when_no_holder_was_named(extractor: AttributionExtractor) -> None:
    """Control: with only the shadow named, the description still finds her."""
    text = (
        "Shadow Health Secretary Victoria Atkins said the promise had been made before and not kept.\n\n"
        "The health secretary said the extra appointments had never been paid for."
    )
    assert one(extract(extractor, text), "never been paid").speaker.name == "Victoria Atkins"


@pytest.mark.slow
def test_the_mayor_means_the_mayor_not_the_lord_mayor(extractor: AttributionExtractor) -> None:
    text = (
        "Mayor of Greater Manchester Andy Burnham said fares on the Metrolink would be frozen for another year.\n\n"
        "The Lord Mayor of Manchester, Carmine Grimshaw, said the city centre had seen record visitor numbers.\n\n"
        "The mayor said the freeze would cost about £4 million."
    )
    assert one(extract(extractor, text), "freeze would cost").speaker.name == "Andy Burnham"
