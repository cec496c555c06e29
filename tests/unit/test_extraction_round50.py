"""Attribution extraction, round 50: a body and a person sharing a word, interviews, wrapped text, round-ups and
church and college offices. A lone name whose words call it "it" ("Ford said it would recall 40,000 cars") is the
body, though a person of that surname was named above, and stays the body until the person is mentioned again; a
hard wrap before a capitalised word is a space where the line ends on a comma, a title or given name, or is a full
line of a wrapped text; a quotation signed with a plain spaced hyphen ("... - Alan Morrow, chief inspector") is the
signer's, a name the recogniser missed too, and a round-up's header ("What they said this week:") announces no
one's words; "its smaller Express stores" names no body a later "the supermarket" means; any noun for a person with
a place or body after it ("The archdeacon of Wells, Margaret Tull,") is described by the name after the comma; and
a name the recogniser took for a body's, followed by "She spoke to us", is the interviewee."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

# --- a body and a person sharing a word -------------------------------------------------------------------------------

_FORD = (
    'Graham Ford has sold cars in Chelmsford for 31 years. "This one is different," Mr Ford said.\n\n'
    "Ford said it would recall 40,000 cars in Britain after finding a fault in a brake hose.\n\n"
    "Sarah Pike, a motoring lawyer, said owners could ask for a refund.\n\n"
    "Ford added that it expected the recall to cost about £25 million.\n\n"
    "Mr Ford said he had taken three calls from worried customers."
)


@pytest.mark.slow
def test_a_lone_name_calling_itself_it_is_the_body_not_the_person_of_that_surname(
    extractor: AttributionExtractor,
) -> None:
    """ "Ford said it would recall": a person's words would say "he"; the recogniser reads "Ford" as a body's."""
    claims = extract(extractor, _FORD)
    for words in ("recall 40,000 cars", "about £25 million"):
        speaker = one(claims, words).speaker
        assert (speaker.name, speaker.kind) == ("Ford", "organisation"), words
    assert one(claims, "three calls").speaker.name == "Graham Ford"
    assert one(claims, "This one is different").speaker.name == "Graham Ford"


_DYSON = (
    "On Monday Peter Dyson, the leader of Wiltshire Council, said the county had been left behind. On Tuesday "
    "Dyson said it would cut 600 jobs at its Malmesbury research campus.\n\n"
    "Dyson said the cuts were needed because demand had slowed. It said staff would be offered other jobs.\n\n"
    "Councillor Dyson said he would ask the company to meet him."
)


@pytest.mark.slow
def test_the_body_stays_the_one_meant_until_the_person_comes_back(extractor: AttributionExtractor) -> None:
    """ "Dyson said it would cut 600 jobs at its campus" makes "Dyson" the company; the next lone "Dyson said" is
    still the company (mentioned last), and "It said" too; "Councillor Dyson" is the person again."""
    claims = extract(extractor, _DYSON)
    for words in ("cut 600 jobs", "demand had slowed", "other jobs"):
        speaker = one(claims, words).speaker
        assert (speaker.name, speaker.kind) == ("Dyson", "organisation"), words
    assert one(claims, "meet him").speaker.name == "Peter Dyson"
    assert one(claims, "left behind").speaker.name == "Peter Dyson"


@pytest.mark.slow
def test_a_surname_saying_it_was_something_stays_the_person(extractor: AttributionExtractor) -> None:
    """Control: "Ford said it was a mistake": a copular "it" may mean anything, so Ford stays Graham Ford."""
    text = "Graham Ford runs a garage in Chelmsford.\n\nFord said it was a mistake to blame the dealers."
    assert one(extract(extractor, text), "a mistake").speaker.name == "Graham Ford"


# --- hard wraps before a capital ----------------------------------------------------------------------------------------

_WRAPPED = (
    "Stagecoach Vale will close its bus depot in Abingdon next March, moving\n"
    "140 drivers to a new site in Didcot, the company said on Wednesday.\n\n"
    "Four walkers were rescued from a sandbank off Rhyl on Sunday after\n"
    "they were cut off by the incoming tide, the Royal National Lifeboat\n"
    "Institution said. The charity said its lifeboat was launched at 3.40pm.\n\n"
    "Its managing director,\n"
    "Helen Kaur, said the Abingdon depot was too small for electric buses\n"
    "and could not be connected to the power supply that they would need.\n\n"
    "The charity's helmsman, Owain Pritchard, said the crew arrived in time. A\n"
    "regular on the route, Councillor\n"
    "Priya Lowe, said the early buses were already unreliable in the winter.\n"
)


@pytest.mark.slow
def test_a_wrap_before_a_capitalised_word_inside_a_sentence_is_a_space(extractor: AttributionExtractor) -> None:
    """A line that ends on a comma, a title, or fills the wrapped text's width runs on into the next line, though
    that opens with a capital ("Lifeboat⏎Institution said", "director,⏎Helen Kaur", "Councillor⏎Priya Lowe")."""
    claims = extract(extractor, _WRAPPED)
    assert one(claims, "Four walkers were rescued").speaker.name == "Royal National Lifeboat Institution"
    kaur = one(claims, "too small for electric buses").speaker
    assert kaur.name == "Helen Kaur"
    assert "managing director" in (kaur.role or "")
    assert one(claims, "already unreliable").speaker.name == "Priya Lowe"


@pytest.mark.slow
def test_a_short_headline_line_in_wrapped_text_stays_a_paragraph(extractor: AttributionExtractor) -> None:
    """A headline (short, no stop) over wrapped text stays a paragraph of its own while the full lines below it
    join ("Lifeboat⏎Institution said"): the first claim opens on the first sentence."""
    text = (
        "Lifeboat crew rescue four from sandbank\n"
        "Four walkers were rescued from a sandbank off Rhyl on Sunday after\n"
        "they were cut off by the incoming tide, the Royal National Lifeboat\n"
        "Institution said. The charity said its inshore lifeboat was launched\n"
        "at 3.40pm after a member of the public had dialled 999 from the beach.\n"
        "HM Coastguard said the tide could come in faster than a person walks.\n"
    )
    claim = one(extract(extractor, text), "Four walkers")
    assert claim.text.startswith("Four walkers")


def test_a_page_heading_set_out_in_columns_is_no_wrapped_line() -> None:
    """Control: a full-length line with a column gap ("Annual Report 2025      page 4") is a heading; the line
    after it, though capitalised, starts a paragraph."""
    from extraction.text import readable

    text = (
        "Annual Report 2025 - Chair's statement                      page 4\n"
        "The chair of the Riverside Housing Association, Oluwale Adeyemi,\n"
        "said in the association's annual report that the waiting list had\n"
        "risen by a third in two years, and that the board would build more\n"
        "homes than at any time in its history if the government helped.\n"
    )
    assert readable(text).split("\n")[0].endswith("page 4")


# --- round-ups and signatures -------------------------------------------------------------------------------------------

_ROUND_UP = (
    "Parliament returned on Monday to a row over prison places.\n\n"
    "What they said this week:\n\n"
    '"We have run out of room, and we have run out of time." - Alan Morrow, chief inspector of prisons\n\n'
    '"Nobody will be released early who poses a risk to the public." - Sophie Barnes, justice secretary'
)


@pytest.mark.slow
def test_a_quotation_signed_with_a_spaced_hyphen_is_the_signers(extractor: AttributionExtractor) -> None:
    """'"..." - Sophie Barnes, justice secretary': a plain hyphen between spaces signs as a dash does, and the
    name after it is the signer's though the recogniser missed it."""
    claims = extract(extractor, _ROUND_UP)
    barnes = one(claims, "released early").speaker
    assert (barnes.name, barnes.role) == ("Sophie Barnes", "justice secretary")


@pytest.mark.slow
def test_a_round_up_header_announces_no_ones_words(extractor: AttributionExtractor) -> None:
    """ "What they said this week:" heads quotations each signed by its speaker: "they" said none of them."""
    claims = extract(extractor, _ROUND_UP)
    assert one(claims, "run out of room").speaker.name == "Alan Morrow"
    assert not [c for c in claims if c.speaker.mention.lower() == "they"]


@pytest.mark.slow
def test_here_is_what_she_said_still_announces_her_words(extractor: AttributionExtractor) -> None:
    """Control: "Here is what Nadia Kerr said:" has a verb above the "what" clause; the next quotation is hers."""
    text = 'The minister spoke to reporters on Monday.\n\nHere is what Nadia Kerr said:\n\n"We will build the homes."'
    assert one(extract(extractor, text), "build the homes").speaker.name == "Nadia Kerr"


@pytest.mark.parametrize("dash", [" - ", " – "])
def test_a_hyphen_inside_words_signs_nothing(dash: str) -> None:
    """Control: the signature's dash needs spaces round a plain hyphen ("U.S.-China" is no signature)."""
    from extraction.attribution import _DASH_SIGNATURE

    assert _DASH_SIGNATURE.match(f'"We won."{dash}Alan Morrow', len('"We won."')) is not None
    assert _DASH_SIGNATURE.match('"We won."-Alan Morrow', len('"We won."')) is None


# --- descriptions and offices ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_brand_its_owner_owns_is_no_body_a_description_means(extractor: AttributionExtractor) -> None:
    """ "in 300 of its smaller Express stores, the supermarket said": "Express" only says which stores."""
    text = (
        "Tesco will stop selling loose fruit in 300 of its smaller Express stores from April, the supermarket said "
        "on Tuesday.\n\nThe supermarket said waste in its convenience stores was twice the level of its larger shops."
    )
    claims = extract(extractor, text)
    assert one(claims, "stop selling loose fruit").speaker.name == "Tesco"
    assert one(claims, "twice the level").speaker.name == "Tesco"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The archdeacon of Wells, Margaret Tull, said the decision had been taken.", "Margaret Tull", "archdeacon"),
        ("The vicar of Wells, Gareth Hughes, said the roof would cost thousands.", "Gareth Hughes", "vicar"),
        ("The provost of Clifton College, Dr Anne Whitby, said the chapel was full.", "Anne Whitby", "provost"),
    ],
)
def test_a_person_noun_with_a_place_then_a_name_is_that_person(
    extractor: AttributionExtractor, text: str, name: str, role: str
) -> None:
    """ "The archdeacon of Wells, Margaret Tull, said": the parser hangs the name on "Wells"; any noun for a person
    heads the description the name after the comma names."""
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == name
    assert role in (claim.speaker.role or "")


@pytest.mark.slow
@pytest.mark.parametrize("noun", ["rector", "provost", "precentor", "archdeacon", "helmsman"])
def test_church_and_college_offices_are_people(extractor: AttributionExtractor, noun: str) -> None:
    (claim,) = extract(extractor, f"The {noun} said the building would stay open.")
    assert claim.speaker.kind == "person"


# --- interviews -----------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_interviewee_the_recogniser_took_for_a_body_gives_the_answers(extractor: AttributionExtractor) -> None:
    """ "Imogen Castell runs the Greyfriars Theatre in Norwich. She spoke to us": a given name opening a name the
    recogniser tagged a body's, then "She": a person, who answers the "A:" lines."""
    text = (
        "Imogen Castell runs the Greyfriars Theatre in Norwich. She spoke to us between rehearsals.\n\n"
        "Q: How close did the theatre come to closing?\n\n"
        "A: Closer than anyone knew. We had enough money for eleven weeks.\n\n"
        "Q: What did the audience do?\n\n"
        "A: They gave. A retired teacher walked in with £500 in an envelope.\n\n"
        "Q: Will you apply again?\n\n"
        "A: Yes, but we will never again rely on one funder."
    )
    claims = extract(extractor, text)
    for words in ("eleven weeks", "They gave", "one funder"):
        assert one(claims, words).speaker.name == "Imogen Castell", words


@pytest.mark.slow
def test_let_me_start_by_saying_is_the_transcript_speakers_line(extractor: AttributionExtractor) -> None:
    """ "VARNEY: Good morning. Let me start by saying that we accept the fine": "me" saying is the line's speaker
    saying; the whole line is her words, verbatim."""
    text = (
        "INTERVIEWER: With me is Colette Varney, chief executive of Severn Water. Good morning.\n\n"
        "VARNEY: Good morning. Let me start by saying that we accept the fine, and we are sorry.\n\n"
        "INTERVIEWER: Is that true?\n\n"
        "VARNEY: We knew one pump was unreliable."
    )
    line = one(extract(extractor, text), "we accept the fine")
    assert (line.speaker.name, line.kind) == ("Colette Varney", "direct_quote")
    assert line.text.startswith("Good morning.")


@pytest.mark.slow
def test_a_body_once_written_with_its_kind_is_no_other_kind_named_again(extractor: AttributionExtractor) -> None:
    """ "The Unite union said ... Unite would ballot members ... The company said": "the company" is not Unite,
    which the article wrote as a union."""
    text = (
        "The Unite union said its members had not been consulted.\n\n"
        "Mr Doyle said Unite would ballot members if the payments were not made permanent. The company said it "
        "hoped to reach an agreement with the union before Christmas."
    )
    assert one(extract(extractor, text), "hoped to reach").speaker.name != "Unite"


@pytest.mark.slow
def test_a_subject_set_beside_a_person_noun_is_the_she_after_it(extractor: AttributionExtractor) -> None:
    """ "One of the walkers, a student from Manchester, said ... “...,” she said": the student is the "she", not
    the body that spoke before her."""
    text = (
        "HM Coastguard said the tide could come in fast.\n\n"
        "One of the walkers, a student from Manchester, said the group had not realised how far out they had gone. "
        '"We were taking photos," she said.'
    )
    claims = extract(extractor, text)
    walker = one(claims, "far out").speaker
    assert walker.kind == "person"
    assert one(claims, "taking photos").speaker.name == walker.name


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        (
            "On Monday Peter Dyson, the Conservative leader of Wiltshire Council, said the county was left behind.",
            "Peter Dyson",
            "Conservative leader of Wiltshire Council",
        ),
        ("On Friday Health Secretary Wes Streeting said waiting lists would fall.", "Health Secretary Wes Streeting",
         "Health secretary"),
    ],
)  # fmt: skip
def test_a_day_before_the_speakers_name_is_when_not_who(
    extractor: AttributionExtractor, text: str, mention: str, role: str
) -> None:
    """ "On Monday Peter Dyson said": the parser hangs "Monday" on the name; it is no part of the mention or role."""
    (claim,) = extract(extractor, text)
    assert (claim.speaker.mention, claim.speaker.role) == (mention, role)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Its managing director,\nHelen Kaur, said the depot was too small.", True),
        ("Its cabinet member for transport, Councillor\nPriya Lowe, said the lanes were used.", True),
        ("Its water safety lead, Chris\nCousens, said the crew arrived in time.", True),
        ("The deal was agreed in general\nThe unions said they would strike.", False),
        ("Council to close two libraries\nThe council said it had no choice.", False),
    ],
)
def test_a_short_line_runs_on_only_after_a_comma_title_or_given_name(text: str, joined: bool) -> None:
    """Outside a wrapped text's full lines, a break before a capital is a space only after a comma, a capitalised
    title or a given name; a headline, or a line ending on a small-letter word, keeps its break."""
    from extraction.text import readable

    assert ("\n" not in readable(text)) is joined


@pytest.mark.slow
def test_a_bodys_name_runs_on_past_and_to_an_untagged_plural(extractor: AttributionExtractor) -> None:
    """ "The Society of Motor Manufacturers and Traders said": the recogniser ends the name at "and"; the untagged
    plural after it is the rest of the name."""
    text = "The Society of Motor Manufacturers and Traders said recalls of this size were not unusual."
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == "Society of Motor Manufacturers and Traders"
