"""Writing a benchmark's result file: one JSON format for everything under benchmarks/."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_report(path: Path, report: Mapping[str, Any]) -> None:
    """Indented JSON with a final newline (so reruns diff line by line), folders made, and where it went said."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {path}")
