"""``substituted_term``: one word swapped for another that WordNet does not let follow from it, nothing else differing."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class SubstitutedTerm:
    """ "Exports increased by 12 percent last year" / "Imports increased by 12 percent last year", "The mayor
    approved the new stadium" / "The governor approved the new stadium": the same statement but for one content
    word, and the hypothesis's word is neither a synonym nor a generalisation of the premise's (nor one WordNet link
    away, ``PairContext.substituted_term``). In natural logic such a substitution blocks entailment, but says
    nothing of contradiction ("Italy won the final" / "France won the final" may well contradict): the model reads
    near-identical sentences as paraphrases, so its entailment moves to neutral (``Polarity.AGAINST_ENTAILMENT``),
    its contradiction stays as it is."""

    name = "substituted_term"
    polarity = Polarity.AGAINST_ENTAILMENT
    weight = 1.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.substituted_term is not None else 0.0


SIGNAL = SubstitutedTerm()
