"""A run's report: built from the database (so it is exact after a resume), stored as the run's ``stats``, and
written as JSON and as a self-contained HTML page (inline CSS and SVG, no scripts) under ``reports_dir``.

The HTML is the review UI's report template (``service/ui/templates/report/``): the same page the UI shows at
``/ui/reconciliations/{id}`` and ``GET /v1/reconciliations/{id}/report`` returns."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Claim, Flag, ReconciliationRun
from db.repositories.claims import ClaimRepository
from db.repositories.flags import FlagRepository
from db.repositories.runs import RunRepository
from service.config import Settings
from service.schemas import render_when
from service.services.flags import (
    CONTRADICTION,
    CONTRADICTION_KINDS,
    COPY_PAIR_NOT_FLAGGED,
    COPY_PAIR_ON_FLAG,
    NEAR_DUPLICATE,
    SELF_CONTRADICTION,
)
from service.ui.templating import render

FLAG_KINDS = (CONTRADICTION, SELF_CONTRADICTION, NEAR_DUPLICATE)
CHART_DAYS = 30
MAX_TEXT_IN_REPORT = 1000
MAX_REJUDGED_LISTED = 1000  # flags no longer contradicting listed in full; the count covers them all
# How the chart draws each kind (fill, and the SVG pattern laid over it): told apart without colour too (WCAG 1.4.1,
# 1.4.11): dark, middle and light fills, 3:1 or more against each other whichever two are stacked, and a texture for
# each kind but the first; the template outlines every bar in ink, 3:1 or more against the page.
KIND_LOOKS: dict[str, dict[str, str | None]] = {
    CONTRADICTION: {"fill": "#4a0d08", "texture": None},
    SELF_CONTRADICTION: {"fill": "#8e5fcc", "texture": "chart-hatch"},
    NEAR_DUPLICATE: {"fill": "#bfe3ff", "texture": "chart-dots"},
}


def _claim_summary(claim: Claim) -> dict[str, Any]:
    text = claim.text if len(claim.text) <= MAX_TEXT_IN_REPORT else claim.text[: MAX_TEXT_IN_REPORT - 1] + "…"
    return {
        "id": claim.id,
        "text": text,
        "speaker": claim.speaker.name,
        "speaker_id": claim.speaker_id,
        "speaker_aliases": [a.alias for a in claim.speaker.aliases],  # shown as every page shows a speaker
        "said_at": render_when(claim.said_at, claim.said_at_is_date),
        "source_url": claim.source_url,
        "stance": claim.stance,
    }


def _flag_summary(flag: Flag) -> dict[str, Any]:
    assert flag.claim is not None  # the job only flags stored claims
    return {
        "flag_id": flag.id,
        "kind": flag.kind,
        "relation": flag.relation,
        "contradiction": round(float(flag.probabilities.get("contradiction", 0.0)), 4),
        "similarity": None if flag.similarity is None else round(flag.similarity, 4),
        "signals": list(flag.signals.get("names", [])) if isinstance(flag.signals, dict) else [],
        # The other copies of either statement (wire copies: other outlets' links), as the flag lists them.
        "copies": (flag.signals.get("copies") or {}) if isinstance(flag.signals, dict) else {},
        "claim": _claim_summary(flag.claim),
        "other_claim": _claim_summary(flag.other_claim),
    }


def _clusters(session: Session, flags: list[Flag], top: int) -> list[dict[str, Any]]:
    """Near-duplicate pairs joined into groups of the same claim said again: who said it, and when."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for flag in flags:
        if flag.claim_id is not None:
            parent[find(flag.claim_id)] = find(flag.other_claim_id)
    groups: dict[str, list[str]] = defaultdict(list)
    for claim_id in list(parent):
        groups[find(claim_id)].append(claim_id)
    ranked = sorted(groups.values(), key=lambda ids: (-len(ids), min(ids)))[:top]
    claims = ClaimRepository(session).get_many([i for ids in ranked for i in ids])
    result = []
    for ids in ranked:
        members = sorted(
            (claims[i] for i in ids if i in claims), key=lambda c: (c.said_at or c.created_at, c.created_at, c.id)
        )
        result.append({"size": len(members), "members": [_claim_summary(c) for c in members]})
    return result


def _flags_per_day(session: Session, until: datetime) -> list[dict[str, Any]]:
    first = (until - timedelta(days=CHART_DAYS - 1)).date()
    counts: dict[str, dict[str, int]] = {
        (first + timedelta(days=i)).isoformat(): dict.fromkeys(FLAG_KINDS, 0) for i in range(CHART_DAYS)
    }
    since = datetime.combine(first, datetime.min.time(), tzinfo=until.tzinfo)
    for created_at, kind in FlagRepository(session).kinds_created_since(since):
        day = counts.get(created_at.date().isoformat())
        if day is not None:
            day[kind] = day.get(kind, 0) + 1
    return [{"date": day, **by_kind} for day, by_kind in counts.items()]


def _rejudged(session: Session, run: ReconciliationRun, progress: dict[str, Any]) -> dict[str, Any]:
    """Open contradiction flags from before the run that it judged again (noted by the check stage, chunk by chunk;
    a run interrupted before migration 0014 has some in ``progress["rejudged"]``): how many still contradict, and
    those that no longer do, listed for a reviewer to dismiss (the run changes no flag's status). Flags reviewed
    since are no longer listed. A full run also says which open flags it did not meet again (``_not_judged_again``)."""
    noted = progress.get("rejudged") or {}
    still_rows, gone_rows = RunRepository(session).rejudged(run.id)
    still_ids = set(noted.get("still", ())) | set(still_rows)
    still = sorted(still_ids)
    gone = sorted((set(noted.get("no_longer", ())) | set(gone_rows)) - still_ids)
    rejudged: dict[str, Any] = {
        "still_contradicting": len(still),
        "no_longer_contradicting": len(gone),
        "no_longer_contradicting_flags": _open_summaries(session, gone),
    }
    if progress.get("scope") == "full":
        missed = _not_judged_again(session, run, still_ids | set(gone))
        rejudged["not_judged_again"] = len(missed)
        rejudged["not_judged_again_flags"] = _open_summaries(session, missed)
    return rejudged


def _open_summaries(session: Session, flag_ids: list[str]) -> list[dict[str, Any]]:
    """The first ``MAX_REJUDGED_LISTED`` of these flags that are still open, most probable contradiction first."""
    listed = [f for f in FlagRepository(session).get_many(flag_ids[:MAX_REJUDGED_LISTED]) if f.status == "open"]
    listed.sort(key=lambda f: (-float(f.probabilities.get("contradiction", 0.0)), f.id))
    return [_flag_summary(f) for f in listed]


def _not_judged_again(session: Session, run: ReconciliationRun, judged: set[str]) -> list[str]:
    """Open contradiction flags between two stored claims, there when a full run started, whose pair it did not
    judge again: neither claim met the other among its top matches (the record grew around them, or the encoder
    changed). A full run is the one asked to say which open flags still hold, so these are counted and listed,
    not left out of its numbers as if they had been judged."""
    stmt = select(Flag.id).where(Flag.status == "open", Flag.kind.in_(CONTRADICTION_KINDS), Flag.claim_id.is_not(None))
    stmt = stmt.where(or_(Flag.run_id.is_(None), Flag.run_id != run.id))
    if run.cutoff is not None:
        stmt = stmt.where(Flag.created_at <= run.cutoff)
    return sorted(set(session.scalars(stmt)) - judged)


def build_report(
    session: Session, run: ReconciliationRun, progress: dict[str, Any], settings: Settings, finished: datetime
) -> dict[str, Any]:
    flags = FlagRepository(session)
    by_kind = {kind: 0 for kind in FLAG_KINDS} | flags.count_by_kind(run.id)
    contradictions = flags.for_run(run.id, (CONTRADICTION, SELF_CONTRADICTION))
    contradictions.sort(key=lambda f: (-float(f.probabilities.get("contradiction", 0.0)), -(f.similarity or 0.0), f.id))
    top = settings.reconcile_report_top
    check_s = sum(float((progress.get("timings") or {}).get(k, 0.0)) for k in ("retrieve", "judge", "flag"))
    judge_s = float((progress.get("timings") or {}).get("judge", 0.0))
    checked, judged = int(progress["claims_checked"]), int(progress["pairs_judged"])
    rejudged = _rejudged(session, run, progress)
    return {
        "run": {
            "id": run.id,
            "full": run.full,
            "since_requested": run.since.isoformat() if run.since else None,
            "since": progress.get("since"),
            "cutoff": run.cutoff.isoformat() if run.cutoff else None,
            "started_at": run.started_at.isoformat() if run.started_at else None,
            "finished_at": finished.isoformat(),
            "resumes": int(progress.get("resumes", 0)),
        },
        "scope": progress["scope"],
        "model": {
            "encoder": progress["model_key"],
            "judge": progress["judge"],
            "model_changed": bool(progress.get("model_changed")),
            "embedded": int(progress["embedded"]),
            "vectors_dropped": int(progress["vectors_dropped"]),
        },
        "counts": {
            "claims_total": ClaimRepository(session).count(),
            "claims_checked": checked,
            "pairs_judged": judged,
            # An incremental run's pairs an old claim's own search finds (``reconcile.chunks._reverse_pairs``).
            "reverse_pairs_judged": int(progress.get("reverse_pairs_judged", 0)),
            "chunks": int(progress["chunks"]),
            # Findings between copies of one statement (wire copies), and copy pairs of statements a flag stands
            # for (every one but the flag's own pair): no flag of their own (``FlagService.raise_for_finding``).
            # Counted with each chunk's progress, each finding once, however often its chunk was redone.
            COPY_PAIR_NOT_FLAGGED: int(progress.get(COPY_PAIR_NOT_FLAGGED, 0)),
            COPY_PAIR_ON_FLAG: int(progress.get(COPY_PAIR_ON_FLAG, 0)),
            "flags_new": sum(by_kind.values()),
            "flags_still_contradicting": rejudged["still_contradicting"],
            "flags_no_longer_contradicting": rejudged["no_longer_contradicting"],
            **({"flags_not_judged_again": rejudged["not_judged_again"]} if "not_judged_again" in rejudged else {}),
        },
        "flags_new": by_kind,
        "flags_rejudged": rejudged,
        "throughput": {
            "claims_per_s": round(checked / check_s, 2) if check_s > 0 else None,
            "pairs_per_s": round(judged / judge_s, 2) if judge_s > 0 else None,
        },
        "top_contradictions": [_flag_summary(f) for f in contradictions[:top]],
        "duplicate_clusters": _clusters(session, flags.for_run(run.id, (NEAR_DUPLICATE,)), top),
        "flags_per_day": _flags_per_day(session, finished),
    }


# -- files ---------------------------------------------------------------------------------------------------


def write_report_files(report: dict[str, Any], reports_dir: Path) -> dict[str, str]:
    reports_dir.mkdir(parents=True, exist_ok=True)
    stem = f"reconcile-{report['run']['id']}"
    json_path, html_path = reports_dir / f"{stem}.json", reports_dir / f"{stem}.html"
    paths = {"json": str(json_path.resolve()), "html": str(html_path.resolve())}
    complete = {**report, "reports": paths}
    _write_atomically(json_path, json.dumps(complete, indent=2, ensure_ascii=False) + "\n")
    _write_atomically(html_path, render_html(complete))
    return paths


def _write_atomically(path: Path, content: str) -> None:
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(content, encoding="utf-8")
    partial.replace(path)


def flags_chart(days: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars of flags raised per day, by kind: the geometry the report template draws as inline SVG."""
    width, height, left, bottom, top_pad = 760, 220, 40, 40, 10
    peak = max([sum(int(d.get(k, 0)) for k in FLAG_KINDS) for d in days] + [1])
    slot = (width - left - 10) / max(1, len(days))
    plot_h = height - bottom - top_pad
    columns = []
    for i, day in enumerate(days):
        x = left + i * slot + 2
        y = float(height - bottom)
        bars = []
        for kind in FLAG_KINDS:
            n = int(day.get(kind, 0))
            if n:
                h = plot_h * n / peak
                y -= h
                bars.append(
                    {
                        "x": f"{x:.1f}",
                        "y": f"{y:.1f}",
                        "width": f"{max(1.0, slot - 4):.1f}",
                        "height": f"{h:.1f}",
                        "kind": kind,
                        **KIND_LOOKS[kind],
                        "title": f"{day['date']}: {n} {kind}",
                    }
                )
        tick = None
        if i % 5 == 0 or i == len(days) - 1:
            tick = {"x": f"{x + slot / 2:.1f}", "y": height - bottom + 14, "text": str(day["date"])[5:]}
        columns.append({"bars": bars, "tick": tick})
    legend = [
        {"x": left + j * 170, "y": height - 16, "kind": kind, **KIND_LOOKS[kind]} for j, kind in enumerate(FLAG_KINDS)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "axis_y": height - bottom,
        "right": width - 10,
        "peak_y": top_pad + 10,
        "peak": peak,
        "columns": columns,
        "legend": legend,
    }


def report_context(report: dict[str, Any]) -> dict[str, Any]:
    """What the report templates (``service/ui/templates/report/``) need: the report and its chart."""
    return {"report": report, "chart": flags_chart(report["flags_per_day"]), "chart_days": CHART_DAYS}


def render_html(report: dict[str, Any]) -> str:
    """The report as one self-contained page (inline CSS and SVG, no scripts): the review UI's report template."""
    return render("report/standalone.html", **report_context(report))
