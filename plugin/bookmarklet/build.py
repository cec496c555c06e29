"""Join the shared panel scripts and the bookmarklet into one `javascript:` URL and its install page.

    python plugin/bookmarklet/build.py          # writes plugin/bookmarklet/dist/
    python plugin/bookmarklet/build.py --check  # exit 1 when dist/ is not what the sources give

Standard library only; the JavaScript needs no toolchain. The output stays readable (comment lines and indentation dropped,
nothing renamed): a bookmark holds tens of kilobytes without complaint.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent / "extension" / "shared"
SOURCES = [SHARED / "page.js", SHARED / "api.js", SHARED / "panel.js", HERE / "bookmarklet.js"]
DIST = HERE / "dist"
# install.html replaces this literal in the code with the user's server and key.
CONFIG_PLACEHOLDER = '{"baseUrl":"","apiKey":""}'


def bookmarklet_code() -> str:
    """The sources in one function, so their names stay out of the page's globals; `void` so that running the
    URL never replaces the page with its value."""
    lines: list[str] = []
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped and not stripped.startswith("//"):
                lines.append(stripped)
    code = "void function () {\n" + "\n".join(lines) + "\n}();\n"
    if code.count(CONFIG_PLACEHOLDER) != 1:
        raise SystemExit(f"bookmarklet.js must hold the config placeholder {CONFIG_PLACEHOLDER} exactly once")
    return code


def javascript_url(code: str) -> str:
    return "javascript:" + quote(code, safe="")


def install_page(code: str) -> str:
    # JSON inside <script type="application/json">: "<" escaped so no "</script>" can end the element early.
    code_json = json.dumps(code).replace("<", "\\u003c")
    template = (HERE / "install.template.html").read_text(encoding="utf-8")
    return template.replace("@@BOOKMARKLET_CODE_JSON@@", code_json).replace(
        "@@CONFIG_PLACEHOLDER_JSON@@", json.dumps(CONFIG_PLACEHOLDER)
    )


def outputs() -> dict[str, str]:
    code = bookmarklet_code()
    return {
        "claimledger-bookmarklet.js": code,
        "bookmarklet-url.txt": javascript_url(code) + "\n",
        "install.html": install_page(code),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail when dist/ is out of date instead of writing it")
    parser.add_argument("--out", type=Path, default=DIST, help="output folder (default: plugin/bookmarklet/dist)")
    args = parser.parse_args(argv)
    stale = []
    for name, text in outputs().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python plugin/bookmarklet/build.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
