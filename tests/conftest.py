"""Shared fixtures: members in each role, their authenticators, and signed-in clients.

`make_user` builds a member the way the site would have: a user, a verified primary
email address (allauth's `EmailAddress`), roles granted through the accounts services,
profile fields, and optionally an activated TOTP authenticator with recovery codes.
"""

import itertools
import time
from collections.abc import Callable, Iterable

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.core.cache import caches
from django.test import Client

from cop_site.accounts.models import Role, User
from cop_site.accounts.services import grant_role, profile_for, update_profile

PASSWORD = "correct-horse-9"

_emails = itertools.count(1)


def totp_code_for_secret(secret: str) -> str:
    """The code an authenticator app would show now for `secret`.

    A code is valid only within its time step; near the end of a step this waits for
    the next one, so the code is still valid when the server checks it.
    """
    period = mfa_settings.TOTP_PERIOD
    remaining = period - (time.time() % period)
    if remaining < 1.5:
        time.sleep(remaining + 0.05)
    counter = int(time.time()) // period
    return format_hotp_value(hotp_value(secret, counter))


def totp_secret(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def totp_code(user: User) -> str:
    """The current code of `user`'s authenticator app."""
    return totp_code_for_secret(totp_secret(user))


def recovery_codes(user: User) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()


def activate_totp(user: User) -> str:
    """Sets up an authenticator app and recovery codes for `user`; returns the TOTP secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


@pytest.fixture(autouse=True)
def _clear_caches():
    """Rate limits, used TOTP codes and other cached state never leak between tests."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db) -> MakeUser:
    """Factory: `make_user(email=None, roles=(), password=PASSWORD, verified_email=True,
    mfa=False, **profile_fields)` returns a saved member."""

    def make(
        email: str | None = None,
        roles: Iterable[str] = (),
        password: str | None = PASSWORD,
        verified_email: bool = True,
        mfa: bool = False,
        **profile_fields: object,
    ) -> User:
        if email is None:
            email = f"member{next(_emails)}@example.com"
        user = User.objects.create_user(email=email, password=password)
        EmailAddress.objects.create(
            user=user, email=user.email, verified=verified_email, primary=True
        )
        for role in roles:
            grant_role(user, role)
        if profile_fields:
            update_profile(profile_for(user), **profile_fields)
        if mfa:
            activate_totp(user)
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def student(make_user) -> User:
    return make_user("student@example.com", roles=[Role.STUDENT], display_name="Sam Student")


@pytest.fixture
def practitioner(make_user) -> User:
    return make_user(
        "practitioner@example.com", roles=[Role.PRACTITIONER], display_name="Pat Practitioner"
    )


@pytest.fixture
def contributor(make_user) -> User:
    return make_user(
        "contributor@example.com", roles=[Role.CONTRIBUTOR], display_name="Chris Contributor"
    )


# Privileged members come with an authenticator app set up, as they need one to reach
# their tools. Use make_user(..., mfa=False) for one who has not set it up yet.
@pytest.fixture
def educator(make_user) -> User:
    return make_user(
        "educator@example.com", roles=[Role.EDUCATOR], mfa=True, display_name="Eve Educator"
    )


@pytest.fixture
def moderator(make_user) -> User:
    return make_user(
        "moderator@example.com", roles=[Role.MODERATOR], mfa=True, display_name="Mo Moderator"
    )


@pytest.fixture
def site_admin(make_user) -> User:
    return make_user(
        "admin@example.com", roles=[Role.SITE_ADMIN], mfa=True, display_name="Ada Admin"
    )


@pytest.fixture
def anonymous_client() -> Client:
    """A client for someone who is not signed in."""
    return Client()


@pytest.fixture
def client_as() -> Callable[[User], Client]:
    """Factory: a fresh test client already signed in as the given member.

    It skips the log-in form (and its MFA step); tests about logging in use the form.
    """

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(name="totp_code")
def totp_code_fixture() -> Callable[[User], str]:
    """The `totp_code(user)` helper, for tests that prefer a fixture to an import."""
    return totp_code
