"""Every place that shows content agrees on who may read it.

For each kind of content (``SUBJECTS``: resources, reading lists, ordinary pages), one document of
each restriction type is made, each holding two words found nowhere else: one in its title, one
in its text. Then every role asks every consumer (the list page, the home page, the detail page,
the resource's appraisal views, search results, counts, facets, autocomplete, "did you mean",
``word*``, the saved-search alert email) and the answer must be what ``MAY_READ`` says, on the
Whoosh engine and on Wagtail's database engine. The expected answers come only from the tables
below, never from the code under test.

A new kind of content joins by adding one line to ``SUBJECTS``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from django.http import QueryDict
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cop_site.accounts.models import Role
from cop_site.home.models import StandardPage
from cop_site.search.models import SavedSearch
from cop_site.search.saved import save_search, send_due_alerts
from cop_site.search.service import SiteSearch
from resources.models import ReadingListIndexPage, ReadingListPage, ReadingListPurpose
from tests.search.engines import DATABASE

LOGIN = "/accounts/login/"

# --- who may read what: the specification ----------------------------------------------------

ANONYMOUS = "anonymous visitor"
STUDENT = "student (a signed-in member)"
GROUP_MEMBER = "member of the restricted group"
EDUCATOR = "educator"
ADMIN = "site admin"
ROLES = (ANONYMOUS, STUDENT, GROUP_MEMBER, EDUCATOR, ADMIN)
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}

PUBLIC = "public"
MEMBERS = "members only (log-in restriction)"
GROUP = "restricted to a group"
UNPUBLISHED = "unpublished"
DELETED = "deleted"
MEMBERS_ONLY_LIST = "a members-only reading list"

# Who may read a document of each restriction type. Site admins are superusers, whom Wagtail
# lets through every group restriction; nobody reads a draft or a deleted page on the site.
MAY_READ: dict[str, frozenset[str]] = {
    PUBLIC: frozenset(ROLES),
    MEMBERS: SIGNED_IN,
    GROUP: frozenset({GROUP_MEMBER, ADMIN}),
    UNPUBLISHED: frozenset(),
    DELETED: frozenset(),
    MEMBERS_ONLY_LIST: SIGNED_IN,
}

FOUND = 200
TO_LOG_IN = 302
NOT_FOUND = 404


def refused(restriction: str, role: str) -> int:
    """What the detail page answers someone who may not read it: a restricted page sends
    them to log in (Wagtail does so even when they are signed in but not in the group);
    a page that is not live is not found."""
    if restriction in (UNPUBLISHED, DELETED):
        return NOT_FOUND
    return TO_LOG_IN


# --- the kinds of content ---------------------------------------------------------------------


@dataclass
class World:
    library: Any
    reading_lists: ReadingListIndexPage
    home: Page
    group: Group
    make_resource: Callable[..., Any]


@dataclass(frozen=True)
class Subject:
    name: str
    make: Callable[[World, str, str], Page]  # (world, title, text) -> a live document
    kind: str  # the search page's kind of result
    list_url: Callable[[World], str] | None = None  # the page that lists them, if any
    on_home_page: bool = False
    detail_views: tuple[str, ...] = ()  # more views of one document, "{pk}" in the path
    facets: bool = False
    alerts: bool = False
    restrictions: tuple[str, ...] = ()  # restriction types of its own, beyond the common ones


def make_resource_doc(world: World, title: str, text: str) -> Page:
    return world.make_resource(title, summary=f"A guide to {text} in practice.")


def make_reading_list(world: World, title: str, text: str) -> Page:
    page = ReadingListPage(
        title=title, intro=f"Readings on {text}.", purpose=ReadingListPurpose.TOPIC
    )
    world.reading_lists.add_child(instance=page)
    return page


def make_standard_page(world: World, title: str, text: str) -> Page:
    page = StandardPage(title=title, intro=f"Notes on {text}.", body=[])
    world.home.add_child(instance=page)
    return page


# One line a kind of content.
# fmt: off
SUBJECTS = [
    Subject("resource", make_resource_doc, "resources", lambda w: w.library.url, on_home_page=True, detail_views=("/resources/{pk}/rate/",), facets=True, alerts=True),  # noqa: E501
    Subject("reading list", make_reading_list, "pages", lambda w: w.reading_lists.url, on_home_page=True, restrictions=(MEMBERS_ONLY_LIST,)),  # noqa: E501
    Subject("page", make_standard_page, "pages"),
]
# fmt: on

COMMON_RESTRICTIONS = (PUBLIC, MEMBERS, GROUP, UNPUBLISHED, DELETED)

# --- the documents ----------------------------------------------------------------------------

_letters = random.Random(20261201)


def made_up_word() -> str:
    """A word found in no dictionary and far from every other made-up word."""
    consonants, vowels = "bdfgklmnprtvz", "aiou"
    return "".join(_letters.choice(consonants) + _letters.choice(vowels) for _ in range(5)) + "k"


def misspelt(word: str) -> str:
    """``word`` with two letters in its middle swapped: one edit away."""
    return word[:4] + word[5] + word[4] + word[6:]


@dataclass
class Document:
    restriction: str
    page: Page
    title_word: str
    text_word: str
    url: str
    pk: int
    title: str = field(init=False)

    def __post_init__(self) -> None:
        self.title = self.page.title


def restrict(page: Page, restriction: str, group: Group) -> None:
    if restriction == MEMBERS:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif restriction == GROUP:
        view = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        view.groups.add(group)
    elif restriction == UNPUBLISHED:
        page.unpublish()
    elif restriction == DELETED:
        page.delete()
    elif restriction == MEMBERS_ONLY_LIST:
        page.members_only = True
        page.save_revision().publish()


# --- asking each consumer ---------------------------------------------------------------------


@dataclass
class Asker:
    """One role asking: returns what each consumer showed of a document."""

    role: str
    user: Any
    client: Client
    engine: str
    subject: Subject
    world: World
    alert_bodies: str = ""
    pages_seen: dict[str, str] = field(default_factory=dict)

    def html(self, url: str, **params: str) -> str:
        key = url + "?" + "&".join(f"{k}={v}" for k, v in params.items())
        if key not in self.pages_seen:
            response = self.client.get(url, params)
            assert response.status_code == 200, (self.role, key, response.status_code)
            self.pages_seen[key] = response.content.decode()
        return self.pages_seen[key]

    def site_search(self, query: str, kind: str | None = None) -> SiteSearch:
        data = QueryDict(mutable=True)
        data["q"] = query
        if kind:
            data["kind"] = kind
        return SiteSearch(data, user=self.user or AnonymousUser()).run()

    def answers(self, doc: Document) -> dict[str, object]:
        """Each consumer's answer about ``doc``: whether it showed it (or, for the detail
        views, the status code)."""
        subject = self.subject
        out: dict[str, object] = {}
        if subject.list_url is not None:
            out["list page"] = doc.title in self.html(subject.list_url(self.world))
        if subject.on_home_page:
            out["home page"] = doc.title in self.html("/")
        response = self.client.get(doc.url)
        shown = response.status_code == 200 and doc.text_word in response.content.decode()
        out["detail page"] = FOUND if shown else response.status_code
        if response.status_code == 302:
            out["detail page"] = TO_LOG_IN if response["Location"].startswith(LOGIN) else 302
        for view in subject.detail_views:
            status = self.client.get(view.format(pk=doc.pk)).status_code
            out[view] = status
        # The search page repeats what was searched for, so it is the title word that tells.
        results = self.html("/search/", q=doc.text_word)
        out["search results"] = doc.title in results
        search = self.site_search(doc.text_word)
        out["counts"] = (search.counts.get(subject.kind, 0), search.total)
        if subject.facets:
            facets = self.site_search(doc.text_word, subject.kind).facets
            format_facet = [f for f in facets if f["name"] == "format"]
            out["facets"] = sum(o["count"] for f in format_facet for o in f["options"])
        response = self.client.get("/search/autocomplete/", {"q": doc.title_word[:6]})
        titles = [s["title"] for s in response.json()["suggestions"]]
        out["autocomplete"] = doc.title in titles
        # Neither the word nor the title may show when the document may not be read: not as
        # a suggestion, an expansion, a result or a snippet.
        corrected = self.html("/search/", q=misspelt(doc.text_word))
        out["did you mean"] = doc.text_word in corrected or doc.title in corrected
        # Every engine expands ``word*`` from titles (the database engine from nothing else).
        wildcard = self.html("/search/", q=doc.title_word[:7] + "*")
        out["wildcard"] = doc.title in wildcard or doc.text_word in wildcard
        if subject.alerts and self.user is not None:
            out["alert email"] = doc.title in self.alert_bodies
        return out

    def expected(self, doc: Document) -> dict[str, object]:
        subject = self.subject
        readable = self.role in MAY_READ[doc.restriction]
        out: dict[str, object] = {}
        if subject.list_url is not None:
            out["list page"] = readable
        if subject.on_home_page:
            out["home page"] = readable
        out["detail page"] = FOUND if readable else refused(doc.restriction, self.role)
        for view in subject.detail_views:
            if self.user is None:
                out[view] = TO_LOG_IN
            else:
                out[view] = FOUND if readable else NOT_FOUND
        out["search results"] = readable
        out["counts"] = (1, 1) if readable else (0, 0)
        if subject.facets:
            out["facets"] = 1 if readable else 0
        out["autocomplete"] = readable
        # Spelling suggestions come from the Whoosh index's vocabulary; the database engine
        # makes none.
        out["did you mean"] = readable and self.engine != DATABASE
        out["wildcard"] = readable
        if subject.alerts and self.user is not None:
            out["alert email"] = readable
        return out


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
def world(engine, home_page, library, make_resource, make_user) -> World:
    reading_lists = ReadingListIndexPage(title="Reading lists", slug="reading-lists")
    home_page.add_child(instance=reading_lists)
    return World(
        library=library,
        reading_lists=reading_lists,
        home=home_page,
        group=Group.objects.create(name="Spring placement group"),
        make_resource=make_resource,
    )


def _people(make_user, group: Group) -> dict[str, Any]:
    member = make_user(roles=[Role.STUDENT])
    member.groups.add(group)
    return {
        ANONYMOUS: None,
        STUDENT: make_user(roles=[Role.STUDENT]),
        GROUP_MEMBER: member,
        EDUCATOR: make_user(roles=[Role.EDUCATOR], mfa=True),
        ADMIN: make_user(roles=[Role.SITE_ADMIN], mfa=True),
    }


def _alert_emails(people: dict[str, Any], docs: list[Document]) -> dict[str, str]:
    """Each member saves a search for every document's word, with alerts, a week ago; the
    weekly alerts then run. The text of the emails each member was sent."""
    week_ago = timezone.now() - datetime.timedelta(days=8)
    for user in people.values():
        if user is None:
            continue
        for doc in docs:
            saved = save_search(user, f"q={doc.text_word}", alerts=True)
            SavedSearch.objects.filter(pk=saved.pk).update(last_alerted_at=week_ago)
    mail.outbox.clear()
    send_due_alerts()
    bodies: dict[str, str] = {}
    for message in mail.outbox:
        for to in message.to:
            bodies[to] = bodies.get(to, "") + message.body
    return bodies


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: s.name)
def test_every_consumer_shows_exactly_what_the_rule_allows(subject, world, engine, make_user):
    people = _people(make_user, world.group)
    docs = []
    for restriction in (*COMMON_RESTRICTIONS, *subject.restrictions):
        title_word, text_word = made_up_word(), made_up_word()
        page = subject.make(world, f"{title_word.capitalize()} {subject.name}", text_word)
        page.save_revision().publish()  # as an editor would: it has a first published date
        docs.append(Document(restriction, page, title_word, text_word, page.url, page.pk))
    # Restricted only once every document exists, so each restriction is a change the
    # index and every consumer must follow.
    for doc in docs:
        restrict(doc.page, doc.restriction, world.group)
    alerts = _alert_emails(people, docs) if subject.alerts else {}

    disagreements = []
    for role, user in people.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        asker = Asker(role, user, client, engine, subject, world)
        asker.alert_bodies = alerts.get(user.email, "") if user is not None else ""
        for doc in docs:
            answers, expected = asker.answers(doc), asker.expected(doc)
            for consumer, want in expected.items():
                got = answers[consumer]
                if got != want:
                    disagreements.append(
                        f"{subject.name} {doc.restriction}, {role}, {consumer}:"
                        f" expected {want}, got {got}"
                    )
    assert not disagreements, "\n".join(disagreements)
