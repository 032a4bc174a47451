"""Confirming it is you before a sensitive change, but not straight after signing in."""

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.conf import settings

from tests.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
ACTIVATE_URL = "/accounts/2fa/totp/activate/"
EMAIL_URL = "/accounts/email/"


def sign_in(client, user) -> None:
    response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    if response["Location"] == "/accounts/2fa/authenticate/":
        response = client.post(response["Location"], {"code": totp_code(user)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def age_the_sign_in(client, seconds: int) -> None:
    """Moves this session's record of signing in ``seconds`` into the past."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - seconds}
        for record in session[AUTHENTICATION_METHODS_SESSION_KEY]
    ]
    session.save()


def test_just_signed_in_sets_up_an_authenticator_without_the_password_again(client, make_user):
    sign_in(client, make_user(roles=["educator"]))

    assert client.get(ACTIVATE_URL).status_code == 200


def test_just_signed_in_adds_an_email_address_without_the_password_again(client, practitioner):
    sign_in(client, practitioner)

    response = client.post(EMAIL_URL, {"email": "work@example.com", "action_add": ""})

    assert response.status_code == 302
    assert response["Location"] == EMAIL_URL
    assert practitioner.emailaddress_set.filter(email="work@example.com").exists()


def test_signed_in_with_a_second_factor_counts_too(client, moderator):
    sign_in(client, moderator)

    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200


def test_some_minutes_after_signing_in_the_password_is_asked_again(client, practitioner):
    sign_in(client, practitioner)
    age_the_sign_in(client, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)

    response = client.post(EMAIL_URL, {"email": "work@example.com", "action_add": ""})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not practitioner.emailaddress_set.filter(email="work@example.com").exists()

    # Once the password is confirmed, the address asked for is added.
    assert client.post(response["Location"], {"password": PASSWORD}).status_code == 302
    assert practitioner.emailaddress_set.filter(email="work@example.com").exists()


def test_a_session_that_never_signed_in_here_is_asked(client, practitioner):
    # For example one restored some other way: nothing records that it proved who it is.
    client.force_login(practitioner)

    response = client.get(ACTIVATE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
