"""Who may open each accounts URL: profiles, the directory, verification and role management."""

import pytest

from tests.authz import (
    MFA_AUTHENTICATE_URL,
    TO_LOGIN,
    TO_MFA_SETUP,
    Redirect,
    authz,  # noqa: F401
    row,
)

pytestmark = pytest.mark.django_db

HOME = Redirect("/")
ADMIN_HOME = Redirect("/admin/")

ROWS = [
    row(
        "get",
        "/accounts/login/",
        default=HOME,
        anonymous=200,
        password_only=Redirect(MFA_AUTHENTICATE_URL),
    ),
    # Wagtail's front-end and admin sign-in doors lead to allauth's log-in.
    row("get", "/_util/login/", default=HOME, signed_out=TO_LOGIN),
    row(
        "get",
        "/admin/login/",
        default=403,
        signed_out=TO_LOGIN,
        educator=ADMIN_HOME,
        site_admin=ADMIN_HOME,
        staff_without_mfa=TO_MFA_SETUP,
    ),
    row("get", "/accounts/profile/", default=200, signed_out=TO_LOGIN),
    row("post", "/accounts/profile/", default=200, signed_out=TO_LOGIN),
    row("get", "/people/", default=200, signed_out=TO_LOGIN),
    row("get", "/people/{registered}/", default=200, signed_out=TO_LOGIN),
    row(
        "get",
        "/manage/verifications/",
        default=403,
        signed_out=TO_LOGIN,
        educator=200,
        site_admin=200,
        staff_without_mfa=TO_MFA_SETUP,
    ),
    row(
        "post",
        "/manage/verifications/{registered}/",
        default=403,
        signed_out=TO_LOGIN,
        educator=Redirect("/manage/verifications/"),
        site_admin=Redirect("/manage/verifications/"),
        staff_without_mfa=TO_MFA_SETUP,
    ),
    row(
        "get",
        "/manage/verifications/{registered}/",
        default=405,
        signed_out=TO_LOGIN,
        staff_without_mfa=TO_MFA_SETUP,
    ),
    row(
        "get",
        "/manage/members/",
        default=403,
        signed_out=TO_LOGIN,
        moderator=200,
        site_admin=200,
        staff_without_mfa=TO_MFA_SETUP,
    ),
    # Only a site admin may change roles. One who signed in a moment ago is not asked to
    # confirm who they are again; some minutes later they are (test_reauthentication.py).
    *(
        row(
            method,
            "/manage/members/{registered}/roles/",
            default=403,
            signed_out=TO_LOGIN,
            site_admin=200,
            staff_without_mfa=TO_MFA_SETUP,
        )
        for method in ("get", "post")
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=str)
def test_authorisation(authz, case):  # noqa: F811
    authz().check(case)
