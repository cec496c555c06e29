"""``negation_swap``: the two statements say the same thing but for a negation on one side."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.frames import framed_negation
from embeddings.signals.protocol import Polarity


class NegationSwap:
    """ "The defendant pleaded guilty to all charges" against "The defendant pleaded not guilty to all charges", "The
    minister denied the report" against "The minister did not deny the report": the rest of the two statements
    aligns word by word (``alignment.aligned_negation``), so the negation is the one thing they disagree on and the
    pair contradicts whatever the model says (``decisive``). The model, which learnt a plain "not" from sentences
    that differ in more than it, reads such near-identical pairs as paraphrases. The ``negation`` signal stays the
    weaker reading for negations beside other differences. The longer statement may add detail and name what the
    shorter one's pronoun stands for, where the negation is the shorter one's (``frames.framed_negation``: "Global
    growth will not slow next year" against "Global growth will slow to 2 percent next year", which the model read
    as entailment, judge rules 44)."""

    name = "negation_swap"
    polarity = Polarity.CONTRADICTION
    weight = 0.0
    defers_to_contradiction = False
    decisive = True

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.negation_swap or framed_negation(context) else 0.0


SIGNAL = NegationSwap()
