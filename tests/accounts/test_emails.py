"""Every email allauth sends, as members receive it: the site's name, nothing left blank,
plain text and HTML saying the same, and links on the site's address that work.

The test client's host is "testserver", and SITE_URL is the demo's address, with its port:
links must follow SITE_URL, never the host a request came in on.
"""

import json
import re
from html import unescape

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client, RequestFactory

from cop_site.accounts.models import User
from tests.accounts.test_webauthn import SoftKey
from tests.conftest import PASSWORD, totp_code_for_secret

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SITE_NAME = "Social Work Community of Practice"
PREFIX = "[Social Work CoP] "
NEW_PASSWORD = "supervision-notes-77"
LINK = re.compile(r"https?://[^\s<>\"]+")

# Where each email's general links lead, for someone not signed in.
ANONYMOUS_STATUS = {
    "/": 200,
    "/accounts/login/": 200,
    "/accounts/signup/": 200,
    "/accounts/password/reset/": 200,
    "/accounts/email/": 302,
    "/accounts/2fa/": 302,
}


@pytest.fixture(autouse=True)
def demo_site_url(settings):
    settings.SITE_URL = SITE


def only_email(to: str | None = None):
    messages = [m for m in mail.outbox if to is None or m.to == [to]]
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    return messages[0]


def html_of(message) -> str:
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    return html


def path_of(link: str) -> str:
    assert link.startswith(f"{SITE}/"), link
    return link[len(SITE) :]


def read(message, *, subject: str) -> list[str]:
    """Checks what every account email must have; returns the links in its text."""
    assert message.subject == f"{PREFIX}{subject}"
    text, html = message.body, html_of(message)
    for body in (text, html):
        assert SITE_NAME in body
        assert "{{" not in body and "{%" not in body
        # A blank where a name or address should be leaves a space before punctuation:
        # "Hello from !", "an account on .".
        assert not re.search(r" [.,!?:]", re.sub(r"<[^>]+>", "", body)), body
    assert html.startswith("<!DOCTYPE html>")
    links = LINK.findall(text)
    assert links
    assert all(link.startswith(f"{SITE}/") for link in links), links
    # The HTML version links to the same places.
    assert {unescape(href) for href in re.findall(r'href="([^"]+)"', html)} == set(links)
    for link in links:
        path = path_of(link)
        if path in ANONYMOUS_STATUS:
            assert Client().get(path).status_code == ANONYMOUS_STATUS[path], path
    return links


def action_link(links: list[str], path_start: str) -> str:
    (link,) = [link for link in links if path_of(link).startswith(path_start)]
    return path_of(link)


def sign_in(client, user, password: str = PASSWORD) -> None:
    """Signs in through the log-in form, as a member would (so without a second factor)."""
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    mail.outbox.clear()


def read_notification(message, *, subject: str, says: str) -> None:
    links = read(message, subject=subject)
    assert says in message.body
    assert says in html_of(message)
    assert f"{SITE}/accounts/password/reset/" in links
    assert f"{SITE}/accounts/2fa/" in links
    assert "127.0.0.1" in message.body  # the address the change came from


# --- Emails that ask the reader to do something -----------------------------------------


def test_signup_confirmation(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "amara.new@example.com",
            "password1": "placement-diary-42",
            "password2": "placement-diary-42",
            "display_name": "Amara N.",
            "role": "student",
        },
    )
    assert response.status_code == 302

    message = only_email()
    links = read(message, subject="Confirm your email address to finish joining")
    assert message.body.startswith("Hello Amara N.,")
    assert "Thank you for joining Social Work Community of Practice." in message.body
    assert "amara.new@example.com" in message.body

    confirm = action_link(links, "/accounts/confirm-email/")
    page = client.get(confirm)
    assert page.status_code == 200
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(email="amara.new@example.com").verified


def test_adding_an_email_address(client, practitioner):
    sign_in(client, practitioner)

    response = client.post("/accounts/email/", {"email": "second@example.com", "action_add": ""})
    assert response.status_code == 302

    message = only_email("second@example.com")
    links = read(message, subject="Confirm your email address")
    assert "asked to add second@example.com to an account" in message.body
    confirm = action_link(links, "/accounts/confirm-email/")
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(email="second@example.com").verified


def test_password_reset_link_then_the_notice_that_it_was_reset(client, practitioner):
    assert (
        client.post("/accounts/password/reset/", {"email": practitioner.email}).status_code == 302
    )

    message = only_email()
    links = read(message, subject="Reset your password")
    assert practitioner.email in message.body
    reset = client.get(action_link(links, "/accounts/password/reset/key/"), follow=True)
    assert reset.status_code == 200
    form_url = reset.redirect_chain[-1][0]
    mail.outbox.clear()

    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    read_notification(
        only_email(),
        subject="Your password was reset",
        says="The password of your Social Work Community of Practice account was reset",
    )


def test_unknown_account(client):
    assert (
        client.post("/accounts/password/reset/", {"email": "nobody@example.com"}).status_code == 302
    )

    message = only_email("nobody@example.com")
    links = read(message, subject="There is no account with this email address")
    assert message.body.startswith("Hello,\n")
    assert "there is no account with that address" in message.body
    assert client.get(action_link(links, "/accounts/signup/")).status_code == 200


def test_account_already_exists(client, practitioner):
    client.post(
        "/accounts/signup/",
        {
            "email": practitioner.email,
            "password1": "placement-diary-42",
            "password2": "placement-diary-42",
            "display_name": "Someone",
            "role": "student",
        },
    )

    message = only_email(practitioner.email)
    links = read(message, subject="You already have an account")
    assert f"with the email address {practitioner.email}" in message.body
    assert f"{SITE}/accounts/login/" in links
    assert client.get(action_link(links, "/accounts/password/reset/")).status_code == 200


def test_codes_by_email_when_switched_on(rf: RequestFactory, practitioner):
    # Sign-in and password reset codes are off on this site; their emails still read well.
    request = rf.get("/")
    request.user, request.session = AnonymousUser(), SessionStore()
    with allauth_context.request_context(request):
        get_adapter().send_mail("account/email/login_code", practitioner.email, {"code": "K7P2QX"})
        get_adapter().send_mail(
            "account/email/password_reset_code", practitioner.email, {"code": "M4T9WR"}
        )

    login_code, reset_code = mail.outbox
    assert read(login_code, subject="Your sign-in code") == [f"{SITE}/"]
    assert "K7P2QX" in login_code.body and "K7P2QX" in html_of(login_code)
    assert read(reset_code, subject="Your password reset code") == [f"{SITE}/"]
    assert "M4T9WR" in reset_code.body and "M4T9WR" in html_of(reset_code)


# --- Notices of a change already made ----------------------------------------------------


def test_password_changed(client, practitioner):
    sign_in(client, practitioner)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302

    message = only_email(practitioner.email)
    read_notification(
        message,
        subject="Your password was changed",
        says="The password of your Social Work Community of Practice account was changed.",
    )
    assert message.body.startswith("Hello Pat Practitioner,\n")


def test_password_set(client, make_user):
    member = make_user("no-password@example.com", password=None)
    client.force_login(member)

    response = client.post(
        "/accounts/password/set/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302

    read_notification(
        only_email(member.email),
        subject="A password was set for your account",
        says="A password was set for your Social Work Community of Practice account.",
    )


def test_primary_address_changed_then_old_address_removed(client, practitioner):
    EmailAddress.objects.create(user=practitioner, email="new@example.com", verified=True)
    sign_in(client, practitioner)

    response = client.post("/accounts/email/", {"email": "new@example.com", "action_primary": ""})
    assert response.status_code == 302
    # Told at the old address, in case it was not them.
    read_notification(
        only_email(practitioner.email),
        subject="Your email address was changed",
        says=f"was changed from {practitioner.email} to new@example.com",
    )
    mail.outbox.clear()

    response = client.post("/accounts/email/", {"email": practitioner.email, "action_remove": ""})
    assert response.status_code == 302
    read_notification(
        only_email("new@example.com"),
        subject="An email address was removed from your account",
        says=f"The email address {practitioner.email} was removed",
    )


def test_email_confirmed_notice(rf: RequestFactory, practitioner):
    # allauth 65 no longer sends this one, but keeps its template; it reads as the others.
    request = rf.get("/")
    request.user, request.session = practitioner, SessionStore()
    with allauth_context.request_context(request):
        get_adapter().send_notification_mail("account/email/email_confirm", practitioner)

    read_notification(
        only_email(),
        subject="Your email address was confirmed",
        says="An email address on your Social Work Community of Practice account was confirmed.",
    )


def test_authenticator_app_set_up_new_codes_then_removed(
    client, make_user, django_capture_on_commit_callbacks
):
    member = make_user("two-step@example.com")
    sign_in(client, member)

    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    # allauth sends this notice once the new authenticator is saved for good.
    with django_capture_on_commit_callbacks(execute=True):
        activated = client.post(
            "/accounts/2fa/totp/activate/", {"code": totp_code_for_secret(secret)}
        )
    assert activated.status_code == 302
    read_notification(
        only_email(),
        subject="An authenticator app was set up",
        says="An authenticator app was set up for two-factor authentication",
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/2fa/recovery-codes/generate/").status_code == 302
    read_notification(
        only_email(),
        subject="New recovery codes were made",
        says="The old codes no longer work.",
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    read_notification(
        only_email(),
        subject="Your authenticator app was removed",
        says="The authenticator app was removed from your Social Work Community of Practice",
    )


def test_security_key_added_then_removed(client, make_user, django_capture_on_commit_callbacks):
    member = make_user("keyed@example.com")
    sign_in(client, member)

    page = client.get("/accounts/2fa/webauthn/add/")
    assert page.status_code == 200
    credential = SoftKey().create(page.context["js_data"]["creation_options"])
    with django_capture_on_commit_callbacks(execute=True):
        added = client.post(
            "/accounts/2fa/webauthn/add/",
            {"name": "Office key", "credential": json.dumps(credential)},
        )
    assert added.status_code == 302
    read_notification(
        only_email(),
        subject="A security key was added",
        says="A security key or passkey was added to your Social Work Community of Practice",
    )
    mail.outbox.clear()

    key = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/accounts/2fa/webauthn/keys/{key.pk}/remove/").status_code == 302
    read_notification(
        only_email(),
        subject="A security key was removed",
        says="A security key or passkey was removed from your Social Work Community of Practice",
    )


def test_production_links_follow_site_url(settings, client, practitioner):
    settings.SITE_URL = "https://cop.example.org"
    client.post("/accounts/password/reset/", {"email": practitioner.email})

    (link,) = [
        link for link in LINK.findall(only_email().body) if "/accounts/password/reset/key/" in link
    ]
    assert link.startswith("https://cop.example.org/accounts/password/reset/key/")
    assert User.objects.filter(pk=practitioner.pk).exists()
