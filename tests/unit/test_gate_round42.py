"""Issue 21 (gate audit, rules 42): two contradictions /v1/check reported as neutral.

"Nordvik Shipping made a net loss in the second quarter." against the extracted claim "it made a net profit of 85
million euros in the second quarter, up from 60 million euros a year earlier": the antonym fired and the model said
0.99 contradiction, but the claim's detail and pronoun put the cosine at 0.32, under the 0.35 floor. "Nordvik
Shipping plans to cut jobs this year." against "the company had no plans to cut jobs this year": no negation fired
("the company" / "Nordvik Shipping" was read as a verb denied of another thing), so the model's contradiction
needed the 0.55 floor of an unsupported relation and the cosine was 0.51."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.migrate import upgrade
from embeddings.judge import Judgement
from embeddings.signals.frames import framed_conflict
from service.config import Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.checking import LOW_SIMILARITY_SIGNAL, CheckService, gate_by_similarity
from service.services.claims import ClaimService
from tests.unit.signal_pairs import fired

PROFIT = "it made a net profit of 85 million euros in the second quarter, up from 60 million euros a year earlier"
LOSS = "Nordvik Shipping made a net loss in the second quarter."
NO_PLANS = "the company had no plans to cut jobs this year"
PLANS = "Nordvik Shipping plans to cut jobs this year."


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (NO_PLANS, PLANS),
        (
            "the airline had no plans to close its Manchester base",
            "Skyrail Airways plans to close its Manchester base.",
        ),
        ("The company did not pay the fine.", "Acme Holdings paid the fine."),
    ],
)
def test_a_negation_beside_a_name_for_the_company_counts(premise: str, hypothesis: str) -> None:
    assert "negation" in fired(premise, hypothesis)
    assert "negation" in fired(hypothesis, premise)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        ("The company paid the fine.", "The company did not pay the back taxes."),  # another thing denied
        ("Nordvik Shipping paid the fine.", "Halvorsen Bank did not pay the fine."),  # two names
    ],
)
def test_a_negation_of_another_thing_still_does_not_count(premise: str, hypothesis: str) -> None:
    assert "negation" not in fired(premise, hypothesis)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (PROFIT, LOSS),
        (NO_PLANS, PLANS),
        (
            "it posted a profit of 40 million pounds for the third quarter, helped by strong sales in Asia",
            "Redwick Foods posted a loss for the third quarter.",
        ),
    ],
)
def test_an_opposite_or_negation_told_in_one_frame(premise: str, hypothesis: str) -> None:
    assert framed_conflict(premise, hypothesis)
    assert framed_conflict(hypothesis, premise)


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (PROFIT, "Nordvik Shipping made a net loss in the first quarter."),  # another period
        (
            "Arden Steel made a net profit in the second quarter",
            "Brixham Mining made a net loss in the second quarter.",
        ),
        (NO_PLANS, "Nordvik Shipping plans to cut jobs next year."),  # another time
        (NO_PLANS, "Nordvik Shipping plans to hire 200 engineers this year."),  # another plan
        (NO_PLANS, "Nordvik Shipping plans to cut prices this year."),
        ("the union has no plans to strike before Christmas", "The nurses' union plans to strike in February."),
        (PROFIT, "Nordvik Shipping made a net profit in the second quarter."),  # no opposite, no negation
    ],
)
def test_no_frame_for_another_thing_time_or_plan(premise: str, hypothesis: str) -> None:
    assert not framed_conflict(premise, hypothesis)


SETTINGS = Settings(relation_min_similarity=0.35, unsupported_relation_min_similarity=0.55)
CONTRADICTS = Judgement("contradicts", {"entailment": 0.01, "neutral": 0.01, "contradiction": 0.98}, ["antonym"])


def test_a_framed_contradiction_needs_only_the_framed_floor() -> None:
    assert gate_by_similarity(CONTRADICTS, 0.32, SETTINGS, (PROFIT, LOSS)) == CONTRADICTS
    below = gate_by_similarity(CONTRADICTS, SETTINGS.framed_relation_min_similarity - 0.01, SETTINGS, (PROFIT, LOSS))
    assert below.relation == "neutral" and LOW_SIMILARITY_SIGNAL in below.signals
    other_period = (PROFIT, "Nordvik Shipping made a net loss in the first quarter.")
    assert gate_by_similarity(CONTRADICTS, 0.32, SETTINGS, other_period).relation == "neutral"
    assert gate_by_similarity(CONTRADICTS, 0.32, SETTINGS).relation == "neutral"  # no texts, no frame
    unsupported = Judgement("contradicts", CONTRADICTS.probabilities, [])
    assert gate_by_similarity(unsupported, 0.32, SETTINGS, (PROFIT, LOSS)).relation == "neutral"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "speaker", "statement"),
    [(PROFIT, "Nordvik Shipping", LOSS), (NO_PLANS, "Lars Brekke", PLANS)],
)
def test_the_audited_statements_are_contradicted_with_the_real_models(
    tmp_path: Path, real_models: Runtime, claim: str, speaker: str, statement: str
) -> None:
    """The audit's record (the article's claims, /v1/check's defaults) and statements, judged in process."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'gate.db'}", load_models_on_startup=False)
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    runtime.use_models(real_models.encoder, real_models.judge)
    others = [
        ("The company will order four new container ships this year", "Nordvik Shipping"),
        ("Demand from Asia remains strong", "Lars Brekke"),
        ("Fuel costs are expected to fall in the second half", "Nordvik Shipping"),
    ]
    try:
        claims = ClaimService(runtime.db, runtime.encoder)
        for text, who in [(claim, speaker), *others]:
            claims.create(ClaimCreate.model_validate({"text": text, "speaker": who, "kind": "indirect_quote"}))
        checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
        result = checker.check(statement, None, None, 5)
        [compared] = checker.compare([(claim, statement)])
    finally:
        runtime.close()
    match = next(m for m in result.matches if m.claim.text == claim)
    assert match.relation == "contradicts", match.signals
    assert result.verdict == "contradicted"
    assert compared.relation == "contradicts", compared.signals


@pytest.mark.slow
@pytest.mark.parametrize(
    "statement",
    [
        "Nordvik Shipping made a net loss in the first quarter.",
        "Nordvik Shipping plans to cut jobs next year.",
    ],
)
def test_near_misses_stay_uncontradicted_with_the_real_models(real_models: Runtime, statement: str) -> None:
    checker = CheckService(None, real_models.settings, real_models.encoder, real_models.judge)  # type: ignore[arg-type]
    results = checker.compare([(PROFIT, statement), (NO_PLANS, statement)])
    assert all(r.relation != "contradicts" for r in results), [(r.relation, r.signals) for r in results]
