"""`next` is followed only to a path on this site, everywhere a view reads one."""

import pytest
from django.urls import reverse

from cop_site.accounts.models import Profile, Role
from cop_site.accounts.regulators import Regulator
from tests.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "http://evil.example/manage/verifications/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "/\r\n/evil.example/",
    "\x00/evil.example/",
    " //evil.example/",
]
NOT_A_URL = ["not a url", "accounts:members", "verification_queue", "%", "\x00", "é", "x" * 5000]


@pytest.fixture
def registered(make_user):
    return make_user(
        "registered@example.com",
        roles=[Role.PRACTITIONER],
        display_name="Registered Person",
        regulator=Regulator.SOCIAL_WORK_ENGLAND,
        registration_number="SW123456",
    )


@pytest.mark.parametrize("next_url", OFF_SITE + NOT_A_URL)
def test_verification_goes_back_to_the_queue_for_any_other_next(
    client_as, educator, registered, next_url
):
    response = client_as(educator).post(
        reverse("accounts:verify", args=[registered.pk]), {"next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verification_queue")
    assert Profile.objects.get(user=registered).verified_by == educator


def test_verification_follows_next_on_this_site(client_as, educator, registered):
    profile_url = reverse("accounts:profile", args=[registered.pk])

    response = client_as(educator).post(
        reverse("accounts:verify", args=[registered.pk]),
        {"next": profile_url, "action": "verify"},
    )

    assert response.status_code == 302
    assert response["Location"] == profile_url


def test_revoking_from_the_profile_page_goes_back_to_it(client_as, educator, registered):
    client = client_as(educator)
    profile_url = reverse("accounts:profile", args=[registered.pk])
    client.post(reverse("accounts:verify", args=[registered.pk]))

    page = client.get(profile_url).content.decode()
    assert f'name="next" value="{profile_url}"' in page
    response = client.post(
        reverse("accounts:verify", args=[registered.pk]),
        {"next": profile_url, "action": "revoke"},
    )

    assert response.status_code == 302
    assert response["Location"] == profile_url
    assert not Profile.objects.get(user=registered).is_verified


@pytest.mark.parametrize("next_url", [*OFF_SITE[:4], "javascript:alert(1)"])
def test_log_in_ignores_a_next_off_site(client, practitioner, next_url):
    response = client.post(
        "/accounts/login/",
        {"login": practitioner.email, "password": PASSWORD, "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(practitioner.pk)


def test_log_in_through_the_admin_door_ignores_a_next_off_site(client, site_admin):
    start = client.get("/admin/login/?next=https://evil.example/")
    assert start.status_code == 302
    client.post(start["Location"], {"login": site_admin.email, "password": PASSWORD})

    response = client.post(
        "/accounts/2fa/authenticate/",
        {"code": totp_code(site_admin), "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("next_url", OFF_SITE[:4])
def test_log_out_ignores_a_next_off_site(client_as, practitioner, next_url):
    response = client_as(practitioner).post("/accounts/logout/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("next_url", OFF_SITE[:4])
def test_wagtail_admin_ignores_a_next_off_site(client_as, site_admin, next_url):
    response = client_as(site_admin).post("/admin/logout/", {"next": next_url})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
