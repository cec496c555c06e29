"""RuleJudge and HybridJudge: the combination logic, tested with a fake model so results are deterministic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from embeddings.judge import DENIAL_SIGNAL, Judge, Judgement, across_stances
from embeddings.rule_judge import HYBRID_THRESHOLDS, HybridJudge, JudgeThresholds, RuleJudge

PENTAGON = (
    "According to the Pentagon, the number of U.S. troops in Iraq has dropped to about 2,500 over the past months."
)
RISEN = "U.S. troops in Iraq have risen to 10,000."
REQUEST = (
    "The U.S.-led Coalition is in Iraq at the request of the Iraqi government to advise, assist, and enable the "
    "enduring defeat of ISIS."
)
AGAINST_WILL = "Coalition troops are in Iraq against the will of the government."
PARAPHRASE = "The number of American soldiers in Iraq fell to roughly 2,500."
UNRELATED = "Apple unveiled a new laptop at its spring event."

HYBRID_FIELDS = asdict(HYBRID_THRESHOLDS)
ENTAILMENT = (0.8, 0.15, 0.05)
NEUTRAL = (0.1, 0.8, 0.1)
CONTRADICTION = (0.05, 0.05, 0.9)


class FakeModel:
    """Returns fixed probabilities per hypothesis and records every call."""

    name = "fake-nli"
    version = "v0"

    def __init__(
        self, by_hypothesis: dict[str, tuple[float, float, float]], default: tuple[float, float, float] = NEUTRAL
    ) -> None:
        self.by_hypothesis = by_hypothesis
        self.default = default
        self.calls: list[tuple[int, int]] = []

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.float32]:
        self.calls.append((len(pairs), batch_size))
        rows = [self.by_hypothesis.get(hypothesis, self.default) for _, hypothesis in pairs]
        return np.array(rows, dtype=np.float32)


def assert_well_formed(judgement: Judgement) -> None:
    assert set(judgement.probabilities) == {"entailment", "neutral", "contradiction"}
    assert sum(judgement.probabilities.values()) == pytest.approx(1.0)
    assert all(0.0 <= p <= 1.0 for p in judgement.probabilities.values())


def test_both_judges_satisfy_the_protocol() -> None:
    judges: list[Judge] = [RuleJudge(), HybridJudge(FakeModel({}))]
    for judge in judges:
        assert judge.name
        assert judge.version


def test_rule_judge_on_the_troop_pair() -> None:
    (judgement,) = RuleJudge().judge([(PENTAGON, RISEN)])
    assert judgement.relation == "contradicts"
    assert "number_mismatch" in judgement.signals
    assert judgement.probabilities["contradiction"] > 0.8
    assert_well_formed(judgement)


def test_rule_judge_relations() -> None:
    pairs = [(REQUEST, AGAINST_WILL), (PENTAGON, PARAPHRASE), (PENTAGON, UNRELATED), (PENTAGON, PENTAGON)]
    against, paraphrase, unrelated, identical = RuleJudge().judge(pairs)
    assert (against.relation, against.signals) == ("contradicts", ["negation"])
    assert paraphrase.relation == "entails"
    assert unrelated.relation == "neutral"
    assert "low_overlap" in unrelated.signals
    assert identical.relation == "entails"
    for judgement in (against, paraphrase, unrelated, identical):
        assert_well_formed(judgement)


@pytest.mark.parametrize("hypothesis", ["Troops.", "Iraq sovereignty", "10,000"])
def test_very_short_hypotheses_are_neutral(hypothesis: str) -> None:
    model = FakeModel({hypothesis: CONTRADICTION})
    for judge in (RuleJudge(), HybridJudge(model)):
        (judgement,) = judge.judge([(PENTAGON, hypothesis)])
        assert judgement.relation == "neutral"
        assert "short_hypothesis" in judgement.signals
        assert judgement.probabilities["neutral"] >= 0.8


def test_hybrid_moves_mass_to_contradiction_on_a_number_mismatch() -> None:
    model = FakeModel({RISEN: ENTAILMENT})
    (judgement,) = HybridJudge(model).judge([(PENTAGON, RISEN)])
    assert judgement.relation == "contradicts"
    assert judgement.probabilities["contradiction"] > 0.5
    assert judgement.probabilities["entailment"] < 0.2
    assert {"number_mismatch", "antonym"} <= set(judgement.signals)


# What the trained model gives this pair: no idea (see benchmarks/NLI_EVAL.md); the negation signal decides.
UNSURE = (0.33, 0.32, 0.35)


def test_hybrid_negation_on_topical_pair_contradicts() -> None:
    model = FakeModel({AGAINST_WILL: UNSURE})
    (judgement,) = HybridJudge(model).judge([(REQUEST, AGAINST_WILL)])
    assert judgement.relation == "contradicts"
    assert judgement.probabilities["contradiction"] > 0.6
    assert judgement.signals == ["negation"]


def test_hybrid_negation_weighs_less_than_a_confident_model_but_more_with_rule_weights() -> None:
    model = FakeModel({AGAINST_WILL: NEUTRAL})
    (tuned,) = HybridJudge(model).judge([(REQUEST, AGAINST_WILL)])
    assert tuned.relation == "neutral"
    assert tuned.probabilities["contradiction"] > NEUTRAL[2]
    (rule_weighted,) = HybridJudge(model, JudgeThresholds()).judge([(REQUEST, AGAINST_WILL)])
    assert rule_weighted.relation == "contradicts"


def test_hybrid_keeps_identical_and_paraphrase_pairs_entailed() -> None:
    model = FakeModel({PENTAGON: NEUTRAL, PARAPHRASE: ENTAILMENT})
    identical, paraphrase = HybridJudge(model).judge([(PENTAGON, PENTAGON), (PENTAGON, PARAPHRASE)])
    assert identical.relation == "entails"
    assert paraphrase.relation == "entails"
    assert paraphrase.probabilities["entailment"] >= ENTAILMENT[0] - 1e-6
    assert identical.signals == []
    assert paraphrase.signals == ["number_match"]  # the same figure: evidence for, never against


def test_hybrid_unrelated_pair_is_flagged_low_overlap_and_neutral_with_overlap_weight() -> None:
    # The tuned hybrid trusts the model here (the service gates far-off matches by similarity, and NLI data
    # calls many low-overlap pairs contradictions); it still reports the signal, and weighing it makes it neutral.
    model = FakeModel({UNRELATED: CONTRADICTION})
    (tuned,) = HybridJudge(model).judge([(PENTAGON, UNRELATED)])
    assert "low_overlap" in tuned.signals
    (weighed,) = HybridJudge(model, JudgeThresholds()).judge([(PENTAGON, UNRELATED)])
    assert weighed.relation == "neutral"
    assert "low_overlap" in weighed.signals


def test_hybrid_without_signals_follows_the_model() -> None:
    hypothesis = "U.S. troops in Iraq are fighting militia groups in Basra."
    for probabilities, relation in ((ENTAILMENT, "entails"), (NEUTRAL, "neutral"), (CONTRADICTION, "contradicts")):
        (judgement,) = HybridJudge(FakeModel({hypothesis: probabilities})).judge([(PENTAGON, hypothesis)])
        assert judgement.relation == relation
        assert judgement.signals == []
        assert judgement.probabilities["entailment"] == pytest.approx(probabilities[0], abs=1e-6)


def test_hybrid_sends_all_pairs_in_one_predict_call() -> None:
    model = FakeModel({})
    pairs = [(PENTAGON, RISEN), (REQUEST, AGAINST_WILL), (PENTAGON, PARAPHRASE)]
    judgements = HybridJudge(model, batch_size=16).judge(pairs)
    assert len(judgements) == 3
    assert model.calls == [(3, 16)]
    assert HybridJudge(model).judge([]) == []
    assert len(model.calls) == 1


def test_thresholds_decide_the_relation() -> None:
    hypothesis = "U.S. troops in Iraq are fighting militia groups in Basra."
    model = FakeModel({hypothesis: (0.05, 0.35, 0.6)})
    pairs = [(PENTAGON, hypothesis)]
    assert HybridJudge(model).judge(pairs)[0].relation == "contradicts"
    strict = JudgeThresholds(contradiction_threshold=0.7)
    assert HybridJudge(model, strict).judge(pairs)[0].relation == "neutral"


def test_temperature_softens_the_model() -> None:
    hypothesis = "U.S. troops in Iraq are fighting militia groups in Basra."
    model = FakeModel({hypothesis: (0.6, 0.3, 0.1)})
    pairs = [(PENTAGON, hypothesis)]
    sharp = HybridJudge(model).judge(pairs)[0]
    soft = HybridJudge(model, JudgeThresholds(temperature=10.0)).judge(pairs)[0]
    assert sharp.relation == "entails"
    assert soft.relation == "neutral"
    assert soft.probabilities["entailment"] < sharp.probabilities["entailment"]


def test_a_plain_not_is_left_to_the_model_but_weighed_by_the_rules() -> None:
    respects = "The United States respects Iraqi sovereignty."
    does_not = "The United States does not respect Iraqi sovereignty in the north."
    model = FakeModel({does_not: ENTAILMENT, AGAINST_WILL: ENTAILMENT})
    plain, phrasal = HybridJudge(model).judge([(respects, does_not), (REQUEST, AGAINST_WILL)])
    # The model learnt "not" from its data: beside another difference the hybrid leaves it (reported, not weighed) ...
    assert plain.relation == "entails"
    assert plain.signals == ["negation"]
    # ... but "against the will of" says "not" in words the model reads poorly: weighed.
    assert phrasal.probabilities["contradiction"] > ENTAILMENT[2]
    assert RuleJudge().judge([(respects, does_not)])[0].relation == "contradicts"
    # A "not" that is the one difference settles it (``negation_swap``, audit 8).
    aligned = "The United States does not respect Iraqi sovereignty."
    (alone,) = HybridJudge(FakeModel({aligned: ENTAILMENT})).judge([(respects, aligned)])
    assert alone.relation == "contradicts"
    assert alone.signals == ["negation", "negation_swap"]


def test_signal_weights_are_configurable() -> None:
    model = FakeModel({AGAINST_WILL: ENTAILMENT})
    pairs = [(REQUEST, AGAINST_WILL)]
    assert HybridJudge(model, JudgeThresholds(negation_weight=2.5)).judge(pairs)[0].relation == "contradicts"
    ignored = HybridJudge(model, JudgeThresholds(negation_weight=0.0)).judge(pairs)[0]
    assert ignored.relation == "entails"
    assert ignored.signals == ["negation"]  # still reported, just not weighed


def test_agreeing_figure_weighs_against_a_contradiction() -> None:
    remain = "About 2,500 U.S. troops remain in Iraq."
    increased = "The number of U.S. troops in Iraq has increased to about 2,500."
    model = FakeModel({remain: (0.25, 0.15, 0.6), increased: (0.25, 0.15, 0.6)})
    pairs = [(PENTAGON, remain), (PENTAGON, increased)]
    plain = HybridJudge(model, JudgeThresholds(number_match_weight=0.0)).judge(pairs)
    weighed = HybridJudge(model, JudgeThresholds(number_match_weight=2.0)).judge(pairs)
    assert plain[0].relation == "contradicts"
    assert weighed[0].relation != "contradicts"
    assert weighed[0].probabilities["contradiction"] < plain[0].probabilities["contradiction"]
    assert "number_match" in weighed[0].signals
    # "increased" against "dropped" is an antonym: a contradiction signal, so the agreeing figure weighs nothing.
    assert weighed[1] == plain[1]
    assert weighed[1].relation == "contradicts"


RISING = "The river is rising after days of heavy rain."
FALLING = "The river is falling after days of heavy rain."
VOTED_AGAINST = "The senator voted against the bill."
VOTED_FOR = "The senator voted for the bill."
CONFIDENT_ENTAILMENT = (0.95, 0.03, 0.02)


def test_an_aligned_antonym_swap_contradicts_whatever_the_model_says() -> None:
    """Issue 21: the model reads "rising" / "falling" in otherwise identical statements as a paraphrase."""
    model = FakeModel({FALLING: CONFIDENT_ENTAILMENT, VOTED_FOR: CONFIDENT_ENTAILMENT})
    river, vote = HybridJudge(model).judge([(RISING, FALLING), (VOTED_AGAINST, VOTED_FOR)])
    for judgement in (river, vote):
        assert judgement.relation == "contradicts"
        assert judgement.probabilities["contradiction"] == pytest.approx(0.9)
        assert "antonym_swap" in judgement.signals
        assert_well_formed(judgement)
    # What is left keeps the proportions the judge had before the override.
    off = JudgeThresholds(**{**HYBRID_FIELDS, "decisive_contradiction_probability": 0.0})
    (before,) = HybridJudge(model, off).judge([(RISING, FALLING)])
    ratio = before.probabilities["entailment"] / before.probabilities["neutral"]
    assert river.probabilities["entailment"] / river.probabilities["neutral"] == pytest.approx(ratio)
    assert RuleJudge().judge([(RISING, FALLING)])[0].relation == "contradicts"


def test_a_position_swapped_contradicts_a_model_that_reads_a_paraphrase() -> None:
    """Audit 12: "ahead of" / "behind", "relegated" / "promoted", and "closed" / "reopened" in otherwise
    identical statements were entailed by the model and raised no signal."""
    pairs = [
        ("Leeds are ahead of Burnley in the table.", "Leeds are behind Burnley in the table."),
        ("Burnley were relegated from the league.", "Burnley were promoted to the league."),
        ("The museum remains closed.", "The museum has reopened."),
    ]
    model = FakeModel({hypothesis: CONFIDENT_ENTAILMENT for _, hypothesis in pairs})
    for judgement in HybridJudge(model).judge(pairs):
        assert judgement.relation == "contradicts"
        assert "antonym_swap" in judgement.signals
        assert_well_formed(judgement)


def test_the_decisive_override_can_be_switched_off_and_never_lowers_a_contradiction() -> None:
    model = FakeModel({FALLING: CONFIDENT_ENTAILMENT, VOTED_FOR: (0.01, 0.01, 0.98)})
    off = JudgeThresholds(**{**HYBRID_FIELDS, "decisive_contradiction_probability": 0.0})
    (overruled,) = HybridJudge(model, off).judge([(RISING, FALLING)])
    assert overruled.relation == "entails"  # the antonym signal alone does not outweigh a confident model
    assert "antonym_swap" in overruled.signals
    (sure,) = HybridJudge(model).judge([(VOTED_AGAINST, VOTED_FOR)])
    assert sure.probabilities["contradiction"] > 0.97


def test_a_swap_the_rest_of_which_differs_is_left_to_the_model() -> None:
    imports = "Imports increased by 12 percent last year."
    restated = "Coalition forces are in Iraq because Baghdad asked them to be there."
    model = FakeModel({imports: CONFIDENT_ENTAILMENT, restated: CONFIDENT_ENTAILMENT})
    judgements = HybridJudge(model).judge(
        [("Exports increased by 12 percent last year.", imports), (REQUEST, restated)]
    )
    # Another word where "exports" stood is another statement (substituted_term), not an opposite one.
    assert [j.relation for j in judgements] == ["neutral", "entails"]
    assert judgements[0].signals == ["substituted_term"]
    assert all("antonym_swap" not in j.signals for j in judgements)


def test_a_figure_written_another_way_is_no_contradiction_whatever_the_model_says() -> None:
    """ "1,500" / "fifteen hundred", "95%" / "95 per cent": the model reads two numbers; nothing but the writing of
    the figures differs (signal ``restated_figure``)."""
    words = "The depot employs fifteen hundred people."
    per_cent = "The vaccine was 95 per cent effective."
    model = FakeModel({words: (0.05, 0.04, 0.91), per_cent: (0.01, 0.01, 0.98)})
    pairs = [("The depot employs 1,500 people.", words), ("The vaccine was 95% effective.", per_cent)]
    for judgement in HybridJudge(model).judge(pairs):
        assert judgement.relation != "contradicts"
        assert "restated_figure" in judgement.signals
        assert_well_formed(judgement)
    off = JudgeThresholds(**{**HYBRID_FIELDS, "restated_figure_weight": 0.0})
    assert [j.relation for j in HybridJudge(model, off).judge(pairs)] == ["contradicts", "contradicts"]
    assert RuleJudge().judge(pairs)[0].relation != "contradicts"


def test_a_converse_is_no_contradiction_whatever_the_model_says() -> None:
    """ "won against" / "lost against" with the parties exchanged: the same result from the other side."""
    lost = "The opposition lost against the ruling party."
    rose = "The yen rose against the euro."
    model = FakeModel({lost: (0.01, 0.01, 0.98), rose: (0.1, 0.08, 0.82)})
    pairs = [("The ruling party won against the opposition.", lost), ("The euro fell against the yen.", rose)]
    for judgement in HybridJudge(model).judge(pairs):
        assert judgement.relation != "contradicts"
        assert "converse" in judgement.signals
        assert "antonym" not in judgement.signals
    off = JudgeThresholds(**{**HYBRID_FIELDS, "converse_weight": 0.0})
    assert [j.relation for j in HybridJudge(model, off).judge(pairs)] == ["contradicts", "contradicts"]
    # One change alone still contradicts: the opposite word (antonym_swap) or the parties (role_swap).
    alone = [(pairs[1][0], "The euro rose against the yen."), (pairs[1][0], "The yen fell against the euro.")]
    assert [j.relation for j in HybridJudge(FakeModel({}, CONFIDENT_ENTAILMENT)).judge(alone)] == [
        "contradicts",
        "contradicts",
    ]


def test_an_opposite_told_of_another_named_thing_is_neutral_whatever_the_model_says() -> None:
    """ "Ridership on Line 6 increased" / "Ridership on Line 9 decreased": two lines, two facts (``other_subject``);
    the same line both ways still contradicts (``antonym_swap``)."""
    other_line = "Ridership on Line 9 decreased last month."
    same_line = "Ridership on Line 6 decreased last month."
    model = FakeModel({other_line: CONTRADICTION, same_line: CONTRADICTION})
    premise = "Ridership on Line 6 increased last month."
    for judge in (HybridJudge(model), RuleJudge()):
        other, same = judge.judge([(premise, other_line), (premise, same_line)])
        assert other.relation == "neutral"
        assert "other_subject" in other.signals
        assert "antonym" not in other.signals
        assert same.relation == "contradicts"
        assert_well_formed(other)


def test_an_opposite_told_of_another_time_is_neutral_whatever_the_model_says() -> None:
    """ "Admissions increased in 2009" / "Admissions decreased in 2012": two years, two facts (``other_subject``);
    the same year both ways, or one event told with two years, still contradicts."""
    other_year = "Admissions decreased in 2012."
    same_year = "Admissions decreased in 2009."
    model = FakeModel({other_year: CONTRADICTION, same_year: CONTRADICTION})
    premise = "Admissions increased in 2009."
    for judge in (HybridJudge(model), RuleJudge()):
        other, same = judge.judge([(premise, other_year), (premise, same_year)])
        assert other.relation == "neutral"
        assert "other_subject" in other.signals
        assert "date_mismatch" not in other.signals
        assert same.relation == "contradicts"
        assert_well_formed(other)
    (founded,) = RuleJudge().judge([("The hospital was founded in 1921.", "The hospital was founded in 1923.")])
    assert founded.relation == "contradicts"
    assert "date_mismatch" in founded.signals


def test_version_names_model_and_thresholds() -> None:
    default = HybridJudge(FakeModel({}))
    strict = HybridJudge(FakeModel({}), JudgeThresholds(contradiction_threshold=0.9))
    assert default.name == "hybrid:fake-nli"
    assert default.version.startswith("v0+rules-")
    assert default.version != strict.version
    assert RuleJudge().version != RuleJudge(JudgeThresholds(negation_weight=1.0)).version


def test_wrong_probability_shape_is_rejected() -> None:
    with pytest.raises(ValueError, match="shape"):
        HybridJudge(FakeModel({})).judge_with_probabilities([(PENTAGON, RISEN)], np.ones((2, 3)))


@pytest.mark.parametrize(
    "overrides",
    [
        {"contradiction_threshold": 1.5},
        {"entailment_threshold": -0.1},
        {"temperature": 0.0},
        {"paraphrase_min_coverage": 1.0},
        {"min_hypothesis_words": -1},
    ],
)
def test_invalid_thresholds_are_rejected(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(overrides))):
        JudgeThresholds(**overrides)


@pytest.mark.slow
def test_real_model_outputs_probabilities() -> None:
    from embeddings.nli.model import WEIGHTS_FILE, NliCrossEncoder, resolve_model_dir

    model_dir = resolve_model_dir()
    if not (model_dir / WEIGHTS_FILE).is_file():
        pytest.skip(f"no exported NLI model at {model_dir} (train one, or set CLAIMLEDGER_NLI_MODEL_DIR)")
    model = NliCrossEncoder(model_dir, threads=1)
    pairs = [(PENTAGON, RISEN), (REQUEST, AGAINST_WILL), (PENTAGON, PARAPHRASE), ("A.", "B.")]
    probabilities = model.predict(pairs, batch_size=3)
    assert probabilities.shape == (4, 3)
    assert probabilities.dtype == np.float32
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert np.allclose(probabilities[:2], model.predict(pairs[:2]), atol=1e-5)  # batching does not change results
    assert len(model.version) >= 12
    judgements = HybridJudge(model).judge(pairs)
    assert [j.relation for j in judgements][:2] == ["contradicts", "contradicts"]


def test_thresholds_from_service_settings() -> None:
    settings = {"judge_contradiction_threshold": 0.7, "judge_temperature": 1.5, "judge_unknown": 1, "database_url": "x"}
    thresholds = JudgeThresholds.from_settings(settings)
    assert thresholds.contradiction_threshold == 0.7
    assert thresholds.temperature == 1.5
    assert thresholds.entailment_threshold == JudgeThresholds().entailment_threshold


TWEET = (
    "Pentagon says troops are coming home: the number of U.S. troops in Iraq has dropped to about 2,500, officials "
    "told reporters outside the White House briefing room while protesters gathered near Lafayette Square chanting "
    "slogans about veterans healthcare budgets"
)
TWEET_RISEN = TWEET.replace("has dropped to about 2,500", "has risen to 10,000")


def test_hybrid_reads_a_long_restatement_full_of_new_detail_as_neutral_not_contradiction() -> None:
    # The shape of a tweet around a fact-checked claim: the model (trained on short hypotheses) says contradiction.
    model = FakeModel({TWEET: (0.1, 0.3, 0.6), TWEET_RISEN: (0.1, 0.3, 0.6)})
    restated, changed = HybridJudge(model).judge([(PENTAGON, TWEET), (PENTAGON, TWEET_RISEN)])
    assert "extra_content" in restated.signals
    assert restated.relation == "neutral"
    without = HybridJudge(model, JudgeThresholds(low_overlap_weight=0.0, extra_content_weight=0.0)).judge(
        [(PENTAGON, TWEET)]
    )[0]
    assert without.relation == "contradicts"
    # A real conflict inside the extra detail still contradicts: the neutral lean applies only without one.
    assert "antonym" in changed.signals
    assert changed.relation == "contradicts"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ("fpu avx2 avx512f avx512_bf16 avx512_vnni", "bf16"),
        ("fpu avx2 amx_bf16 amx_tile", "bf16"),
        ("fpu avx2 avx512f avx512bw", "fp32"),  # AVX-512 alone would emulate bf16: slower than fp32
    ],
)
def test_auto_precision_takes_bf16_only_where_the_cpu_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: str, expected: str
) -> None:
    from embeddings.nli import model as nli_model

    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nflags\t\t: {flags}\n", encoding="utf-8")
    monkeypatch.setattr(nli_model, "CPUINFO", cpuinfo)
    assert nli_model.cpu_has_native_bf16(cpuinfo) == (expected == "bf16")
    assert nli_model.resolve_precision("auto") == expected
    assert nli_model.resolve_precision("int8") == "int8"
    assert not nli_model.cpu_has_native_bf16(tmp_path / "absent")
    with pytest.raises(ValueError, match="unknown NLI precision"):
        nli_model.resolve_precision("fp8")


@pytest.mark.slow
def test_real_model_in_bf16_agrees_with_fp32_and_says_so_in_its_version() -> None:
    from embeddings.nli.model import WEIGHTS_FILE, NliCrossEncoder, resolve_model_dir

    model_dir = resolve_model_dir()
    if not (model_dir / WEIGHTS_FILE).is_file():
        pytest.skip(f"no exported NLI model at {model_dir} (train one, or set CLAIMLEDGER_NLI_MODEL_DIR)")
    pairs = [(PENTAGON, RISEN), (REQUEST, AGAINST_WILL), (PENTAGON, PARAPHRASE)]
    full = NliCrossEncoder(model_dir, precision="fp32")
    half = NliCrossEncoder(model_dir, precision="bf16")
    assert half.version == f"{full.version}-bf16"
    assert np.abs(half.predict(pairs) - full.predict(pairs)).max() < 0.03
    assert (half.predict(pairs).argmax(axis=1) == full.predict(pairs).argmax(axis=1)).all()


def test_across_stances_swaps_entailment_and_contradiction_and_says_why() -> None:
    judged = Judgement("entails", {"entailment": 0.7, "neutral": 0.2, "contradiction": 0.1}, ["negation"])
    reversed_ = across_stances(judged)
    assert reversed_.relation == "contradicts"
    assert reversed_.probabilities == {"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7}
    assert reversed_.signals == ["negation", DENIAL_SIGNAL]
    neutral = across_stances(Judgement("neutral", {"entailment": 0.2, "neutral": 0.5, "contradiction": 0.3}))
    assert neutral.relation == "neutral"
    assert across_stances(across_stances(judged)).probabilities == judged.probabilities


def test_a_lone_negation_contradicts_whatever_the_model_says() -> None:
    """Audit 8: the model reads "pleaded guilty" / "pleaded not guilty" as a paraphrase; the negation is the one
    difference (signal ``negation_swap``), so the pair contradicts, both ways."""
    guilty = "The defendant pleaded guilty to the theft charge."
    not_guilty = "The defendant pleaded not guilty to the theft charge."
    model = FakeModel({guilty: CONFIDENT_ENTAILMENT, not_guilty: CONFIDENT_ENTAILMENT})
    for judgement in HybridJudge(model).judge([(guilty, not_guilty), (not_guilty, guilty)]):
        assert judgement.relation == "contradicts"
        assert "negation_swap" in judgement.signals
        assert_well_formed(judgement)
    off = JudgeThresholds(**{**HYBRID_FIELDS, "decisive_contradiction_probability": 0.0})
    assert HybridJudge(model, off).judge([(guilty, not_guilty)])[0].relation == "entails"


def test_a_negated_opposite_outweighs_a_confident_model() -> None:
    """Audit 8: "did not fall" / "rose" never contradict, yet the model says 0.98; the signal must outweigh it."""
    rose = "Bookings at the hotel rose in the spring."
    model = FakeModel({rose: (0.01, 0.01, 0.98)})
    (judgement,) = HybridJudge(model).judge([("Bookings at the hotel did not fall in the spring.", rose)])
    assert "negated_opposite" in judgement.signals
    assert judgement.relation != "contradicts"


def test_added_detail_is_no_contradiction_whatever_the_model_says() -> None:
    """Audit 8: the shorter statement as premise, the longer as hypothesis, the model says 0.64 contradiction; the
    longer only adds detail (signal ``added_detail``)."""
    detailed = "The family-run bakery on Mill Street reopened after a fire last spring."
    model = FakeModel({detailed: (0.06, 0.30, 0.64)})
    pairs = [("The bakery on Mill Street reopened.", detailed)]
    (judgement,) = HybridJudge(model).judge(pairs)
    assert "added_detail" in judgement.signals
    assert judgement.relation != "contradicts"
    off = JudgeThresholds(**{**HYBRID_FIELDS, "added_detail_weight": 0.0})
    assert HybridJudge(model, off).judge(pairs)[0].relation == "contradicts"


def test_a_substituted_word_moves_entailment_to_neutral_and_leaves_contradiction_alone() -> None:
    """Issue 21: "exports" / "imports", "mayor" / "governor": the model reads the near-identical statements as
    paraphrases. The swapped word rules entailment out (its mass goes to neutral, not renormalised over neutral and
    contradiction); a confident contradiction ("Italy" / "France" as common words here: "tea" / "coffee") stays."""
    imports = "Imports increased by 12 percent last year."
    governor = "The governor approved the new stadium."
    coffee = "The village exports tea every year."
    model = FakeModel({imports: (0.85, 0.07, 0.08), governor: (0.56, 0.24, 0.20), coffee: (0.05, 0.15, 0.80)})
    pairs = [
        ("Exports increased by 12 percent last year.", imports),
        ("The mayor approved the new stadium.", governor),
        ("The village exports coffee every year.", coffee),
    ]
    exports, mayor, tea = HybridJudge(model).judge(pairs)
    for judgement, (entailment, neutral, contradiction) in (
        (exports, model.by_hypothesis[imports]),
        (mayor, model.by_hypothesis[governor]),
    ):
        assert judgement.relation == "neutral"
        assert judgement.signals == ["substituted_term"]
        assert judgement.probabilities["entailment"] == pytest.approx(0.0, abs=1e-6)
        assert judgement.probabilities["neutral"] == pytest.approx(entailment + neutral, abs=1e-6)
        assert judgement.probabilities["contradiction"] == pytest.approx(contradiction, abs=1e-6)
        assert_well_formed(judgement)
    assert tea.signals == ["substituted_term"]
    assert tea.relation == "contradicts"
    assert tea.probabilities["contradiction"] == pytest.approx(0.80, abs=1e-6)
    # A generalisation keeps the entailment ("car" -> "vehicle"), and the weight 0 switches the signal off.
    vehicle = "She bought the vehicle last week."
    (general,) = HybridJudge(FakeModel({vehicle: (0.85, 0.1, 0.05)})).judge(
        [("She bought the car last week.", vehicle)]
    )
    assert general.relation == "entails"
    off = JudgeThresholds(**{**HYBRID_FIELDS, "substituted_term_weight": 0.0})
    assert [j.relation for j in HybridJudge(model, off).judge(pairs[:2])] == ["entails", "entails"]
    # A share, not a logit weight: at 0.5 half the entailment goes to neutral.
    half = JudgeThresholds(**{**HYBRID_FIELDS, "substituted_term_weight": 0.5})
    (halved,) = HybridJudge(model, half).judge(pairs[:1])
    assert halved.probabilities["entailment"] == pytest.approx(0.425, abs=1e-6)
    assert halved.probabilities["contradiction"] == pytest.approx(0.08, abs=1e-6)


def test_the_signals_can_read_a_text_the_model_reads_whole() -> None:
    """The service's judge: the model reads "..., a spokesman said" as written (it learnt such frames), its signals
    read the content (``signal_text``), so the frame no longer keeps an opposite from aligning."""
    from embeddings.reported_speech import reported_content

    framed = "The Coalition is in Iraq against the wishes of the Iraqi government, a spokesman said."
    model = FakeModel({framed: CONFIDENT_ENTAILMENT})
    pair = [("The Coalition is in Iraq at the request of the Iraqi government.", framed)]
    (plain,) = HybridJudge(model).judge(pair)
    assert "antonym_swap" not in plain.signals and plain.relation == "entails"
    reading = HybridJudge(model, signal_text=reported_content)
    (content,) = reading.judge(pair)
    assert "antonym_swap" in content.signals and content.relation == "contradicts"
    assert reading.version == f"{HybridJudge(model).version}+reported_content"
    (rules,) = RuleJudge(signal_text=reported_content).judge(pair)
    assert "antonym_swap" in rules.signals
