"""embeddings/reported_speech.py: a checked statement's reporting frame comes off, its content and polarity stay."""

from __future__ import annotations

import pytest

from embeddings.reported_speech import reported_content

CONTENT = "The Coalition is in Iraq against the wishes of the Iraqi government."


@pytest.mark.parametrize(
    "framed",
    [
        "The Coalition is in Iraq against the wishes of the Iraqi government, a spokesman for the militia said.",
        "A spokesman for the militia said the Coalition is in Iraq against the wishes of the Iraqi government.",
        "A spokesman said on Tuesday that the Coalition is in Iraq against the wishes of the Iraqi government.",
        "Mr Khalil told reporters the Coalition is in Iraq against the wishes of the Iraqi government.",
        "“The Coalition is in Iraq against the wishes of the Iraqi government,” she said.",
        "The Coalition is in Iraq against the wishes of the Iraqi government, said the militia's leader.",
        "According to the militia, the Coalition is in Iraq against the wishes of the Iraqi government.",
        "The Coalition is in Iraq against the wishes of the Iraqi government, according to the militia.",
        "The militia claimed that the Coalition is in Iraq against the wishes of the Iraqi government.",
        # where and how it was said, after a frame that ends the sentence
        "The Coalition is in Iraq against the wishes of the Iraqi government, the militia said in a statement read "
        "out on state television on Sunday evening.",
        "The Coalition is in Iraq against the wishes of the Iraqi government, a spokesman told reporters at a news "
        "conference in Baghdad.",
        "The Coalition is in Iraq against the wishes of the Iraqi government, according to a statement from the "
        "militia, which was read out on television on Sunday evening.",
    ],
)
def test_a_frame_that_passes_the_statement_on_comes_off(framed: str) -> None:
    assert reported_content(framed) == CONTENT


@pytest.mark.parametrize(
    "framed",
    [
        # audit 10: where and how it was said, before a leading frame's "that"
        "A spokesman for the militia said in an interview with the BBC on Sunday that the Coalition is in Iraq "
        "against the wishes of the Iraqi government.",
        "The militia's leader told a news conference in Geneva on Monday that the Coalition is in Iraq against the "
        "wishes of the Iraqi government.",
        # "told" whoever it was, where the sentence's end bounds the frame
        "The Coalition is in Iraq against the wishes of the Iraqi government, the militia's leader told a news "
        "conference in Geneva.",
        "The Coalition is in Iraq against the wishes of the Iraqi government, a spokesman told reporters in Vienna "
        "on the sidelines of the OPEC meeting.",
        # an apposition, a leading adjunct, social media, a colon before a quote
        "Abu Ali, the militia's leader, insisted on Monday that the Coalition is in Iraq against the wishes of the "
        "Iraqi government.",
        "In a statement, the militia said the Coalition is in Iraq against the wishes of the Iraqi government.",
        "In a statement posted on its website, the militia said the Coalition is in Iraq against the wishes of the "
        "Iraqi government.",
        "The militia tweeted that the Coalition is in Iraq against the wishes of the Iraqi government.",
        'The militia wrote on Facebook: "The Coalition is in Iraq against the wishes of the Iraqi government."',
        # a news agency's dateline, with a frame or without one
        "BAGHDAD (Reuters) - The Coalition is in Iraq against the wishes of the Iraqi government, the militia said.",
        "BAGHDAD, Jan 5 (Reuters) - The Coalition is in Iraq against the wishes of the Iraqi government.",
    ],
)
def test_the_frames_newsrooms_send_come_off(framed: str) -> None:
    """Audit 10: statements as fact-checkers and newsroom plugins send them; at HEAD these kept their frame, or
    lost the start of their content ("said in an interview with the BBC on Sunday that ..." read as "With the BBC
    on Sunday that ...")."""
    assert reported_content(framed) == CONTENT


def test_a_speaker_with_an_apposition_is_no_content() -> None:
    """Audit 10: at HEAD "X, his title, said <content>" was read as the inverted "..., said <speaker>" and the
    signals read "The company's chief, John Smith." instead of what he said."""
    assert reported_content("The company's chief, John Smith, said profits rose sharply.") == "Profits rose sharply."
    assert reported_content("His lawyer, Paul Grady, said the claims were false.") == "The claims were false."
    # the inverted frame itself still comes off
    assert reported_content("The talks failed, said the minister.") == "The talks failed."


def test_an_acronym_in_capitals_is_a_speaker() -> None:
    """Audit 10: "the WHO" is no relative "who"."""
    assert reported_content("Cholera cases have fallen by 40 percent, the WHO said.") == (
        "Cholera cases have fallen by 40 percent."
    )


@pytest.mark.parametrize(
    "kept",
    [
        # audit 10: a passive "said to" hedges a claim, it names no speaker
        "Rebels are said to still hold the town of Kherbet.",
        "The new antibiotic is said to have killed drug-resistant bacteria in mice.",
        "Staff at the plant were told that it would close.",
        # with no "that", a frame cannot end in a phrase of place or manner, nor be followed by one
        "The minister said in an interview the tax would rise.",
        "He told the story of his life to the court.",
        # with no "that", whoever was told is a known addressee or "the" and one word, never the content's subject
        "The bishop told peers the church remained opposed to any change.",
        # an auxiliary after "said" opens the content: this is no inverted "..., said <speaker>"
        "Chanda Mwansa, who farms near Chingola, said his cattle had refused to drink from the river.",
        # "tweeted" with a plain object reports nothing
        "The company tweeted a photo of the new plant.",
    ],
)
def test_no_frame_is_read_where_none_is(kept: str) -> None:
    assert reported_content(kept) == kept


def test_a_frame_inside_the_sentence_comes_off() -> None:
    assert reported_content("The talks, he said, were productive.") == "The talks were productive."
    # where and how it was said, inside the commas that bound the frame
    assert reported_content("The talks, he said in an interview, were productive.") == "The talks were productive."


def test_a_count_of_sources_is_no_survey() -> None:
    """Audit 9: only a share of a group keeps its frame; "two officials" are two sources of one statement."""
    assert reported_content("The talks had failed, two officials said.") == "The talks had failed."
    assert reported_content("The talks, one official said, were productive.") == "The talks were productive."


@pytest.mark.parametrize(
    "kept",
    [
        CONTENT,
        # verbs that take a stance on what they report, or a clause of their own
        "Officials denied that the plant would close.",
        "The minister who said the tax would rise resigned.",
        "The mayor, who said the tax would rise, resigned.",
        "If the minister said the tax would rise, voters would revolt.",
        "The bill passed, but critics said it was flawed.",
        "The bill passed, the minister said on Monday that it was flawed.",
        "The bill passed, the minister said when asked whether it was flawed.",
        # "claims", "announced", "maintains" with a plain object report nothing
        "The company claims tax credits every year.",
        "The company announced 500 job cuts.",
        "The council maintains 400 miles of roads.",
        # too little would be left to be a claim
        "Taxes rose, it said.",
        "He said so.",
        # audit 9: a counted speaker is a survey's result, and how many said so is the claim
        "Nine out of ten small firms said energy costs had risen.",
        "Only 40 percent of small firms said energy costs had risen.",
        "Most economists say the recession will end in May.",
        "The recession will end in May, few economists said.",
        "According to a majority of analysts, the deal is dead.",
        "The deal is dead, according to most analysts.",
    ],
)
def test_everything_else_is_left_as_it_is(kept: str) -> None:
    assert reported_content(kept) == kept


@pytest.mark.parametrize(
    ("framed", "content"),
    [
        (
            "The prosecutor's office said it would drop the charges against the activists.",
            "The prosecutor's office would drop the charges against the activists.",
        ),
        ("The finance minister said he would resign next month.", "The finance minister would resign next month."),
        ("“We will appeal the ruling,” the lawyers said.", "The lawyers will appeal the ruling."),
        # an "it" that stands for nothing is no speaker's
        (
            "The agency said it was too early to tell whether the strain spreads faster.",
            "It was too early to tell whether the strain spreads faster.",
        ),
        ("It will take years to rebuild the bridge, the mayor said.", "It will take years to rebuild the bridge."),
        # the speaker's name, without the apposition that describes them
        (
            "Caroline Thornbury, the Democrat, told a rally in Harwick that she would protect the hospital.",
            "Caroline Thornbury would protect the hospital.",
        ),
        # a pronoun speaker names no one
        ("She would resign, she said on Monday.", "She would resign."),
    ],
)
def test_a_pronoun_opening_the_content_is_the_speaker_it_stands_for(framed: str, content: str) -> None:
    """So that "the office would drop the charges" aligns with a claim that names the office."""
    assert reported_content(framed) == content


@pytest.mark.parametrize(
    ("framed", "content"),
    [
        ("His daughter said he had died at home on Sunday.", "He had died at home on Sunday."),
        ("Her lawyer said she was innocent of all charges.", "She was innocent of all charges."),
        ("Smith's lawyer said he would appeal the verdict.", "He would appeal the verdict."),
        ("Its spokesman said it would close the plant.", "It would close the plant."),
        # no possessive: the speaker is the one meant
        ("Sean O'Brien said he would appeal the verdict.", "Sean O'Brien would appeal the verdict."),
    ],
)
def test_a_speaker_named_through_another_names_no_pronoun(framed: str, content: str) -> None:
    """The possessor ("his", "Smith's") is as likely the pronoun's referent as the speaker: it stays a pronoun."""
    assert reported_content(framed) == content
