"""What the signal tests of each rules round ask of a pair: which signals fire, one way or both, and what the rule
judge makes of it."""

from __future__ import annotations

from embeddings.judge import judge_both_ways
from embeddings.rule_judge import RuleJudge
from embeddings.signals import compute_signals

# The conflicts the rounds' "no conflict" and "still conflicts" cases look for: a date, a number, an opposite or a
# negation (narrower than the registry's CONTRADICTION_SIGNALS, which adds places, roles and swapped negations).
CONFLICT_SIGNALS = frozenset({"date_mismatch", "number_mismatch", "antonym", "antonym_swap", "negation"})


def fired(premise: str, hypothesis: str) -> set[str]:
    return set(compute_signals(premise, hypothesis).strengths)


def both_ways(premise: str, hypothesis: str) -> set[str]:
    return fired(premise, hypothesis) | fired(hypothesis, premise)


def rule_relation(premise: str, hypothesis: str) -> str:
    """The rule judge's relation for the pair, judged both ways as the service does."""
    return judge_both_ways(RuleJudge(), [(premise, hypothesis)])[0].relation
