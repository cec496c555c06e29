"""Fixtures the unit tests share."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor


@pytest.fixture(scope="session")
def extractor() -> AttributionExtractor:
    """One spaCy pipeline per test process: loading it takes seconds, and the extractor keeps no state between texts."""
    return AttributionExtractor()
