"""Attributed claims out of news articles: text in, claims with speakers, cues and character spans out.

Pure: no database, service or embedding imports. ``extract_claims(text)`` uses a lazily loaded spaCy pipeline;
build an ``AttributionExtractor`` yourself to hold your own.
"""

from extraction.model import ClaimKind, ExtractedClaim, ExtractedSpeaker, SpeakerKind, Stance
from extraction.names import leading_office, normalize_speaker_name, speaker_key, split_role_prefix
from extraction.pipeline import AttributionExtractor, default_extractor, extract_claims

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
