"""The similarity gates that keep far-off or merely topical matches from deciding a verdict."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from db.migrate import upgrade
from embeddings.encoder import HashingEncoder
from embeddings.judge import Judgement
from service.config import Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.checking import LOW_SIMILARITY_SIGNAL, CheckService, gate_by_similarity
from service.services.claims import ClaimService

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


class _ContradictsEverything:
    """A judge that reads a contradiction into every pair, with no signal: what an NLI model does with two
    statements that share their words but speak of different things."""

    name = "contradicts-everything"
    version = "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return [Judgement("contradicts", PROBABILITIES, []) for _ in pairs]


def test_a_check_gates_by_the_plain_cosine_when_keyword_rank_lifts_the_similarity(tmp_path: Path) -> None:
    """Judge audit 13: a claim sharing the statement's words about another subject is ranked first by keywords,
    which lifts its calibrated similarity over the floors while its embeddings are not alike; /v1/check let the
    model's contradiction through where /v1/compare (gated by the cosine) called it neutral."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'gate.db'}",
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        similarity_slope=0.0,  # every match calibrated to 0.9, whatever its cosine
        similarity_intercept=0.9,
    )
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), _ContradictsEverything())
    try:
        body = {"text": "Quarterly wheat exports from Odesa fell sharply.", "speaker": "Ministry"}
        ClaimService(runtime.db, runtime.encoder).create(ClaimCreate.model_validate(body))
        checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
        [match] = checker.check("Zebras graze quietly at dawn near Nairobi.", None, None, 5).matches
    finally:
        runtime.close()
    assert match.similarity == pytest.approx(0.9)
    assert match.cosine is not None and match.cosine < SETTINGS.unsupported_relation_min_similarity
    assert match.relation == "neutral"
    assert LOW_SIMILARITY_SIGNAL in match.signals


@pytest.mark.parametrize(
    "text",
    [
        "Have U.S. troops in Iraq dropped to about 2,500?",
        "Did Dr. Smith resign in May?",
        "Is the U.K. leaving the treaty?",
        "Has the U.S. Army left Iraq?",
        "Is inflation 2.5 percent?",
        "Did Gov. Whitfield sign the bill? #budget",
    ],
)
def test_a_dot_inside_a_question_does_not_end_it(text: str) -> None:
    """The README's walk-through asks "Have U.S. troops in Iraq dropped to about 2,500?": the first full stop of
    "U.S." was read as the end of a statement, so the question was judged `supported` instead of asking nothing."""
    from embeddings.text_normalize import is_yes_no_question

    assert is_yes_no_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Is it over. The minister said it was.",
        "Did the U.S. pull out. Officials denied it on Friday and again on Monday.",
        "Will the plant close? Workers were told it will close in June after the final order ships.",
    ],
)
def test_a_question_followed_by_a_statement_is_no_question(text: str) -> None:
    from embeddings.text_normalize import is_yes_no_question

    assert not is_yes_no_question(text)
