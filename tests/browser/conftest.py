"""End-to-end tests in real headless Chromium, driven by Playwright against pytest-django's live server.

The browser is Debian's Chromium (Playwright cannot download its own here). When it is missing the
tests are skipped, unless REQUIRE_BROWSER=1, in which case they fail so that CI cannot skip them
silently. Every request a page makes is recorded, and a request to any host other than the live
server fails the test (third-party requests are also aborted so that nothing waits on a closed
network).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext
    from playwright.sync_api import Page as BrowserPage

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
DEFAULT_TIMEOUT_MS = 10_000


def _browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def find_chromium() -> str | None:
    """The Chromium binary to drive: $CHROMIUM_PATH if set, otherwise Debian's chromium."""
    explicit = os.environ.get("CHROMIUM_PATH")
    candidates = (explicit,) if explicit else CHROMIUM_CANDIDATES
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    if not explicit:
        return shutil.which("chromium") or shutil.which("chromium-headless-shell")
    return None


def _missing_browser_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if find_chromium() is None:
        return f"no Chromium found (looked for {', '.join(CHROMIUM_CANDIDATES)} and $CHROMIUM_PATH)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip at collection time when there is no browser, so that no database is built for nothing.
    With REQUIRE_BROWSER=1 nothing is skipped and the `browser` fixture fails loudly instead."""
    reason = _missing_browser_reason()
    if reason is None or _browser_required():
        return
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason} (set REQUIRE_BROWSER=1 to fail instead)")
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = _missing_browser_reason()
    if reason is not None:
        if _browser_required():
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    from django.db import connections

    # Playwright's sync API leaves an asyncio loop running in this thread; Django would otherwise
    # refuse the ORM calls of test code (factories, fixtures) for as long as the browser is open.
    # (Set here rather than at import, so that tests run before the browser keep Django's check.)
    previous_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Once Playwright's loop runs in this thread, asgiref (which holds Django's connections) keeps
    # them in a separate, context-local store, so the test code would get fresh connection objects
    # that lack the test database's state (the serialized copy behind serialized_rollback, shared
    # in-memory SQLite handles), and a flush after the first browser test would break the
    # database for every later test. Keep using the same connection objects.
    existing = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in existing.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    if previous_async_unsafe is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous_async_unsafe


@dataclass
class NetworkLog:
    """What the browser asked for during one test."""

    allowed_origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.allowed_origin

    def expect_console_error(self, fragment: str) -> None:
        """Forget console errors containing `fragment` (one the test caused on purpose)."""
        self.console_errors[:] = [message for message in self.console_errors if fragment not in message]

    def problems(self) -> list[str]:
        found = []
        if self.foreign:
            found.append(f"requests to hosts other than the live server: {self.foreign}")
        if self.page_errors:
            found.append(f"uncaught JavaScript errors: {self.page_errors}")
        if self.console_errors:
            found.append(f"console errors: {self.console_errors}")
        return found


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After a browser test passes, fail it (not its teardown) if a page misbehaved on the way."""
    result = yield
    log = getattr(item, "funcargs", {}).get("network_log")
    if isinstance(log, NetworkLog) and log.problems():
        pytest.fail("\n".join(log.problems()), pytrace=False)
    return result


@pytest.fixture
def site_url(live_server) -> Callable[[Any], str]:
    """The live-server URL of a Wagtail page (or of a path beginning with '/')."""

    def _url(page_or_path) -> str:
        if isinstance(page_or_path, str):
            return live_server.url + page_or_path
        _site_id, _root_url, path = page_or_path.specific.get_url_parts()
        return live_server.url + path

    return _url


@pytest.fixture
def network_log(live_server) -> NetworkLog:
    parts = urlsplit(live_server.url)
    return NetworkLog(allowed_origin=f"{parts.scheme}://{parts.netloc}")


@pytest.fixture
def new_page(browser: Browser, network_log: NetworkLog) -> Iterator[Callable[..., BrowserPage]]:
    """Open a page in a fresh browser context (own cookies); keyword arguments go to new_context().

    A test that passes is then failed if any page requested another host, threw an uncaught error,
    or logged a console error (a Content Security Policy violation, a missing file): see
    pytest_runtest_call above."""
    contexts: list[BrowserContext] = []

    def _route(route, request) -> None:
        if network_log.is_local(request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _open(**context_options: Any) -> BrowserPage:
        context_options.setdefault("viewport", DESKTOP)
        context_options.setdefault("locale", "en-GB")
        context_options.setdefault("timezone_id", "Europe/London")
        context = browser.new_context(**context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)

        def _record(request) -> None:
            network_log.requests.append(f"{request.method} {request.url}")
            if not network_log.is_local(request.url):
                network_log.foreign.append(f"{request.method} {request.url}")

        def _console(message) -> None:
            if message.type == "error":
                network_log.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

        def _watch(page: BrowserPage) -> None:
            page.on("pageerror", lambda error: network_log.page_errors.append(str(error)))
            page.on("console", _console)

        context.on("request", _record)
        context.on("page", _watch)
        context.route("**/*", _route)
        contexts.append(context)
        return context.new_page()

    yield _open

    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> BrowserPage:
    """A desktop-sized page (1280x800) with JavaScript."""
    return new_page()


@pytest.fixture
def phone_page(new_page) -> BrowserPage:
    """A phone-sized page (375x740) that honours the viewport meta tag, as a phone does."""
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture
def nojs_page(new_page) -> BrowserPage:
    """A desktop-sized page with JavaScript turned off."""
    return new_page(java_script_enabled=False)


@dataclass
class ShellPages:
    """A small site: a home page, two menu sections, a page for young people and a guidance page."""

    home: Any
    guidance_index: Any
    guidance: Any
    for_young_people: Any
    about: Any


@pytest.fixture
def shell_pages(home_page, guidance_index) -> ShellPages:
    from tests.factories import GuidancePageFactory, StandardPageFactory

    about = StandardPageFactory(parent=home_page, title="About the partnership", slug="about", show_in_menus=True)
    young_people = StandardPageFactory(
        parent=home_page,
        title="Worried about something at home?",
        slug="young-people",
        introduction="You can talk to someone you trust.",
        show_quick_exit=True,
        show_in_menus=True,
    )
    guidance = GuidancePageFactory(parent=guidance_index, title="Core group meetings", slug="core-group-meetings")
    return ShellPages(
        home=home_page, guidance_index=guidance_index, guidance=guidance, for_young_people=young_people, about=about
    )


# --- Pages and places shared by the report, request and accessibility tests -----------------------


@pytest.fixture
def report_page(home_page):
    from tests.reporting.factories import PupilReportPageFactory

    return PupilReportPageFactory(parent=home_page)


@pytest.fixture
def request_page(home_page):
    from tests.location_requests.factories import LocationRequestPageFactory

    return LocationRequestPageFactory(
        parent=home_page,
        body=[("text", "<p>Research the area yourself first.</p>")],
        confirmation_text="<p>An officer will look at the area around the address.</p>",
    )


@pytest.fixture
def postcode(db):
    from tests.reporting.factories import PostcodeFactory

    return PostcodeFactory(postcode="EB1 1AA")
