"""Usefulness ratings: one per member, editable, separate from credibility."""

from decimal import Decimal

import pytest

from resources import services
from resources.credibility import Band
from resources.models import Rating, ResourcePage

from .conftest import judgements

pytestmark = pytest.mark.django_db


def rate_url(resource) -> str:
    return f"/resources/{resource.pk}/rate/"


def test_signed_in_member_rates_and_changes_their_rating(client_as, resource, contributor):
    client = client_as(contributor)
    response = client.post(rate_url(resource), {"score": "4", "comment": "Clear for carers too."})
    assert response.status_code == 302
    assert response["Location"] == f"{resource.url}#usefulness"

    client.post(rate_url(resource), {"score": "2", "comment": ""})
    rating = Rating.objects.get(resource=resource)
    assert (rating.score, rating.comment) == (2, "")
    resource.refresh_from_db()
    assert (resource.rating_average, resource.rating_count) == (Decimal("2.00"), 1)

    html = client.get(resource.url).content.decode()
    assert "Rated 2.0 out of 5 by 1 member." in html
    assert "Update your rating" in html


def test_average_and_count_over_several_members(resource, student, practitioner, educator):
    services.rate_resource(resource, by=student, score=5)
    services.rate_resource(resource, by=practitioner, score=4)
    services.rate_resource(resource, by=educator, score=4)
    resource.refresh_from_db()
    assert (resource.rating_average, resource.rating_count) == (Decimal("4.33"), 3)


def test_ratings_never_change_credibility(resource, educator, student):
    services.appraise_resource(resource, by=educator, scores=judgements())
    services.rate_resource(resource, by=student, score=1)
    resource.refresh_from_db()
    assert resource.credibility_band == Band.HIGH
    assert resource.credibility_score == 100


def test_remove_rating(client_as, resource, student):
    client = client_as(student)
    client.post(rate_url(resource), {"score": "5"})
    client.post(rate_url(resource), {"action": "remove"})
    assert not Rating.objects.exists()
    assert ResourcePage.objects.get(pk=resource.pk).rating_count == 0


@pytest.mark.parametrize("score", ["", "0", "6", "five"])
def test_invalid_rating_is_explained(client_as, resource, student, score):
    response = client_as(student).post(rate_url(resource), {"score": score})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert not Rating.objects.exists()


def test_anonymous_visitors_cannot_rate(client, resource):
    response = client.post(rate_url(resource), {"score": "5"})
    assert response.status_code == 302
    assert not Rating.objects.exists()


def test_unpublished_resource_cannot_be_rated(client_as, resource, student):
    resource.unpublish()
    assert client_as(student).post(rate_url(resource), {"score": "5"}).status_code == 404
