"""``role_swap``: the two statements say the same thing with two of its parties exchanged."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class RoleSwap:
    """ "Arsenal beat Chelsea in the final" against "Chelsea beat Arsenal in the final": the same words in the same
    relation with its two sides exchanged (``roles.swapped_roles``). Issue 21 names swapped roles as a contradiction;
    the model reads such pairs as paraphrases (the same words), so it is ``decisive``. Relations that hold both ways
    ("met", "a deal with") and passives ("Jones was defeated by Smith") do not fire."""

    name = "role_swap"
    polarity = Polarity.CONTRADICTION
    weight = 0.0
    defers_to_contradiction = False
    decisive = True

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.role_swap is not None else 0.0


SIGNAL = RoleSwap()
