"""Attribution extraction, round 39: what heads an apposition decides whether it gives the speaker a role. A
pronoun names none ("someone who has taught all her life", "everything considered"), and after a reflexive the
role is the phrase it stresses ("herself a former judge"); an absolute ("his voice breaking") says how someone
spoke; a place's name is where someone is from; a body's name is where someone works ("of NBC News"). A rank word
that heads an office ("the state's attorney general") stays in the role."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ruth Mills, someone who has taught all her working life, said classes had grown too large to manage.",
         "classes had grown"),
        ("Kim Park, everything considered, said the rally had gone better than she had hoped.", "the rally had gone"),
        ("Tom Riley, his voice breaking, said the closure would ruin the town.", "the closure would ruin"),
        ("Ben Cole, his tone measured, said the rules had been written to protect every voter.",
         "the rules had been written"),
        ("Jim Roe, Massachusetts, said voters wanted a change in Washington.", "voters wanted a change"),
    ],
)  # fmt: skip
def test_apposition_that_names_no_role(extractor: AttributionExtractor, text: str, words: str) -> None:
    """An apposition headed by a pronoun, an absolute phrase or a place's name is no description of the speaker."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.named
    assert speaker.role is None, speaker.role


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        ("Nadia Karim, herself a former judge, said the ruling was a victory for voters.", "the ruling was",
         "former judge"),
        ("Riley, himself a former union steward, said workers had not been told until the morning.",
         "workers had not been told", "former union steward"),
        ("Andrea Holt, NBC News, reported that both campaigns had agreed to the format.", "both campaigns",
         "of NBC News"),
        ("Paul Green, the state's attorney general, said a lawsuit over the formula would go ahead.",
         "a lawsuit over", "state attorney general"),
        ("Vivek Rao, the surgeon general, said smoking still killed more people than any other habit.",
         "smoking still killed", "surgeon general"),
    ],
)  # fmt: skip
def test_role_the_apposition_gives(extractor: AttributionExtractor, text: str, words: str, role: str) -> None:
    """The role after a reflexive, a body's name as where the speaker works, and an office whose last word is a
    rank ("general")."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.role == role, speaker.role


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        ("Lisa Moore, a spokeswoman for NBC, said the network stood by its moderators.", "the network stood",
         "spokeswoman for NBC"),
        ("Greg Olsen, a former senator, said Burke would be the favourite.", "Burke would be", "former senator"),
        ("Amy Lowe, one of the organisers, said ticket holders would get a full refund.", "ticket holders",
         "one of organisers"),
        ("Ana Ruiz, his deputy, said the ministry would publish the figures on Friday.", "the ministry would",
         "his deputy"),
        ("Ellen Burke, former Massachusetts governor, said she would decide by the summer.", "she would decide",
         "former Massachusetts governor"),
    ],
)  # fmt: skip
def test_real_roles_kept(extractor: AttributionExtractor, text: str, words: str, role: str) -> None:
    """Controls: a role whose phrase holds a body's name, a possessive without a participle, "former" before an
    office, a partitive of people."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.role == role, speaker.role
