"""Judge audit 15 (h103): "due to a lack of staff" restates "because of staff shortages"; a want said by a noun
("shortage", "shortfall", "scarcity") is the same statement as one said by "lack of", not its negation."""

from __future__ import annotations

import pytest

from tests.unit.signal_pairs import both_ways, fired, rule_relation


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        (
            "The flights were cancelled because of staff shortages.",
            "The flights were cancelled due to a lack of staff.",
        ),
        (
            "Hospitals closed wards owing to a shortfall of nurses.",
            "Hospitals closed wards because of a lack of nurses.",
        ),
        ("The scarcity of water forced farmers to sell cattle.", "The lack of water forced farmers to sell cattle."),
        ("Insufficient funding delayed the rail project.", "The absence of funding delayed the rail project."),
    ],
)
def test_a_lack_restated_by_a_shortage_is_no_negation(premise: str, hypothesis: str) -> None:
    assert "negation" not in both_ways(premise, hypothesis)
    assert rule_relation(premise, hypothesis) != "contradicts"


@pytest.mark.parametrize(
    ("premise", "hypothesis"),
    [
        # No want on the other side: "lack of" still negates what it states.
        ("The hospital has enough staff for the winter.", "The hospital suffers from a lack of staff in winter."),
        # A shortage of another thing does not restate the lack.
        ("There is a shortage of fuel at the airport.", "There is a lack of staff at the airport's fuel depot."),
        # A plain negation beside the lack still negates the shortage.
        ("The courts face a shortage of judges.", "There has never been a lack of judges in the courts."),
    ],
)
def test_a_lack_without_a_matching_shortage_still_negates(premise: str, hypothesis: str) -> None:
    assert "negation" in fired(premise, hypothesis)
