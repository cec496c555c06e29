"""The API reference pages render in a browser with no internet: every request they make is to the server itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tests.browser.support import LiveServer

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route


def _offline(page: Page, server: LiveServer) -> list[str]:
    """Abort every request that leaves the server (as on a machine without internet) and list them."""
    elsewhere: list[str] = []

    def route(route: Route) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return elsewhere


def test_swagger_ui_and_redoc_render_from_the_servers_own_assets(
    page: Page, start_server: Callable[..., LiveServer]
) -> None:
    from playwright.sync_api import expect

    server = start_server()
    elsewhere = _offline(page, server)
    page.goto(f"{server.url}/")
    page.get_by_role("link", name="/docs").click()
    # Swagger UI drew the operations of the OpenAPI document: its script ran and read the schema.
    expect(page.locator(".opblock-summary-path", has_text="/v1/check").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.goto(f"{server.url}/redoc")
    expect(page.get_by_text("/v1/check").first).to_be_attached()
    page.wait_for_load_state("networkidle")  # late requests too (ReDoc drew its maker's logo from a CDN)
    assert elsewhere == []
