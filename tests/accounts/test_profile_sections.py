"""What apps add to a member's profile page comes from the apps (``profile_sections``)."""

import pytest
from django.apps import apps
from django.urls import reverse

from resources import services as resource_services
from tests.resources.conftest import home_page, judgements, library, make_resource, resource  # noqa: F401

pytestmark = pytest.mark.django_db

LINK_TEXT = "Your appraisals of resources"


def profile_html(client_as, viewer, member) -> str:
    response = client_as(viewer).get(reverse("accounts:profile", args=[member.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_own_profile_links_to_own_appraisals_with_their_number(client_as, student, resource):  # noqa: F811
    resource_services.appraise_as_learner(resource, by=student, scores=judgements())
    html = profile_html(client_as, student, student)
    link = f'href="{reverse("resources:my_appraisals")}">{LINK_TEXT} (1)</a>'
    assert link in html


def test_no_link_before_the_first_appraisal(client_as, student):
    assert LINK_TEXT not in profile_html(client_as, student, student)


def test_another_members_profile_never_shows_their_appraisals(
    client_as,
    student,
    practitioner,
    resource,  # noqa: F811
):
    resource_services.appraise_as_learner(resource, by=student, scores=judgements())
    assert LINK_TEXT not in profile_html(client_as, practitioner, student)


def test_the_section_is_the_resources_apps_to_offer(client_as, student, resource, monkeypatch):  # noqa: F811
    resource_services.appraise_as_learner(resource, by=student, scores=judgements())
    monkeypatch.setattr(apps.get_app_config("resources"), "profile_sections", ())
    html = profile_html(client_as, student, student)
    assert LINK_TEXT not in html
    assert "Edit your profile" in html
