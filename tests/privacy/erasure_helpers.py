"""What the erasure tests share: signing in through the log-in form, and the erasure form's
data. (The two people they erase, `alice` and `bob`, are fixtures in conftest.py.)"""

from __future__ import annotations

from django.test import Client

from cop_site.accounts.models import User
from tests.conftest import PASSWORD, totp_code

ERASE_URL = "/your-data/erase/"
LOGIN_URL = "/accounts/login/"


def sign_in(user: User, email: str | None = None) -> Client:
    """A client signed in through the log-in form (and its second factor, if any), so that
    it has just proved who it is and is not asked again."""
    client = Client()
    response = client.post(LOGIN_URL, {"login": email or user.email, "password": PASSWORD})
    if response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/":
        response = client.post(response["Location"], {"code": totp_code(user)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get("/your-data/")
    return response.status_code == 200


def erase_form(shared: str = "keep", confirm: bool = True, **extra: str) -> dict[str, str]:
    data = {"shared": shared, **extra}
    if confirm:
        data["confirm"] = "on"
    return data
