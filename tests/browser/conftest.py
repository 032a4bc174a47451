"""Playwright against pytest-django's live server, in Debian's chromium.

Every test in this folder carries the `browser` marker (`pytest -m "not browser"` skips
them). A missing chromium fails the tests rather than skipping them, so a machine that
cannot run them never reports them as passed.
"""

import os
from pathlib import Path

import pytest
from modelsearch.backends import get_search_backend

from tests.resources.conftest import (  # noqa: F401 - the library's fixtures, for browser tests
    home_page,
    library,
    make_resource,
    second_educator,
    topics,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing, so the browser tests cannot run. "
            "Install it with scripts/install-test-deps.sh (as root), or `make test-deps`.",
            pytrace=False,
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; Django would otherwise
    # refuse ORM calls made from it (creating users for a test, for example).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # While an event loop runs, Django keeps database connections in per-context rather
    # than per-thread storage, and would open a second connection object that lacks the
    # test database's serialized contents (so serialized rollback silently restores
    # nothing). Keep using the thread's own connection objects.
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback):
    """A fresh browser context (no cookies) on the live server.

    The live server needs a transactional database, which is emptied after each test;
    serialized rollback restores what the migrations created (the home page, the site)
    before each one.
    """
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def search_resources(db, make_resource, topics):  # noqa: F811
    """Three resources in a freshly emptied search index."""
    get_search_backend().reset_indexes()
    make_resource(
        "Information sharing and consent",
        summary="Guidance on information sharing, consent and confidentiality with adults.",
        topics=[topics["safeguarding-adults"]],
    )
    make_resource(
        "Mental capacity assessments in practice",
        summary="Assessing mental capacity and recognising a deprivation of liberty.",
        topics=[topics["mental-capacity"]],
        source="practitioner",
        format="toolkit",
    )
    make_resource(
        "Safeguarding adults: making it personal",
        summary="Working with people to reach the outcomes they want.",
        topics=[topics["safeguarding-adults"]],
    )
    yield
    get_search_backend().reset_indexes()
