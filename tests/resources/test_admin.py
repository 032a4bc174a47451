"""Curation in the Wagtail admin: topics, appraisals and the three curation reports."""

import datetime

import pytest
from django.utils import timezone

from resources import services
from resources.credibility import Band
from resources.models import Appraisal, LinkStatus, ResourcePage, Topic

from .conftest import judgements

pytestmark = pytest.mark.django_db


@pytest.fixture
def curation(make_resource, educator):
    today = timezone.localdate()
    overdue = make_resource(
        "Overdue for review", last_reviewed=today - datetime.timedelta(days=400)
    )
    fresh = make_resource("Reviewed last month", last_reviewed=today - datetime.timedelta(days=30))
    broken = make_resource("Broken link resource", last_reviewed=today)
    ResourcePage.objects.filter(pk=broken.pk).update(
        link_status=LinkStatus.BROKEN, link_status_code=404, link_checked_at=timezone.now()
    )
    slow = make_resource("Slow link resource", last_reviewed=today)
    ResourcePage.objects.filter(pk=slow.pk).update(
        link_status=LinkStatus.TIMEOUT, link_checked_at=timezone.now()
    )
    for resource in (fresh, broken, slow):
        services.appraise_resource(resource, by=educator, scores=judgements())
    return {"overdue": overdue, "fresh": fresh, "broken": broken, "slow": slow}


def test_review_due_defaults_to_a_year_after_the_last_review(curation):
    overdue = curation["overdue"]
    assert overdue.review_due == overdue.last_reviewed + datetime.timedelta(days=365)


@pytest.mark.parametrize(
    ("url", "shown", "hidden"),
    [
        (
            "/admin/resources_due_for_review/",
            {"Overdue for review"},
            {"Reviewed last month", "Broken link resource"},
        ),
        (
            "/admin/resources_unappraised/",
            {"Overdue for review"},
            {"Reviewed last month", "Slow link resource"},
        ),
        (
            "/admin/resources_broken_links/",
            {"Broken link resource", "Slow link resource"},
            {"Overdue for review", "Reviewed last month"},
        ),
    ],
)
def test_curation_reports(client_as, educator, curation, url, shown, hidden):
    response = client_as(educator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for title in shown:
        assert title in html
    for title in hidden:
        assert title not in html


def test_broken_links_report_offers_a_check(client_as, educator, curation):
    html = client_as(educator).get("/admin/resources_broken_links/").content.decode()
    assert "Check links now" in html
    assert "/admin/library/check-links/" in html
    assert client_as(educator).get("/admin/library/check-links/").status_code == 200


def test_curation_reports_are_closed_to_learners(client_as, student):
    response = client_as(student).get("/admin/resources_due_for_review/", follow=True)
    assert response.status_code == 403
    assert "Overdue for review" not in response.content.decode()


def test_educators_edit_topics(client_as, educator):
    client = client_as(educator)
    assert client.get("/admin/resource_topics/").status_code == 200
    response = client.post(
        "/admin/resource_topics/new/",
        {"name": "Hoarding", "slug": "hoarding", "description": "Self-neglect and hoarding."},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(slug="hoarding")
    response = client.post(
        f"/admin/resource_topics/edit/{topic.pk}/",
        {"name": "Hoarding and self-neglect", "slug": "hoarding", "description": ""},
    )
    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).name == "Hoarding and self-neglect"


def test_moderators_cannot_edit_topics(client_as, moderator):
    client = client_as(moderator)
    assert client.get("/admin/resource_topics/new/", follow=True).status_code == 403
    response = client.post(
        "/admin/resource_topics/new/", {"name": "Hoarding", "slug": "hoarding"}, follow=True
    )
    assert response.status_code == 403
    assert not Topic.objects.exists()


def test_appraisals_are_listed_and_inspectable(client_as, educator, curation):
    client = client_as(educator)
    html = client.get("/admin/resource_appraisals/").content.decode()
    assert "Broken link resource" in html
    appraisal = Appraisal.objects.first()
    inspect = client.get(f"/admin/resource_appraisals/inspect/{appraisal.pk}/")
    assert inspect.status_code == 200
    assert "Reason for accuracy: met." in inspect.content.decode()
    # Appraisals are made on the site with every reason, never added or edited here; the
    # admin turns the educator back to its dashboard.
    for response in (
        client.get("/admin/resource_appraisals/new/"),
        client.post(f"/admin/resource_appraisals/delete/{appraisal.pk}/"),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert Appraisal.objects.filter(pk=appraisal.pk).exists()


def test_site_admin_removing_an_appraisal_recomputes_the_band(client_as, site_admin, curation):
    resource = curation["fresh"]
    appraisal = Appraisal.objects.get(resource=resource)
    response = client_as(site_admin).post(f"/admin/resource_appraisals/delete/{appraisal.pk}/")
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.credibility_band == Band.UNAPPRAISED


def test_resource_edit_form_opens(client_as, educator, curation):
    response = client_as(educator).get(f"/admin/pages/{curation['broken'].pk}/edit/")
    assert response.status_code == 200
    assert "HTTP 404" in response.content.decode()


def test_educator_adds_a_resource_in_the_admin(client_as, educator, library, topics):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from resources.models import KnowledgeSource

    url = f"/admin/pages/add/resources/resourcepage/{library.pk}/"
    client = client_as(educator)
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Signs of Safety briefing",
            "slug": "signs-of-safety-briefing",
            "summary": "A briefing on the approach.",
            "body": rich_text(""),
            "link_url": "",
            "publisher": "Research in Practice",
            "authors": "",
            "year": "2019",
            "format": "report",
            "knowledge_source": str(KnowledgeSource.objects.get(slug="research").pk),
            "is_open_access": "on",
            "last_reviewed": "",
            "review_due": "",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["topics"] = [str(topics["child-protection"].pk)]
    # Neither a link nor a document: refused with a message.
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Give a link to the resource or upload it as a document." in response.content.decode()

    data["link_url"] = "https://www.researchinpractice.org.uk/"
    response = client.post(url, data)
    assert response.status_code == 302
    resource = ResourcePage.objects.get(slug="signs-of-safety-briefing")
    assert resource.live
    assert list(resource.topics.all()) == [topics["child-protection"]]
    assert resource.credibility_band == Band.UNAPPRAISED
