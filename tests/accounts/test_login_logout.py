"""Logging in with an email address, logging out, and allauth's rate limit on failures."""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
LOGOUT_URL = "/accounts/logout/"
MISMATCH = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_login_with_email_and_password_redirects_signed_in(client, practitioner):
    response = client.post(LOGIN_URL, {"login": practitioner.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == str(practitioner.pk)


def test_login_email_is_not_case_sensitive(client, practitioner):
    response = client.post(LOGIN_URL, {"login": "Practitioner@Example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(practitioner.pk)


def test_login_follows_next(client, practitioner):
    response = client.post(
        f"{LOGIN_URL}?next=/accounts/profile/",
        {"login": practitioner.email, "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"


def test_wrong_password_shows_an_error_and_keeps_the_email(client, practitioner):
    response = client.post(LOGIN_URL, {"login": practitioner.email, "password": "not-my-password"})

    assert response.status_code == 200
    page = response.content.decode()
    assert MISMATCH in page
    assert f'value="{practitioner.email}"' in page
    assert signed_in_user_id(client) is None


def test_logout_needs_a_post(client, practitioner):
    client.post(LOGIN_URL, {"login": practitioner.email, "password": PASSWORD})

    confirm = client.get(LOGOUT_URL)
    assert confirm.status_code == 200
    assert signed_in_user_id(client) == str(practitioner.pk)

    response = client.post(LOGOUT_URL)
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_sixth_wrong_password_in_a_row_is_refused_by_the_rate_limit(client, practitioner):
    for _attempt in range(5):
        response = client.post(LOGIN_URL, {"login": practitioner.email, "password": "guess-again"})
        assert response.status_code == 200
        assert MISMATCH in response.content.decode()

    sixth = client.post(LOGIN_URL, {"login": practitioner.email, "password": "guess-again"})

    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert TOO_MANY in page
    assert MISMATCH not in page
    assert signed_in_user_id(client) is None

    # While the limit holds, even the right password is refused for that account ...
    right = client.post(LOGIN_URL, {"login": practitioner.email, "password": PASSWORD})
    assert right.status_code == 429
    assert TOO_MANY in right.content.decode()
    assert f'value="{practitioner.email}"' in right.content.decode()
    assert signed_in_user_id(client) is None


def test_rate_limit_is_per_account(client, practitioner, student):
    for _attempt in range(6):
        client.post(LOGIN_URL, {"login": practitioner.email, "password": "guess-again"})

    # ... but it does not lock out other people signing in from the same place.
    response = client.post(LOGIN_URL, {"login": student.email, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(student.pk)
