"""The library and a resource page run a fixed number of queries, however many resources,
appraisals and ratings there are (measured with a handful, then with more than 200)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources import services
from resources.credibility import Band, Score
from resources.models import Rating, ResourcePage

from .conftest import bulk_appraise, indexed_in_bulk, judgements

pytestmark = pytest.mark.django_db

LIBRARY_URLS = [
    "/library/",
    "/library/?topic=safeguarding-adults&pcf=knowledge&audience=student&sort=useful",
    "/library/?q=resource&sort=relevance",
    "/library/?q=resource&band=high&sort=newest&page=3",
    "/library/?year_from=2000&open=on&sort=credible&page=2",
]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_library_and_resource_page_run_a_fixed_number_of_queries(
    client, make_resource, make_user, topics, educator, second_educator, student, practitioner
):
    def add(count: int, start: int) -> None:
        with indexed_in_bulk():
            for n in range(start, start + count):
                add_one(n)

    def add_one(n: int) -> ResourcePage:
        resource = make_resource(
            f"Resource {n}",
            topics=[topics["safeguarding-adults"], topics["mental-capacity"]],
            pcf=["knowledge", "values-and-ethics"],
            audiences=["student"],
            summary=f"Resource number {n} about safeguarding.",
        )
        bulk_appraise(resource, [educator, second_educator])
        Rating.objects.bulk_create(
            [Rating(resource=resource, user=u, score=4) for u in (student, practitioner)]
        )
        ResourcePage.objects.filter(pk=resource.pk).update(
            credibility_band=Band.HIGH,
            credibility_score=90,
            appraisal_count=2,
            rating_average=Decimal("4.00"),
            rating_count=2,
        )
        return resource

    measured = make_resource(
        "Measured resource",
        topics=[topics["mental-capacity"]],
        pcf=["knowledge"],
        audiences=["student", "educator"],
    )
    services.appraise_resource(measured, by=educator, scores=judgements())
    services.rate_resource(measured, by=practitioner, score=4, comment="Useful on placement.")
    services.appraise_as_learner(measured, by=student, scores=judgements())
    add(3, 0)

    client.force_login(student)
    client.get("/library/")  # The first request after signing in also refreshes the session.
    client.get("/library/?q=resource")  # The first search also reads the synonyms into the cache.
    urls = [*LIBRARY_URLS, measured.url]
    small = {url: count_queries(client, url) for url in urls}

    # More than 200 resources, a second appraiser everywhere, many ratings with comments.
    add(200, 3)
    services.appraise_resource(
        measured, by=second_educator, scores=judgements(utility=Score.PARTLY_MET)
    )
    raters = [make_user(f"rater{n}@example.com") for n in range(15)]
    Rating.objects.bulk_create(
        [Rating(resource=measured, user=u, score=3, comment=f"Comment {u.pk}") for u in raters]
    )
    services.refresh_rating_summary(measured)
    assert ResourcePage.objects.live().count() == 204

    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    # A search runs the site search, with its check of what this reader may see.
    assert max(large[url] for url in LIBRARY_URLS) <= 26
    assert large[measured.url] <= 25

    # The search really did look through all of them.
    assert "204 resources match your filters" in client.get(LIBRARY_URLS[2]).content.decode()
    html = client.get(measured.url).content.decode()
    assert "based on 2 appraisals" in html
    assert "Rated 3.1 out of 5 by 16 members" in html
