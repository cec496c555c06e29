"""Explicit, deterministic signals between a premise (an earlier claim) and a hypothesis (a new statement).

A neural NLI model misses what a fact-checker looks at first: a changed number, a changed date, a dropped or
added negation, a verb turned into its opposite. These signals find those cheaply and explainably, so a judge
can move probability towards "contradiction" and show the user *why*.

Every signal is gated on topic: a mismatch only counts when the two statements share content words around it
(the same quantity, the same event), otherwise two unrelated facts with different numbers would look like a
contradiction.

Layout: ``checks/`` holds one module per signal, each behind ``protocol.Signal`` (name, polarity, weight,
strength); ``registry`` lists them; ``context.PairContext`` computes what several signals share once per pair;
``tokens``, ``numbers``, ``figures``, ``dates``, ``places``, ``negations``, ``opposites`` and ``statement`` are
the shared analyses; ``data/*.tsv`` the word lists, each entry with its origin (``lexicon``).
"""

from embeddings.signals.context import PairContext
from embeddings.signals.dates import DateMention
from embeddings.signals.negations import NegationCue
from embeddings.signals.numbers import Quantity
from embeddings.signals.opposites import antonym_pairs
from embeddings.signals.places import PlaceMention
from embeddings.signals.protocol import Polarity, Signal
from embeddings.signals.registry import (
    CONTRADICTION_SIGNALS,
    DECISIVE_NEUTRAL_SIGNALS,
    DECISIVE_SIGNALS,
    ENTAILMENT_BLOCKING_SIGNALS,
    SIGNAL_NAMES,
    SIGNAL_WEIGHTS,
    SIGNALS,
    SIGNALS_BY_NAME,
)
from embeddings.signals.report import SignalReport, compare, compute_signals, iter_signal_reports
from embeddings.signals.statement import Analysis, analyse, parse_quantities
from embeddings.signals.tokens import Token, lemma, tokenize
from embeddings.signals.vocabulary import NEGATION_WORDS, PLAIN_NEGATIONS, STOPWORDS

__all__ = [
    "CONTRADICTION_SIGNALS",
    "DECISIVE_NEUTRAL_SIGNALS",
    "DECISIVE_SIGNALS",
    "ENTAILMENT_BLOCKING_SIGNALS",
    "NEGATION_WORDS",
    "PLAIN_NEGATIONS",
    "RULES_VERSION",
    "SIGNALS",
    "SIGNALS_BY_NAME",
    "SIGNAL_NAMES",
    "SIGNAL_WEIGHTS",
    "STOPWORDS",
    "Analysis",
    "DateMention",
    "NegationCue",
    "PairContext",
    "PlaceMention",
    "Polarity",
    "Quantity",
    "Signal",
    "SignalReport",
    "Token",
    "analyse",
    "antonym_pairs",
    "compare",
    "compute_signals",
    "iter_signal_reports",
    "lemma",
    "parse_quantities",
    "tokenize",
]


def __getattr__(name: str) -> str:
    """``RULES_VERSION`` is read from the golden file on first use, so ``python -m embeddings.signals.golden`` runs
    without the package having imported that module first."""
    if name == "RULES_VERSION":
        from embeddings.signals.version import RULES_VERSION

        return RULES_VERSION
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
