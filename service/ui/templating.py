"""The Jinja2 environment of the review UI and the reconciliation report: autoescaped, strict about names.

Pure rendering (no FastAPI, no database), so the nightly job renders its report with the same templates.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, StrictUndefined

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PREFIX = "/ui/static/"


@lru_cache(maxsize=64)
def static_url(name: str) -> str:
    """A static file's URL with a digest of its content: browsers may keep it for a year (the security headers
    middleware says so), and a changed file gets a new URL."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    return f"{STATIC_PREFIX}{name}?v={digest}"


def http_url(value: object) -> str | None:
    """The URL when it is an absolute http(s) link, else None: nothing else (javascript:, data:, relative paths)
    becomes a clickable link on a page."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value.strip()


def host(url: str) -> str:
    """The host of a link, what a reader recognises ("example.org")."""
    netloc = urlsplit(url).netloc
    return netloc.rsplit("@", 1)[-1] or url


def percent(value: object) -> str:
    """A probability as a whole percentage ("83%")."""
    try:
        return f"{float(value) * 100:.0f}%"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"


def moment(value: object, is_date: bool = False) -> str:
    """When a statement was said or an article published, as a reader needs it: a date as it is ("2026-10-31"), a
    datetime with its time in UTC ("2026-11-01 03:50 UTC"). A live event's statements are hours apart on one night,
    and its day in UTC alone puts one said at 23:50 in New York on the next day with no way to tell."""
    if isinstance(value, datetime):
        at = value
    else:
        text = str(value)
        if len(text) <= len("YYYY-MM-DD"):  # said_at given as a date: rendered as one (``render_when``)
            return text
        try:
            at = datetime.fromisoformat(text)
        except ValueError:
            return text
    if is_date:
        return at.date().isoformat()
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)  # the database keeps UTC
    return at.strftime("%Y-%m-%d %H:%M UTC")


def label(value: object) -> str:
    """An identifier as words: "self_contradiction" reads "self contradiction"."""
    return str(value).replace("_", " ")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        # "static/…" names the stylesheets, so the standalone report can inline report.css.
        loader=ChoiceLoader(
            [PackageLoader("service.ui", "templates"), PrefixLoader({"static": PackageLoader("service.ui", "static")})]
        ),
        autoescape=True,  # every template, whatever its name: text from articles and claims is never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["http_url"] = http_url
    env.filters["percent"] = percent
    env.filters["label"] = label
    env.filters["moment"] = moment
    env.filters["host"] = host
    env.globals["static_url"] = static_url
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
