"""How the privacy pages word what they show: an unnamed appraisal on a resource page, and the
erasure forms' answer to a choice that is not one of theirs."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from cop_site.accounts.models import Role, User
from resources import services
from resources.privacy import erase_user_data
from tests.privacy.erasure_helpers import ERASE_URL, erase_form, sign_in
from tests.resources.conftest import judgements, resource  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# Longer than any page would show, so that an echo of it cannot pass unnoticed.
NOT_A_CHOICE = "not-a-choice-" + "x" * 20_000


def appraisers(page: str) -> list[str]:
    """The entries of the resource page's "Appraised by" list, tags removed."""
    listed = page.split("Appraised by</h3>", 1)[1].split("</ul>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split()).replace(" ,", ",")
        for item in re.findall(r"<li>(.*?)</li>", listed, flags=re.S)
    ]


def test_an_unnamed_appraisal_reads_a_former_educator_without_the_role(
    resource,  # noqa: F811
    educator,
    make_user,
    client,
):
    colleague = make_user(roles=[Role.EDUCATOR], mfa=True, display_name="Tomas Tutor")
    services.appraise_resource(resource, by=educator, scores=judgements())
    services.appraise_resource(resource, by=colleague, scores=judgements())
    erase_user_data(educator)

    page = html.unescape(client.get(resource.url).content.decode())

    entries = appraisers(page)
    assert len(entries) == 2
    who = sorted(entry.split(" Appraised ", 1)[0] for entry in entries)
    assert who == ["A former educator", "Tomas Tutor, educator"]
    assert "former educator, educator" not in page


def test_an_unknown_choice_on_the_erase_page_is_not_repeated_back(student):
    client = sign_in(student)

    response = client.post(ERASE_URL, erase_form(shared=NOT_A_CHOICE))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select one of the choices for what you wrote for others" in page
    assert "not-a-choice-" not in page
    assert "Select a valid choice" not in page
    assert not User.objects.get(pk=student.pk).is_erased


def test_an_unknown_choice_on_the_admin_erase_page_is_not_repeated_back(site_admin, student):
    client = sign_in(site_admin)
    url = reverse("privacy:erase_member", args=[student.pk])

    response = client.post(url, erase_form(shared=NOT_A_CHOICE, reason="Asked by email"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select one of the choices for what the member wrote for others" in page
    assert "not-a-choice-" not in page
    assert "Asked by email" in page  # what was typed is shown again
    assert not User.objects.get(pk=student.pk).is_erased


def test_an_unknown_action_in_the_audit_log_filter_is_not_repeated_back(client_as, site_admin):
    response = client_as(site_admin).get("/admin/audit_log/", {"action": NOT_A_CHOICE})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select actions from the list" in page
    assert "is not one of the available choices" not in page
