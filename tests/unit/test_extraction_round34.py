"""Attribution extraction, round 34 (wire translations, Irish, Malaysian, Caribbean and Canadian English, earnings,
science releases, campaign trail, social media, obituaries): "was quick to say that ..." is the subject's saying,
"was unable to say when ..." no one's; an interview set out "Q. ... A. ..." is read as "Q: ... A: ..." is; "the Mayor
of London's office" and "the Home Secretary's office" are offices described, as "the Prime Minister's office" is;
a stage note ("(Applause.)") does not stop a speaker's quotations; "According to X, this suggests ..." is X's; "The
Taoiseach" is a person's office; Malaysian honorifics ("Datuk Seri", "Tan Sri", "Dato'", "Datin") are no part of a
name; "Reporting from Rafah, Al Jazeera's Hani Mahmoud said"; "Shares in X fell ... The company said" is X; "TD" is a
member's letters; "told a crowd of supporters that ..."; "X disclosed this in a statement" claims the paragraph
before."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Jamal Okafor was quick to say that the club would appeal the ban.", "the club would appeal the ban",
         "Jamal Okafor"),
        ("Minister Ann Lowe was keen to stress that the hospital would stay open.", "the hospital would stay open",
         "Ann Lowe"),
        ("The chairman, Tom Hale, was careful to point out that no jobs would go.", "no jobs would go", "Tom Hale"),
        ("Ravi Patel was eager to insist that the deal was still alive.", "the deal was still alive", "Ravi Patel"),
    ],
)  # fmt: skip
def test_an_eager_adjective_passes_its_saying_to_the_subject(
    extractor: AttributionExtractor, text: str, words: str, name: str
) -> None:
    """ "X was quick (keen, careful, eager) to say that ...": X said it; the adjective only tells how readily."""
    claim = one(extract(extractor, text), words)
    assert claim.speaker.name == name
    assert claim.speaker.kind == "person"


@pytest.mark.parametrize(
    "text",
    [
        "Police were unable to say when the road would reopen.",
        "The minister was reluctant to say whether the hospital would close.",
        "Okafor was free to say what he liked about the referee.",
    ],
)
def test_an_adjective_of_not_saying_claims_nothing(extractor: AttributionExtractor, text: str) -> None:
    """Control: "unable", "reluctant", "free" to say: nothing is said to have been said."""
    assert extract(extractor, text) == []


_DOTTED_INTERVIEW = """Diane Forsyth took over as cabinet member for highways in May. She spoke to the Gazette.

Q. Will any of the bus routes come back?

A. I'd like to see the number 42 restored by next spring. I can't promise it.

Q. Is a council tax rise coming?

A. We will have to look at every option."""


def test_a_dotted_interview_answer_is_the_interviewee_s_without_its_label(extractor: AttributionExtractor) -> None:
    """ "Q. ... A. ...": the answer is the interviewee's words, and the "A." is no part of them, as with "A:"."""
    claims = extract(extractor, _DOTTED_INTERVIEW)
    for words in ("the number 42 restored", "look at every option"):
        claim = one(claims, words)
        assert claim.speaker.name == "Diane Forsyth"
        assert not claim.text.startswith("A.")
    assert not any("Will any of the bus routes" in c.text for c in claims)


def test_an_initial_opening_a_paragraph_is_no_answer(extractor: AttributionExtractor) -> None:
    """Control: with no "Q." question in the article, "A. Rahman said ..." is a name with an initial."""
    text = "The council met on Monday.\n\nA. Rahman, the chairman, said the budget would be balanced."
    claim = one(extract(extractor, text), "the budget would be balanced")
    assert claim.speaker.name == "A. Rahman"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Mayor of London's office said the scheme would be extended.", "Mayor of London's office"),
        ("The Governor of Texas's office said the scheme would be extended.", "Governor of Texas's office"),
        ("The Home Secretary's office said the scheme would be extended.", "Home Secretary's office"),
        ("The Prime Minister's office said the scheme would be extended.", "Prime Minister's office"),
    ],
)
def test_an_office_s_office_is_a_described_body(extractor: AttributionExtractor, text: str, name: str) -> None:
    """ "The Mayor of London's office", "the Home Secretary's office": the office speaks, described by whose it is
    as "the Prime Minister's office" is, neither a person called "Mayor" nor a body named "Home Secretary's office";
    "'s office" heads the phrase whatever the parser hung it on."""
    claim = one(extract(extractor, text), "the scheme would be extended")
    assert claim.speaker.name == name
    assert claim.speaker.kind == "organisation"
    assert not claim.speaker.named


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Keir Starmer's office said the scheme would be extended.", "Keir Starmer"),
        ("President Joe Biden's office said the scheme would be extended.", "Joe Biden"),
    ],
)
def test_a_named_person_s_office_still_speaks_for_the_person(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """Control: a named person's office is no office described by its title."""
    claim = one(extract(extractor, text), "the scheme would be extended")
    assert name in claim.speaker.name


@pytest.mark.parametrize("note", ["(Applause.)", "(Applause)", "(Cheers and applause.)", "[Laughter]"])
def test_a_stage_note_between_quotations_does_not_stop_the_speaker(extractor: AttributionExtractor, note: str) -> None:
    """A speech's transcript notes the audience between sentences ("... ,” Reeves said. (Applause.) “They were
    wrong ...”"): the note is no narration, so the next quotation goes on in the same speaker's words."""
    text = (
        f"“They told us those jobs were never coming back,” Dana Reeves said. {note} “They were wrong, and I am "
        "going to prove it.”"
    )
    claims = extract(extractor, text)
    claim = one(claims, "They were wrong")
    assert claim.speaker.name == "Dana Reeves"
    assert not any(w in c.text for c in claims for w in ("Applause", "applause", "Laughter"))


def test_narration_between_quotations_still_stops_the_speaker(extractor: AttributionExtractor) -> None:
    """Control: a quotation after a sentence of narration in brackets-free prose is no continuation."""
    text = "“They told us those jobs were never coming back,” Dana Reeves said. The crowd chanted “Four more years.”"
    assert not any("Four more years" in c.text for c in extract(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "According to the professor, this suggests dairy was a staple from the very start of farming.",
        "According to Professor Richard Evershed, this shows that dairy was a staple from the very start of farming.",
    ],
)
def test_according_to_holds_a_clause_whose_verb_has_a_demonstrative_subject(
    extractor: AttributionExtractor, text: str
) -> None:
    """ "According to X, this suggests ...": "this" is no one who speaks, so "according to" names the speaker of
    the whole clause, as it does when the clause has no verb of saying."""
    claim = one(extract(extractor, text), "dairy was a staple")
    assert claim.speaker.name in {"professor", "Richard Evershed"}
    assert claim.speaker.kind == "person"


def test_according_to_still_relays_a_speaker_s_verb(extractor: AttributionExtractor) -> None:
    """Control: "according to" the agency that relays a named speaker's words leaves them the speaker's."""
    text = "The forces must be ready, Kim Jong Un said on Friday, according to the state news agency."
    claim = one(extract(extractor, text), "The forces must be ready")
    assert claim.speaker.name == "Kim Jong Un"


@pytest.mark.parametrize("office", ["Taoiseach", "Tánaiste"])
def test_a_lone_office_the_recogniser_labelled_is_a_person_s_description(
    extractor: AttributionExtractor, office: str
) -> None:
    """ "The Taoiseach has ruled out an early election, saying ...": an office alone after "the" is its holder, a
    person described as "the Prime Minister" is, whatever label the recogniser gave the word; with the holder named
    before, it is that person."""
    text = f"The {office} has ruled out an early election, saying the Government will serve its full term."
    claim = one(extract(extractor, text), "the Government will serve its full term")
    assert claim.speaker.kind == "person"
    assert not claim.speaker.named
    text = f"{office} Micheál Martin spoke in Cork. The {office} said the Government would serve its full term."
    claim = one(extract(extractor, text), "the Government would serve its full term")
    assert claim.speaker.name == "Micheál Martin"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Datuk Seri Anwar Ibrahim said the state would deploy 200 officers.", "Anwar Ibrahim"),
        ("Prime Minister Datuk Seri Anwar Ibrahim said the state would deploy 200 officers.", "Anwar Ibrahim"),
        ("Tan Sri Muhyiddin Yassin said the state would deploy 200 officers.", "Muhyiddin Yassin"),
        ("Dato' Sri Fadillah Yusof said the state would deploy 200 officers.", "Fadillah Yusof"),
        ("Datin Rosmah Ali said the state would deploy 200 officers.", "Rosmah Ali"),
    ],
)
def test_malaysian_honorifics_are_no_part_of_the_name(extractor: AttributionExtractor, text: str, name: str) -> None:
    """Malaysian styles ("Datuk", "Dato'", "Datuk Seri", "Tan Sri", "Datin") are honorifics, as "Sir" is: the same
    person is "Anwar Ibrahim" with or without them."""
    claim = one(extract(extractor, text), "the state would deploy 200 officers")
    assert claim.speaker.name == name
    assert claim.speaker.kind == "person"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tan Wei Ling said the jams had become worse this year.", "Tan Wei Ling"),
        ("Sri Mulyani Indrawati said the jams had become worse this year.", "Sri Mulyani Indrawati"),
    ],
)
def test_tan_and_sri_alone_stay_names(extractor: AttributionExtractor, text: str, name: str) -> None:
    """Control: "Tan" is a surname and "Sri" a given name except as part of "Tan Sri", "Datuk Seri", "Dato' Sri"."""
    claim = one(extract(extractor, text), "the jams had become worse")
    assert claim.speaker.name == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reporting from Rafah, Al Jazeera's Hani Mahmoud said families were queuing for hours for bread.",
         "Hani Mahmoud"),
        ("Writing from Kabul, our correspondent Lyse Doucet said families were queuing for hours for bread.",
         "Lyse Doucet"),
    ],
)  # fmt: skip
def test_the_speaker_after_an_opening_participle_with_a_place(
    extractor: AttributionExtractor, text: str, name: str
) -> None:
    """ "Reporting from Rafah, Al Jazeera's Hani Mahmoud said ...": the parser may take the participle for the
    subject and the speaker for an apposition of the place inside it; the speaker is that apposition."""
    claim = one(extract(extractor, text), "families were queuing")
    assert claim.speaker.name == name
    assert claim.speaker.kind == "person"


@pytest.mark.parametrize(
    "lead", ["Shares in Halden Foods fell 9% on Tuesday.", "Shares in Halden Foods fell 9% after it cut its forecast."]
)
def test_the_company_whose_shares_lead_the_story_is_the_company(extractor: AttributionExtractor, lead: str) -> None:
    """ "Shares in Halden Foods fell 9% ... ⏎ The company said ...": the company whose shares are the subject is
    what the story is about, as the subject itself would be, so a later "the company" means it."""
    text = f"{lead}\n\nThe company said operating profit for the year would be lower."
    claim = one(extract(extractor, text), "operating profit for the year")
    assert claim.speaker.name == "Halden Foods"


def test_a_company_in_a_phrase_of_another_subject_is_not_the_company(extractor: AttributionExtractor) -> None:
    """Control: a company named inside another subject's phrase ("Investors in Halden Foods") is not made the
    story's topic."""
    text = "Investors in Halden Foods met on Tuesday.\n\nThe company said operating profit for the year would be lower."
    claim = one(extract(extractor, text), "operating profit for the year")
    assert claim.speaker.name == "company"


@pytest.mark.parametrize("party", ["Social Democrats", "Sinn Féin", "Labour"])
def test_a_td_is_a_member_as_an_mp_is(extractor: AttributionExtractor, party: str) -> None:
    """ "Social Democrats TD Róisín Shortall": "TD", the Dáil's member, is a member's letters as "MP" is, so the
    name after it is a person's, whatever the recogniser folded it into, and "she" later means her."""
    text = (
        f"{party} TD Róisín Shortall said the figures were spin. “Young people can't afford to rent, never mind "
        "buy,” she said."
    )
    claims = extract(extractor, text)
    for words in ("the figures were spin", "Young people can't afford to rent"):
        claim = one(claims, words)
        assert claim.speaker.name == "Róisín Shortall"
        assert claim.speaker.kind == "person"


def test_told_a_crowd_of_people_that_is_what_they_were_told(extractor: AttributionExtractor) -> None:
    """ "as she told a crowd of about 2,000 supporters that she would fight ...": the parser hangs the "that"
    clause on the last noun as a relative clause; one opened by the complementiser "that" with a subject of its own
    is no relative clause but what they were told."""
    text = (
        "Dana Reeves was interrupted by hecklers twice on Saturday as she told a crowd of about 2,000 supporters "
        "that she would fight to bring manufacturing jobs back to the state."
    )
    claim = one(extract(extractor, text), "she would fight to bring manufacturing jobs back")
    assert claim.speaker.name == "Dana Reeves"
    assert not claim.text.startswith("that")


def test_told_a_story_that_they_liked_is_no_claim(extractor: AttributionExtractor) -> None:
    """Control: a relative clause on what was told ("told a story that children loved") is not what was said."""
    assert extract(extractor, "Dana Reeves told a story that children across the state loved.") == []


_DISCLOSED_THIS = """INEC fixes date for Kogi governorship rerun

ABUJA — The Independent National Electoral Commission (INEC) has fixed November 23 for the rerun of the governorship election in 14 polling units in Kogi State.

The commission's National Commissioner for Information, Mr. Chukwudi Amadi, {verb} this in a statement on Sunday in Abuja.

Amadi stated that the decision was taken after a meeting with stakeholders."""


@pytest.mark.parametrize("verb", ["disclosed", "announced", "confirmed"])
def test_disclosed_this_claims_the_paragraph_before(extractor: AttributionExtractor, verb: str) -> None:
    """ "X disclosed this in a statement": the "this" that opens a paragraph with no clause of its own stands for
    the paragraph of narration right before it, which attributed nothing (Nigerian wire style): X's claim."""
    claims = extract(extractor, _DISCLOSED_THIS.format(verb=verb))
    claim = one(claims, "has fixed November 23 for the rerun")
    assert claim.speaker.name == "Chukwudi Amadi"
    assert not claim.text.startswith("ABUJA")
    assert claims == sorted(claims, key=lambda c: c.span)
    assert one(claims, "the decision was taken").speaker.name == "Chukwudi Amadi"


def test_this_after_an_attributed_paragraph_claims_nothing_more(extractor: AttributionExtractor) -> None:
    """Control: a paragraph before that already holds a claim, or a "this" with a noun, is no content for it."""
    text = (
        "The commission said it had fixed November 23 for the rerun.\n\n"
        "Mr. Chukwudi Amadi disclosed this in a statement on Sunday.\n\n"
        "Police arrested 40 people on Friday.\n\n"
        "Mr. Chukwudi Amadi disclosed this figure on Sunday."
    )
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["commission"]


def test_a_lead_s_description_takes_the_name_its_title_introduces_below(extractor: AttributionExtractor) -> None:
    """ "A Bristol city councillor has apologised after wrongly claiming that ... ⏎ Councillor Mark Ellison wrote
    ...": the lead describes by a noun, and the next paragraph introduces a new name with that noun for its title;
    the one described is the one named, as with "The aide, Gudrun Sigurdardottir," and a bare name."""
    text = (
        "Councillor apologises after post about flood funding\n\n"
        "A Bristol city councillor has apologised after wrongly claiming on social media that the government had "
        "cancelled the city's flood defence funding.\n\n"
        "Councillor Mark Ellison wrote on X on Monday that the scheme had been scrapped by ministers without warning."
    )
    claim = one(extract(extractor, text), "the government had cancelled")
    assert claim.speaker.name == "Mark Ellison"


def test_a_lead_s_description_keeps_its_noun_before_another_title(extractor: AttributionExtractor) -> None:
    """Control: a name below under another title ("Mayor Tony Dyer") is no councillor the lead described."""
    text = (
        "A Bristol city councillor has claimed on social media that the government had cancelled the city's flood "
        "defence funding.\n\n"
        "Mayor Tony Dyer said on Monday that the scheme was going ahead as planned."
    )
    claim = one(extract(extractor, text), "the government had cancelled")
    assert claim.speaker.name != "Tony Dyer"
