"""A resource page: what it shows about credibility, and its fixed query count."""

from decimal import Decimal

import pytest
from django.utils import timezone

from resources import services
from resources.credibility import Score
from resources.models import LinkStatus, ResourcePage

from .conftest import judgements

pytestmark = pytest.mark.django_db


def test_unappraised_resource_says_so(client, resource):
    html = client.get(resource.url).content.decode()
    assert "Not yet appraised" in html
    assert "No educator has appraised this resource yet" in html
    assert html.count("<h1") == 1


def test_shows_band_breakdown_appraisers_and_disagreement(
    client, resource, educator, second_educator, site_admin
):
    from cop_site.accounts.services import profile_for, verify_registration

    verify_registration(profile_for(second_educator), by=site_admin)
    services.appraise_resource(
        resource, by=educator, scores=judgements(Score.MET), comment="A sound, practical guide."
    )
    services.appraise_resource(
        resource,
        by=second_educator,
        scores=judgements(Score.MET, utility=Score.NOT_MET),
    )
    html = client.get(resource.url).content.decode()
    assert "High credibility" in html
    assert "based on 2 appraisals by educators" in html
    # Who made them: name, role, and the verified badge for the verified one only.
    assert "Eve Educator</a>, educator" in html
    assert "Tomas Tutor</a>, educator" in html
    assert html.count("Registration verified") == 1
    # The per-criterion breakdown, with every reason.
    for label in (
        "Transparency",
        "Accuracy",
        "Purposivity",
        "Utility",
        "Propriety",
        "Accessibility",
        "Specificity",
    ):
        assert f">{label}<br>" in html
    assert "Reason for utility: not_met." in html
    assert "Appraisers disagree on utility" in html
    assert "A sound, practical guide." in html


def test_learners_appraisals_are_not_shown_or_counted(client, resource, educator, student):
    services.appraise_resource(resource, by=educator, scores=judgements(Score.PARTLY_MET))
    services.appraise_as_learner(resource, by=student, scores=judgements(Score.MET))
    html = client.get(resource.url).content.decode()
    assert "Moderate credibility" in html
    assert "based on 1 appraisal by" in html
    assert "Sam Student" not in html


def test_broken_link_is_flagged(client, resource):
    ResourcePage.objects.filter(pk=resource.pk).update(
        link_status=LinkStatus.BROKEN, link_status_code=404, link_checked_at=timezone.now()
    )
    html = client.get(resource.url).content.decode()
    assert "this link was not working (broken)" in html


def test_call_to_action_depends_on_role(client_as, resource, educator, student, contributor):
    appraise_url = f"/resources/{resource.pk}/appraise/"
    educator_html = client_as(educator).get(resource.url).content.decode()
    assert ">Appraise this resource</a>" in educator_html
    learner_html = client_as(student).get(resource.url).content.decode()
    assert ">Appraise it yourself</a>" in learner_html
    assert ">Appraise this resource</a>" not in learner_html
    assert appraise_url in learner_html
    contributor_html = client_as(contributor).get(resource.url).content.decode()
    assert appraise_url not in contributor_html
    assert "Save your rating" in contributor_html


def test_rating_comments_are_for_members_only(client, client_as, resource, practitioner, student):
    services.rate_resource(
        resource, by=practitioner, score=5, comment="Essential reading before court."
    )
    assert "Essential reading before court." not in client.get(resource.url).content.decode()
    assert (
        "Essential reading before court." in client_as(student).get(resource.url).content.decode()
    )
    assert ResourcePage.objects.get(pk=resource.pk).rating_average == Decimal("5.00")
