"""The pages a person opens in a browser: ``/`` (where to go), ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc).

FastAPI's own docs pages load their scripts from a CDN and render nothing where the server has no internet (this
project's machines among them); here their assets come from the ``fastapi-offline`` package (Swagger UI, ReDoc:
Apache-2.0 and MIT) and are served from ``/docs/static``. The root page is HTML and says where things are, instead
of a 404 problem; every other unknown path is still a problem+json.
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from service.ui.pages import UI_PREFIX

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
ASSETS_URL = "/docs/static"
ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))

# ReDoc's bundle draws its maker's logo from cdn.redoc.ly: the page may fetch nothing but from this server (the logo
# is left out). Its styles are inline (styled-components) and its search runs in a worker made from a blob.
REDOC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'self'"
)

ROOT_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.5">
<h1>{title} {version}</h1>
<p>Source-attributed claim verification. This address serves an API; what a person can open here:</p>
<ul>
<li><a href="{root}{ui}/">{ui}/</a> &mdash; the review UI (sign in with an API key)</li>
<li><a href="{root}{docs}">{docs}</a> &mdash; the API reference (Swagger UI), <a href="{root}{redoc}">{redoc}</a>
(ReDoc), <a href="{root}{openapi}">{openapi}</a> (the OpenAPI document)</li>
<li><a href="{root}/healthz">/healthz</a> &mdash; liveness, <a href="{root}/readyz">/readyz</a> &mdash; readiness</li>
</ul>
<p>Every <code>/v1</code> call needs <code>Authorization: Bearer &lt;key&gt;</code>.</p>
</body>
</html>
"""


def install_docs_pages(app: FastAPI) -> None:
    """Serve the docs pages with local assets; the app is created with ``docs_url=None, redoc_url=None``."""
    openapi_url = app.openapi_url or "/openapi.json"
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-static")

    @app.get("/", include_in_schema=False)
    def root_page(request: Request) -> HTMLResponse:
        """A person opening the server finds where to go (an API client never asks for ``/``)."""
        root = html.escape(request.scope.get("root_path", ""))
        page = ROOT_PAGE.format(
            title=html.escape(app.title),
            version=html.escape(app.version),
            root=root,
            ui=UI_PREFIX,
            docs=DOCS_URL,
            redoc=REDOC_URL,
            openapi=openapi_url,
        )
        return HTMLResponse(page)

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=f"{root}{OAUTH2_REDIRECT_URL}",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,  # fonts from a CDN too: the page uses the browser's own
        )
        page.headers["Content-Security-Policy"] = REDOC_POLICY
        return page
