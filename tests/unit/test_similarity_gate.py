"""The similarity gates that keep far-off or merely topical matches from deciding a verdict."""

from __future__ import annotations

import pytest

from embeddings.judge import Judgement
from service.config import Settings
from service.services.checking import LOW_SIMILARITY_SIGNAL, gate_by_similarity

SETTINGS = Settings(relation_min_similarity=0.35, unsupported_relation_min_similarity=0.55)
PROBABILITIES = {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}


@pytest.mark.parametrize(
    ("relation", "signals", "similarity", "kept"),
    [
        ("contradicts", [], 0.60, True),  # the model alone, on a close match: stands
        ("contradicts", [], 0.45, False),  # the model alone, on a merely topical match: neutral
        ("entails", [], 0.45, False),
        ("contradicts", ["number_mismatch"], 0.45, True),  # explicit evidence: the lower floor applies
        ("contradicts", ["negation"], 0.30, False),  # below every floor
        ("contradicts", ["low_overlap"], 0.45, False),  # a neutral-leaning signal is no evidence of conflict
    ],
)
def test_gate_by_similarity(relation: str, signals: list[str], similarity: float, kept: bool) -> None:
    judgement = Judgement(relation, PROBABILITIES, signals)  # type: ignore[arg-type]
    gated = gate_by_similarity(judgement, similarity, SETTINGS)
    if kept:
        assert gated == judgement
    else:
        assert gated.relation == "neutral"
        assert gated.signals == [*signals, LOW_SIMILARITY_SIGNAL]
        assert gated.probabilities == PROBABILITIES  # the judge's numbers are kept for the reader


def test_neutral_passes_untouched() -> None:
    judgement = Judgement("neutral", PROBABILITIES, [])
    assert gate_by_similarity(judgement, 0.0, SETTINGS) is judgement


def test_a_yes_no_question_asserts_nothing() -> None:
    """Audit 11: "Is the water in Lake Morva safe to drink?" was judged entailed by the claim that it is safe, and
    "Will the airport close its second runway in June?" by the claim that it will: a question is neutral to every
    claim that is no question itself."""
    from service.services.checking import QUESTION_SIGNAL, asks_against, gate_question

    judgement = Judgement("entails", PROBABILITIES, [])
    assert asks_against("Is the water in the lake safe to drink?", "The water in the lake is safe to drink.")
    assert asks_against("WILL THE LINE OPEN IN 2026? #rail", "The line will open in 2026.")
    assert not asks_against("Is the water safe? Is it clean?", "Is the water safe to drink?")  # two questions
    assert not asks_against("Why is the airport closing its runway?", "The airport will close its runway.")
    assert not asks_against("Did you know the water is unsafe?", "The water is safe.")
    gated = gate_question(judgement, True)
    assert gated.relation == "neutral" and gated.signals == [QUESTION_SIGNAL]
    assert gate_question(judgement, False) is judgement
