"""Professional registration verification by educators and site admins."""

import pytest
from django.urls import reverse

from cop_site.accounts.models import Profile
from cop_site.accounts.regulators import Regulator

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(make_user):
    return make_user(
        email="registered@example.com",
        roles=["practitioner"],
        display_name="Registered Person",
        regulator=Regulator.SOCIAL_WORK_ENGLAND,
        registration_number="SW123456",
        shared_fields=["registration"],
    )


def test_educator_verifies_and_badge_links_to_register(client, make_user, registered, student):
    educator = make_user(email="edu@example.com", roles=["educator"], mfa=True)
    client.force_login(educator)

    queue = client.get(reverse("accounts:verification_queue"))
    assert queue.status_code == 200
    assert "Registered Person" in queue.content.decode()

    response = client.post(reverse("accounts:verify", args=[registered.pk]))
    assert response.status_code == 302

    profile = Profile.objects.get(user=registered)
    assert profile.verified_by == educator
    assert profile.verified_at is not None

    client.force_login(student)
    page = client.get(reverse("accounts:profile", args=[registered.pk])).content.decode()
    assert "Registration verified" in page
    assert "https://www.socialworkengland.org.uk/" in page

    directory = client.get(reverse("accounts:directory")).content.decode()
    assert "Registration verified" in directory


def test_changing_number_clears_verification(client, make_user, registered):
    educator = make_user(email="edu@example.com", roles=["educator"], mfa=True)
    client.force_login(educator)
    client.post(reverse("accounts:verify", args=[registered.pk]))
    assert Profile.objects.get(user=registered).is_verified

    client.force_login(registered)
    client.post(
        "/accounts/profile/",
        {
            "display_name": "Registered Person",
            "regulator": Regulator.SOCIAL_WORK_ENGLAND,
            "registration_number": "SW654321",
            "shared_fields": ["registration"],
        },
    )
    profile = Profile.objects.get(user=registered)
    assert profile.registration_number == "SW654321"
    assert not profile.is_verified
    assert profile.verified_by is None


def test_students_and_practitioners_cannot_verify(client, registered, student, practitioner):
    for user in (student, practitioner):
        client.force_login(user)
        assert client.post(reverse("accounts:verify", args=[registered.pk])).status_code == 403
        assert client.get(reverse("accounts:verification_queue")).status_code == 403
    assert not Profile.objects.get(user=registered).is_verified


def test_nobody_verifies_themselves(client, make_user):
    educator = make_user(
        email="self@example.com",
        roles=["educator"],
        mfa=True,
        regulator=Regulator.SOCIAL_WORK_ENGLAND,
        registration_number="SW111111",
    )
    client.force_login(educator)
    assert client.post(reverse("accounts:verify", args=[educator.pk])).status_code == 403
    assert not Profile.objects.get(user=educator).is_verified


def test_verification_needs_mfa(client, make_user, registered):
    educator = make_user(email="nomfa@example.com", roles=["educator"], mfa=False)
    client.force_login(educator)
    response = client.post(reverse("accounts:verify", args=[registered.pk]))
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]
    assert not Profile.objects.get(user=registered).is_verified
