"""Attribution extraction, round 32: the kind of body opening a sentence before a body's name ("Broker Castleway
Partners said") is no part of the name; a trade that firms and people both ply ("the pollster", "the broker") is
the firm the article just named when it named no one so; a post held in a "who" clause of the perfect or the
progressive ("who has led", "who is leading"); the head of a committee is its chair; a headline's bare body noun
yields to the body the opening sentence names."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("opening", "name"),
    [
        ("Broker Harcourt Partners said most of its clients had renewed.", "Harcourt Partners"),
        ("Insurer Tolland Mutual said most of its clients had renewed.", "Tolland Mutual"),
        ("Supplier Brightcore said most of its clients had renewed.", "Brightcore"),
        ("Lender Westmoor Bank said most of its clients had renewed.", "Westmoor Bank"),
    ],
)
def test_a_kind_opening_the_sentence_is_no_part_of_the_name(
    extractor: AttributionExtractor, opening: str, name: str
) -> None:
    """Capitalised only because it opens the sentence, the kind says what the body is, as "insurer Tolland Mutual"
    would in mid-sentence; a later description of that kind finds it."""
    kind = opening.split(" ")[0].lower()
    text = f"{opening} Regulators said the market was calm. The {kind} said premiums would rise."
    claims = extract(extractor, text)
    first = one(claims, "had renewed").speaker
    assert (first.name, first.kind) == (name, "organisation")
    assert one(claims, "premiums would rise").speaker.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Network Rail said engineers had replaced the cabling.",
        "Union Pacific said engineers had replaced the cabling.",
    ],
)
def test_a_name_opening_with_a_body_noun_stays_whole(extractor: AttributionExtractor, text: str) -> None:
    """Control: a body's own name may open with a body's noun ("Network Rail"); only kinds no name opens with are
    taken off."""
    claim = one(extract(extractor, text), "replaced the cabling")
    assert claim.speaker.name == text.split(" said")[0]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pollster John Curtice said the gap was narrowing.", "John Curtice"),
        ("Broadcaster Ngozi Adeyemi said the gap was narrowing.", "Ngozi Adeyemi"),
    ],
)
def test_a_person_after_a_trade_word_is_that_person(extractor: AttributionExtractor, text: str, name: str) -> None:
    """Control: "Pollster John Curtice said": a person's full name after the word makes it a person's role."""
    claim = one(extract(extractor, text), "gap was narrowing")
    assert (claim.speaker.name, claim.speaker.kind) == (name, "person")


@pytest.mark.parametrize(
    ("opening", "later"),
    [
        ("Research firm Pollara found that 41 per cent of voters backed the plan.", "The pollster"),
        ("Stockbroking firm Marlow Cover said claims had risen.", "The broker"),
    ],
)
def test_a_trade_of_firms_and_people_is_the_firm_named(
    extractor: AttributionExtractor, opening: str, later: str
) -> None:
    """No person was called a pollster or a broker: the description means the business the article just named."""
    name = "Pollara" if "Pollara" in opening else "Marlow Cover"
    text = f"{opening} {later} said the result was within the margin of error."
    claim = one(extract(extractor, text), "margin of error")
    assert (claim.speaker.name, claim.speaker.kind) == (name, "organisation")


def test_a_person_called_a_pollster_is_still_that_person(extractor: AttributionExtractor) -> None:
    """Control: a person the article called a pollster is the one "the pollster" means, a firm named or not."""
    text = (
        "Research firm Pollara found that 41 per cent of voters backed the plan. Mark Ellison, a pollster at "
        "the University of Kent, said the figure was high. The pollster said it could fall."
    )
    claim = one(extract(extractor, text), "it could fall")
    assert claim.speaker.name == "Mark Ellison"


def test_a_regulator_is_no_broker(extractor: AttributionExtractor) -> None:
    """Control: a public body is not the business a trade's noun means; nothing named fits, so none is given."""
    text = "The Financial Conduct Authority said it had fined a firm. The broker said the fine was unfair."
    claim = one(extract(extractor, text), "fine was unfair")
    assert claim.speaker.name != "Financial Conduct Authority"


@pytest.mark.parametrize(
    "clause",
    ["who has chaired the county's planning committee since 2019", "who is chairing the county's planning committee"],
)
def test_a_post_held_in_the_perfect_or_progressive(extractor: AttributionExtractor, clause: str) -> None:
    text = (
        f"Councillor Rosa Delgado, {clause}, said the plans were sound. Councillor Ian Webb said they were not. "
        "The committee chair said a vote would follow."
    )
    claims = extract(extractor, text)
    first = one(claims, "plans were sound").speaker
    assert first.role is not None and "chair" in first.role
    assert one(claims, "vote would follow").speaker.name == "Rosa Delgado"


def test_what_someone_has_done_gives_no_role(extractor: AttributionExtractor) -> None:
    """Control: "who has visited the committee" holds no post."""
    text = "Rosa Delgado, who has visited the planning committee twice, said the plans were sound."
    assert one(extract(extractor, text), "plans were sound").speaker.role is None


def test_the_head_of_a_committee_is_its_chair(extractor: AttributionExtractor) -> None:
    text = (
        "Dr Lena Whitcombe, who heads the hospital's ethics committee, said the trial was safe. Professor Tom "
        "Ardley said it was not. The committee chair said the board would decide."
    )
    assert one(extract(extractor, text), "board would decide").speaker.name == "Lena Whitcombe"


def test_the_head_of_a_department_is_no_chair(extractor: AttributionExtractor) -> None:
    """Control: a department's head is not its chair: "the committee chair" finds no one."""
    text = (
        "Dr Lena Whitcombe, who heads the hospital's surgery department, said the trial was safe. The committee "
        "chair said the board would decide."
    )
    assert one(extract(extractor, text), "board would decide").speaker.name != "Lena Whitcombe"


def test_a_headline_noun_yields_to_the_body_named_in_the_lede(extractor: AttributionExtractor) -> None:
    """ "University plans cuts" then "The University of Tarn plans ..., it said": the headline's noun names no
    body; "it" is the university the opening sentence names, and so is "the university" after it."""
    text = (
        "University plans to cut 200 jobs\n\n"
        "The University of Tarn plans to cut 200 jobs to close a funding gap, it said on Monday.\n\n"
        "The university said student numbers had fallen."
    )
    claims = extract(extractor, text)
    assert one(claims, "plans to cut 200 jobs to close").speaker.name == "University of Tarn"
    assert one(claims, "student numbers had fallen").speaker.name == "University of Tarn"


def test_a_name_said_of_as_which_is_a_body(extractor: AttributionExtractor) -> None:
    """ "Greenpeace Nordic, which brought the case, said": "which" is said of no person, whatever the recogniser
    took the name for, and a later "the group" finds it."""
    text = (
        "Greenpeace Nordic, which brought the case, said the ruling was a victory. The group said it would "
        "monitor the government."
    )
    claims = extract(extractor, text)
    first = one(claims, "was a victory").speaker
    assert (first.name, first.kind) == ("Greenpeace Nordic", "organisation")
    assert one(claims, "monitor the government").speaker.name == "Greenpeace Nordic"


def test_a_name_said_of_as_who_is_a_person(extractor: AttributionExtractor) -> None:
    """Control: "who" keeps a person a person."""
    claim = one(extract(extractor, "Anna Lindqvist, who brought the case, said the ruling was a victory."), "victory")
    assert (claim.speaker.name, claim.speaker.kind) == ("Anna Lindqvist", "person")


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        ("The Secretary of State's office", "Secretary of State's office"),
        ("The Prime Minister's office", "Prime Minister's office"),
        ("President Okafor's office", "Okafor's office"),
    ],
)
def test_an_office_owned_by_titles_keeps_them(extractor: AttributionExtractor, owner: str, name: str) -> None:
    """Titles owning a body's noun are its name's, not titles to take off a person's name ("State's office"); a
    person's name after them is still the owner written without them (control)."""
    text = (
        f"Greg Lind said he would pay for the recount. {owner} said it had received no complaint. "
        "The office added that a recount could take two weeks."
    )
    claims = extract(extractor, text)
    assert one(claims, "no complaint").speaker.name == name
    assert one(claims, "two weeks").speaker.name == name
