"""Getting around the library: an educator's own appraisals, the curation reports' titles,
and the library's data in Django's data admin."""

import re

from django.contrib import admin
from django.urls import reverse

from cop_site.accounts.models import User
from resources.models import Appraisal, LearnerAppraisal, Rating, Topic


def test_educators_are_offered_their_appraisals(client_as, educator):
    client = client_as(educator)

    assert reverse("resources:my_appraisals") in client.get("/").content.decode()
    assert client.get(reverse("resources:my_appraisals")).status_code == 200


def test_each_curation_report_has_its_own_title(client_as, educator):
    client = client_as(educator)
    titles = set()
    for name in ("resources_due_for_review", "resources_unappraised", "resources_broken_links"):
        response = client.get(reverse(f"{name}:index"))
        assert response.status_code == 200
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        titles.add(title.split("-")[0].strip())
    assert titles == {
        "Resources due for review",
        "Resources with no appraisal yet",
        "Resources with broken links",
    }


def test_data_admin_holds_members_and_the_library(client_as, site_admin):
    for model in (User, Topic, Appraisal, LearnerAppraisal, Rating):
        assert admin.site.is_registered(model), model
    site_admin.is_staff = site_admin.is_superuser = True
    site_admin.save(update_fields=["is_staff", "is_superuser"])
    client = client_as(site_admin)

    index = client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:accounts_user_changelist") in index
    assert reverse("admin:resources_rating_changelist") in index
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:resources_appraisal_changelist")).status_code == 200


def test_rich_text_editor_is_named_by_its_label(client_as, educator, resource):
    page = client_as(educator).get(reverse("wagtailadmin_pages:edit", args=[resource.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_body-label"' in html
    assert "&quot;ariaLabelledBy&quot;: &quot;id_body-label&quot;" in html
