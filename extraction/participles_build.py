"""Writes ``data/participles.json``: the past participles that are never a past tense ("written", "spoken",
"given"; not "held", "read", "adjusted"), read from lemminflect's inflection tables (an optional dependency, needed
only here). Run ``python -m extraction.participles_build`` after lemminflect changes.

A participle in this list after a cue's object ("said a prayer written by ...") can only qualify the object; one
that is also a past tense ("said the effect held after ...") may be the reported clause's own verb."""

from __future__ import annotations

import json
from pathlib import Path

_OUT = Path(__file__).resolve().parent / "data" / "participles.json"


def participles() -> list[str]:
    """Every lower-case past participle lemminflect knows that no verb also has as its past tense."""
    from lemminflect import Inflections

    table = Inflections()._getInflDict()
    past: set[str] = set()
    done: set[str] = set()
    for forms in table.values():
        past.update(f.lower() for f in forms.get("VBD", ()))
        done.update(f.lower() for f in forms.get("VBN", ()))
    return sorted(f for f in done - past if f.isalpha())


def main() -> None:
    data = {
        "origin": "issue 21 (participles): lemminflect 0.2.3's past participles (VBN) that are no verb's past tense "
        "(VBD), written by extraction.participles_build; not from any measured file.",
        "participles": participles(),
    }
    _OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
