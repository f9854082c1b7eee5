"""A real browser for the `serve` tests: Debian's chromium driven by Playwright (no browser is downloaded).

Without chromium these tests are skipped, saying so; in CI (CI=true), where .ci/run installs it, a missing
chromium is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str | None:
    for candidate in (os.environ.get("CHOICE_ASSISTANT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is not installed in CI: the browser tests must run (.ci/run installs it)")
        pytest.skip("chromium is not installed (looked for /usr/bin/chromium): scripts/chromium installs it")
    if not Path("/proc").is_dir():
        pytest.skip("serve and its tests run on Linux")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (no cookies) for one test, a window the size of a laptop screen."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    try:
        yield ctx
    finally:
        ctx.close()
