"""Tables and plots of ``benchmarks/scale_results.json`` (``python -m benchmarks.bench_scale --report``).

The tables replace the marked sections of ``benchmarks/SCALE.md`` (``<!-- scale:NAME -->`` ...
``<!-- /scale:NAME -->``), so the prose around them stays; the plots are PNGs beside it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.config import REPO_ROOT

SCALE_MD = REPO_ROOT / "benchmarks" / "SCALE.md"
PLOTS = {
    "latency": REPO_ROOT / "benchmarks" / "scale_latency.png",
    "throughput": REPO_ROOT / "benchmarks" / "scale_throughput.png",
    "hnsw": REPO_ROOT / "benchmarks" / "scale_hnsw.png",
}
LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL + HNSW"}


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float | int):
        return f"{value:,.{digits}f}"
    return str(value)


def _errors(errors: int | dict[str, int]) -> str:
    """Failed requests by status or transport error, e.g. " (503: 12)"."""
    if isinstance(errors, int):
        return f" ({errors} failed)" if errors else ""
    return " (" + ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) + ")" if errors else ""


def _check(run: dict[str, Any], judge: str, clients: int) -> dict[str, Any] | None:
    return next(
        (c for c in run.get("check_http", []) if c["judge"] == judge and c["clients"] == clients),
        None,
    )


def _index_kind(knn: dict[str, Any]) -> str:
    return str(knn.get("index") or ("vec0" if knn["ef_search"] is None else "hnsw"))


def _serving_knn(run: dict[str, Any]) -> dict[str, Any] | None:
    """The KNN row the server searched with: the ef_search it ran with; on SQLite the in-memory mirror when it was
    on (``vector_mirror``), else vec0."""
    rows = run.get("knn", [])
    wanted = "mirror" if run.get("vector_mirror") else None
    serving = [r for r in rows if r["ef_search"] in (None, run.get("serve_ef_search"))]
    return next(
        (r for r in serving if wanted is None or _index_kind(r) == wanted),
        serving[0] if serving else (rows[-1] if rows else None),
    )


INDEX_LABEL = {"vec0": "vec0 (exact)", "mirror": "in-memory mirror (exact)"}


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: int = 2) -> str:
    align = ["---" if i < right else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def ingest_table(runs: Sequence[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        build = (r.get("hnsw_builds") or [None])[-1]
        rows.append(
            [
                LABEL[r["backend"]],
                _size(r["size"]),
                _f(r.get("ingest", {}).get("claims_per_s"), 0),
                _f(r.get("ingest_late", {}).get("claims_per_s"), 0),
                (f"{build['seconds']:,.0f} s (m {build['m']}, ef_c {build['ef_construction']})" if build else "–"),
                _f(r["disk"].get("total_mb"), 0),
                _f(r["disk"].get("hnsw_index_mb"), 0),
            ]
        )
    return table(
        ["backend", "claims", "bulk ingest claims/s", "claims/s, indexes live", "HNSW build", "disk MB", "HNSW MB"],
        rows,
    )


def search_table(runs: Sequence[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        serving = _serving_knn(r)
        if serving is None:
            continue
        # SQLite: the vec0 scan beside the mirror the server used, each with retrieval through it.
        shown = [serving] + [k for k in r.get("knn", []) if k is not serving and _index_kind(k) in INDEX_LABEL]
        for knn in shown:
            retrieval = r["retrieval"] if knn is serving else r.get("retrieval_vec0", {})
            rows.append(
                [
                    LABEL[r["backend"]],
                    _size(r["size"]),
                    INDEX_LABEL.get(_index_kind(knn), f"HNSW, ef_search {knn['ef_search']}"),
                    _f(knn["recall_at_10"], 3),
                    _f(knn.get("recall_at_10_ties"), 3),
                    _f(knn["p50_ms"]),
                    _f(knn["p95_ms"]),
                    _f(r["exact_scan"]["p50_ms"]),
                    _f(retrieval.get("p50_ms")),
                    _f(retrieval.get("p95_ms")),
                ]
            )
    return table(
        [
            "backend",
            "claims",
            "vector index",
            "recall@10",
            "recall@10, ties",
            "KNN p50 ms",
            "KNN p95 ms",
            "exact scan p50 ms",
            "retrieval p50 ms",
            "retrieval p95 ms",
        ],
        rows,
        right=3,
    )


def hnsw_table(runs: Sequence[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        if r["backend"] != "postgresql":
            continue
        grids = r.get("hnsw_grid") or [{**(r.get("hnsw_builds") or [{}])[-1], **(r.get("hnsw") or {}), "knn": r["knn"]}]
        for g in grids:
            for k in g["knn"]:
                rows.append(
                    [
                        _size(r["size"]),
                        f"{g.get('m')} / {g.get('ef_construction')}",
                        _f(g.get("seconds"), 0),
                        _f(g.get("size_mb"), 0),
                        str(k["ef_search"]),
                        _f(k["recall_at_10"], 3),
                        _f(k.get("recall_at_10_ties"), 3),
                        _f(k["p50_ms"]),
                        _f(k["p95_ms"]),
                    ]
                )
    return table(
        [
            "claims",
            "m / ef_construction",
            "build s",
            "index MB",
            "ef_search",
            "recall@10",
            "recall@10, ties",
            "p50 ms",
            "p95 ms",
        ],
        rows,
    )


def check_table(runs: Sequence[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        for c in r.get("check_http", []):
            rows.append(
                [
                    LABEL[r["backend"]],
                    _size(r["size"]),
                    c["judge"],
                    str(c["clients"]),
                    _f(c.get("p50_ms")),
                    _f(c.get("p95_ms")),
                    _f(c.get("p99_ms")),
                    _f(c["requests_per_s"]),
                    str(c["n"]) + _errors(c["errors"]),
                    _f(c["server_rss_mb"], 0),
                    _f(c.get("postgres_pss_mb"), 0),
                ]
            )
    return table(
        [
            "backend",
            "claims",
            "judge",
            "clients",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "requests/s",
            "requests",
            "server RSS MB",
            "PostgreSQL PSS MB",
        ],
        rows,
        right=3,
    )


def target_table(runs: Sequence[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        for judge in ("hybrid", "rules"):
            floor = r.get("floor", {}).get(judge)
            check = _check(r, judge, 1)
            if floor is None or check is None:
                continue
            allowance = 10.0 if r["backend"] == "postgresql" else 0.0
            bound = 1.5 * floor["p50_ms"] + allowance
            rows.append(
                [
                    LABEL[r["backend"]],
                    _size(r["size"]),
                    judge,
                    f"{floor['p50_ms']:.1f} ({floor['encode_p50_ms']:.0f} + {floor['judge_p50_ms']:.0f})",
                    _f(check["p50_ms"]),
                    f"{check['p50_ms'] / floor['p50_ms']:.2f}",
                    _f(bound),
                    "yes" if check["p50_ms"] <= bound else "**no**",
                ]
            )
    return table(
        [
            "backend",
            "claims",
            "judge",
            "floor p50 ms (encode + judge)",
            "/v1/check p50 ms, 1 client",
            "ratio",
            "bound ms",
            "within",
        ],
        rows,
        right=3,
    )


def plots(runs: Sequence[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    backends = sorted({r["backend"] for r in runs})
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for backend in backends:
        mine = sorted((r for r in runs if r["backend"] == backend), key=lambda r: r["size"])
        sizes = [r["size"] for r in mine]
        knn = [(_serving_knn(r) or {}).get("p50_ms") for r in mine]
        axes[0].plot(sizes, knn, "o-", label=f"{LABEL[backend]}: vector KNN")
        axes[0].plot(sizes, [r["retrieval"]["p50_ms"] for r in mine], "s--", label=f"{LABEL[backend]}: retrieval")
        axes[0].plot(sizes, [r["exact_scan"]["p50_ms"] for r in mine], "x:", label=f"{LABEL[backend]}: exact scan")
        for judge, marker in (("hybrid", "o-"), ("rules", "s--")):
            points = [(r["size"], c["p50_ms"]) for r in mine if (c := _check(r, judge, 1))]
            if points:
                axes[1].plot(*zip(*points, strict=True), marker, label=f"{LABEL[backend]}: {judge} judge")
    axes[0].set(xscale="log", yscale="log", xlabel="claims on record", ylabel="p50 ms", title="look-ups, in process")
    axes[1].set(xscale="log", xlabel="claims on record", ylabel="p50 ms", title="/v1/check over HTTP, 1 client")
    for ax in axes:
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(PLOTS["latency"], dpi=80)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for backend in backends:
        mine = sorted((r for r in runs if r["backend"] == backend), key=lambda r: r["size"])
        points = [(r["size"], r["ingest"]["claims_per_s"]) for r in mine if "ingest" in r]
        if points:
            axes[0].plot(*zip(*points, strict=True), "o-", label=f"{LABEL[backend]}: bulk")
        points = [(r["size"], r["ingest_late"]["claims_per_s"]) for r in mine if "ingest_late" in r]
        if points:
            axes[0].plot(*zip(*points, strict=True), "s--", label=f"{LABEL[backend]}: indexes live")
        for clients, marker in ((1, "o-"), (4, "s--"), (16, "^:")):
            points = [(r["size"], c["requests_per_s"]) for r in mine if (c := _check(r, "hybrid", clients))]
            if points:
                axes[1].plot(*zip(*points, strict=True), marker, label=f"{LABEL[backend]}: {clients} clients")
    axes[0].set(xscale="log", xlabel="claims on record", ylabel="claims/s", title="ingest (vectors cached)")
    axes[1].set(xscale="log", xlabel="claims on record", ylabel="requests/s", title="/v1/check, hybrid judge")
    for ax in axes:
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(PLOTS["throughput"], dpi=80)
    plt.close(fig)

    pg = [r for r in runs if r["backend"] == "postgresql"]
    if pg:
        fig, ax = plt.subplots(figsize=(6, 4))
        for r in sorted(pg, key=lambda r: r["size"]):
            grids = r.get("hnsw_grid") or [{**(r.get("hnsw") or {}), "knn": r["knn"]}]
            for g in grids:
                points = [(k["p50_ms"], k["recall_at_10"]) for k in g["knn"]]
                label = f"{_size(r['size'])}, m {g.get('m')}, ef_c {g.get('ef_construction')}"
                ax.plot(*zip(*points, strict=True), "o-", label=label)
                for k in g["knn"]:
                    ax.annotate(str(k["ef_search"]), (k["p50_ms"], k["recall_at_10"]), fontsize=6)
        ax.axhline(0.98, color="grey", linestyle=":")
        ax.set(xlabel="HNSW look-up p50 ms", ylabel="recall@10", title="PostgreSQL HNSW: recall against ef_search")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(PLOTS["hnsw"], dpi=80)
        plt.close(fig)


def keyword_table(runs: Sequence[dict[str, Any]]) -> str:
    """The keyword leg alone (the --keyword-only runs)."""
    rows = [
        [
            LABEL[r["backend"]],
            _size(r["size"]),
            _f(r["keyword_search"]["p50_ms"]),
            _f(r["keyword_search"]["p95_ms"]),
            _f(r.get("store", {}).get("claims_per_s"), 0),
            _f(r["disk"].get("total_mb"), 0),
        ]
        for r in runs
    ]
    return table(["backend", "claims", "keyword search p50 ms", "p95 ms", "rows stored/s", "disk MB"], rows)


def replace_section(text: str, name: str, body: str) -> str:
    start, end = f"<!-- scale:{name} -->", f"<!-- /scale:{name} -->"
    if start not in text or end not in text:
        return text.rstrip("\n") + f"\n\n{start}\n{body}{end}\n"
    before, rest = text.split(start, 1)
    return before + start + "\n" + body + end + rest.split(end, 1)[1]


def render(results: Path, markdown: Path = SCALE_MD) -> None:
    every = sorted(json.loads(results.read_text())["runs"], key=lambda r: (r["backend"], r["size"]))
    runs = [r for r in every if r.get("kind", "full") == "full"]
    keyword = [r for r in every if r.get("kind") == "keyword"]
    text = markdown.read_text(encoding="utf-8") if markdown.is_file() else "# Scale benchmark\n"
    for name, body in (
        ("ingest", ingest_table(runs)),
        ("search", search_table(runs)),
        ("hnsw", hnsw_table(runs)),
        ("check", check_table(runs)),
        ("targets", target_table(runs)),
        ("keyword", keyword_table(keyword)),
    ):
        text = replace_section(text, name, body)
    markdown.write_text(text, encoding="utf-8")
    plots(runs)
    print(f"tables in {markdown}, plots in {', '.join(str(p) for p in PLOTS.values())}")
