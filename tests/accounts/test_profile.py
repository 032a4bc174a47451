"""A member's profile: editing, professional identity, visibility choices."""

import pytest
from django.urls import reverse

from cop_site.accounts.models import Profile, ProfileField
from cop_site.accounts.regulators import Regulator, registration_number_error

pytestmark = pytest.mark.django_db

EDIT_URL = "/accounts/profile/"


def profile_post(**overrides) -> dict:
    data = {
        "display_name": "Daniel Okafor",
        "pronouns": "he/him",
        "bio": "Adult social care, hospital discharge team.",
        "regulator": Regulator.SOCIAL_WORK_ENGLAND,
        "registration_number": "SW104233",
        "qualifications": "MA Social Work, 2018",
        "employer": "Northshire County Council",
        "shared_fields": [ProfileField.PRONOUNS, ProfileField.BIO, ProfileField.REGISTRATION],
    }
    data.update(overrides)
    return data


def test_wrong_registration_format_is_refused_with_expected_format_and_input_kept(
    client, practitioner
):
    client.force_login(practitioner)
    before = Profile.objects.get(user=practitioner)

    response = client.post(EDIT_URL, profile_post(registration_number="12345", bio="My new bio"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "SW followed by up to 6 digits, for example SW123456" in page
    assert "There is a problem" in page
    # What the person typed is shown again.
    assert 'value="12345"' in page
    assert "My new bio" in page
    # Nothing was saved.
    after = Profile.objects.get(user=practitioner)
    assert after.registration_number == before.registration_number
    assert after.bio == before.bio


def test_valid_registration_is_saved_normalised(client, practitioner):
    client.force_login(practitioner)

    response = client.post(EDIT_URL, profile_post(registration_number="sw 104 233"))

    assert response.status_code == 302
    profile = Profile.objects.get(user=practitioner)
    assert profile.registration_number == "SW104233"
    assert profile.regulator == Regulator.SOCIAL_WORK_ENGLAND
    assert profile.pronouns == "he/him"


@pytest.mark.parametrize(
    ("regulator", "good", "bad", "expected"),
    [
        (Regulator.SOCIAL_WORK_ENGLAND, "SW12", "S1234", "SW followed by up to 6 digits"),
        (Regulator.SOCIAL_CARE_WALES, "1234567", "W12345", "6 or 7 digits"),
        (Regulator.SSSC, "3012345", "301234", "7 digits"),
        (Regulator.NISCC, "60012345", "6001", "7 or 8 digits"),
        (Regulator.OTHER, "AB-12345", "!", "3 to 32 letters"),
    ],
)
def test_each_regulator_format(client, practitioner, regulator, good, bad, expected):
    assert registration_number_error(regulator, good) is None
    client.force_login(practitioner)

    refused = client.post(EDIT_URL, profile_post(regulator=regulator, registration_number=bad))
    assert refused.status_code == 200
    assert expected in refused.content.decode()

    accepted = client.post(EDIT_URL, profile_post(regulator=regulator, registration_number=good))
    assert accepted.status_code == 302
    assert Profile.objects.get(user=practitioner).registration_number == good


def test_number_without_regulator_asks_for_regulator(client, practitioner):
    client.force_login(practitioner)
    response = client.post(EDIT_URL, profile_post(regulator=""))
    assert response.status_code == 200
    assert "Choose the regulator you are registered with" in response.content.decode()


def test_contributor_is_never_asked_professional_details(client, contributor):
    client.force_login(contributor)

    page = client.get(EDIT_URL).content.decode()
    assert "registration_number" not in page
    assert "Regulator" not in page
    assert "Employer" not in page

    response = client.post(
        EDIT_URL,
        {
            "display_name": "Rowan",
            "bio": "Carer for my dad.",
            "registration_number": "SW1",
            "regulator": "swe",
            "employer": "Somewhere",
            "shared_fields": ["bio"],
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=contributor)
    assert profile.display_name == "Rowan"
    assert profile.registration_number == ""
    assert profile.employer == ""


def test_other_members_see_only_shared_fields(client, practitioner, student):
    profile = practitioner.profile
    profile.pronouns = "he/him"
    profile.bio = "Private bio text"
    profile.employer = "Secret Employer Ltd"
    profile.shared_fields = [ProfileField.PRONOUNS]
    profile.save()

    client.force_login(student)
    page = client.get(reverse("accounts:profile", args=[practitioner.pk])).content.decode()

    assert "he/him" in page
    assert "Private bio text" not in page
    assert "Secret Employer Ltd" not in page


def test_contributor_role_is_not_shown_to_others(client, contributor, student):
    client.force_login(student)
    page = client.get(reverse("accounts:profile", args=[contributor.pk])).content.decode()
    assert "Service user or carer" not in page

    directory = client.get(reverse("accounts:directory")).content.decode()
    assert contributor.display_name in directory
    assert "Service user or carer" not in directory


def test_profiles_are_for_members_only(client, practitioner):
    response = client.get(reverse("accounts:profile", args=[practitioner.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get(reverse("accounts:directory")).status_code == 302


def test_directory_query_count_does_not_grow(
    client, make_user, student, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(student)
    client.get(reverse("accounts:directory"))  # warm per-process caches (site, settings)
    for i in range(3):
        make_user(email=f"few{i}@example.com", roles=["practitioner"])
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("accounts:directory")).status_code == 200

    for i in range(30):
        make_user(email=f"many{i}@example.com", roles=["student", "practitioner"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("accounts:directory")).status_code == 200

    assert len(many) == len(few)
    with django_assert_max_num_queries(12):
        client.get(reverse("accounts:directory"))
