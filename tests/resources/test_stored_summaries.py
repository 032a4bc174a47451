"""A resource's stored band and usefulness average follow its appraisals and ratings, by
whatever route a row is written or deleted."""

from decimal import Decimal

import pytest

from resources.credibility import Band
from resources.models import Appraisal, Rating, ResourcePage

from .conftest import judgements

pytestmark = pytest.mark.django_db


def stored(resource) -> ResourcePage:
    return ResourcePage.objects.get(pk=resource.pk)


def test_a_rating_written_outside_the_services_reaches_the_average(resource, student):
    rating = Rating.objects.create(resource=resource, user=student, score=2)
    assert (stored(resource).rating_average, stored(resource).rating_count) == (Decimal("2.00"), 1)

    rating.score = 5
    rating.save()
    assert stored(resource).rating_average == Decimal("5.00")

    rating.delete()
    assert (stored(resource).rating_average, stored(resource).rating_count) == (None, 0)


def test_an_appraisal_written_outside_the_services_reaches_the_band(resource, educator):
    appraisal = Appraisal(resource=resource, appraiser=educator, appraiser_role="educator")
    appraisal.set_judgements(judgements())
    appraisal.save()
    assert (stored(resource).credibility_band, stored(resource).appraisal_count) == (Band.HIGH, 1)

    appraisal.delete()
    assert (stored(resource).credibility_band, stored(resource).appraisal_count) == (
        Band.UNAPPRAISED,
        0,
    )
