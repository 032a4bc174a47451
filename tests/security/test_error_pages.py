"""A failed CSRF check gets the site's own page; the admin makes no third-party requests."""

import pytest
from django.test import Client

from cop_site.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_csrf_failure_shows_the_sites_own_page(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)

    response = client.post("/accounts/profile/", {"display_name": "Changed"})

    assert response.status_code == 403
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Your form could not be sent</h1>' in page
    assert "Nothing was saved" in page
    assert "CSRF verification failed" not in page
    practitioner.profile.refresh_from_db()
    assert practitioner.profile.display_name == "Pat Practitioner"


def test_the_wagtail_dashboard_does_not_check_for_releases(make_user, client_as):
    admin = make_user("dash@example.com", roles=[Role.SITE_ADMIN], mfa=True)

    page = client_as(admin).get("/admin/").content.decode()

    assert "releases.wagtail.org" not in page
    assert "data-w-upgrade" not in page
