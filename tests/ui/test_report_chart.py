"""The report's chart of flags per day, told apart without colour alone (WCAG 2.1 1.4.1, 1.4.11): its kinds'
fills against each other and the bars' outline against the page, and a texture and legend entry per kind."""

from __future__ import annotations

import re
from itertools import combinations

from reconcile.report import CHART_DAYS, FLAG_KINDS, flags_chart
from service.ui.templating import render
from tests.ui.test_accessibility import NON_TEXT_CONTRAST, contrast

PAGE = "#ffffff"  # the standalone file's page; the UI's report card is white too
# Days that stack every pair of kinds together: any two may touch, as a kind missing on a day leaves no bar between.
DAYS = [
    {"date": "2026-11-01", "contradiction": 3, "self_contradiction": 2, "near_duplicate": 4},
    {"date": "2026-11-02", "contradiction": 1, "near_duplicate": 2},
    {"date": "2026-11-03", "self_contradiction": 5, "near_duplicate": 1},
    {"date": "2026-11-04", "contradiction": 2, "self_contradiction": 1},
]
SHAPE = re.compile(r'<rect x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*" ([^>]*)/>')
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def drawn(group: str) -> tuple[str, str | None, str | None]:
    """A bar's (fill, outline, texture): its first shape's fill and stroke, and a second shape's pattern."""
    shapes = [dict(ATTRIBUTE.findall(attributes)) for attributes in SHAPE.findall(group)]
    assert shapes, group
    texture = next((s["fill"] for s in shapes[1:] if s["fill"].startswith("url(#")), None)
    return shapes[0]["fill"], shapes[0].get("stroke"), texture


def test_the_charts_kinds_differ_by_more_than_colour_and_stand_out_from_the_page() -> None:
    """The bars were #c0392b, #8e44ad and #2980b9: 1.1-1.4:1 against each other, so stacked kinds merged into one
    bar for many readers, told apart by hue alone. Each kind now has a fill 3:1 or more from the others', an outline
    3:1 or more from the page, and (but one) a texture of its own, which its legend entry shows too."""
    svg = render("report/_chart.html", chart=flags_chart(DAYS), report={"flags_per_day": DAYS}, chart_days=CHART_DAYS)
    bars = re.findall(r"<g class=\"bar\"[^>]*><title>[^<]*? (\w+)</title>(.*?)</g>", svg, re.S)
    assert len(bars) == sum(len(day) - 1 for day in DAYS)
    looks: dict[str, set[tuple[str, str | None, str | None]]] = {}
    for kind, group in bars:
        looks.setdefault(kind, set()).add(drawn(group))
    assert set(looks) == set(FLAG_KINDS) and all(len(seen) == 1 for seen in looks.values()), looks
    look = {kind: next(iter(seen)) for kind, seen in looks.items()}
    for first, second in combinations(FLAG_KINDS, 2):
        fills = look[first][0], look[second][0]
        assert contrast(*fills) >= NON_TEXT_CONTRAST, (first, second, f"{contrast(*fills):.2f}")
    for kind, (fill, outline, _) in look.items():
        edge = max(contrast(fill, PAGE), contrast(outline, PAGE) if outline else 0.0)
        assert edge >= NON_TEXT_CONTRAST, (kind, f"{edge:.2f}")
    textures = [texture for _, _, texture in look.values()]
    assert len(set(textures)) == len(FLAG_KINDS) and textures.count(None) <= 1, textures
    for texture in filter(None, textures):
        assert f'<pattern id="{texture[5:-1]}"' in svg
    for kind in FLAG_KINDS:  # the legend shows each kind as its bars are drawn, named in words
        entry = re.search(rf'<g class="legend" data-kind="{kind}">(.*?)</g>', svg, re.S)
        assert entry is not None and drawn(entry.group(1)) == look[kind], kind
        assert f">{kind.replace('_', ' ')}</text>" in entry.group(1)
