"""The library's personal data: a member's export holds only theirs; erasure removes it."""

from decimal import Decimal

import pytest

from resources import services
from resources.credibility import Band
from resources.models import Appraisal, LearnerAppraisal, Rating, ResourcePage
from resources.privacy import erase_user_data, export_user_data

from .conftest import judgements

pytestmark = pytest.mark.django_db


def test_export_and_erasure(resource, educator, student, practitioner, client):
    services.appraise_resource(resource, by=educator, scores=judgements(), comment="Mine.")
    services.appraise_as_learner(resource, by=student, scores=judgements(), reflection="Noted.")
    services.rate_resource(resource, by=student, score=2, comment="Hard going.")
    services.rate_resource(resource, by=practitioner, score=4)

    exported = export_user_data(student)
    assert [a["reflection"] for a in exported["learner_appraisals"]] == ["Noted."]
    assert [r["comment"] for r in exported["usefulness_ratings"]] == ["Hard going."]
    assert exported["credibility_appraisals"] == []
    assert export_user_data(educator)["credibility_appraisals"][0]["comment"] == "Mine."

    # Kept for others by default (the account row stays, anonymised); deleted on request.
    erase_user_data(student)
    assert not LearnerAppraisal.objects.exists()
    assert Rating.objects.filter(user=student).exists()
    assert ResourcePage.objects.get(pk=resource.pk).rating_count == 2
    erase_user_data(student, delete_shared=True)
    assert list(Rating.objects.values_list("user", flat=True)) == [practitioner.pk]
    assert ResourcePage.objects.get(pk=resource.pk).rating_count == 1

    erase_user_data(educator)
    appraisal = Appraisal.objects.get()
    assert appraisal.appraiser is None
    assert ResourcePage.objects.get(pk=resource.pk).credibility_band == Band.HIGH
    assert "A former educator" in client.get(resource.url).content.decode()


def test_deleting_an_account_updates_the_usefulness_average(resource, student, practitioner):
    services.rate_resource(resource, by=student, score=1)
    services.rate_resource(resource, by=practitioner, score=5)
    student.delete()
    resource.refresh_from_db()
    assert (resource.rating_average, resource.rating_count) == (Decimal("5.00"), 1)
