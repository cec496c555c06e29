"""Every signal, in the order reports list them; ``CONTRADICTION_SIGNALS`` and the default weights derive from it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from embeddings.signals.checks import (
    added_detail,
    antonym,
    antonym_swap,
    converse,
    date_mismatch,
    extra_content,
    low_overlap,
    negated_opposite,
    negation,
    negation_swap,
    number_match,
    number_mismatch,
    open_time,
    other_subject,
    place_mismatch,
    restated_figure,
    restated_time,
    role_swap,
    substituted_term,
)
from embeddings.signals.protocol import Polarity, Signal

SIGNALS: tuple[Signal, ...] = (
    number_mismatch.SIGNAL,
    date_mismatch.SIGNAL,
    negation.SIGNAL,
    antonym.SIGNAL,
    antonym_swap.SIGNAL,
    role_swap.SIGNAL,
    negation_swap.SIGNAL,
    place_mismatch.SIGNAL,
    low_overlap.SIGNAL,
    extra_content.SIGNAL,
    number_match.SIGNAL,
    negated_opposite.SIGNAL,
    other_subject.SIGNAL,
    restated_figure.SIGNAL,
    converse.SIGNAL,
    added_detail.SIGNAL,
    substituted_term.SIGNAL,
    open_time.SIGNAL,
    restated_time.SIGNAL,
)
SIGNALS_BY_NAME: Mapping[str, Signal] = MappingProxyType({signal.name: signal for signal in SIGNALS})
SIGNAL_NAMES: tuple[str, ...] = tuple(SIGNALS_BY_NAME)
# Signals that speak for "contradiction"; the others speak for "neutral" or against a contradiction.
CONTRADICTION_SIGNALS: frozenset[str] = frozenset(
    signal.name for signal in SIGNALS if signal.polarity is Polarity.CONTRADICTION
)
# Signals that settle a contradiction whatever the model says.
DECISIVE_SIGNALS: frozenset[str] = frozenset(
    signal.name for signal in SIGNALS if signal.decisive and signal.polarity is Polarity.CONTRADICTION
)
# Signals that settle "neutral" whatever the model says (and override no decisive contradiction).
DECISIVE_NEUTRAL_SIGNALS: frozenset[str] = frozenset(
    signal.name for signal in SIGNALS if signal.decisive and signal.polarity is Polarity.NEUTRAL
)
# Signals that rule entailment out and leave contradiction alone (their weight is a share of P(entailment)).
ENTAILMENT_BLOCKING_SIGNALS: frozenset[str] = frozenset(
    signal.name for signal in SIGNALS if signal.polarity is Polarity.AGAINST_ENTAILMENT
)
# Default logit weight of each signal (``JudgeThresholds`` takes its defaults from here).
SIGNAL_WEIGHTS: Mapping[str, float] = MappingProxyType({signal.name: signal.weight for signal in SIGNALS})
