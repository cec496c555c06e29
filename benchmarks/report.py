"""Writing a benchmark's result file: one JSON format for everything under benchmarks/."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any


def write_report(path: Path, report: Mapping[str, Any]) -> None:
    """Indented JSON with a final newline (so reruns diff line by line), folders made, and where it went said."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {path}")


def write_reports(
    out: Path,
    report: dict[str, Any],
    markdown: Path | None,
    render: Callable[[dict[str, Any]], str],
    default_out: Path,
    default_markdown: Path,
) -> None:
    """The JSON file, and its Markdown page: where asked, or beside the committed JSON when that is what was written."""
    write_report(out, report)
    if markdown is None and out.resolve() == default_out:
        markdown = default_markdown
    if markdown is not None:
        markdown.write_text(render(report), encoding="utf-8")
        print(f"written to {markdown}")
