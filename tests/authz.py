"""The authorisation matrix: each URL, requested by every kind of visitor, answers an exact status.

Each app lists its rows in its own `tests/<app>/test_authz_matrix.py` as `ROWS`, a list of
`row(...)`, and checks them with the `authz` fixture; `tests/security/test_authz_complete.py`
finds those modules by name and fails for any project URL pattern no row covers.

A row names its expected answer for each column (`COLUMNS`): an HTTP status, or a
`Redirect` to a path (the log-in page, the second-factor set-up). Columns that are not
named take the row's `default`; `signed_out` sets both columns of people who are not signed
in (anonymous, and a session whose second factor is still pending).

URLs may name objects of the seeded world in braces: `/resources/{resource}/rate/`. The base
world (`BASE_OBJECTS`) has a resource, a member awaiting verification and a saved search;
an app whose URLs need objects of its own passes a seeding function to `authz(seed)`, which
receives the signed-in `members` and returns more names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.models import Site

from cop_site.accounts.models import Role, User
from cop_site.accounts.regulators import Regulator
from tests.conftest import PASSWORD, totp_code

ANONYMOUS = "anonymous"
PASSWORD_ONLY = "password_only"  # password accepted, second factor not yet given
STAFF_WITHOUT_MFA = "staff_without_mfa"  # a site admin who has not set up a second factor
ROLE_COLUMNS = tuple(Role.values)
COLUMNS = (ANONYMOUS, PASSWORD_ONLY, *ROLE_COLUMNS, STAFF_WITHOUT_MFA)
SIGNED_IN = (*ROLE_COLUMNS, STAFF_WITHOUT_MFA)

LOGIN_URL = "/accounts/login/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"
MFA_SETUP_URL = "/accounts/2fa/"
REAUTHENTICATE_URL = "/accounts/reauthenticate/"


@dataclass(frozen=True)
class Redirect:
    """A redirect (302 unless said otherwise) to the path `to` (any query string aside),
    which may name world objects in braces like a row's URL."""

    to: str
    status: int = 302

    def __str__(self) -> str:
        return f"{self.status}→{self.to}"


Expect = int | Redirect

TO_LOGIN = Redirect(LOGIN_URL)
TO_MFA_SETUP = Redirect(MFA_SETUP_URL)
TO_REAUTHENTICATE = Redirect(REAUTHENTICATE_URL)


@dataclass(frozen=True)
class Row:
    method: str
    url: str
    expect: Mapping[str, Expect]
    data: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.url}"


def row(
    method: str,
    url: str,
    *,
    default: Expect,
    data: Mapping[str, str] | None = None,
    signed_out: Expect | None = None,
    **columns: Expect,
) -> Row:
    """A matrix row: `default` for every column not named, `signed_out` for both columns of
    visitors who are not signed in, and any column by name (`educator=200`)."""
    unknown = set(columns) - set(COLUMNS)
    assert not unknown, f"Unknown columns {unknown}; the columns are {COLUMNS}"
    expect = dict.fromkeys(COLUMNS, default)
    if signed_out is not None:
        expect[ANONYMOUS] = expect[PASSWORD_ONLY] = signed_out
    expect.update(columns)
    return Row(method=method, url=url, expect=expect, data=dict(data or {}))


def matches(response, expected: Expect, objects: Mapping[str, object]) -> bool:
    if isinstance(expected, Redirect):
        return response.status_code == expected.status and urlsplit(
            response.get("Location", "")
        ).path == expected.to.format_map(objects)
    return response.status_code == expected


def describe(response) -> str:
    if 300 <= response.status_code < 400:
        return f"{response.status_code}→{urlsplit(response['Location']).path}"
    return str(response.status_code)


def sign_in(user: User, *, second_factor: bool = True) -> Client:
    """A client signed in through allauth's own log-in form, with the second factor when the
    member has one (so re-authentication records are as real as a person's)."""
    client = Client()
    response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response
    if response["Location"].startswith(MFA_AUTHENTICATE_URL) and second_factor:
        response = client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(user)})
        assert response.status_code == 302, response
    return client


Seed = Callable[[Mapping[str, User]], Mapping[str, object]]


def base_objects(members: Mapping[str, User]) -> dict[str, object]:
    """A live resource, a practitioner awaiting verification, the student's saved search and
    an educator's appraisal, for URLs that name them."""
    from cop_site.search.models import SavedSearch
    from resources.models import KnowledgeSource, ResourceFormat, ResourceLibraryPage, ResourcePage
    from resources.services import appraise_resource
    from tests.resources.conftest import judgements

    home = Site.objects.get(is_default_site=True).root_page
    library = home.add_child(instance=ResourceLibraryPage(title="Library", slug="library"))
    resource = library.add_child(
        instance=ResourcePage(
            title="Making Safeguarding Personal",
            slug="msp",
            summary="A summary.",
            publisher="Social Care Institute for Excellence",
            format=ResourceFormat.GUIDE,
            knowledge_source=KnowledgeSource.objects.get(slug="research"),
            link_url="https://example.org/msp",
        )
    )
    appraisal = appraise_resource(
        resource, by=members[Role.EDUCATOR], scores=judgements(), comment="Sound."
    )
    saved = SavedSearch.objects.create(
        user=members[Role.STUDENT], name="Capacity", query_string="q=capacity"
    )
    return {
        "library": library.pk,
        "resource": resource.pk,
        "resource_url": resource.url,
        "appraisal": appraisal.pk,
        "registered": members["registered"].pk,
        "saved": saved.pk,
    }


@dataclass
class Authz:
    clients: Mapping[str, Client]
    objects: Mapping[str, object]

    def url(self, row: Row) -> str:
        return row.url.format_map(self.objects)

    def check(self, row: Row) -> None:
        """Requests the row's URL as every column; fails listing each column that differs."""
        url = self.url(row)
        wrong = []
        for column in COLUMNS:
            client = self.clients[column]
            response = getattr(client, row.method)(url, row.data)
            if not matches(response, row.expect[column], self.objects):
                wrong.append(f"{column}: expected {row.expect[column]}, got {describe(response)}")
        assert not wrong, f"{row.method.upper()} {url}\n  " + "\n  ".join(wrong)


@pytest.fixture
def authz(make_user, student, practitioner, educator, contributor, moderator, site_admin):
    """Factory: `authz(*seeds)` signs in one member per column and seeds the world."""
    members: dict[str, User] = {
        Role.STUDENT: student,
        Role.PRACTITIONER: practitioner,
        Role.EDUCATOR: educator,
        Role.CONTRIBUTOR: contributor,
        Role.MODERATOR: moderator,
        Role.SITE_ADMIN: site_admin,
        STAFF_WITHOUT_MFA: make_user("no-mfa-admin@example.com", roles=[Role.SITE_ADMIN]),
        PASSWORD_ONLY: make_user("pending@example.com", roles=[Role.SITE_ADMIN], mfa=True),
        "registered": make_user(
            "registered@example.com",
            roles=[Role.PRACTITIONER],
            display_name="Registered Person",
            regulator=Regulator.SOCIAL_WORK_ENGLAND,
            registration_number="SW123456",
        ),
    }

    def build(*seeds: Seed) -> Authz:
        objects = base_objects(members)
        for seed in seeds:
            objects.update(seed(members))
        clients = {ANONYMOUS: Client()}
        for column in (*ROLE_COLUMNS, STAFF_WITHOUT_MFA):
            clients[column] = sign_in(members[column])
        clients[PASSWORD_ONLY] = sign_in(members[PASSWORD_ONLY], second_factor=False)
        return Authz(clients=clients, objects=objects)

    return build
