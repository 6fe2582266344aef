"""Browser journeys: Playwright driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os

import pytest

from tests.factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MENTORA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def sign_in(live_server, page):
    """Sign a persona in through the real login form."""

    def _sign_in(membership, password: str = PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email").fill(membership.user.email)
        page.get_by_label("Password").fill(password)
        page.locator("form.form").get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/home/")
        return page

    return _sign_in
