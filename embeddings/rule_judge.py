"""Judges built on the explicit signals: ``RuleJudge`` (signals alone, no model) and ``HybridJudge`` (NLI model
probabilities moved by the signals, then thresholded).

Why combine: a small NLI cross-encoder is good at paraphrase and topic, but shaky on exactly what matters to a
fact-checker (a changed number, date or negation). The signals are precise but narrow. In the hybrid, each fired
contradiction signal adds ``weight × strength`` to the contradiction logit and removes it from the entailment
logit; ``low_overlap`` adds to the neutral logit; a near-verbatim restatement adds to the entailment logit. A
decisive signal (``antonym_swap``: the same statement but for an opposite word) makes the pair a contradiction
whatever the model says. A signal against entailment (``substituted_term``: the same statement but for a word that
does not follow from the premise's) moves the entailment probability to neutral and leaves contradiction alone. All weights and thresholds live in ``JudgeThresholds`` so the service's settings own them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from embeddings.judge import Judge, Judgement, Relation
from embeddings.nli.data import LABELS
from embeddings.signals import (
    CONTRADICTION_SIGNALS,
    DECISIVE_NEUTRAL_SIGNALS,
    DECISIVE_SIGNALS,
    ENTAILMENT_BLOCKING_SIGNALS,
    SIGNAL_WEIGHTS,
    SIGNALS,
    Polarity,
    SignalReport,
    iter_signal_reports,
)
from embeddings.signals.version import RULES_VERSION as RULES_VERSION

if TYPE_CHECKING:
    from pathlib import Path

# Every probability array here has its columns in LABELS order (entailment, neutral, contradiction).
ENTAILMENT, NEUTRAL, CONTRADICTION = (LABELS.index(label) for label in ("entailment", "neutral", "contradiction"))
# Stored judgements say which rules made them: RULES_VERSION (embeddings/signals/version.py) changes with every
# signal report of the golden file and every word list; bump the golden file's counter by hand
# (``python -m embeddings.signals.golden --write --rules N``) when only the combination below changes.
SHORT_HYPOTHESIS_SIGNAL = "short_hypothesis"
_MIN_PROBABILITY = 1e-7


@dataclass(frozen=True, slots=True)
class JudgeThresholds:
    """Decision thresholds, calibration and signal weights (weights are in logit units).

    Settings map one to one onto these fields through ``from_settings`` (a setting ``judge_contradiction_threshold``
    sets ``contradiction_threshold``). The defaults are set by hand from the signal design and the claim
    benchmark; re-check them against ``benchmarks/NLI_EVAL.md`` whenever the model changes.
    """

    # A pair "contradicts" when P(contradiction) reaches this and is at least P(entailment).
    contradiction_threshold: float = 0.5
    # A pair "entails" when P(entailment) reaches this and exceeds P(contradiction); otherwise "neutral".
    entailment_threshold: float = 0.5
    # Divides the model's log-probabilities before signals are added (>1 softens an over-confident model).
    temperature: float = 1.0
    # One ``<signal>_weight`` per registered signal (``embeddings.signals.registry``), defaulting to its weight
    # there. Contradiction signals add weight x strength to the contradiction logit and take it from entailment.
    number_mismatch_weight: float = SIGNAL_WEIGHTS["number_mismatch"]
    date_mismatch_weight: float = SIGNAL_WEIGHTS["date_mismatch"]
    negation_weight: float = SIGNAL_WEIGHTS["negation"]
    # The weight of a negation signal made only of plain negations ("not", "no", "never"), which an NLI model
    # reads from its training data; ``negation_weight`` is then for "denied", "refused", "against the will of".
    plain_negation_weight: float = SIGNAL_WEIGHTS["negation"]
    antonym_weight: float = SIGNAL_WEIGHTS["antonym"]
    # An aligned antonym swap is decisive (below); its logit weight adds nothing by default.
    antonym_swap_weight: float = SIGNAL_WEIGHTS["antonym_swap"]
    # Two parties exchanged ("A beat B" / "B beat A") is decisive too; no logit weight either.
    role_swap_weight: float = SIGNAL_WEIGHTS["role_swap"]
    # A negation on one side only, nothing else differing ("pleaded guilty" / "pleaded not guilty"): decisive too.
    negation_swap_weight: float = SIGNAL_WEIGHTS["negation_swap"]
    place_mismatch_weight: float = SIGNAL_WEIGHTS["place_mismatch"]
    # Cap on the summed contradiction evidence, so several weak signals cannot outvote everything.
    max_signal_boost: float = 5.0
    # P(contradiction) at least this when a decisive signal fired (``antonym_swap``: two statements the same but for
    # an opposite word; ``role_swap``: two parties exchanged), whatever the model says; 0 switches the override off.
    decisive_contradiction_probability: float = 0.9
    # Neutral boost for pairs that share few content words: unrelated claims are neutral, whatever a model trained
    # on SNLI (where an unrelated scene counts as contradiction) says.
    low_overlap_weight: float = SIGNAL_WEIGHTS["low_overlap"]
    # Neutral boost for a hypothesis that says much more than the premise (signal ``extra_content``), applied only
    # when no contradiction signal fired: "unmentioned detail" is not "conflicting detail".
    extra_content_weight: float = SIGNAL_WEIGHTS["extra_content"]
    # Taken from the contradiction logit when every figure of the hypothesis agrees with the premise's (signal
    # ``number_match``) and no contradiction signal fired: the model cannot compare numbers either way.
    number_match_weight: float = SIGNAL_WEIGHTS["number_match"]
    # Taken from the contradiction logit when an opposite is negated on one side ("did not win" / "lost"; signal
    # ``negated_opposite``): a restatement or an open question, never a contradiction.
    negated_opposite_weight: float = SIGNAL_WEIGHTS["negated_opposite"]
    # Figures, dates or opposites given for different named things or times (signal ``other_subject``) are decisive
    # for neutral: P(neutral) at least ``decisive_neutral_probability``; no logit weight by default.
    other_subject_weight: float = SIGNAL_WEIGHTS["other_subject"]
    decisive_neutral_probability: float = 0.9
    # Taken from the contradiction logit when two statements differ only in how their figures are written (signal
    # ``restated_figure``: "1,500" / "fifteen hundred") or say the same thing from the other party's side (signal
    # ``converse``: "won against" / "lost against"): neither can contradict, whatever the model reads.
    restated_figure_weight: float = SIGNAL_WEIGHTS["restated_figure"]
    converse_weight: float = SIGNAL_WEIGHTS["converse"]
    # Added to the entailment logit when two statements differ only in how a time of day is written (signal
    # ``restated_time``: "at noon" / "at 12 p.m."): the model reads the other writing as new detail (h131).
    restated_time_weight: float = SIGNAL_WEIGHTS["restated_time"]
    # Taken from the contradiction logit when one statement is the other with detail added (signal ``added_detail``)
    # and no contradiction signal fired: added detail cannot contradict what it details.
    added_detail_weight: float = SIGNAL_WEIGHTS["added_detail"]
    # Added to the neutral logit when the premise's time cannot settle the hypothesis's (signal ``open_time``).
    open_time_weight: float = SIGNAL_WEIGHTS["open_time"]
    # The share of P(entailment) moved to neutral when one word is swapped for one that does not follow from it
    # (signal ``substituted_term``); a share, not a logit weight, in [0, 1]; 0 switches it off.
    substituted_term_weight: float = SIGNAL_WEIGHTS["substituted_term"]
    # Entailment boost for a hypothesis whose content words all appear in the premise (no contradiction signal).
    paraphrase_weight: float = 1.0
    paraphrase_min_coverage: float = 0.7
    # Hypotheses with fewer words than this are "neutral": "Talks." neither follows from nor contradicts a claim.
    min_hypothesis_words: int = 3
    short_hypothesis_neutral_mass: float = 0.8
    # RuleJudge only (no model): starting neutral logit, and entailment logit per unit of word coverage above 50 %.
    rule_neutral_bias: float = 1.0
    rule_coverage_weight: float = 3.0

    def __post_init__(self) -> None:
        for name in (
            "contradiction_threshold",
            "entailment_threshold",
            "paraphrase_min_coverage",
            "short_hypothesis_neutral_mass",
            "decisive_contradiction_probability",
            "substituted_term_weight",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within [0, 1], got {value}")
        if self.paraphrase_min_coverage >= 1.0:
            raise ValueError("paraphrase_min_coverage must be below 1")
        if self.temperature <= 0.0:
            raise ValueError(f"temperature must be positive, got {self.temperature}")
        if self.min_hypothesis_words < 0:
            raise ValueError("min_hypothesis_words must not be negative")

    @classmethod
    def from_settings(cls, values: Mapping[str, object], prefix: str = "judge_") -> JudgeThresholds:
        """Build from settings named ``<prefix><field>`` (e.g. ``judge_contradiction_threshold``); others ignored.

        Lets the service keep every judge knob in its own settings class without listing them twice.
        """
        known = {f.name for f in fields(cls)}
        chosen = {
            key.removeprefix(prefix): value
            for key, value in values.items()
            if key.startswith(prefix) and key.removeprefix(prefix) in known and value is not None
        }
        return cls(**chosen)  # type: ignore[arg-type]

    def weight(self, signal: str, *, plain_negation: bool = False) -> float:
        """The logit weight of any registered signal (its ``<name>_weight`` field); ``plain_negation``: the negation
        behind a ``negation`` signal is a plain "not" (``SignalReport.plain_negation``)."""
        if signal == "negation" and plain_negation:
            return self.plain_negation_weight
        value: float = getattr(self, f"{signal}_weight")
        return value

    def signal_weight(self, signal: str, *, plain_negation: bool = False) -> float:
        """The logit weight of a contradiction signal (0 for anything else)."""
        if signal not in CONTRADICTION_SIGNALS:
            return 0.0
        return self.weight(signal, plain_negation=plain_negation)

    def fingerprint(self) -> str:
        """Short stable hash of every field: part of a judge's version, since thresholds change verdicts."""
        encoded = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()[:8]


# The hybrid's defaults. Thresholds: the most probable relation counts when it reaches 0.4 (0.4 only turns unsure
# entailments and contradictions into "neutral"). The lexical nudges that help the rules alone cost the model
# accuracy (low_overlap, paraphrase: 0); number, date and place mismatches keep full weight because the model
# cannot compare quantities; a hypothesis with much unmentioned detail leans neutral (extra_content: it moves no
# NLI calibration pair and halves the false contradictions on CLEF repeats). ``make calibrate-judge`` fits all of
# these on held-out pairs (benchmarks/judge_calibration.json); for the shipped model its best point (temperature 3,
# thresholds 0.34/0.46) gains 0.025 macro F1 there but calls almost eight times as many CLEF train repeats contradictions
# (0.5 % -> 3.9 %), so the defaults stay until a larger calibration set settles it (MODEL_CARD.md). Re-run it
# whenever the model changes. A plain "not" weighs nothing (``plain_negation_weight`` 0): the model learnt it, and
# weighing it again cost accuracy on every MultiNLI-style file (and, for the previous model, on the claim set); the
# worded negations ("against the will of", "denied", "failed to") keep weight 1, since the model reads "against the
# will of the government" as agreeing with "at the request of the government". An agreeing figure
# (``number_match``) takes 2 from the contradiction logit.
HYBRID_THRESHOLDS = JudgeThresholds(
    contradiction_threshold=0.4,
    entailment_threshold=0.4,
    low_overlap_weight=0.0,
    extra_content_weight=3.0,
    paraphrase_weight=0.0,
    negation_weight=1.0,
    plain_negation_weight=0.0,
    antonym_weight=1.0,
    number_match_weight=2.0,
)


class ProbabilityModel(Protocol):
    """Anything that turns (premise, hypothesis) pairs into (n, 3) probabilities in LABELS order."""

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.floating[Any]]: ...


def _softmax(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    shifted = np.exp(logits - logits.max())
    result: NDArray[np.float64] = shifted / shifted.sum()
    return result


def _choose_relation(probabilities: NDArray[np.float64], thresholds: JudgeThresholds) -> Relation:
    """The most probable relation, unless it is entailment or contradiction below its threshold (then neutral)."""
    best = int(np.argmax(probabilities))
    if best == CONTRADICTION and probabilities[CONTRADICTION] >= thresholds.contradiction_threshold:
        return "contradicts"
    if best == ENTAILMENT and probabilities[ENTAILMENT] >= thresholds.entailment_threshold:
        return "entails"
    return "neutral"


def _at_least(probabilities: NDArray[np.float64], index: int, floor: float) -> NDArray[np.float64]:
    """A decisive signal's relation gets at least ``floor`` (0 leaves it as it is): the model cannot overrule it,
    and the other relations share what is left in their own proportions."""
    if floor <= probabilities[index]:
        return probabilities
    scaled: NDArray[np.float64] = probabilities * ((1.0 - floor) / (1.0 - probabilities[index]))
    scaled[index] = floor
    return scaled


def _without_entailment(
    probabilities: NDArray[np.float64], report: SignalReport, thresholds: JudgeThresholds
) -> NDArray[np.float64]:
    """Move a share of P(entailment) to neutral for the signals that rule entailment out (``weight x strength``,
    capped at 1). Not a logit: lowering the entailment logit would renormalise over neutral *and* contradiction,
    so a swapped word would vote for contradiction, which it does not ("Italy won" / "France won" may contradict,
    "Exports rose" / "Imports rose" does not)."""
    share = min(
        1.0,
        sum(
            thresholds.weight(name) * strength
            for name, strength in report.strengths.items()
            if name in ENTAILMENT_BLOCKING_SIGNALS
        ),
    )
    if share <= 0.0:
        return probabilities
    moved = probabilities[ENTAILMENT] * share
    result = probabilities.copy()
    result[ENTAILMENT] -= moved
    result[NEUTRAL] += moved
    return result


def combine(base_logits: NDArray[np.float64], report: SignalReport, thresholds: JudgeThresholds) -> Judgement:
    """Add the signals' evidence to base logits (model or rule prior), then decide a relation with thresholds."""
    logits = np.array(base_logits, dtype=np.float64, copy=True)
    evidence = sum(
        thresholds.signal_weight(name, plain_negation=report.plain_negation) * strength
        for name, strength in report.strengths.items()
    )
    evidence = min(evidence, thresholds.max_signal_boost)
    logits[CONTRADICTION] += evidence
    logits[ENTAILMENT] -= evidence
    contradicted = bool(report.contradiction_evidence)
    for signal in SIGNALS:
        strength = report.strengths.get(signal.name)
        if strength is None or signal.polarity in (Polarity.CONTRADICTION, Polarity.AGAINST_ENTAILMENT):
            continue
        if signal.defers_to_contradiction and contradicted:
            continue
        if signal.polarity is Polarity.NEUTRAL:
            logits[NEUTRAL] += thresholds.weight(signal.name) * strength
        elif signal.polarity is Polarity.FOR_ENTAILMENT:
            logits[ENTAILMENT] += thresholds.weight(signal.name) * strength
        else:  # Polarity.AGAINST_CONTRADICTION (AGAINST_ENTAILMENT acts on probabilities, below)
            logits[CONTRADICTION] -= thresholds.weight(signal.name) * strength
    if not contradicted:
        if report.identical:
            logits[ENTAILMENT] += thresholds.max_signal_boost
        elif report.coverage > thresholds.paraphrase_min_coverage:
            share = (report.coverage - thresholds.paraphrase_min_coverage) / (1.0 - thresholds.paraphrase_min_coverage)
            logits[ENTAILMENT] += thresholds.paraphrase_weight * share
    probabilities = _softmax(logits)
    if DECISIVE_SIGNALS.intersection(report.strengths):
        probabilities = _at_least(probabilities, CONTRADICTION, thresholds.decisive_contradiction_probability)
    elif DECISIVE_NEUTRAL_SIGNALS.intersection(report.strengths):
        probabilities = _at_least(probabilities, NEUTRAL, thresholds.decisive_neutral_probability)
    probabilities = _without_entailment(probabilities, report, thresholds)
    signals = report.fired
    relation: Relation
    if report.hypothesis_words < thresholds.min_hypothesis_words:
        # Too short to assert anything: keep most of the mass on neutral, whatever the evidence said.
        mass = thresholds.short_hypothesis_neutral_mass
        probabilities = probabilities * (1.0 - mass)
        probabilities[NEUTRAL] += mass
        relation = "neutral"
        signals = [*signals, SHORT_HYPOTHESIS_SIGNAL]
    else:
        relation = _choose_relation(probabilities, thresholds)
    return Judgement(
        relation=relation,
        probabilities={label: float(probabilities[i]) for i, label in enumerate(LABELS)},
        signals=signals,
    )


def model_logits(probabilities: NDArray[np.floating[Any]], temperature: float) -> NDArray[np.float64]:
    """The model's log-probabilities divided by the temperature: the hybrid's base logits."""
    log_probabilities = np.log(np.clip(probabilities.astype(np.float64), _MIN_PROBABILITY, 1.0))
    result: NDArray[np.float64] = log_probabilities / temperature
    return result


def _model_identity(model: object) -> tuple[str, str]:
    return str(getattr(model, "name", type(model).__name__)), str(getattr(model, "version", "unknown"))


# What the signals read of a text, where it differs from what the model reads: the service passes
# ``embeddings.reported_speech.reported_content``, so "..., a spokesman said" leaves the alignment alone while the
# model, which learnt such frames, reads the text whole.
SignalText = Callable[[str], str]


def signal_pairs(pairs: Sequence[tuple[str, str]], signal_text: SignalText | None) -> Sequence[tuple[str, str]]:
    if signal_text is None:
        return pairs
    return [(signal_text(premise), signal_text(hypothesis)) for premise, hypothesis in pairs]


def _reading(signal_text: SignalText | None) -> str:
    """The judge's version names what the signals read when it is not the text itself."""
    return "" if signal_text is None else f"+{getattr(signal_text, '__name__', 'signal_text')}"


class RuleJudge:
    """Judges from explicit signals only: works with no model at all (tests, degraded mode, a baseline).

    Entailment comes from word coverage (the premise already says everything the hypothesis says), contradiction
    from the signals, neutral is the default.
    """

    name = "rules"

    def __init__(self, thresholds: JudgeThresholds | None = None, *, signal_text: SignalText | None = None) -> None:
        self.thresholds = thresholds or JudgeThresholds()
        self.signal_text = signal_text
        self.version = f"rules-{RULES_VERSION}-{self.thresholds.fingerprint()}{_reading(signal_text)}"

    def prior(self, report: SignalReport) -> NDArray[np.float64]:
        """The logits the signals are added to: entailment from word coverage, a neutral bias."""
        entailment = self.thresholds.rule_coverage_weight * (report.coverage - 0.5) / 0.5
        return np.array([entailment, self.thresholds.rule_neutral_bias, 0.0], dtype=np.float64)

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        reports = iter_signal_reports(signal_pairs(pairs, self.signal_text))
        return [combine(self.prior(report), report, self.thresholds) for report in reports]


class HybridJudge:
    """NLI model probabilities combined with the explicit signals: the judge the service uses.

    ``judge`` sends all pairs of one call to the model in one ``predict`` call (as few forward passes as the
    batch size allows).
    """

    def __init__(
        self,
        model: ProbabilityModel,
        thresholds: JudgeThresholds | None = None,
        *,
        batch_size: int = 64,
        signal_text: SignalText | None = None,
    ) -> None:
        self.model = model
        self.thresholds = thresholds or HYBRID_THRESHOLDS
        self.batch_size = batch_size
        self.signal_text = signal_text
        model_name, model_version = _model_identity(model)
        self.name = f"hybrid:{model_name}"
        self.version = f"{model_version}+rules-{RULES_VERSION}-{self.thresholds.fingerprint()}{_reading(signal_text)}"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        pairs = list(pairs)
        if not pairs:
            return []
        probabilities = self.model.predict(pairs, batch_size=self.batch_size)
        return self.judge_with_probabilities(pairs, probabilities)

    def judge_with_probabilities(
        self, pairs: Sequence[tuple[str, str]], probabilities: NDArray[np.floating[Any]]
    ) -> list[Judgement]:
        """Combine already computed model probabilities with the signals (evaluation reuses one model pass)."""
        if probabilities.shape != (len(pairs), len(LABELS)):
            raise ValueError(f"expected probabilities of shape ({len(pairs)}, 3), got {probabilities.shape}")
        calibrated = model_logits(probabilities, self.thresholds.temperature)
        reports = iter_signal_reports(signal_pairs(pairs, self.signal_text))
        return [combine(calibrated[row], report, self.thresholds) for row, report in enumerate(reports)]


def load_judge(
    model_dir: str | Path | None = None,
    thresholds: JudgeThresholds | None = None,
    *,
    precision: str = "fp32",
    threads: int | None = None,
    batch_size: int = 64,
    fallback_to_rules: bool = False,
    signal_text: SignalText | None = None,
) -> Judge:
    """The service's entry point: a HybridJudge over the exported NLI model.

    With ``fallback_to_rules`` a missing model gives a RuleJudge instead of an error (development without the
    weights); production should leave it off so ``/readyz`` reports the missing model.
    """
    from embeddings.nli.model import ModelNotFoundError, NliCrossEncoder

    try:
        model = NliCrossEncoder(model_dir, precision=precision, threads=threads)
    except ModelNotFoundError:
        if not fallback_to_rules:
            raise
        return RuleJudge(thresholds, signal_text=signal_text)
    return HybridJudge(model, thresholds, batch_size=batch_size, signal_text=signal_text)
