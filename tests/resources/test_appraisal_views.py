"""Appraising through the site: educators' credibility appraisals and learners' own."""

import re

import pytest

from cop_site.accounts.models import Role
from resources import services
from resources.credibility import Band, Score
from resources.models import Appraisal, LearnerAppraisal, ResourcePage

from .conftest import form_data, judgements

pytestmark = pytest.mark.django_db


def appraise_url(resource) -> str:
    return f"/resources/{resource.pk}/appraise/"


def test_anonymous_visitors_are_asked_to_sign_in(client, resource):
    response = client.get(appraise_url(resource))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_educator_appraisal_form_lists_every_criterion(client_as, resource, educator):
    html = client_as(educator).get(appraise_url(resource)).content.decode()
    assert html.count("<h1") == 1
    for heading, question in [
        ("1. Transparency", "Is it open to scrutiny?"),
        ("2. Accuracy", "Is it well grounded?"),
        ("7. Specificity", "Does it meet the standards of its own kind of knowledge?"),
    ]:
        assert heading in html
        assert question in html
    assert html.count('type="radio"') == 7 * 4
    assert "Overall comment" in html


def test_educator_appraisal_sets_the_band(client_as, resource, educator):
    client = client_as(educator)
    data = form_data(Score.MET, accuracy=Score.PARTLY_MET) | {"comment": "Clear and current."}
    response = client.post(appraise_url(resource), data)
    assert response.status_code == 302
    assert response["Location"] == f"{resource.url}#credibility"
    appraisal = Appraisal.objects.get(resource=resource)
    assert appraisal.appraiser == educator
    assert appraisal.appraiser_role == Role.EDUCATOR
    assert appraisal.accuracy_score == Score.PARTLY_MET
    assert appraisal.comment == "Clear and current."
    resource.refresh_from_db()
    assert resource.credibility_band == Band.HIGH

    # The form opens with the saved appraisal, ready to change.
    html = client.get(appraise_url(resource)).content.decode()
    assert re.search(r'value="partly" id="id_accuracy_score_1"[^>]* checked', html)
    assert "Reason for accuracy: partly." in html


def test_missing_score_and_reason_are_reported(client_as, resource, educator):
    data = form_data()
    del data["utility_score"]
    data["propriety_reason"] = ""
    response = client_as(educator).post(appraise_url(resource), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose a score for utility" in html
    assert "Give a reason for your propriety score" in html
    assert not Appraisal.objects.exists()


def test_all_not_applicable_is_refused(client_as, resource, educator):
    response = client_as(educator).post(appraise_url(resource), form_data(Score.NOT_APPLICABLE))
    assert "At least one criterion must apply" in response.content.decode()
    assert not Appraisal.objects.exists()


def test_educator_without_mfa_sets_it_up_first(client_as, resource, make_user):
    educator = make_user(roles=[Role.EDUCATOR], mfa=False)
    response = client_as(educator).post(appraise_url(resource), form_data())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert not Appraisal.objects.exists()


@pytest.mark.parametrize("who", ["contributor", "moderator"])
def test_other_roles_cannot_appraise(request, client_as, resource, who):
    client = client_as(request.getfixturevalue(who))
    assert client.get(appraise_url(resource)).status_code == 403
    assert client.post(appraise_url(resource), form_data()).status_code == 403
    assert not Appraisal.objects.exists()
    assert not LearnerAppraisal.objects.exists()


@pytest.mark.parametrize("who", ["student", "practitioner"])
def test_learner_appraisal_is_kept_and_never_changes_the_band(
    request, client_as, resource, educator, who
):
    services.appraise_resource(resource, by=educator, scores=judgements(Score.PARTLY_MET))
    learner = request.getfixturevalue(who)
    client = client_as(learner)
    html = client.get(appraise_url(resource)).content.decode()
    assert "does not change the resource's credibility band" in html

    response = client.post(appraise_url(resource), form_data(Score.MET) | {"reflection": "Hm."})
    assert response.status_code == 302
    assert response["Location"] == f"/resources/{resource.pk}/compare/"
    assert LearnerAppraisal.objects.get(learner=learner).reflection == "Hm."
    assert not Appraisal.objects.filter(appraiser=learner).exists()
    resource.refresh_from_db()
    assert (resource.credibility_band, resource.credibility_score) == (Band.MODERATE, 50)


def test_comparison_view_sets_judgements_side_by_side(client_as, resource, educator, student):
    services.appraise_resource(
        resource, by=educator, scores=judgements(Score.MET, accuracy=Score.NOT_MET)
    )
    services.appraise_as_learner(
        resource,
        by=student,
        scores=judgements(Score.MET, accuracy=Score.PARTLY_MET, utility=Score.NOT_MET),
    )
    response = client_as(student).get(f"/resources/{resource.pk}/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "the same judgement on 5 of 7 criteria" in html
    assert "One step apart" in html  # accuracy: partly met against not met
    assert "Different" in html  # utility: not met against met
    # Their own band on their appraisal alone, beside the educators' band.
    assert "Moderate credibility" in html
    assert "Low credibility" in html
    assert "Reason for accuracy: not_met." in html
    assert "your appraisals" in html


def test_comparison_before_any_educator_appraisal(client_as, resource, student):
    services.appraise_as_learner(resource, by=student, scores=judgements())
    html = client_as(student).get(f"/resources/{resource.pk}/compare/").content.decode()
    assert "No educator has appraised this resource yet" in html


def test_comparison_without_own_appraisal_goes_to_the_form(client_as, resource, student):
    response = client_as(student).get(f"/resources/{resource.pk}/compare/")
    assert response["Location"] == appraise_url(resource)


def test_learners_see_only_their_own_appraisals(
    client_as, resource, make_resource, student, practitioner, educator
):
    other = make_resource("Research in Practice briefing")
    services.appraise_resource(resource, by=educator, scores=judgements())
    services.appraise_as_learner(resource, by=student, scores=judgements())
    services.appraise_as_learner(other, by=practitioner, scores=judgements())

    html = client_as(student).get("/resources/my-appraisals/").content.decode()
    assert resource.title in html
    assert other.title not in html
    assert "7 of 7 criteria" in html
    assert list(services.appraisals_for(student)) == [LearnerAppraisal.objects.get(learner=student)]

    # Someone else's comparison is never shown: it redirects to their own form.
    response = client_as(student).get(f"/resources/{other.pk}/compare/")
    assert response.status_code == 302


def test_educator_sees_their_credibility_appraisals(client_as, resource, educator):
    services.appraise_resource(resource, by=educator, scores=judgements())
    html = client_as(educator).get("/resources/my-appraisals/").content.decode()
    assert "Your credibility appraisals" in html
    assert resource.title in html


def test_an_empty_appraisals_page_invites_only_those_who_may_appraise(
    client_as, student, moderator
):
    student_page = client_as(student).get("/resources/my-appraisals/").content.decode()
    assert 'choose "Appraise it yourself"' in student_page

    moderator_page = client_as(moderator).get("/resources/my-appraisals/").content.decode()
    assert "Appraise it yourself" not in moderator_page
    assert "Appraising is for students, qualified social workers, educators" in moderator_page


def test_my_appraisals_runs_a_fixed_number_of_queries(
    client_as, make_resource, student, educator, django_assert_max_num_queries
):
    client = client_as(student)
    for n in range(30):
        resource = make_resource(f"Appraised {n}")
        services.appraise_resource(resource, by=educator, scores=judgements())
        services.appraise_as_learner(resource, by=student, scores=judgements())
    client.get("/resources/my-appraisals/")
    with django_assert_max_num_queries(12):
        assert client.get("/resources/my-appraisals/").status_code == 200


def test_withdrawing_appraisals(client_as, resource, educator, student):
    services.appraise_resource(resource, by=educator, scores=judgements())
    services.appraise_as_learner(resource, by=student, scores=judgements())
    withdraw = f"/resources/{resource.pk}/appraise/withdraw/"

    assert client_as(educator).get(withdraw).status_code == 405
    response = client_as(educator).post(withdraw)
    assert response.status_code == 302
    assert not Appraisal.objects.exists()
    assert ResourcePage.objects.get(pk=resource.pk).credibility_band == Band.UNAPPRAISED

    client_as(student).post(withdraw)
    assert not LearnerAppraisal.objects.exists()
