"""Password reset by emailed link, with enumeration prevention."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET_URL = "/accounts/password/reset/"
RESET_DONE_URL = "/accounts/password/reset/done/"
LOGIN_URL = "/accounts/login/"
RESET_LINK = re.compile(r"http://localhost(/accounts/password/reset/key/[^/\s]+/)")
NEW_PASSWORD = "supervision-notes-77"


def visible_text(response) -> str:
    """The page without per-request values (CSRF token, CSP nonce)."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    return re.sub(r'nonce="[^"]*"', "", page)


def test_reset_by_emailed_link_then_log_in_with_the_new_password(client, practitioner):
    response = client.post(RESET_URL, {"email": practitioner.email})

    assert response.status_code == 302
    assert response["Location"] == RESET_DONE_URL
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [practitioner.email]
    match = RESET_LINK.search(mail.outbox[0].body)
    assert match, mail.outbox[0].body

    # allauth moves the key out of the address into the session before showing the form.
    key_page = client.get(match.group(1), follow=True)
    assert key_page.status_code == 200
    form_url = key_page.redirect_chain[-1][0] if key_page.redirect_chain else match.group(1)
    assert "password1" in key_page.context["form"].fields

    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302

    fresh = Client()
    old = fresh.post(LOGIN_URL, {"login": practitioner.email, "password": PASSWORD})
    assert old.status_code == 200
    assert fresh.session.get("_auth_user_id") is None

    new = fresh.post(LOGIN_URL, {"login": practitioner.email, "password": NEW_PASSWORD})
    assert new.status_code == 302
    assert fresh.session.get("_auth_user_id") == str(practitioner.pk)


def test_used_reset_link_cannot_be_used_again(client, practitioner):
    client.post(RESET_URL, {"email": practitioner.email})
    link = RESET_LINK.search(mail.outbox[0].body).group(1)
    key_page = client.get(link, follow=True)
    form_url = key_page.redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)
    assert again.status_code == 200
    assert again.context["token_fail"] is True


def test_reset_for_an_unknown_address_looks_the_same(client, practitioner):
    known = Client().post(RESET_URL, {"email": practitioner.email}, follow=True)
    unknown = client.post(RESET_URL, {"email": "nobody-here@example.com"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain == [(RESET_DONE_URL, 302)]
    assert unknown.status_code == known.status_code == 200
    assert visible_text(unknown) == visible_text(known)
