"""Hostile input on every URL and every form: never a server error, never a half-done write.

The URLs come from the project's URL patterns (Django's admin, Wagtail's admin, allauth, the
project's apps) plus the real addresses of seeded Wagtail pages; arguments are filled with
ids of seeded objects, and each id-taking URL is also tried with an id beyond any row and a
negative one. The forms come from the HTML of each page as it is served to each visitor.

Each query parameter and form field is sent every kind of payload in `PAYLOADS`: in request
`k` of a form, field `j` gets payload `(j + k) % len(PAYLOADS)`, so with one request per
payload every field meets every payload (project URLs and forms), or, where the fields are
many and the view is third-party, the fewest requests that still send each payload once.
The sweep runs as a visitor, a student and a site admin signed in with their second factor;
the admins turn the first two away at the door, so there they get one request per URL.
Server errors inside third-party views that project code cannot reach are listed in
`KNOWN_THIRD_PARTY_ERRORS`, and the sweep fails once one of them no longer happens.

Every request runs in a savepoint that is rolled back afterwards, and the client's cookies
are put back, so a destructive form (delete, log out) cannot change what later requests
see. Inside the savepoint the row counts of the project's tables are compared: a response
that is not a redirect (a form shown again with errors, a 4xx) must have written nothing.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve

from cop_site.accounts.models import Role
from tests.authz import base_objects, sign_in
from tests.security.hostile import (
    COMMON_PARAMS,
    HUGE_ID,
    describe,
    encoded,
    forms_in,
    requests_needed,
    rotations,
)
from tests.security.known_errors import KNOWN_THIRD_PARTY_ERRORS, Known, known_error
from tests.url_patterns import ROUTE_CONVERTER_RE, every_route

pytestmark = pytest.mark.django_db

PROJECT_PACKAGES = ("cop_site.", "resources.", "forums.", "learning.")
PROJECT_APPS = ("accounts", "home", "cop_search", "resources", "forums", "learning")
# allauth's tables hold members' addresses and authenticators, and the privacy app's the audit
# log and the downloads of members' data; a failed form touches none of them.
CHECKED_APPS = (*PROJECT_APPS, "account", "mfa", "privacy")

# Requests slower than this are listed in the test's output (a slow request is no failure,
# but worth a look as a denial-of-service vector).
SLOW_SECONDS = 5.0
THIRD_PARTY_ADMINS = ("/admin/", "/django-admin/")
WAGTAIL_SERVE = "wagtail.views.serve"


@dataclass
class Failure:
    who: str
    method: str
    url: str
    fields: str
    problem: str

    def __str__(self) -> str:
        return f"{self.who} {self.method.upper()} {self.url} [{self.fields}]: {self.problem}"


@dataclass
class Sweep:
    """Sends the requests and keeps what went wrong."""

    tables: list[str]
    failures: list[Failure] = field(default_factory=list)
    known_seen: set[Known] = field(default_factory=set)
    slow: list[str] = field(default_factory=list)
    requests: int = 0

    def counts(self) -> tuple[int, ...]:
        """Row counts of `tables` (names from the models' own metadata), in one query."""
        quote = connection.ops.quote_name
        counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in self.tables)  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {counts}")
            return tuple(cursor.fetchone())

    def send(self, who: str, client: Client, method: str, url: str, data: dict, label: str):
        self.requests += 1
        started = time.monotonic()
        cookies = copy.deepcopy(client.cookies)
        for each in caches.all():
            each.clear()
        with transaction.atomic():
            before = self.counts()
            if method == "get":
                path, _, query = url.partition("?")
                extra = encoded(data)
                response = client.get(path, QUERY_STRING="&".join(q for q in (query, extra) if q))
            else:
                response = client.post(
                    url, encoded(data), content_type="application/x-www-form-urlencoded"
                )
            after = before if connection.needs_rollback else self.counts()
            transaction.set_rollback(True)
        client.cookies = cookies
        if (took := time.monotonic() - started) > SLOW_SECONDS:
            self.slow.append(f"{took:.0f}s {who} {method.upper()} {url[:100]} [{label[:160]}]")
        problem = None
        if response.status_code >= 500:
            exc = response.exc_info[1] if getattr(response, "exc_info", None) else None
            if known := known_error(who, method, url, exc):
                self.known_seen.add(known)
                return response
            problem = f"{response.status_code} {type(exc).__name__}: {str(exc)[:160]}"
        elif 300 <= response.status_code < 400:
            host = urlsplit(response.get("Location", "")).hostname
            if host not in (None, "testserver"):
                problem = f"redirects off-site to {response['Location'][:80]}"
        elif after != before:
            changed = [t for t, a, b in zip(self.tables, after, before, strict=True) if a != b]
            problem = f"{response.status_code} but rows changed in {changed}"
        if problem:
            self.failures.append(Failure(who, method, url[:120], label[:200], problem))
        return response


# ---------------------------------------------------------------------------------------
# The seeded world and the URLs to request


def seed() -> dict[str, object]:
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, Page, Site, Task, Workflow

    from cop_site.accounts.models import User
    from cop_site.accounts.regulators import Regulator
    from cop_site.accounts.services import grant_role, profile_for, update_profile
    from cop_site.home.models import SiteChrome, StandardPage
    from resources.models import (
        ReadingListIndexPage,
        ReadingListPage,
        ResourcePage,
    )
    from resources.services import appraise_as_learner, rate_resource
    from tests.conftest import activate_totp
    from tests.resources.conftest import judgements

    def member(email: str, role: str, mfa: bool = False) -> User:
        from allauth.account.models import EmailAddress

        from tests.conftest import PASSWORD

        user = User.objects.create_user(email=email, password=PASSWORD)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        grant_role(user, role)
        if mfa:
            activate_totp(user)
        user.refresh_from_db()
        return user

    members = {
        Role.STUDENT: member("student@example.com", Role.STUDENT),
        Role.EDUCATOR: member("educator@example.com", Role.EDUCATOR, mfa=True),
        Role.SITE_ADMIN: member("admin@example.com", Role.SITE_ADMIN, mfa=True),
        "registered": member("registered@example.com", Role.PRACTITIONER),
    }
    update_profile(
        profile_for(members["registered"]),
        display_name="Registered Person",
        regulator=Regulator.SOCIAL_WORK_ENGLAND,
        registration_number="SW123456",
    )
    objects = base_objects(members)
    resource = ResourcePage.objects.get(pk=objects["resource"])
    resource.save_revision().publish()
    appraise_as_learner(resource, by=members[Role.STUDENT], scores=judgements(), reflection="Hm.")
    rate_resource(resource, by=members[Role.STUDENT], score=4, comment="Useful.")
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=ReadingListIndexPage(title="Reading lists", slug="lists"))
    reading_list = index.add_child(
        instance=ReadingListPage(
            title="Capacity",
            slug="capacity",
            intro="Reading on capacity.",
            purpose="placement",
            members_only=True,
        )
    )
    standard = home.add_child(instance=StandardPage(title="About", slug="about", body=[]))
    image = Image.objects.create(title="Photo", file=get_test_image_file())
    document = Document.objects.create(title="Leaflet", file=ContentFile(b"leaflet", "a.txt"))
    redirect = Redirect.objects.create(old_path="/old", redirect_link="/")
    # Made on first use otherwise, which would look like a write on every request.
    SiteChrome.for_site(Site.objects.get(is_default_site=True))
    library_pk = objects["library"]
    objects.update(
        members=members,
        page=resource.pk,
        library_page=objects["library"],
        revision=resource.latest_revision_id,
        image=image.pk,
        document=document.pk,
        redirect=redirect.pk,
        collection=Collection.get_first_root_node().pk,
        workflow=Workflow.objects.order_by("pk").first().pk,
        task=Task.objects.order_by("pk").first().pk,
        group=Group.objects.order_by("pk").first().pk,
        site=Site.objects.get(is_default_site=True).pk,
        page_urls=[
            page.url
            for page in Page.objects.filter(
                pk__in=[home.pk, library_pk, resource.pk, index.pk, reading_list.pk, standard.pk]
            ).specific()
        ],
    )
    return objects


# The model behind a `pk` in each Wagtail admin area, by the path after /admin/.
ADMIN_AREAS = {
    "users/": ("accounts", "user"),
    "groups/": ("auth", "group"),
    "sites/": ("wagtailcore", "site"),
    "collections/": ("wagtailcore", "collection"),
    "workflows/tasks/": ("wagtailcore", "task"),
    "workflows/": ("wagtailcore", "workflow"),
    "resource_topics/": ("resources", "topic"),
    "resource_appraisals/": ("resources", "appraisal"),
    "search_synonyms/": ("cop_search", "synonymgroup"),
    "api/main/^pages/": ("wagtailcore", "page"),
    "api/main/^documents/": ("wagtaildocs", "document"),
    "api/main/^images/": ("wagtailimages", "image"),
    "documents/": ("wagtaildocs", "document"),
    "images/": ("wagtailimages", "image"),
    "settings/": ("home", "sitechrome"),
}
BY_NAME = {
    "page_id": "page",
    "parent_page_id": "library_page",
    "page_to_move_id": "page",
    "destination_id": "library_page",
    "page_pk": "page",
    "revision_id": "revision",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "redirect_id": "redirect",
    "collection_id": "collection",
    "task_id": "task",
    "workflow_pk": "workflow",
}
WORDS = {
    "content_type_app_name": "resources",
    "content_type_model_name": "resourcepage",
    "app_label": "wagtailcore",
    "model_name": "page",
    "app_name": "home",
    "action": "delete",
    "action_name": "approve",
    "filter_spec": "fill-100x100",
    "object_id": None,
}


def first_pk(app_label: str, model_name: str) -> str:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return "1"
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(pk if pk is not None else 1)


def id_for(route: str, name: str, world: dict) -> str:
    if name in BY_NAME:
        return str(world[BY_NAME[name]])
    project = {
        "people/": "registered",
        "manage/": "registered",
        "resources/": "resource",
        "search/saved/": "saved",
    }
    for prefix, key in project.items():
        if route.startswith(prefix):
            return str(world[key])
    if route.startswith("django-admin/"):
        parts = route.split("/")
        return first_pk(parts[1], parts[2])
    if route.startswith("admin/"):
        rest = route.removeprefix("admin/")
        if rest.startswith("settings/"):
            return first_pk("home", "sitechrome")
        for area, (app_label, model_name) in ADMIN_AREAS.items():
            if rest.startswith(area):
                return first_pk(app_label, model_name)
    return "1"


def filled(route: str, world: dict) -> str:
    """`route` with the ids of seeded objects and words its views know."""

    def value(match) -> str:
        converter, name = match.group("converter") or "str", match.group("name")
        if converter in ("int", "id") or name.endswith(("id", "pk")) or name == "pk":
            return id_for(route, name, world)
        if name == "object_id":
            return id_for(route, name, world)
        word = WORDS.get(name)
        if name in ("app_label", "model_name") and "workflows/tasks" in route:
            word = {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}[name]
        if name in ("app_name", "model_name") and "tag-autocomplete" in route:
            word = {"app_name": "taggit", "model_name": "tag"}[name]
        if name in ("app_name", "model_name") and "settings/" in route:
            word = {"app_name": "home", "model_name": "sitechrome"}[name]
        return word or "x"

    return "/" + ROUTE_CONVERTER_RE.sub(value, route)


@dataclass(frozen=True)
class Target:
    url: str
    view: str
    project: bool


def targets(world: dict) -> list[Target]:
    found = []
    for route in every_route():
        project = route.view.startswith(PROJECT_PACKAGES)
        url = route.url
        if "(?P" not in route.route and "^" not in route.route:
            candidate = filled(route.route, world)
            try:
                if resolve(candidate).route == resolve(route.url).route:
                    url = candidate
            except Resolver404:
                pass
        found.append(Target(url=url, view=route.view, project=project))
    for page_url in world["page_urls"]:
        found.append(Target(url=page_url, view=WAGTAIL_SERVE, project=True))
    return found


def hostile_paths(route_url: str) -> list[tuple[str, str]]:
    """The same route with an id beyond any row and a negative one, and with raw bytes for
    each word it takes."""
    try:
        route = resolve(urlsplit(route_url).path).route
    except Resolver404:
        return []
    if "(?P" in route or "^" in route:
        return []
    converters = {m.group("converter") or "str" for m in ROUTE_CONVERTER_RE.finditer(route)}
    paths = []
    if converters & {"int", "id", "path"}:
        paths.append(("huge_id", "/" + ROUTE_CONVERTER_RE.sub(HUGE_ID, route)))
        paths.append(("negative_id", "/" + ROUTE_CONVERTER_RE.sub("-1", route)))
    if converters & {"str", "slug", "path"}:
        paths.append(("bad_utf8_path", "/" + ROUTE_CONVERTER_RE.sub("%FF%FE", route)))
    return paths


# ---------------------------------------------------------------------------------------


def sweep_as(who: str, client: Client, world: dict, sweep: Sweep, privileged: bool) -> None:
    seen_forms: set[tuple] = set()
    for target in targets(world):
        if not privileged and target.url.startswith(THIRD_PARTY_ADMINS):
            # The admins turn away everyone else at the door; one hostile request will do.
            (values,) = rotations(list(COMMON_PARAMS), 1)
            sweep.send(who, client, "get", target.url, values, describe(values))
            continue
        page = sweep.send(who, client, "get", target.url, {}, "as served")
        forms = forms_in(page)
        query_names = sorted(
            {*COMMON_PARAMS, *(n for f in forms if f["method"] == "get" for n in f["fields"])}
        )
        for values in rotations(query_names, requests_needed(query_names, target.project)):
            sweep.send(who, client, "get", target.url, values, describe(values))
        for label, path in hostile_paths(target.url):
            sweep.send(who, client, "get", path, {}, label)
            if target.project:
                sweep.send(who, client, "post", path, {}, label)
        for form in forms:
            action = urljoin(target.url, form["action"]) if form["action"] else target.url
            if urlsplit(action).hostname not in (None, "testserver"):
                continue
            action_path = urlsplit(action).path
            names = sorted(form["fields"])
            try:
                route = resolve(action_path).route
            except Resolver404:
                route = action_path
            key = (form["method"], route, tuple(names))
            if key in seen_forms:
                continue
            seen_forms.add(key)
            is_project = target.project or action_path.startswith(
                ("/resources/", "/search/", "/people/", "/manage/", "/accounts/profile/")
            )
            for values in rotations(names, requests_needed(names, is_project)):
                sweep.send(who, client, form["method"], action, values, f"form: {describe(values)}")


# The search index's outbox: in tests a search first applies the index operations earlier
# requests queued, and applying them removes them, whatever the search itself was given.
UNCHECKED_MODELS = frozenset({"cop_search.IndexOperation"})


def checked_tables() -> list[str]:
    unchecked = {apps.get_model(label)._meta.db_table for label in UNCHECKED_MODELS}
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in CHECKED_APPS
        and model._meta.managed
        and model._meta.db_table not in unchecked
    )


@pytest.mark.parametrize("who", ["anonymous", Role.STUDENT, Role.SITE_ADMIN])
def test_no_hostile_input_gives_a_server_error_or_a_half_done_write(who):
    started = time.monotonic()
    world = seed()
    client = Client() if who == "anonymous" else sign_in(world["members"][who])
    client.raise_request_exception = False
    sweep = Sweep(tables=checked_tables())

    sweep_as(who, client, world, sweep, privileged=who == Role.SITE_ADMIN)

    elapsed = time.monotonic() - started
    report = "\n".join(str(f) for f in sweep.failures)
    print(f"{who}: {sweep.requests} requests in {elapsed:.0f}s")
    print("\n".join(sweep.slow))
    assert not sweep.failures, (
        f"{len(sweep.failures)} of {sweep.requests} requests failed ({elapsed:.0f}s):\n{report}"
    )
    expected = {
        known
        for known in KNOWN_THIRD_PARTY_ERRORS
        if known.who == who and connection.vendor in known.databases
    }
    assert sweep.known_seen == expected, (
        f"Fixed upstream? No longer seen: {expected - sweep.known_seen}"
    )
