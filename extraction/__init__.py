"""Attributed claims out of news articles: text in, claims with speakers, cues and character spans out.

Pure: no database, service or embedding imports. ``extract_claims(text)`` uses a lazily loaded spaCy pipeline;
build an ``AttributionExtractor`` yourself to hold your own.

The pipeline's names are imported on first use (PEP 562): a caller that needs only speaker keys (the services,
the nightly job's command) does not pay spaCy's and torch's import, about 1.5 s of every command's start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from extraction.model import ClaimKind, ExtractedClaim, ExtractedSpeaker, SpeakerKind, Stance
from extraction.names import leading_office, normalize_speaker_name, speaker_key, split_role_prefix

if TYPE_CHECKING:
    from extraction.pipeline import AttributionExtractor, default_extractor, extract_claims

_FROM_PIPELINE = frozenset({"AttributionExtractor", "default_extractor", "extract_claims"})

__all__ = [
    "AttributionExtractor",
    "ClaimKind",
    "ExtractedClaim",
    "ExtractedSpeaker",
    "SpeakerKind",
    "Stance",
    "default_extractor",
    "extract_claims",
    "leading_office",
    "normalize_speaker_name",
    "speaker_key",
    "split_role_prefix",
]


def __getattr__(name: str) -> Any:
    if name in _FROM_PIPELINE:
        return getattr(importlib.import_module("extraction.pipeline"), name)
    raise AttributeError(f"module 'extraction' has no attribute {name!r}")
