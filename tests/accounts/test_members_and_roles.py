"""Who the directory lists, refusing a member with no role, and what moderators are shown."""

import re

from django.urls import reverse

from cop_site.accounts.models import Role
from tests.conftest import PASSWORD

MEMBERS_LINK = re.compile(r">\s*Members\s*<")


def test_directory_lists_only_members_who_confirmed_their_email(client_as, make_user, student):
    make_user("confirmed@example.com", roles=[Role.PRACTITIONER], display_name="Confirmed Carla")
    unconfirmed = make_user(
        "unconfirmed@example.com",
        roles=[Role.EDUCATOR],
        verified_email=False,
        display_name="Self-made Educator",
    )
    client = client_as(student)

    text = client.get(reverse("accounts:directory")).content.decode()

    assert "Confirmed Carla" in text
    assert "Self-made Educator" not in text
    assert client.get(reverse("accounts:profile", args=[unconfirmed.pk])).status_code == 404


def test_moderators_still_find_unconfirmed_accounts(client_as, make_user, moderator):
    unconfirmed = make_user("new@example.com", verified_email=False, display_name="Newcomer")
    client = client_as(moderator)

    assert "Newcomer" in client.get(reverse("accounts:members")).content.decode()
    assert client.get(reverse("accounts:profile", args=[unconfirmed.pk])).status_code == 200


def test_unticking_every_role_is_refused(client, make_user, student):
    admin = make_user("root@example.com", roles=[Role.SITE_ADMIN], mfa=True)
    client.force_login(admin)
    url = reverse("accounts:member_roles", args=[student.pk])
    reauthenticate = client.get(url)["Location"]
    client.post(reauthenticate, {"password": PASSWORD})

    response = client.post(url, {})

    assert response.status_code == 200
    assert "Choose at least one role" in response.content.decode()
    assert "Roles for" in response.content.decode()
    assert type(student).objects.get(pk=student.pk).roles == {Role.STUDENT}


def test_moderators_are_shown_the_member_list_not_role_changes(client_as, moderator, student):
    client = client_as(moderator)

    home = client.get("/").content.decode()
    members = client.get(reverse("accounts:members")).content.decode()

    assert MEMBERS_LINK.search(home)
    assert "Members and roles" not in home
    assert '<h1 class="govuk-heading-xl">Members</h1>' in members
    assert "Change roles" not in members
    assert client.get(reverse("accounts:member_roles", args=[student.pk])).status_code == 403


def test_site_admins_are_shown_members_and_roles(client_as, site_admin):
    home = client_as(site_admin).get("/").content.decode()

    assert "Members and roles" in home
    assert not MEMBERS_LINK.search(home)
