"""All signals for one pair: ``compare`` runs the registry over a ``PairContext`` and reports what fired."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from embeddings.signals.context import PairContext
from embeddings.signals.registry import CONTRADICTION_SIGNALS, SIGNAL_NAMES, SIGNALS
from embeddings.signals.statement import Analysis, analyse
from embeddings.signals.vocabulary import PLAIN_NEGATIONS


@dataclass(frozen=True, slots=True)
class SignalReport:
    """The signals that fired for one (premise, hypothesis) pair, with what a judge needs to weigh them."""

    strengths: dict[str, float] = field(default_factory=dict)  # fired signal -> strength in (0, 1]
    coverage: float = 0.0  # share of hypothesis content words also in the premise
    relatedness: float = 0.0
    hypothesis_words: int = 0
    identical: bool = False  # same text up to case, spacing and final punctuation
    plain_negation: bool = False  # every negation behind ``negation`` is a plain "not", "no", "never" ...

    @property
    def fired(self) -> list[str]:
        """Fired signal names in the fixed SIGNAL_NAMES order."""
        return [name for name in SIGNAL_NAMES if name in self.strengths]

    @property
    def contradiction_evidence(self) -> dict[str, float]:
        return {name: s for name, s in self.strengths.items() if name in CONTRADICTION_SIGNALS}


def compute_signals(premise: str, hypothesis: str) -> SignalReport:
    """Analyse both statements and run every signal; the entry point judges use."""
    return compare(analyse(premise), analyse(hypothesis))


def compare(premise: Analysis, hypothesis: Analysis) -> SignalReport:
    """Run every signal on two analysed statements (lets callers reuse an analysis across many pairs)."""
    context = PairContext(premise, hypothesis)
    strengths: dict[str, float] = {}
    if not context.identical:
        for signal in SIGNALS:
            strength = signal.strength(context)
            if strength > 0.0:
                strengths[signal.name] = round(strength, 4)
    return SignalReport(
        strengths=strengths,
        coverage=round(context.coverage, 4),
        relatedness=round(context.relatedness, 4),
        hypothesis_words=hypothesis.word_count,
        identical=context.identical,
        plain_negation="negation" in strengths and all(cue.cue in PLAIN_NEGATIONS for cue in context.negation_cues),
    )


def iter_signal_reports(pairs: Iterable[tuple[str, str]]) -> Iterator[SignalReport]:
    """Signals for many pairs, analysing each distinct statement once (a check compares one text to many)."""
    cache: dict[str, Analysis] = {}

    def cached(text: str) -> Analysis:
        found = cache.get(text)
        if found is None:
            found = cache[text] = analyse(text)
        return found

    for premise, hypothesis in pairs:
        yield compare(cached(premise), cached(hypothesis))
