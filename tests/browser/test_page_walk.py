"""Every page of the site, as every role, in a real browser.

The walk finds the pages itself, so a new page is checked without anyone adding it here:

- every URL pattern (`tests.url_patterns.every_route`), its arguments filled with the ids of
  real objects from the demo content;
- one page of every page type in the demo's Wagtail tree;
- allauth's pages (they are URL patterns too) and the error pages (404, 403, the CSRF
  failure page and 500).

Each page is fetched as each role (anonymous, student, practitioner, educator, contributor,
moderator, site admin). Roles that are shown the same main content share one visit, so the
walk looks at every version of a page once; the header, which differs for every role, is
checked on each role's home page. Each visit, at 1280 px and again at 320 px, asserts: no
axe-core violation (WCAG 2.2 AA), one `h1`, no sideways scrolling at 320 px, no request to
another host, no console error, under 100 kB transferred once compressed, and no link on
the page that leads to a 404.

Left out: the internals of the Wagtail and Django admins. They are the frameworks' own
screens, several hundred of them, whose accessibility is their makers' (the accessibility
statement says so); checking them here would take minutes and test Wagtail rather than this
site. The exception is the one admin screen this project shapes, the resource edit page,
whose panels and widgets are ours: it gets the axe, h1, link, host and console checks at
1280 px, but not the public site's 320 px and page-weight bars, which Wagtail's editor is not
built for. docs/accessibility-known-issues.md records what axe found there and whose it was.
"""

from __future__ import annotations

import gzip
import itertools
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.template.loader import render_to_string
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from cop_site.accounts.models import User
from cop_site.search import saved
from tests.browser.axe import RUN_AXE, WCAG_TAGS, axe_source, format_violations
from tests.conftest import activate_totp
from tests.resources.conftest import indexed_in_bulk
from tests.url_patterns import ROUTE_CONVERTER_RE, every_route

pytestmark = pytest.mark.browser

ROLES = {
    "anonymous": None,
    "student": "student@example.com",
    "practitioner": "practitioner@example.com",
    "educator": "educator@example.com",
    "contributor": "contributor@example.com",
    "moderator": "moderator@example.com",
    "admin": "admin@example.com",
}
NEEDS_MFA = {"educator", "moderator", "admin"}

WIDE, NARROW = 1280, 320
MAX_TRANSFER = 100 * 1024
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Answers that are not pages: redirects, methods a link cannot use, files and JSON.
NOT_A_PAGE = {301, 302, 303, 307, 308, 405}
# Ids tried for each pattern before settling for the sample URL.
MAX_TRIES = 12

LINKS = """() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href)"""
TOO_WIDE = """(width) => Array.from(document.querySelectorAll('body *'))
  .filter((el) => el.getBoundingClientRect().right > width + 1)
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
       (el.classList.length ? '.' + [...el.classList].join('.') : ''))"""
CSRF_FAILURE = """() => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/accounts/login/';
  document.body.append(form);
  form.submit();
}"""

MAIN_RE = re.compile(r"<main\b.*?</main>", re.S)
# What changes from one request to the next: form tokens, nonces, generated secrets.
VOLATILE_RE = re.compile(r'(?:value|nonce|src)="(?:[A-Za-z0-9]{32,}|data:[^"]*)"')


@dataclass
class Visit:
    url: str
    role: str
    also: list[str] = field(default_factory=list)  # roles shown the same page
    wide_only: bool = False  # admin screens: not held to the public site's 320 px and weight bars


@dataclass
class Walk:
    base: str
    tabs: dict
    clients: dict
    problems: list[str] = field(default_factory=list)
    link_status: dict = field(default_factory=dict)
    gzip_sizes: dict = field(default_factory=dict)
    visits: int = 0

    def fail(self, visit: Visit, message: str) -> None:
        roles = ", ".join([visit.role, *visit.also])
        self.problems.append(f"{visit.url} as {roles}: {message}")


# --- seeding --------------------------------------------------------------------------------


def seed() -> dict[str, User]:
    with indexed_in_bulk():
        call_command("load_demo_content", "--force", verbosity=0)
    users = {role: User.objects.get(email=email) for role, email in ROLES.items() if email}
    for role in NEEDS_MFA:
        activate_totp(users[role])
    saved.save_search(users["student"], "q=mental+capacity", name="Mental capacity", alerts=True)
    return users


def sample_ids(users: dict[str, User]) -> dict[str, list[str]]:
    """Ids of real objects to put in URLs, for each role: first the ids of the role's own
    rows and of what they point to (the resource a learner appraised, their saved search),
    then the first row of every model."""
    user_model = apps.get_model("accounts", "User")
    firsts: list[int] = []
    owned: dict[str, list[int]] = {role: [] for role in ROLES}
    for model in apps.get_models():
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if isinstance(first, int):
            firsts.append(first)
        keys = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
        to_user = [f.name for f in keys if f.related_model is user_model]
        others = [f.attname for f in keys if f.related_model is not user_model]
        for role, user in users.items():
            for name in to_user:
                rows = model._default_manager.filter(**{name: user})
                for row in rows.values_list("pk", *others)[:20]:
                    owned[role].extend(v for v in row if isinstance(v, int))
    return {
        role: [str(i) for i in dict.fromkeys([*owned[role], *sorted(set(firsts))])]
        for role in ROLES
    }


# --- discovering the pages --------------------------------------------------------------------


def route_urls(route: str, ids: list[str]):
    """`route` with each id-like argument replaced by real ids."""
    names = [m for m in ROUTE_CONVERTER_RE.finditer(route) if m["converter"] in {"int", "id"}]
    if not names:
        return
    for combo in itertools.product(ids, repeat=len(names)):
        url = "/" + fill(route, iter(combo))
        try:
            if resolve(url).route == route:
                yield url
        except Resolver404:
            continue


def fill(route: str, values) -> str:
    return ROUTE_CONVERTER_RE.sub(
        lambda m: next(values) if m["converter"] in {"int", "id"} else "x", route
    )


def fetch(walk: Walk, role: str, url: str):
    """`url` as `role` sees it, through Django's test client on the browser's own session:
    the same answer the browser would get, without the round trip."""
    return walk.clients[role].get(url)


def is_page(response) -> bool:
    return response.status_code not in NOT_A_PAGE and response.get("Content-Type", "").startswith(
        "text/html"
    )


def fingerprint(response) -> str:
    text = response.content.decode(errors="replace")
    main = MAIN_RE.search(text)
    body = main.group(0) if main else text
    return f"{response.status_code}:" + VOLATILE_RE.sub("", body)


def group_roles(walk: Walk, url: str, roles=ROLES) -> list[Visit]:
    """One visit for each different page that `url` shows across the roles."""
    seen: dict[str, Visit] = {}
    for role in roles:
        response = fetch(walk, role, url)
        if not is_page(response):
            continue
        if response.status_code >= 500:
            walk.problems.append(f"{url} as {role}: status {response.status_code}")
            continue
        key = fingerprint(response)
        if key in seen:
            seen[key].also.append(role)
        else:
            seen[key] = Visit(url, role)
    return list(seen.values())


def real_url(walk: Walk, route, ids: dict[str, list[str]]) -> str:
    """The first URL for `route` that some role is shown a page at, or the sample URL."""
    for role in ROLES:
        urls = [route.url, *itertools.islice(route_urls(route.route, ids[role]), MAX_TRIES)]
        for url in urls:
            status = fetch(walk, role, url).status_code
            if status == 405:  # not something a link can open, whatever the id
                return route.url
            if status == 200:
                return url
    return route.url


def discover(walk: Walk, users: dict[str, User]) -> list[Visit]:
    ids = sample_ids(users)
    visits: list[Visit] = []
    urls: list[str] = []
    for route in every_route():
        if not route.url.startswith(ADMIN_PREFIXES):
            urls.append(real_url(walk, route, ids))

    # One page of each type in the page tree.
    by_type: dict[int, Page] = {}
    for page in Page.objects.live().exclude(depth=1).order_by("path"):
        by_type.setdefault(page.content_type_id, page)
    urls.extend(page.url for page in by_type.values())

    # Pages in the states people reach them in.
    urls += ["/search/?q=mental+capacity", "/library/?band=high", "/no-such-page/"]

    for url in dict.fromkeys(urls):
        visits.extend(group_roles(walk, url))

    # The resource edit page, the one admin screen the project shapes.
    resource = apps.get_model("resources", "ResourcePage").objects.live().first()
    edit = Visit(f"/admin/pages/{resource.pk}/edit/", "educator", wide_only=True)
    # The header and navigation, which differ for every role, on each role's home page.
    for visit in [v for v in visits if v.url == "/"]:
        visits.extend(Visit("/", role) for role in visit.also)
        visit.also = []
    # Last: Wagtail's editor keeps talking to the server while it is open.
    visits.append(edit)
    return visits


def signed_in(contexts: dict, users: dict[str, User], base: str) -> dict[str, Client]:
    """A test client per role, and the same session in that role's browser context.

    Signing in through the form (and its second factor) is checked by the keyboard tests;
    here each role's session is made directly, so the walk spends its time on the pages.
    """
    clients = {}
    for role, context in contexts.items():
        client = Client()
        if role in users:
            client.force_login(users[role])
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": base, "httpOnly": True}]
            )
        clients[role] = client
    return clients


# --- checking one page ------------------------------------------------------------------------


@dataclass
class Tab:
    """One browser tab per role, kept for the whole walk, noting what each visit loads."""

    page: object
    host: str
    responses: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    elsewhere: set = field(default_factory=set)

    def __post_init__(self) -> None:
        self.page.on("request", self.on_request)
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def on_request(self, request) -> None:
        if urlsplit(request.url).netloc not in {self.host, ""}:
            self.elsewhere.add(request.url)

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        # An error page's own status is reported as a console error; it is what we asked for.
        if message.text.startswith("Failed to load resource") and (
            message.location.get("url") == self.page.url
        ):
            return
        self.errors.append(message.text)

    def reset(self) -> None:
        self.responses.clear()
        self.errors.clear()
        self.elsewhere.clear()


def run_axe(page) -> list[dict]:
    return page.evaluate(
        RUN_AXE, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )


def gzip_size(walk: Walk, response) -> int:
    url = response.url
    if url not in walk.gzip_sizes or "/static/" not in url:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a response without a body (a redirect) weighs nothing
            body = b""
        walk.gzip_sizes[url] = len(gzip.compress(body))
    return walk.gzip_sizes[url]


def serves_wagtail_page(path: str) -> bool:
    try:
        return resolve(path).func.__module__ == "wagtail.views"
    except Resolver404:
        return False


def check_links(walk: Walk, visit: Visit, page) -> None:
    host = urlsplit(walk.base).netloc
    here = urlsplit(page.url)
    for href in set(page.evaluate(LINKS)):
        parts = urlsplit(href)
        if parts.netloc != host or parts.scheme not in {"http", "https"}:
            continue
        if (parts.path, parts.query) == (here.path, here.query):
            continue  # the page itself, or a place on it
        # Whether a page exists depends on its path (a query only filters or pages it), and
        # for a page of the Wagtail tree not on who asks.
        key = ("*" if serves_wagtail_page(parts.path) else visit.role, parts.path)
        if key not in walk.link_status:
            response = walk.clients[visit.role].get(parts.path, follow=True)
            walk.link_status[key] = response.status_code
        if walk.link_status[key] == 404:
            walk.fail(visit, f"links to {parts.path}, which is not found (404)")


def check(walk: Walk, visit: Visit, *, open_page=None) -> None:
    tab = walk.tabs[visit.role]
    page = tab.page
    tab.reset()
    page.set_viewport_size({"width": WIDE, "height": 900})
    if open_page:
        open_page(page)
    else:
        page.goto(walk.base + visit.url, wait_until="load")
        if urlsplit(page.url).path != urlsplit(visit.url).path:
            return  # sent elsewhere, to a page the walk visits in its own right
    walk.visits += 1
    headings = page.locator("h1").count()
    if headings != 1:
        walk.fail(visit, f"{headings} h1 elements")
    violations = run_axe(page)
    if violations:
        walk.fail(visit, format_violations(f"{WIDE}px", violations))
    check_links(walk, visit, page)
    if not visit.wide_only:
        weight = sum(gzip_size(walk, r) for r in tab.responses)
        if weight > MAX_TRANSFER:
            walk.fail(visit, f"{weight / 1024:.0f} kB transferred (compressed)")
        page.set_viewport_size({"width": NARROW, "height": 800})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > NARROW:
            walk.fail(
                visit,
                f"scrolls sideways at {NARROW}px ({scroll_width}px wide): "
                f"{page.evaluate(TOO_WIDE, NARROW)}",
            )
        violations = run_axe(page)
        if violations:
            walk.fail(visit, format_violations(f"{NARROW}px", violations))
    if tab.elsewhere:
        walk.fail(visit, f"requests to other hosts: {sorted(tab.elsewhere)}")
    if tab.errors:
        walk.fail(visit, f"console errors: {tab.errors}")


def error_page_visits(walk: Walk) -> None:
    """The CSRF failure page and the 500 page, which no link leads to."""

    def csrf_failure(page) -> None:
        page.goto(walk.base + "/accounts/signup/")
        with page.expect_navigation() as navigation:
            page.evaluate(CSRF_FAILURE)
        assert navigation.value.status == 403
        assert page.locator("h1").inner_text() == "Your form could not be sent"

    check(walk, Visit("/accounts/login/ (CSRF failure)", "anonymous"), open_page=csrf_failure)

    server_error = render_to_string("500.html")

    def failing_page(page) -> None:
        page.route(
            walk.base + "/server-error/",
            lambda route: route.fulfill(status=500, body=server_error, content_type="text/html"),
        )
        page.goto(walk.base + "/server-error/")

    check(walk, Visit("/server-error/ (500)", "anonymous"), open_page=failing_page)


# --- the walk ---------------------------------------------------------------------------------


def test_every_page_as_every_role(browser, live_server, django_db_serialized_rollback):
    started = time.monotonic()
    users = seed()
    host = urlsplit(live_server.url).netloc
    contexts, tabs = {}, {}
    for role in ROLES:
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        # Loaded into every page before its own scripts, outside its Content-Security-Policy.
        context.add_init_script(script=axe_source())
        contexts[role] = context
    try:
        clients = signed_in(contexts, users, live_server.url)
        for role, context in contexts.items():
            tabs[role] = Tab(context.new_page(), host)
        walk = Walk(base=live_server.url, tabs=tabs, clients=clients)
        visits = discover(walk, users)
        for visit in visits:
            check(walk, visit)
        tabs["educator"].page.goto("about:blank")
        error_page_visits(walk)
    finally:
        for context in contexts.values():
            context.close()
        get_search_backend().reset_indexes()

    checked = {visit.url for visit in visits}
    assert {"/", "/library/", "/reading-lists/", "/search/"} <= checked, checked
    assert not walk.problems, (
        f"{len(walk.problems)} problem(s) in {walk.visits} page visits "
        f"({time.monotonic() - started:.0f}s):\n\n" + "\n\n".join(walk.problems)
    )
