"""Setting up an authenticator app (TOTP) and logging in with a code, end to end."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache

from tests.conftest import PASSWORD, recovery_codes, totp_code, totp_code_for_secret

pytestmark = pytest.mark.django_db

ACTIVATE_URL = "/accounts/2fa/totp/activate/"
RECOVERY_CODES_URL = "/accounts/2fa/recovery-codes/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"
LOGIN_URL = "/accounts/login/"
LOGOUT_URL = "/accounts/logout/"


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def a_wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 10 ** len(right):0{len(right)}}"


def open_activation_page(client):
    """Opens the set-up page, confirming the password first if allauth asks for it."""
    response = client.get(ACTIVATE_URL)
    if response.status_code == 302 and "/reauthenticate/" in response["Location"]:
        reauth_url = response["Location"]
        assert client.get(reauth_url).status_code == 200
        confirmed = client.post(reauth_url, {"password": PASSWORD})
        assert confirmed.status_code == 302
        response = client.get(confirmed["Location"])
    return response


def test_member_sets_up_totp_then_logs_in_with_a_code(client, make_user):
    user = make_user("two-step@example.com", roles=["educator"])
    client.force_login(user)

    # A session that did not just type the password is asked to confirm it first.
    first = client.get(ACTIVATE_URL)
    assert first.status_code == 302
    assert "/reauthenticate/" in first["Location"]

    page = open_activation_page(client)
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert secret in page.content.decode()

    wrong = client.post(ACTIVATE_URL, {"code": a_wrong_code(totp_code_for_secret(secret))})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=user).exists()

    activated = client.post(ACTIVATE_URL, {"code": totp_code_for_secret(secret)})
    assert activated.status_code == 302
    assert activated["Location"] == RECOVERY_CODES_URL
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    codes_page = client.get(RECOVERY_CODES_URL)
    assert codes_page.status_code == 200
    codes = recovery_codes(user)
    assert len(codes) >= 10
    assert all(code in codes_page.content.decode() for code in codes)

    client.post(LOGOUT_URL)
    assert signed_in_user_id(client) is None
    cache.clear()  # the code used to activate may not be used again in the same time step

    password_step = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert password_step.status_code == 302
    assert password_step["Location"] == MFA_AUTHENTICATE_URL
    assert signed_in_user_id(client) is None

    code_page = client.get(MFA_AUTHENTICATE_URL)
    assert code_page.status_code == 200

    refused = client.post(MFA_AUTHENTICATE_URL, {"code": a_wrong_code(totp_code(user))})
    assert refused.status_code == 200
    assert "Incorrect code." in refused.content.decode()
    assert signed_in_user_id(client) is None

    accepted = client.post(MFA_AUTHENTICATE_URL, {"code": totp_code(user)})
    assert accepted.status_code == 302
    assert accepted["Location"] == "/"
    assert signed_in_user_id(client) == str(user.pk)


def test_a_code_cannot_be_used_twice(client, make_user):
    user = make_user("replay@example.com", mfa=True)
    code = totp_code(user)

    client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert client.post(MFA_AUTHENTICATE_URL, {"code": code}).status_code == 302
    client.post(LOGOUT_URL)

    client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    replay = client.post(MFA_AUTHENTICATE_URL, {"code": code})
    assert replay.status_code == 200
    assert signed_in_user_id(client) is None


def test_recovery_code_completes_login_once(client, make_user):
    user = make_user("lost-phone@example.com", mfa=True)
    code = recovery_codes(user)[0]

    client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert client.post(MFA_AUTHENTICATE_URL, {"code": code}).status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    assert code not in recovery_codes(user)


def test_password_alone_does_not_sign_in_a_member_with_mfa(client, moderator):
    response = client.post(LOGIN_URL, {"login": moderator.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == MFA_AUTHENTICATE_URL
    assert signed_in_user_id(client) is None
    # Leaving the code step for another page does not count as signed in.
    assert client.get("/accounts/profile/").status_code == 302
    assert signed_in_user_id(client) is None
