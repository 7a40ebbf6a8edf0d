"""Playwright on Debian's Chromium, against a live server with the demo data.

Without /usr/bin/chromium the tests skip with a message; with REQUIRE_BROWSER=1 (CI) they fail
instead, so a missing browser can never pass silently.
"""

from __future__ import annotations

import io
import os
import shutil
import unittest
from pathlib import Path

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (loading data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_missing_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}: install it with 'apt-get install -y chromium'"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: pip install -e '.[dev]'"
    return None


class BrowserTestCase(StaticLiveServerTestCase):
    """One Chromium per test class, a fresh page per test, the demo data loaded for each test."""

    @classmethod
    def setUpClass(cls) -> None:
        reason = chromium_missing_reason()
        if reason:
            if os.environ.get("REQUIRE_BROWSER") == "1":
                raise RuntimeError(f"Browser tests are required here but cannot run. {reason}")
            raise unittest.SkipTest(reason)
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )

    @classmethod
    def tearDownClass(cls) -> None:
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self) -> None:
        call_command("load_demo", stdout=io.StringIO())
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def tearDown(self) -> None:
        self.context.close()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
