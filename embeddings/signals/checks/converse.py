"""``converse``: an opposite word with the two parties exchanged around it, the same statement from the other side."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class Converse:
    """ "The ruling party won against the opposition" / "The opposition lost against the ruling party", "The pound
    fell against the dollar" / "The dollar rose against the pound" (``roles.converse``): the opposite word and the
    exchanged parties undo each other, so the pair restates (or at most says another thing) and never contradicts;
    the model, seeing "won" against "lost", says it does. Takes evidence away from a contradiction, and ``antonym``
    does not fire beside it (``PairContext.restated_opposite``)."""

    name = "converse"
    polarity = Polarity.AGAINST_CONTRADICTION
    weight = 6.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.converse is not None else 0.0


SIGNAL = Converse()
