"""``extra_content``: the hypothesis says much more than the premise can settle."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity

# A hypothesis that brings this many content words the premise never mentions says more than the premise can
# settle (a tweet around a fact-checked claim); full strength at twice as many.
EXTRA_CONTENT_MIN_WORDS = 8


class ExtraContent:
    """By count of new content words: 0 up to ``EXTRA_CONTENT_MIN_WORDS``, 1.0 at twice that. NLI models trained on
    short hypotheses read a long one full of unmentioned detail as a contradiction; by the task's own definition it
    is neutral unless something conflicts, so it is weighed only when no contradiction signal fired."""

    name = "extra_content"
    polarity = Polarity.NEUTRAL
    weight = 0.0
    defers_to_contradiction = True
    decisive = False

    def strength(self, context: PairContext) -> float:
        new_words = len(context.hypothesis.content - context.premise.content)
        if new_words <= EXTRA_CONTENT_MIN_WORDS:
            return 0.0
        return min(1.0, (new_words - EXTRA_CONTENT_MIN_WORDS) / EXTRA_CONTENT_MIN_WORDS)


SIGNAL = ExtraContent()
