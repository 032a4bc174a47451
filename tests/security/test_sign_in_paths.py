"""Only allauth's log-in accepts an account password, on every URL the site routes.

allauth's flow is where email verification, rate limits and the second factor are enforced;
any other view that signs a person in with a password (Wagtail's front-end and admin log-in
forms, Django's admin log-in) would skip all three. These tests walk every URL pattern, so a
log-in form added by an upgrade of Wagtail, Django or allauth fails them at once.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from cop_site.accounts.models import Role
from tests.conftest import PASSWORD, totp_code
from tests.url_patterns import Route, every_route

pytestmark = pytest.mark.django_db

ALLAUTH_LOGIN = "cop_site.accounts.views.LoginView"

# Views that may show a password field, and why.
PASSWORD_FORMS = {
    ALLAUTH_LOGIN: "allauth's log-in, the one way in",
    "allauth.account.views.SignupView": "choosing a password when registering",
    "allauth.account.views.ReauthenticateView": "allauth's re-authentication",
    "allauth.account.views.PasswordChangeView": "allauth's password change",
    "allauth.account.views.PasswordSetView": "allauth's password set",
    "allauth.account.views.PasswordResetFromKeyView": "allauth's password reset",
    # A shared password an editor sets on one page or document: it opens that item and
    # never signs anyone in.
    "wagtail.views.authenticate_with_password": "a page's shared password",
    "wagtail.documents.views.serve.authenticate_with_password": "a document's shared password",
}


def credentials(email: str) -> dict[str, str]:
    """Every field name a log-in form might read the account and password from."""
    return {
        "login": email,
        "email": email,
        "username": email,
        "password": PASSWORD,
        "password1": PASSWORD,
        "next": "/",
    }


def routes_signing_in(client: Client, email: str) -> list[Route]:
    signed_in = []
    for route in every_route():
        client.post(route.url, credentials(email))
        if client.session.get("_auth_user_id"):
            signed_in.append(route)
            client.logout()
    return signed_in


def test_every_url_pattern_is_walked():
    views = {route.view for route in every_route()}

    assert ALLAUTH_LOGIN in views
    assert "wagtail.views.serve" in views
    assert "django.contrib.admin.options.ModelAdmin.changelist_view" in views
    assert len(every_route()) > 300


def test_only_allauths_log_in_signs_a_password_in(make_user):
    member = make_user("plain@example.com")

    signed_in = routes_signing_in(Client(), member.email)

    # The positive control: the walk does detect a sign-in, through allauth.
    assert [route.view for route in signed_in] == [ALLAUTH_LOGIN]


def test_no_url_signs_in_an_account_with_a_second_factor_without_its_code(make_user):
    member = make_user("guarded@example.com", roles=[Role.SITE_ADMIN], mfa=True)

    assert routes_signing_in(Client(), member.email) == []


def test_no_url_signs_in_an_account_whose_email_is_not_verified(make_user):
    member = make_user("unverified@example.com", verified_email=False)

    assert routes_signing_in(Client(), member.email) == []


def test_only_allowed_views_show_a_password_field(make_user, client_as):
    staff = make_user("staff@example.com", roles=[Role.SITE_ADMIN], mfa=True)
    offenders = []
    for client in (Client(), client_as(staff)):
        for route in every_route():
            response = client.get(route.url)
            body = response.content.decode(errors="replace") if response.status_code == 200 else ""
            if 'type="password"' in body and route.view not in PASSWORD_FORMS:
                offenders.append(str(route))

    assert offenders == []


@pytest.mark.parametrize(
    "login_url",
    ["/_util/login/", "/admin/login/", "/django-admin/login/"],
    ids=["wagtail-frontend", "wagtail-admin", "django-admin"],
)
def test_other_log_in_urls_send_people_to_allauth_keeping_next(client, login_url):
    response = client.get(f"{login_url}?next=/admin/pages/")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query) == {"next": ["/admin/pages/"]}


@pytest.mark.parametrize("login_url", ["/_util/login/", "/admin/login/", "/django-admin/login/"])
def test_posting_a_password_to_other_log_in_urls_gives_no_session(make_user, login_url):
    member = make_user("target@example.com", roles=[Role.EDUCATOR], mfa=True)
    client = Client()

    response = client.post(login_url, credentials(member.email))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.session.get("_auth_user_id") is None
    assert client.get("/admin/").status_code == 302


def test_allauth_log_in_with_a_second_factor_needs_the_code(make_user):
    member = make_user("twostep@example.com", roles=[Role.EDUCATOR], mfa=True)
    client = Client()

    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.session.get("_auth_user_id") is None

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert client.session.get("_auth_user_id") is None

    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(member)})
    assert right.status_code == 302
    assert client.session.get("_auth_user_id") == str(member.pk)


def test_django_admin_password_change_is_allauths(client_as, make_user):
    staff = make_user("changer@example.com", roles=[Role.SITE_ADMIN], mfa=True)

    response = client_as(staff).get("/django-admin/password_change/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/change/"


def test_the_admin_log_in_page_opened_directly_leads_back_to_the_admin(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
