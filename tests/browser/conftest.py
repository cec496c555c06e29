"""Real-browser test fixtures: Debian's chromium driven by Playwright against a live claimledger server.

- `browser` / `page`: one headless Chromium for the package, a fresh context (no shared cookies or storage) and
  page per test; uncaught JavaScript errors on the page fail the test.
- `start_server(**settings)`: a real uvicorn serving `create_app` on 127.0.0.1 and a free port, on the test's
  migrated, emptied database (`database_url`, both backends), with the hashing encoder and the rule judge (fast,
  deterministic) unless `encoder=`, `judge=` (real models) or `extractor=` (for documents) are given; other
  keyword arguments override Settings (e.g. `cors_origins=[...]`). Several may run at once. `live_server` is one with the
  defaults; `server.api_key("read,write")` makes a key, `server.api(...)` calls the API outside the browser.
- `static_site`: tests/browser/pages/ served on another port (another origin, as a news site is).
- `launch_with_extension(folder)`: a Chromium with an unpacked extension loaded (ExtensionBrowser).
- `save_screenshot(target, name)`: writes PNGs only when CLAIMLEDGER_SCREENSHOTS is set (`make screenshots`).

Chromium missing: every browser test fails saying how to install it (`make browser-deps`), unless
CLAIMLEDGER_SKIP_BROWSER=1 is set, which skips them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.config import Settings
from service.runtime import Runtime
from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGES_DIR,
    SKIP_ENV,
    LiveServer,
    screenshot_dir,
    serve_directory,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, CDPSession, Locator, Page, Playwright, Worker

    from embeddings.encoder import Encoder
    from embeddings.judge import Judge
    from extraction import AttributionExtractor


def _browser_unavailable(reason: str) -> None:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{reason} ({SKIP_ENV}=1)")
    pytest.fail(
        f"{reason}: the browser tests need Debian's chromium at {CHROMIUM} and the playwright package. "
        f"Run `make browser-deps` (apt-get install -y chromium) and `pip install -e '.[dev]'`, "
        f"or set {SKIP_ENV}=1 to skip them.",
        pytrace=False,
    )


@pytest.fixture(scope="package")
def playwright_driver() -> Iterator[Playwright]:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"browser tests skipped ({SKIP_ENV}=1)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _browser_unavailable("playwright is not installed")
    expect.set_options(timeout=10_000)  # a busy 2-core CI machine: assertions wait as long as actions do
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _browser_unavailable(f"no chromium at {CHROMIUM}")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _fail_on_page_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error.name}: {error.message}"))
    return errors


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = _fail_on_page_errors(page)
    yield page
    context.close()
    assert not errors, f"uncaught JavaScript errors on the page: {errors}"


@pytest.fixture
def start_server(database_url: str) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def start(
        *,
        encoder: Encoder | None = None,
        judge: Judge | None = None,
        extractor: AttributionExtractor | None = None,
        **overrides: Any,
    ) -> LiveServer:
        settings = Settings(
            database_url=database_url,
            encoder="hashing",
            judge="rules",
            load_models_on_startup=False,
            **{"extraction_processes": 0, **overrides},  # articles on a thread: no second spaCy per server
        )
        runtime = Runtime.create(settings)
        runtime.use_models(encoder or HashingEncoder(), judge or RuleJudge(), extractor)
        server = LiveServer(runtime)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
        server.runtime.close()


@pytest.fixture
def live_server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server()


@pytest.fixture(scope="package")
def static_site() -> Iterator[str]:
    """The base URL of tests/browser/pages/ served over HTTP on its own port."""
    with serve_directory(PAGES_DIR) as url:
        yield url


@pytest.fixture
def save_screenshot() -> Callable[[Page | Locator, str], Path | None]:
    def save(target: Page | Locator, name: str) -> Path | None:
        folder = screenshot_dir()
        if folder is None:
            return None
        path = folder / name
        target.screenshot(path=str(path), animations="disabled")
        return path

    return save


@dataclass
class ExtensionBrowser:
    """A Chromium with one unpacked extension loaded, its id and service worker."""

    context: BrowserContext
    extension_id: str
    service_worker: Worker
    _cdp: CDPSession

    def trigger_action(self, page: Page) -> None:
        """Click the extension's toolbar button for this tab, as a user does: activeTab is granted to it, and
        action.onClicked fires. (Chrome's DevTools protocol, Extensions.triggerAction.)"""
        tabs = self._cdp.send("Target.getTargets", {"filter": [{"type": "tab"}]})["targetInfos"]
        matching = [t for t in tabs if t["type"] == "tab" and t["url"] == page.url]
        assert len(matching) == 1, f"expected one tab at {page.url}, found {len(matching)}"
        self._cdp.send("Extensions.triggerAction", {"id": self.extension_id, "targetId": matching[0]["targetId"]})

    def extension_page(self, path: str) -> Page:
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.extension_id}/{path}")
        return page


@pytest.fixture
def launch_with_extension(
    playwright_driver: Playwright, tmp_path: Path
) -> Iterator[Callable[[Path], ExtensionBrowser]]:
    contexts: list[BrowserContext] = []

    def launch(folder: Path) -> ExtensionBrowser:
        context = playwright_driver.chromium.launch_persistent_context(
            str(tmp_path / f"profile-{len(contexts)}"),
            executable_path=str(CHROMIUM),
            headless=True,
            viewport={"width": 1280, "height": 800},
            locale="en-GB",
            args=[
                *CHROMIUM_ARGS,
                f"--disable-extensions-except={folder}",
                f"--load-extension={folder}",
                # Lets the DevTools protocol press the extension's button (Extensions.triggerAction).
                "--enable-unsafe-extension-debugging",
            ],
        )
        contexts.append(context)
        context.set_default_timeout(10_000)
        workers = context.service_workers
        worker = workers[0] if workers else context.wait_for_event("serviceworker")
        assert context.browser is not None
        cdp = context.browser.new_browser_cdp_session()
        return ExtensionBrowser(context, worker.url.split("/")[2], worker, cdp)

    yield launch
    for context in contexts:
        context.close()
