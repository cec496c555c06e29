"""How fast the review UI's pages render on a large record, measured in a real browser.

    python -m benchmarks.bench_ui [--repeats 7] [--out benchmarks/UI_TIMINGS.md]

A fresh SQLite database (the embedded default) is loaded with 10,000 claims by 200 speakers and 1,000 flags
(``benchmarks/ui_record.py``); a live uvicorn serves the app (hashing encoder, rule judge: the check page's
model work is not what is measured here) and Debian's Chromium, driven by Playwright, signs in and loads each
page ``--repeats`` times after one warm-up load. Reported per page, as medians of the browser's Navigation
Timing: the server's time to first byte (requestStart → responseStart), the whole response (navigation start →
responseEnd) and the page rendered (→ DOMContentLoaded: HTML parsed, the stylesheet and deferred htmx run).
The target (issue 24) is every page under 200 ms. The tests (tests/browser/test_review_ui.py) measure the same
pages on the same record and assert a generous bound only.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.ui_record import SeededRecord, seed_review_record
from db.engine import make_session_factory
from db.migrate import upgrade
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.config import Settings
from service.runtime import Runtime

if TYPE_CHECKING:
    from playwright.sync_api import Page

OUT = Path(__file__).resolve().parent / "UI_TIMINGS.md"
TARGET_MS = 200.0
CHECK_STATEMENT = "The health ministry closed 4,512 clinics in the north in 2019."
_NAVIGATION_TIMING = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return {server: n.responseStart - n.requestStart, response: n.responseEnd - n.startTime,
          rendered: n.domContentLoadedEventEnd - n.startTime, bytes: n.transferSize};
}"""


@dataclass(frozen=True, slots=True)
class PageTiming:
    name: str
    path: str
    server_ms: float
    response_ms: float
    rendered_ms: float
    worst_rendered_ms: float
    kilobytes: float


def review_pages(record: SeededRecord) -> list[tuple[str, str]]:
    """(name, path) of every page a signed-in reviewer opens, on the seeded record's busiest speaker, article and
    flag ("NEXT_PAGE": the queue's second page, by its link)."""
    return [
        ("flag queue (default: any status, open first)", "/ui/flags"),
        ("flag queue, open contradictions", "/ui/flags?status=open&kind=contradiction"),
        ("flag queue, one speaker", f"/ui/flags?speaker={record.busiest_speaker_id}"),
        ("flag queue, second page", "NEXT_PAGE"),
        ("a flag", f"/ui/flags/{record.open_flag_id}"),
        ("a speaker (busiest: most claims)", f"/ui/sources/{record.busiest_speaker_id}"),
        ("an article with 20 highlighted claims", f"/ui/documents/{record.document_id}"),
        ("check form", "/ui/check"),
        ("reconciliation reports", "/ui/reconciliations"),
    ]


def sign_in(page: Page, base_url: str, token: str) -> None:
    page.goto(f"{base_url}/ui/login")
    page.get_by_label("API key").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/ui/flags")


def _timing(page: Page) -> dict[str, float]:
    values: dict[str, float] = page.evaluate(_NAVIGATION_TIMING)
    return values


def _summary(name: str, path: str, samples: list[dict[str, float]]) -> PageTiming:
    return PageTiming(
        name=name,
        path=path,
        server_ms=statistics.median(s["server"] for s in samples),
        response_ms=statistics.median(s["response"] for s in samples),
        rendered_ms=statistics.median(s["rendered"] for s in samples),
        worst_rendered_ms=max(s["rendered"] for s in samples),
        kilobytes=statistics.median(s["bytes"] for s in samples) / 1024,
    )


def _load(page: Page, url: str, repeats: int) -> list[dict[str, float]]:
    samples = []
    for attempt in range(repeats + 1):
        response = page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        if attempt:
            samples.append(_timing(page))
    return samples


def measure_pages(page: Page, base_url: str, record: SeededRecord, token: str, repeats: int) -> list[PageTiming]:
    """The login page (signed out), then each page a reviewer opens once signed in with ``token``: each loaded once
    to warm up, then ``repeats`` times; last, a statement checked (a POST, submitted as a plain form so that it is a
    navigation the browser times)."""
    results = [_summary("login", "/ui/login", _load(page, f"{base_url}/ui/login", repeats))]
    sign_in(page, base_url, token)
    for name, path in review_pages(record):
        if path == "NEXT_PAGE":
            page.goto(f"{base_url}/ui/flags")
            found = page.get_by_role("link", name="Next page").get_attribute("href")
            assert found is not None
            path = found
        results.append(_summary(name, path, _load(page, base_url + path, repeats)))
    samples = []
    for attempt in range(repeats + 1):
        page.goto(f"{base_url}/ui/check")
        page.get_by_label("Statement").fill(CHECK_STATEMENT)
        with page.expect_navigation():
            page.evaluate("document.querySelector('form.check').submit()")  # a plain POST, not htmx's
        page.get_by_text("Verdict:").wait_for()
        if attempt:
            samples.append(_timing(page))
    results.append(_summary("check a statement (POST; hashing encoder, rule judge)", "/ui/check", samples))
    return results


def markdown_table(timings: list[PageTiming]) -> str:
    lines = [
        "| page | server (ms) | response (ms) | rendered (ms) | slowest rendered (ms) | size (KiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {t.server_ms:.1f} | {t.response_ms:.1f} | {t.rendered_ms:.1f} | "
            f"{t.worst_rendered_ms:.1f} | {t.kilobytes:.1f} |"
        )
    return "\n".join(lines)


@contextmanager
def seeded_runtime(folder: Path) -> Iterator[tuple[Runtime, SeededRecord, float]]:
    url = f"sqlite:///{folder / 'ui-bench.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        reports_dir=folder / "reports",
    )
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge())
    started = time.perf_counter()
    with make_session_factory(runtime.engine)() as session:
        record = seed_review_record(session, HashingEncoder())
    try:
        yield runtime, record, time.perf_counter() - started
    finally:
        runtime.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, LiveServer

    with tempfile.TemporaryDirectory(prefix="claimledger-ui-bench-") as tmp, seeded_runtime(Path(tmp)) as seeded:
        runtime, record, seed_s = seeded
        server = LiveServer(runtime).start()
        try:
            token = server.api_key("review", name="bench")
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                timings = measure_pages(page, server.url, record, token, args.repeats)
                browser.close()
        finally:
            server.stop()
    table = markdown_table(timings)
    print(table)
    over = [t.name for t in timings if t.rendered_ms > TARGET_MS]
    load = os.getloadavg()
    text = f"""# Review UI page timings

Every page of the review web UI (`/ui/`) on a record of **{record.claims:,} claims** (200 speakers, 100 articles)
and **{record.flags:,} flags** (70% open), on the embedded default (SQLite), in headless Chromium. Medians of
{args.repeats} loads after a warm-up; "server" is the time to first byte, "response" the whole response from
navigation start, "rendered" DOMContentLoaded (HTML parsed, stylesheet and deferred htmx run). Target: under
{TARGET_MS:.0f} ms rendered. Seeding the record took {seed_s:.1f} s.

{table}

Pages over the target: {", ".join(over) if over else "none"}. A check's server time is `CheckService.check`'s, as
for `POST /v1/check` (retrieval over every vector, judging both ways, writing the flags); the page adds rendering.

Measured with `{shlex.join(["python", "-m", "benchmarks.bench_ui", *(argv if argv is not None else sys.argv[1:])])}`
on {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load average
{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) at the end: the machine is shared, so the numbers
include waiting for a CPU.
"""
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
