"""ORM rows to contract shapes. One place, so every endpoint renders a claim, source or flag the same way."""

from __future__ import annotations

from datetime import datetime

from db.models import Claim, Flag, ReconciliationRun, Source
from service.schemas import (
    ClaimOut,
    FlagClaimOut,
    FlagCopies,
    FlagOut,
    Probabilities,
    ReconciliationRunOut,
    ReconciliationStats,
    SourceOut,
    SpeakerRef,
    render_when,
)


def speaker_ref(source: Source) -> SpeakerRef:
    """A claim's speaker, with the aliases ``source_out`` lists: whoever reads the claim (a flag, a webhook, a
    match) learns the other names the speaker goes by."""
    aliases = [a.alias for a in source.aliases]
    return SpeakerRef(id=source.id, name=source.name, kind=source.kind, role=source.role, aliases=aliases)


def claim_out(claim: Claim) -> ClaimOut:
    span = [claim.span_start, claim.span_end] if claim.span_start is not None and claim.span_end is not None else None
    return ClaimOut(
        id=claim.id,
        text=claim.text,
        speaker=speaker_ref(claim.speaker),
        said_at=render_when(claim.said_at, claim.said_at_is_date),
        source_url=claim.source_url,
        document_id=claim.document_id,
        kind=claim.kind,
        external_id=claim.external_id,
        metadata=claim.metadata_ or {},
        created_at=claim.created_at.isoformat(),
        stance=claim.stance,
        cue=claim.cue,
        span=span,
        confidence=claim.confidence,
    )


def source_out(source: Source) -> SourceOut:
    return SourceOut(
        id=source.id,
        name=source.name,
        kind=source.kind,
        role=source.role,
        aliases=[a.alias for a in source.aliases],
        metadata=source.metadata_ or {},
        created_at=source.created_at.isoformat(),
    )


def statement_out(flag: Flag) -> FlagClaimOut:
    """A checked statement that was never stored, shaped like a claim so a flag has two sides: no id (nothing to
    fetch), created when it was checked (the flag's time). Its speaker is the source the check named, or, for a
    name no source had then (``statement_speaker_name``), that name with no id: a reviewer still reads who said it."""
    speaker = speaker_ref(flag.statement_speaker) if flag.statement_speaker is not None else None
    if speaker is None and flag.statement_speaker_name:
        speaker = SpeakerRef(id=None, name=flag.statement_speaker_name, aliases=[])
    return FlagClaimOut(
        id=None,
        text=flag.statement_text or "",
        speaker=speaker,
        said_at=render_when(flag.statement_said_at, flag.statement_said_at_is_date),
        source_url=None,
        document_id=None,
        kind="statement",
        external_id=None,
        metadata={"origin": flag.origin},
        created_at=flag.created_at.isoformat(),
    )


def flag_out(flag: Flag) -> FlagOut:
    claim = (
        FlagClaimOut.model_validate(claim_out(flag.claim), from_attributes=True)
        if flag.claim is not None
        else statement_out(flag)
    )
    probabilities = Probabilities.model_validate(flag.probabilities)
    signals = flag.signals.get("names", []) if isinstance(flag.signals, dict) else []
    copies = flag.signals.get("copies") if isinstance(flag.signals, dict) else None
    return FlagOut(
        id=flag.id,
        status=flag.status,  # type: ignore[arg-type]
        kind=flag.kind,
        relation=flag.relation,
        origin=flag.origin,
        claim=claim,
        other_claim=claim_out(flag.other_claim),
        probabilities=probabilities,
        reverse_probabilities=(
            Probabilities.model_validate(flag.reverse_probabilities) if flag.reverse_probabilities else None
        ),
        signals=list(signals),
        similarity=flag.similarity,
        same_speaker=flag.same_speaker,
        created_at=flag.created_at.isoformat(),
        reviews=[{"status": r.status, "note": r.note, "created_at": r.created_at.isoformat()} for r in flag.reviews],
        copies=FlagCopies.model_validate(copies) if copies else None,
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def run_out(run: ReconciliationRun, waiting_for_worker: str | None = None) -> ReconciliationRunOut:
    """The run as the API shows it; ``waiting_for_worker`` is the hint of a queued run no worker will start (the
    route reads the workers' presence; a webhook's run has finished, so has none)."""
    return ReconciliationRunOut(
        id=run.id,
        status=run.status,  # type: ignore[arg-type]
        started_at=_iso(run.started_at),
        finished_at=_iso(run.finished_at),
        stats=ReconciliationStats.model_validate(run.stats or {}),
        full=run.full,
        since=_iso(run.since),
        cutoff=_iso(run.cutoff),
        created_at=_iso(run.created_at),
        error=run.error,
        progress=run.progress or {},
        waiting_for_worker=waiting_for_worker if run.status == "queued" else None,
    )
