"""What the README and docs/ say a reply holds is what the code can send: every signal a judgement can carry is in
the README's list of signals (and the list names no other), every verdict has a row in its verdict table, the
speaker shape README.md and docs/integration.md give is ``SpeakerRef``'s fields, and docs/scheduling.md's exit
codes are the ones ``claimledger reconcile`` returns. Each of these drifted or nearly did when the code moved on
(docs audit h36: ``uncorroborated`` and ``SpeakerRef.aliases`` came with the paragraphs that name them)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
README = REPO_ROOT / "README.md"
SIGNAL_HOMES = ("embeddings", "service", "reconcile")
# ``FOO_SIGNAL = "foo"``: how a signal outside the registry (the checker's, the judges', the nightly job's) is named.
SIGNAL_CONSTANT = re.compile(r'^[A-Z][A-Z0-9_]*_SIGNAL\s*(?::\s*\w+\s*)?=\s*"([a-z][a-z0-9_]*)"', re.MULTILINE)


def _signals_paragraph() -> str:
    text = README.read_text(encoding="utf-8")
    assert "**Signals.**" in text and "**Denials.**" in text, "the README's signals paragraph is gone"
    return text.split("**Signals.**", 1)[1].split("**Denials.**", 1)[0]


def _emitted_signals() -> set[str]:
    """The registry's signals and every ``*_SIGNAL`` constant of the packages that put signals in a judgement."""
    from embeddings.signals.registry import SIGNAL_NAMES

    names = set(SIGNAL_NAMES)
    for package in SIGNAL_HOMES:
        for path in (REPO_ROOT / package).rglob("*.py"):
            names.update(SIGNAL_CONSTANT.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_signal_the_code_can_emit_is_in_the_readmes_list() -> None:
    emitted = _emitted_signals()
    assert len(emitted) >= 25 and {"uncorroborated", "near_duplicate", "denial"} <= emitted
    listed = set(re.findall(r"`([a-z][a-z0-9_]*)`", _signals_paragraph()))
    assert not emitted - listed, (
        f"signals the README's **Signals.** paragraph does not name: {sorted(emitted - listed)}"
    )


def test_the_readmes_signal_list_names_no_signal_the_code_lacks() -> None:
    """Its backticked words are signals, or the relations and verdicts it says they lead to."""
    from service.schemas import RelationName, Verdict

    allowed = _emitted_signals() | set(typing.get_args(RelationName)) | set(typing.get_args(Verdict))
    listed = set(re.findall(r"`([a-z][a-z0-9_]*)`", _signals_paragraph()))
    assert not listed - allowed, f"the README names signals the code never emits: {sorted(listed - allowed)}"


def test_the_verdict_table_has_a_row_for_each_verdict() -> None:
    from service.schemas import Verdict

    section = README.read_text(encoding="utf-8").split("## What a check says", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert sorted(rows) == sorted(typing.get_args(Verdict)), rows


def test_the_speaker_shapes_the_pages_give_are_speaker_refs() -> None:
    """README.md and docs/integration.md spell out a claim's speaker as ``{"id", "name", ...}``: a field added to
    SpeakerRef (as ``aliases`` was) is one a client's reader should be told of."""
    from service.schemas import SpeakerRef

    for page in (README, REPO_ROOT / "docs" / "integration.md"):
        shapes = re.findall(r'`\{("id", "name"[^}`]*)\}`', page.read_text(encoding="utf-8"))
        assert shapes, f"{page.name} no longer gives the speaker's fields"
        for shape in shapes:
            assert re.findall(r'"(\w+)"', shape) == list(SpeakerRef.model_fields), (page.name, shape)


def test_the_exit_code_table_gives_the_codes_reconcile_returns() -> None:
    """docs/scheduling.md's table is what a scheduler acts on: one row per ``EXIT_*`` code of reconcile/cli.py."""
    import reconcile.cli

    codes = {
        value for name, value in vars(reconcile.cli).items() if name.startswith("EXIT_") and isinstance(value, int)
    }
    text = (REPO_ROOT / "docs" / "scheduling.md").read_text(encoding="utf-8")
    table = text.split("| code | meaning | what a scheduler should do |", 1)[1].split("\n\n", 1)[0]
    rows = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    assert len(codes) >= 4 and rows == codes, (sorted(rows), sorted(codes))
