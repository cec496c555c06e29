"""Issue 21 (h113): the similarity gate's floor for a contradiction no signal supports (0.55) dropped as many true
contradictions as false ones on training pairs; two statements sharing about half their content words are one
thing told twice, so such a contradiction needs only ``relation_min_similarity`` there."""

from __future__ import annotations

from embeddings.judge import Judgement
from embeddings.signals.frames import worded_alike
from service.config import Settings
from service.services.checking import LOW_SIMILARITY_SIGNAL, gate_by_similarity

APPROVED = "The city council approved the library budget on Monday."
VOTED_DOWN = "Councillors in the city voted down the budget for the library."
STADIUM = "Residents protested outside the stadium on Monday."
SETTINGS = Settings(relation_min_similarity=0.35, unsupported_relation_min_similarity=0.55)
UNSUPPORTED = Judgement("contradicts", {"entailment": 0.02, "neutral": 0.08, "contradiction": 0.9}, [])


def test_worded_alike_reads_the_shared_content_words() -> None:
    assert worded_alike(APPROVED, VOTED_DOWN)
    assert not worded_alike(APPROVED, STADIUM)


def test_an_unsupported_contradiction_worded_alike_needs_only_the_relation_floor() -> None:
    assert gate_by_similarity(UNSUPPORTED, 0.45, SETTINGS, (APPROVED, VOTED_DOWN)) == UNSUPPORTED


def test_the_unsupported_floor_still_holds_elsewhere() -> None:
    for pair in ((APPROVED, STADIUM), None):
        gated = gate_by_similarity(UNSUPPORTED, 0.45, SETTINGS, pair)
        assert gated.relation == "neutral" and LOW_SIMILARITY_SIGNAL in gated.signals
    below = gate_by_similarity(UNSUPPORTED, 0.34, SETTINGS, (APPROVED, VOTED_DOWN))
    assert below.relation == "neutral"  # under relation_min_similarity every relation goes
    entails = Judgement("entails", {"entailment": 0.9, "neutral": 0.08, "contradiction": 0.02}, [])
    assert gate_by_similarity(entails, 0.45, SETTINGS, (APPROVED, VOTED_DOWN)).relation == "neutral"
