"""Erasing an account through the site: the person's own page, and a site admin's on their
request; who may erase whom, the checks on the way, and what the audit log records."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cop_site.accounts.models import Role, RoleGrant, User
from cop_site.privacy.erasure import erase_account
from cop_site.privacy.models import AuditEntry
from tests.conftest import PASSWORD
from tests.privacy.erasure_helpers import ERASE_URL, LOGIN_URL, erase_form, is_signed_in, sign_in

pytestmark = pytest.mark.django_db


# --- Signing in after it --------------------------------------------------------------------


def test_a_person_cannot_sign_in_again(alice):
    erase_account(alice.user, by=alice.user)

    for login in [alice.email, User.objects.get(pk=alice.user.pk).email]:
        client = Client()
        response = client.post(LOGIN_URL, {"login": login, "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def test_an_account_cannot_be_erased_twice(alice):
    erase_account(alice.user, by=alice.user)
    with pytest.raises(ValidationError, match="already been erased"):
        erase_account(User.objects.get(pk=alice.user.pk), by=alice.user)


# --- The person's own page ------------------------------------------------------------------


def test_the_page_explains_what_happens_and_offers_the_download_first(client_as, student):
    response = client_as(student).get(ERASE_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nobody can undo an erasure" in page
    assert "Former member" in page
    assert f'href="{reverse("privacy:your_data")}#download"' in page
    assert 'name="confirm"' in page and 'name="shared"' in page
    hub = client_as(student).get("/your-data/").content.decode()
    assert f'href="{ERASE_URL}"' in hub


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(ERASE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_erasing_asks_who_you_are_first(client_as, student):
    client = client_as(student)  # signed in without proving it here

    response = client.post(ERASE_URL, erase_form())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not User.objects.get(pk=student.pk).is_erased

    # With the password confirmed, the erasure asked for goes ahead.
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert User.objects.get(pk=student.pk).is_erased
    assert response.redirect_chain[-1][0] == "/"
    assert "Your account has been erased" in response.content.decode()
    assert not is_signed_in(client)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (erase_form(confirm=False), "Confirm that you understand your account will be erased"),
        ({"confirm": "on"}, "Select what happens to what you wrote for others"),
        (erase_form(shared="everything"), "Select one of the choices for what you wrote for"),
    ],
)
def test_bad_input_shows_the_form_again(student, data, message):
    client = sign_in(student)

    response = client.post(ERASE_URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not User.objects.get(pk=student.pk).is_erased
    if data.get("shared") == "keep":  # what was chosen is still chosen
        assert re.search(r'value="keep"[^>]*checked', page)


def test_the_last_site_admin_cannot_erase_their_account(site_admin):
    client = sign_in(site_admin)

    page = client.get(ERASE_URL).content.decode()
    assert "You are the only site admin" in page
    response = client.post(ERASE_URL, erase_form())

    assert response.status_code == 200
    assert "This is the only site admin account" in response.content.decode()
    assert not User.objects.get(pk=site_admin.pk).is_erased
    with pytest.raises(ValidationError, match="only site admin"):
        erase_account(site_admin, by=site_admin)


def test_a_site_admin_with_another_admin_can_erase_their_account(site_admin, make_user):
    make_user("second.admin@example.com", roles=[Role.SITE_ADMIN], mfa=True)

    erase_account(site_admin, by=site_admin)

    assert User.objects.get(pk=site_admin.pk).is_erased
    assert not RoleGrant.objects.filter(user=site_admin).exists()


def test_the_erasure_is_recorded_without_the_name_or_address(alice):
    result = erase_account(alice.user, by=alice.user)

    entry = AuditEntry.objects.get(pk=result.audit_entry.pk)
    assert entry.action == "privacy.account_erased"
    assert (entry.actor_id, entry.subject_id) == (alice.user.pk, alice.user.pk)
    assert entry.details == {"writing_for_others": "kept as by Former member"}
    assert alice.email not in str(entry.details) and alice.name not in entry.reason


# --- A site admin, on request -----------------------------------------------------------------


def member_erase_url(user: User) -> str:
    return reverse("privacy:erase_member", args=[user.pk])


def test_a_site_admin_erases_a_member_with_a_reason(alice, bob, site_admin):
    client = sign_in(site_admin)
    url = member_erase_url(alice.user)
    page = client.get(url).content.decode()
    assert alice.email in page and 'name="reason"' in page
    members = client.get(reverse("accounts:members")).content.decode()
    assert f'href="{url}"' in members
    assert f'href="{member_erase_url(site_admin)}"' not in members

    response = client.post(
        url,
        erase_form("delete", reason=f"Asked by email on 3 March; {alice.name} confirmed by phone"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:members")
    assert User.objects.get(pk=alice.user.pk).is_erased
    entry = AuditEntry.objects.get(action="privacy.account_erased_by_admin")
    assert (entry.actor_id, entry.subject_id) == (site_admin.pk, alice.user.pk)
    assert entry.reason == "Asked by email on 3 March; Former member confirmed by phone"
    assert entry.details == {"writing_for_others": "deleted"}
    assert is_signed_in(client)
    assert not User.objects.get(pk=bob.user.pk).is_erased


def test_the_admin_must_give_a_reason_and_confirm(site_admin, student):
    client = sign_in(site_admin)

    response = client.post(member_erase_url(student), {"shared": "keep", "reason": "  "})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the reason for erasing this account" in page
    assert "Confirm that you understand this account will be erased" in page
    assert not User.objects.get(pk=student.pk).is_erased
    with pytest.raises(ValidationError, match="reason"):
        erase_account(student, by=site_admin, reason="")


@pytest.mark.parametrize("who", ["student", "moderator", "educator"])
def test_anyone_but_a_site_admin_is_refused(request, who, practitioner):
    user = request.getfixturevalue(who)
    client = Client()
    client.force_login(user)

    assert client.get(member_erase_url(practitioner)).status_code == 403
    assert client.post(member_erase_url(practitioner), erase_form(reason="x")).status_code == 403
    assert not User.objects.get(pk=practitioner.pk).is_erased


def test_the_admin_page_asks_who_you_are_before_erasing(site_admin, student):
    client = Client()
    client.force_login(site_admin)

    assert client.get(member_erase_url(student)).status_code == 200
    response = client.post(member_erase_url(student), erase_form(reason="Asked by email"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not User.objects.get(pk=student.pk).is_erased


def test_a_site_admin_without_two_factor_is_sent_to_set_it_up(make_user, student):
    admin = make_user("new.admin@example.com", roles=[Role.SITE_ADMIN])
    client = Client()
    client.force_login(admin)

    response = client.get(member_erase_url(student))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_an_admin_is_sent_to_their_own_page_for_their_own_account(site_admin):
    client = sign_in(site_admin)

    response = client.get(member_erase_url(site_admin))

    assert response.status_code == 302
    assert response["Location"] == ERASE_URL


def test_an_erased_account_is_not_found_on_the_admin_page(site_admin, student):
    erase_account(student, by=student)
    client = sign_in(site_admin)

    assert client.get(member_erase_url(student)).status_code == 404
