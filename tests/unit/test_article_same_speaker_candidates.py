"""Which earlier claims of an article a claim is judged against at post time (``same_speaker_earlier_claims``)."""

from __future__ import annotations

import numpy as np

from service.schemas import ClaimCreate
from service.services.documents import same_speaker_earlier_claims
from service.services.speakers import UNKNOWN_SPEAKER


def _claim(text: str, speaker: str) -> ClaimCreate:
    return ClaimCreate(text=text, speaker=speaker)


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


BARRIER_CLOSED = "The flood barrier will be closed on Friday."
BARRIER_OPEN = "The flood barrier will stay open on Friday."


def test_the_same_words_said_again_are_not_judged_against_each_other() -> None:
    """A live blog repeating its entry in a summary: the copy is the same statement, and only the reversal is
    judged, once, against the first copy."""
    bodies = [
        _claim(BARRIER_CLOSED, "Peter Quinn"),
        _claim(BARRIER_CLOSED.upper(), "Peter Quinn"),  # house style aside, the same words
        _claim(BARRIER_OPEN, "Peter Quinn"),
    ]
    vectors = [_unit(1, 0), _unit(1, 0), _unit(0.9, 0.1)]
    found = same_speaker_earlier_claims(bodies, vectors, floor=0.25, top_k=5)
    assert found[0] == []
    assert found[1] == []
    assert [j for j, _ in found[2]] == [0]


def test_only_the_speakers_own_earlier_claims_above_the_floor() -> None:
    bodies = [
        _claim(BARRIER_CLOSED, "Peter Quinn"),
        _claim("The bridge will reopen in May.", "Peter Quinn"),
        _claim(BARRIER_CLOSED, "Anna Berg"),
        _claim(BARRIER_OPEN, "Peter Quinn"),
    ]
    vectors = [_unit(1, 0), _unit(0, 1), _unit(1, 0), _unit(0.95, 0.05)]
    found = same_speaker_earlier_claims(bodies, vectors, floor=0.25, top_k=5)
    assert [j for j, _ in found[3]] == [0]  # not Anna Berg's words, not the far-off bridge
    assert found[3][0][1] > 0.99


def test_the_unattributed_speaker_is_nobody() -> None:
    bodies = [_claim(BARRIER_CLOSED, UNKNOWN_SPEAKER), _claim(BARRIER_OPEN, UNKNOWN_SPEAKER)]
    vectors = [_unit(1, 0), _unit(1, 0.05)]
    assert same_speaker_earlier_claims(bodies, vectors, floor=0.25, top_k=5) == [[], []]


def test_at_most_top_k_nearest() -> None:
    bodies = [_claim(f"The barrier will close at {hour} p.m.", "Peter Quinn") for hour in range(1, 6)]
    vectors = [_unit(1, 0.1 * k) for k in range(5)]
    found = same_speaker_earlier_claims(bodies, vectors, floor=0.25, top_k=2)
    assert [j for j, _ in found[4]] == [3, 2]
