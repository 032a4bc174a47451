"""No admin screen creates, edits, deletes or revives an account behind the site's back.

Accounts are managed on the site (roles on Members and roles, erasure from the member's own
page or an admin's), where the audit log records each change. Wagtail's user screens send the
admin there; Django's data admin deletes no account, and leaves an erased one as it is.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse

from cop_site.accounts.models import Role, User
from cop_site.accounts.roles import is_site_admin
from cop_site.accounts.services import can_set_roles, check_set_roles
from cop_site.privacy import erasure
from cop_site.privacy.erasure import erase_account
from cop_site.privacy.models import AuditEntry
from cop_site.privacy.wagtail_hooks import AuditLogPermissionPolicy
from tests.conftest import activate_totp

pytestmark = pytest.mark.django_db

MEMBERS_URL = "/manage/members/"
WHERE = "Accounts are managed on the site"


@pytest.fixture
def admin_client(site_admin, client_as):
    return client_as(site_admin)


@pytest.fixture
def member(make_user):
    return make_user("member@example.com", roles=[Role.STUDENT], display_name="Mia Member")


def snapshot(user: User) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (
        user.email,
        user.first_name,
        user.last_name,
        user.password,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.roles),
    )


def assert_sent_to_members(response) -> None:
    assert response.status_code == 302
    assert response["Location"] == MEMBERS_URL


# --- Wagtail's user screens -----------------------------------------------------------------


def test_adding_a_user_in_wagtail_sends_the_admin_to_the_members_page(admin_client):
    before = User.objects.count()
    url = reverse("wagtailusers_users:add")

    assert_sent_to_members(admin_client.get(url))
    response = admin_client.post(
        url,
        {
            "email": "made.in.wagtail@example.com",
            "first_name": "Made",
            "last_name": "Here",
            "password1": "placement-diary-42",
            "password2": "placement-diary-42",
            "is_active": "on",
            "is_superuser": "on",
        },
    )

    assert_sent_to_members(response)
    assert User.objects.count() == before
    assert not User.objects.filter(email="made.in.wagtail@example.com").exists()


def test_editing_a_user_in_wagtail_changes_nothing(admin_client, member):
    before = snapshot(member)
    url = reverse("wagtailusers_users:edit", args=[member.pk])

    assert_sent_to_members(admin_client.get(url))
    response = admin_client.post(
        url,
        {
            "email": "taken.over@example.com",
            "first_name": "Taken",
            "last_name": "Over",
            "password1": "placement-diary-42",
            "password2": "placement-diary-42",
            "is_superuser": "on",
            "groups": [Group.objects.get_or_create(name="Editors")[0].pk],
        },
    )

    assert_sent_to_members(response)
    assert snapshot(member) == before


def test_wagtail_cannot_turn_an_erased_account_back_on(admin_client, member):
    erase_account(member, by=None, reason="Asked by email")
    before = snapshot(member)

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[member.pk]),
        {"email": "revived@example.com", "is_active": "on"},
    )

    assert_sent_to_members(response)
    assert snapshot(member) == before
    assert not User.objects.get(pk=member.pk).is_active


def test_deleting_a_user_in_wagtail_keeps_them(admin_client, member):
    url = reverse("wagtailusers_users:delete", args=[member.pk])

    assert_sent_to_members(admin_client.get(url))
    assert_sent_to_members(admin_client.post(url))

    assert User.objects.filter(pk=member.pk, is_active=True).exists()


@pytest.mark.parametrize(
    ("action", "data"),
    [("delete", {}), ("set_active_state", {"mark_as_active": "False"}), ("assign_role", {})],
)
def test_wagtail_bulk_actions_on_users_change_nothing(admin_client, member, action, data):
    before = snapshot(member)
    if action == "assign_role":
        data = {"role": Group.objects.get_or_create(name="Editors")[0].pk}
    url = reverse("wagtail_bulk_action", args=["accounts", "user", action])

    response = admin_client.post(f"{url}?id={member.pk}", data)

    assert_sent_to_members(response)
    assert snapshot(member) == before


def test_the_members_page_says_where_accounts_are_managed(admin_client, member):
    response = admin_client.get(reverse("wagtailusers_users:add"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(MEMBERS_URL, 302)]
    assert WHERE in response.content.decode()


def test_the_wagtail_admin_offers_no_users_screen(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home"))

    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("wagtailusers_groups:index") in html  # groups stay
    assert reverse("wagtailusers_users:index") not in html
    search = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "member"})
    assert search.status_code == 200
    assert reverse("wagtailusers_users:index") not in search.content.decode()


# --- Django's data admin --------------------------------------------------------------------


def test_the_data_admin_deletes_no_account(admin_client, member):
    url = reverse("admin:accounts_user_delete", args=[member.pk])

    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    changelist = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [member.pk], "post": "yes"},
    )

    assert changelist.status_code == 200
    assert User.objects.filter(pk=member.pk).exists()


def hidden_inputs(html: str) -> dict[str, str]:
    """The hidden fields of a form page (the inlines' management forms among them)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def test_the_data_admin_can_still_suspend_an_account(admin_client, member):
    url = reverse("admin:accounts_user_change", args=[member.pk])
    form = hidden_inputs(admin_client.get(url).content.decode())

    response = admin_client.post(url, form)  # "is_active" unticked

    assert response.status_code == 302
    assert not User.objects.get(pk=member.pk).is_active


def test_an_erased_account_is_read_only_in_the_data_admin(admin_client, member):
    erase_account(member, by=None, reason="Asked by email")
    url = reverse("admin:accounts_user_change", args=[member.pk])

    form = admin_client.get(url)
    assert form.status_code == 200
    assert 'name="is_active"' not in form.content.decode()

    response = admin_client.post(url, {"is_active": "on"})

    assert response.status_code == 403
    assert not User.objects.get(pk=member.pk).is_active


def test_no_email_address_can_be_added_to_an_erased_account(admin_client, member):
    erase_account(member, by=None, reason="Asked by email")

    response = admin_client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": member.pk, "email": "revived@example.com", "verified": "on", "primary": "on"},
    )

    assert response.status_code == 200
    assert "This account has been erased" in response.content.decode()
    assert not EmailAddress.objects.filter(user=member).exists()


def test_an_erased_accounts_address_cannot_be_changed_or_confirmed(admin_client, member):
    erase_account(member, by=None, reason="Asked by email")
    # An address that survived the erasure somehow (restored from a backup, say).
    address = EmailAddress.objects.create(user=member, email="left@example.com", verified=False)

    change = admin_client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": member.pk, "email": "left@example.com", "verified": "on", "primary": "on"},
    )
    confirm = admin_client.post(
        reverse("admin:account_emailaddress_changelist"),
        {"action": "make_verified", "_selected_action": [address.pk]},
    )

    assert change.status_code == 403
    assert confirm.status_code == 302
    address.refresh_from_db()
    assert not address.verified


def test_other_members_addresses_can_still_be_added_in_the_data_admin(admin_client, member):
    response = admin_client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": member.pk, "email": "second@example.com", "verified": "", "primary": ""},
    )

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=member, email="second@example.com").exists()


# --- One definition of a site admin ---------------------------------------------------------


@pytest.fixture
def superuser_only(db) -> User:
    """Made with `createsuperuser`: a superuser, with no role granted."""
    user = User.objects.create_superuser("root@example.com", password="placement-diary-42")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    activate_totp(user)
    return user


def every_check(user: User) -> dict[str, bool]:
    return {
        "is_site_admin": is_site_admin(user),
        "sets roles": can_set_roles(user),
        "erases others": erasure.can_erase_others(user),
        "reads the audit log": AuditLogPermissionPolicy(AuditEntry).user_has_permission(
            user, "view"
        ),
    }


def test_every_check_agrees_on_who_is_a_site_admin(site_admin, superuser_only, member):
    suspended = User.objects.create_superuser("suspended@example.com", is_active=False)

    assert set(every_check(site_admin).values()) == {True}
    assert set(every_check(superuser_only).values()) == {True}
    assert set(every_check(member).values()) == {False}
    assert set(every_check(suspended).values()) == {False}


def test_a_superuser_counts_when_looking_for_the_last_site_admin(site_admin, superuser_only):
    assert not erasure.is_last_site_admin(site_admin)
    assert not erasure.is_last_site_admin(superuser_only)

    erase_account(site_admin, by=None, reason="Left the organisation")

    assert erasure.is_last_site_admin(superuser_only)
    with pytest.raises(erasure.ValidationError, match="only site admin"):
        erasure.check_erase_account(superuser_only, by=None, reason="Leaving")


def test_a_superuser_without_the_role_may_set_roles(superuser_only, member):
    assert check_set_roles(member, [Role.PRACTITIONER], by=superuser_only) == {Role.PRACTITIONER}
