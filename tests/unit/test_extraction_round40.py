"""Attribution extraction, round 40: an aside between a name and "said" that the parser made a second subject is
no speaker. An absolute phrase ("her boots caked in mud") or a pronoun's phrase ("everything on the line",
"someone who has farmed ...") says how or what the person is, and the speaker is the name before it; an
apposition that is a role ("her deputy", "herself a lawyer") leaves the speaker as it was."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("Amy Lowe runs the festival. Lowe, her boots caked in mud, said the site would be cleared by Wednesday.",
         "the site would be cleared", "Amy Lowe"),
        ("Lowe, her boots caked in mud, said the site would be cleared by Wednesday.", "the site would be cleared",
         "Lowe"),
        ("Obi, everything on the line, said nurses had not taken the decision lightly.", "nurses had not taken",
         "Obi"),
        ("Omar Haddad farms near the town. Haddad, someone who has farmed for decades, said the rain came too late.",
         "the rain came too late", "Omar Haddad"),
    ],
)  # fmt: skip
def test_aside_is_no_speaker(extractor: AttributionExtractor, text: str, words: str, name: str) -> None:
    """An absolute or pronoun phrase set off by commas before "said" is not who speaks: the name before it is."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.name == name, speaker.name
    assert speaker.role is None, speaker.role


@pytest.mark.parametrize(
    ("text", "words", "name", "role"),
    [
        ("Jones, her deputy, said the plan would work.", "the plan would work", "Jones", "her deputy"),
        ("The minister, herself a lawyer, said the ruling was wrong.", "the ruling was wrong", "minister", "lawyer"),
        ("Air strikes killed 27 people, officials said.", "Air strikes killed", "officials", None),
    ],
)  # fmt: skip
def test_speaker_kept(extractor: AttributionExtractor, text: str, words: str, name: str, role: str | None) -> None:
    """Controls: an apposition that is a role keeps the name (or the office) as the speaker, and a reported
    clause's subject before "said" still leaves the nearest subject as the speaker."""
    speaker = one(extract(extractor, text), words).speaker
    assert speaker.name == name, speaker.name
    assert speaker.role == role, speaker.role
