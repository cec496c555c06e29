"""``RULES_VERSION``: which rules made a judgement, derived from the golden file and the word lists.

"<counter>-<hash>": the counter is the golden file's (``golden.py``; ``--write`` bumps it whenever a report or a
word list changed), the hash covers the golden file and every word list. A word list edited without regenerating
the golden file changes the hash at once, and the golden test fails until the file is written again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from embeddings.signals.golden import GOLDEN_FILE
from embeddings.signals.lexicon import data_fingerprint


def rules_version(golden_file: Path = GOLDEN_FILE, word_lists: str | None = None) -> str:
    """ "<counter>-<hash of the golden file and the word lists' fingerprint>"."""
    content = golden_file.read_bytes()
    counter = json.loads(content.split(b"\n", 1)[0])["rules"]
    fingerprint = data_fingerprint() if word_lists is None else word_lists
    digest = hashlib.sha256(content + fingerprint.encode()).hexdigest()[:8]
    return f"{counter}-{digest}"


RULES_VERSION = rules_version()
