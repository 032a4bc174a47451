"""Roles: several per person, mapped to permissions, managed by site admins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cop_site.accounts import services
from cop_site.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_person_may_hold_several_roles(make_user):
    user = make_user(email="both@example.com", roles=["practitioner", "educator"])
    assert user.roles == {"practitioner", "educator"}
    assert user.has_role(Role.EDUCATOR)
    assert user.needs_mfa


def test_educator_role_brings_wagtail_admin_permission_and_revoking_removes_it(make_user):
    user = make_user(email="edu2@example.com", roles=["practitioner"])
    assert not user.has_perm("wagtailadmin.access_admin")

    services.grant_role(user, Role.EDUCATOR)
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("wagtailadmin.access_admin")

    services.revoke_role(user, Role.EDUCATOR)
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("wagtailadmin.access_admin")


def test_site_admin_role_makes_staff_superuser(make_user):
    user = make_user(email="adm@example.com", roles=["site_admin"])
    user.refresh_from_db()
    assert user.is_staff and user.is_superuser
    services.revoke_role(user, Role.SITE_ADMIN)
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser


def test_members_list_for_moderators_only(client, make_user, student):
    moderator = make_user(email="mod@example.com", roles=["moderator"], mfa=True)
    client.force_login(student)
    assert client.get(reverse("accounts:members")).status_code == 403

    client.force_login(moderator)
    response = client.get(reverse("accounts:members"))
    assert response.status_code == 200
    assert student.email in response.content.decode()
    # Moderators see members but cannot change roles.
    assert client.get(reverse("accounts:member_roles", args=[student.pk])).status_code == 403


def test_members_list_query_count_does_not_grow(client, make_user):
    moderator = make_user(email="mod@example.com", roles=["moderator"], mfa=True)
    client.force_login(moderator)
    client.get(reverse("accounts:members"))  # warm per-process caches (site, settings)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("accounts:members"))
    for i in range(30):
        make_user(email=f"m{i}@example.com", roles=["student", "contributor"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("accounts:members"))
    assert len(many) == len(few)


def test_site_admin_changes_roles_after_reauthenticating(client, make_user, student, totp_code):
    from tests.conftest import PASSWORD

    admin = make_user(email="root@example.com", roles=["site_admin"], mfa=True)
    client.force_login(admin)
    url = reverse("accounts:member_roles", args=[student.pk])

    # A sensitive change asks the admin to confirm who they are first.
    response = client.get(url)
    assert response.status_code == 302
    assert "/reauthenticate/" in response["Location"]

    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302

    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, {"roles": ["student", "moderator"]})
    assert response.status_code == 302
    student = type(student).objects.get(pk=student.pk)
    assert student.roles == {"student", "moderator"}


def test_unknown_role_is_refused_and_roles_kept(client, make_user, student):
    admin = make_user(email="root2@example.com", roles=["site_admin"], mfa=True)
    client.force_login(admin)
    # Mark the session as recently authenticated through the real reauthentication form.
    from tests.conftest import PASSWORD

    reauth = client.get(reverse("accounts:member_roles", args=[student.pk]))
    client.post(reauth["Location"], {"password": PASSWORD})

    response = client.post(
        reverse("accounts:member_roles", args=[student.pk]), {"roles": ["wizard"]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert type(student).objects.get(pk=student.pk).roles == {"student"}
