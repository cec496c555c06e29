"""The extractor's word lists under ``extraction/data/``: JSON files, each saying where its lists come from."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_data_file(name: str) -> Any:
    """The parsed JSON of ``extraction/data/<name>``, read from the installed package."""
    return json.loads(resources.files("extraction").joinpath("data", name).read_text("utf-8"))
