"""Sign-up, mandatory email verification and enumeration prevention, through the real views."""

import re

import pytest
from django.core import mail
from django.test import Client

from cop_site.accounts.models import Profile, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
LOGIN_URL = "/accounts/login/"
VERIFICATION_SENT_URL = "/accounts/confirm-email/"
CONFIRM_LINK = re.compile(r"http://localhost(/accounts/confirm-email/[^/\s]+/)")


def signup_data(**overrides) -> dict:
    data = {
        "email": "amara.new@example.com",
        "password1": "placement-diary-42",
        "password2": "placement-diary-42",
        "display_name": "Amara N.",
        "role": "student",
    }
    data.update(overrides)
    return data


def confirmation_link(message) -> str:
    match = CONFIRM_LINK.search(message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(1)


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_signup_asks_to_verify_then_confirmation_signs_in_with_chosen_role(client):
    response = client.post(SIGNUP_URL, signup_data(role="practitioner"))

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT_URL
    assert signed_in_user_id(client) is None
    user = User.objects.get(email="amara.new@example.com")
    assert not user.emailaddress_set.get().verified

    page = client.get(VERIFICATION_SENT_URL)
    assert page.status_code == 200
    assert signed_in_user_id(client) is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amara.new@example.com"]
    link = confirmation_link(message)

    # Opening the link only shows a confirm button: mail scanners that follow links
    # must not verify the address.
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert not user.emailaddress_set.get().verified
    assert signed_in_user_id(client) is None

    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert user.emailaddress_set.get().verified
    assert signed_in_user_id(client) == str(user.pk)

    user = User.objects.get(pk=user.pk)
    assert user.roles == {"practitioner"}
    assert Profile.objects.get(user=user).display_name == "Amara N."


def test_signing_in_before_verifying_is_refused_and_sends_the_link_again(client, make_user):
    make_user("unverified@example.com", roles=["student"], verified_email=False)

    response = client.post(LOGIN_URL, {"login": "unverified@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT_URL
    assert signed_in_user_id(client) is None
    assert [m.to for m in mail.outbox] == [["unverified@example.com"]]
    confirmation_link(mail.outbox[0])


@pytest.mark.parametrize("role", ["educator", "site_admin", "moderator"])
def test_privileged_roles_cannot_be_chosen_at_signup(client, role):
    response = client.post(SIGNUP_URL, signup_data(role=role))

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="amara.new@example.com").exists()
    assert mail.outbox == []


def test_signup_with_a_taken_email_looks_the_same_and_tells_the_owner(client, make_user):
    owner = make_user("taken@example.com", roles=["practitioner"])

    new = Client().post(SIGNUP_URL, signup_data(email="fresh@example.com"))
    taken = client.post(SIGNUP_URL, signup_data(email="taken@example.com"))

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"] == VERIFICATION_SENT_URL
    assert User.objects.filter(email="taken@example.com").count() == 1
    assert signed_in_user_id(client) is None

    to_owner = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(to_owner) == 1
    # The owner is told someone tried to sign up with their address; nothing to confirm.
    assert not CONFIRM_LINK.search(to_owner[0].body)
    assert User.objects.get(pk=owner.pk).roles == {"practitioner"}
