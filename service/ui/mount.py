"""Adds the review UI to the application: its pages, its static files and its security headers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.config import Settings
from service.ui.pages import UI_PREFIX, UiState
from service.ui.routes import router
from service.ui.security import UiSecurityHeaders
from service.ui.templating import STATIC_DIR


def install_ui(app: FastAPI, settings: Settings) -> None:
    """Call before the CORS middleware is added (it stays outermost)."""
    app.state.ui = UiState(settings)
    app.include_router(router)
    app.mount(f"{UI_PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="ui-static")
    middleware: Any = UiSecurityHeaders
    app.add_middleware(middleware, prefix=UI_PREFIX, static_prefix=f"{UI_PREFIX}/static/")
