"""The Wagtail admin, Django admin and moderation tools: who gets in, and only with MFA."""

from urllib.parse import parse_qs, urlsplit

import pytest

from cop_site.accounts.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MFA_SETUP_URL = "/accounts/2fa/"
ACTIVATE_URL = "/accounts/2fa/totp/activate/"
RECOVERY_CODES_URL = "/accounts/2fa/recovery-codes/"
LOGIN_PATH = "/accounts/login/"


def redirect_path(response) -> str:
    # Never a permanent redirect: browsers would keep sending people round the gate.
    assert response.status_code == 302, response.status_code
    return urlsplit(response["Location"]).path


def follow_to(client, url: str, stop_at: str, limit: int = 5) -> list[str]:
    """Follows redirects from `url` until one points at the path `stop_at`; returns the
    addresses redirected to."""
    seen = []
    for _hop in range(limit):
        response = client.get(url)
        if response.status_code not in (301, 302):
            break
        url = response["Location"]
        seen.append(url)
        if urlsplit(url).path == stop_at:
            break
    return seen


@pytest.mark.parametrize(
    "roles, staff",
    [([Role.SITE_ADMIN], False), ([Role.EDUCATOR], False), ([Role.MODERATOR], False), ([], True)],
    ids=["site_admin", "educator", "moderator", "staff"],
)
@pytest.mark.parametrize("url", ["/admin/", "/django-admin/", "/manage/members/"])
def test_privileged_people_without_mfa_are_sent_to_set_it_up(client, make_user, roles, staff, url):
    user = make_user(roles=roles, mfa=False)
    if staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client.force_login(user)

    response = client.get(url)

    assert redirect_path(response) == MFA_SETUP_URL


@pytest.mark.parametrize("who", ["site_admin", "educator"])
def test_with_mfa_admins_and_educators_reach_the_wagtail_admin(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()


def test_site_admin_with_mfa_reaches_the_django_admin(client, site_admin):
    client.force_login(site_admin)

    assert client.get("/django-admin/").status_code == 200


@pytest.mark.parametrize("who", ["student", "practitioner", "contributor"])
def test_members_without_admin_roles_get_no_admin(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)

    # Refused outright: sending a signed-in person to the log-in page would bounce them
    # straight back to the admin.
    wagtail = client.get("/admin/", follow=True)
    assert wagtail.status_code == 403
    assert "wagtail" not in wagtail.content.decode().lower()

    django_admin = client.get("/django-admin/", follow=True)
    assert django_admin.status_code == 403
    assert "Site administration" not in django_admin.content.decode()


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/pages/", "/admin/login/", "/django-admin/", "/django-admin/login/"]
)
def test_anonymous_visitors_are_sent_to_allauths_login(client, url):
    seen = follow_to(client, url, stop_at=LOGIN_PATH)

    assert seen, f"{url} did not redirect"
    assert urlsplit(seen[-1]).path == LOGIN_PATH, seen


def test_the_page_asked_for_is_kept_through_the_login_redirects(client):
    seen = follow_to(client, "/admin/pages/", stop_at=LOGIN_PATH)

    assert parse_qs(urlsplit(seen[-1]).query)["next"] == ["/admin/pages/"]


def test_admin_login_forms_cannot_be_posted_to(client, site_admin):
    for url in ("/admin/login/", "/django-admin/login/"):
        response = client.post(url, {"username": site_admin.email, "password": PASSWORD})
        assert client.session.get("_auth_user_id") is None, url
        assert response.status_code == 302, url


@pytest.mark.parametrize(
    "who, status",
    [
        ("moderator", 200),
        ("site_admin", 200),
        ("educator", 403),
        ("student", 403),
        ("practitioner", 403),
        ("contributor", 403),
    ],
)
def test_member_list_is_for_moderators_with_mfa(client, request, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/manage/members/").status_code == status


@pytest.mark.parametrize(
    "who, status",
    [
        ("educator", 200),
        ("site_admin", 200),
        ("moderator", 403),
        ("student", 403),
        ("practitioner", 403),
        ("contributor", 403),
    ],
)
def test_verification_queue_is_for_educators_and_admins_with_mfa(client, request, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/manage/verifications/").status_code == status


@pytest.mark.parametrize("url", ["/manage/members/", "/manage/verifications/"])
@pytest.mark.parametrize("roles", [[Role.MODERATOR], [Role.EDUCATOR], [Role.SITE_ADMIN]])
def test_moderation_tools_need_mfa(client, make_user, url, roles):
    client.force_login(make_user(roles=roles, mfa=False))

    assert redirect_path(client.get(url)) == MFA_SETUP_URL


@pytest.mark.parametrize("url", ["/manage/members/", "/manage/verifications/"])
def test_anonymous_visitors_are_asked_to_log_in_for_moderation_tools(client, url):
    assert redirect_path(client.get(url)) == LOGIN_PATH


def test_set_up_offers_both_kinds_then_returns_to_where_they_were_going(client, make_user):
    from allauth.mfa.models import Authenticator

    from tests.conftest import totp_code_for_secret

    educator = make_user(roles=[Role.EDUCATOR], mfa=False)
    client.post(LOGIN_PATH, {"login": educator.email, "password": PASSWORD})

    stopped = client.get("/admin/pages/")
    assert redirect_path(stopped) == MFA_SETUP_URL
    choice = client.get(MFA_SETUP_URL).content.decode()
    assert "before using the admin and moderation tools" in choice
    assert 'href="/accounts/2fa/totp/activate/"' in choice
    assert 'href="/accounts/2fa/webauthn/add/"' in choice

    secret = client.get(ACTIVATE_URL).context["form"].secret
    activated = client.post(ACTIVATE_URL, {"code": totp_code_for_secret(secret)})
    assert redirect_path(activated) == RECOVERY_CODES_URL
    assert Authenticator.objects.filter(user=educator, type=Authenticator.Type.TOTP).exists()

    codes = client.get(RECOVERY_CODES_URL).content.decode()
    assert 'href="/admin/pages/"' in codes
    assert "I have saved my codes – continue" in codes
    assert client.get("/admin/pages/").status_code == 200

    # Once there, the way back is not offered again.
    assert 'href="/admin/pages/"' not in client.get(RECOVERY_CODES_URL).content.decode()


def test_a_member_setting_up_of_their_own_accord_is_not_sent_anywhere(client, practitioner):
    from tests.conftest import totp_code_for_secret

    client.post(LOGIN_PATH, {"login": practitioner.email, "password": PASSWORD})
    secret = client.get(ACTIVATE_URL).context["form"].secret
    client.post(ACTIVATE_URL, {"code": totp_code_for_secret(secret)})

    codes = client.get(RECOVERY_CODES_URL).content.decode()
    assert "continue" not in codes
    assert 'href="/accounts/2fa/"' in codes
