"""Adds the review UI to the application: its pages, its static files and its security headers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.config import Settings
from service.ui.errors import UiErrorPages
from service.ui.pages import UI_PREFIX, UiState
from service.ui.routes import router
from service.ui.security import UiSecurityHeaders
from service.ui.templating import STATIC_DIR


def install_ui(app: FastAPI, settings: Settings) -> None:
    """Call after the body guard's middleware is added, so that its refusals under /ui (a NUL in the address, a
    body too large) become error pages with the security headers too, and before the request-observing and CORS
    middleware (they stay outermost)."""
    app.state.ui = UiState(settings)
    app.include_router(router)
    app.mount(f"{UI_PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="ui-static")
    static_prefix = f"{UI_PREFIX}/static/"
    error_pages: Any = UiErrorPages
    app.add_middleware(error_pages, prefix=UI_PREFIX, static_prefix=static_prefix)
    headers: Any = UiSecurityHeaders  # outside the error pages: they get the headers too
    app.add_middleware(headers, prefix=UI_PREFIX, static_prefix=static_prefix)
