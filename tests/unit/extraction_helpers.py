"""What every extraction test asks of a result: spans that point at their text, and one claim found by its words."""

from __future__ import annotations

from extraction import AttributionExtractor, ExtractedClaim


def assert_spans(text: str, claims: list[ExtractedClaim]) -> None:
    for claim in claims:
        start, end = claim.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == claim.text
        assert 0.0 <= claim.confidence <= 1.0
        if claim.cue_span is not None:
            assert text[claim.cue_span[0] : claim.cue_span[1]] == claim.cue


def extract(extractor: AttributionExtractor, text: str) -> list[ExtractedClaim]:
    claims = extractor.extract(text)
    assert_spans(text, claims)
    return claims


def one(claims: list[ExtractedClaim], words: str) -> ExtractedClaim:
    found = [c for c in claims if words in c.text]
    assert len(found) == 1, f"expected one claim containing {words!r}, got {[c.text for c in claims]}"
    return found[0]
