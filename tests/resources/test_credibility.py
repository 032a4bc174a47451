"""The credibility rule: every band, the not-yet-appraised case, and who may change it."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from cop_site.accounts.models import Role
from resources import services
from resources.credibility import Band, Criterion, Score, summarise
from resources.models import Appraisal, LearnerAppraisal, ResourcePage

from .conftest import judgements

pytestmark = pytest.mark.django_db

MET, PARTLY, NOT_MET, NA = Score.MET, Score.PARTLY_MET, Score.NOT_MET, Score.NOT_APPLICABLE


class Stub:
    """An appraisal without a database row, for testing the rule itself."""

    def __init__(self, default=MET, **scores):
        self._judgements = judgements(default, **scores)

    def judgement(self, key):
        return self._judgements[key]


def test_no_appraisals_is_not_yet_appraised():
    summary = summarise([])
    assert summary.band == Band.UNAPPRAISED
    assert summary.score is None
    assert summary.appraisal_count == 0


def test_all_met_is_high():
    summary = summarise([Stub(MET)])
    assert (summary.band, summary.score) == (Band.HIGH, 100)


def test_high_needs_75_and_no_criterion_not_met():
    # Five met and two partly met: (5*2 + 2*1) / 14 = 85.7% -> 86, nothing not met.
    assert summarise([Stub(MET, utility=PARTLY, specificity=PARTLY)]).band == Band.HIGH
    # Exactly 75: one appraiser met and one partly met on every criterion averages 1.5.
    summary = summarise([Stub(MET), Stub(PARTLY)])
    assert summary.score == 75
    assert summary.band == Band.HIGH


def test_a_criterion_not_met_stops_high_even_with_a_high_score():
    # Six met and one not met: 12/14 = 86, but propriety is not met.
    summary = summarise([Stub(MET, propriety=NOT_MET)])
    assert summary.score == 86
    assert summary.band == Band.MODERATE


def test_moderate_between_50_and_75():
    # All partly met: 50 exactly.
    summary = summarise([Stub(PARTLY)])
    assert (summary.score, summary.band) == (50, Band.MODERATE)
    # (4*1 + 3*2) / 14 = 71.4 -> 71.
    summary = summarise([Stub(PARTLY, transparency=MET, utility=MET, accessibility=MET)])
    assert (summary.score, summary.band) == (71, Band.MODERATE)


def test_accuracy_not_met_caps_the_band_at_low():
    # 12/14 = 86 overall, but accuracy is not met.
    summary = summarise([Stub(MET, accuracy=NOT_MET)])
    assert summary.score == 86
    assert summary.band == Band.LOW


def test_below_50_is_low():
    # (2*1 + 5*0) / 14 = 14.
    summary = summarise([Stub(NOT_MET, transparency=PARTLY, utility=PARTLY)])
    assert summary.band == Band.LOW
    assert summary.score == 14
    # Just under the moderate threshold: 6/14 = 43.
    summary = summarise([Stub(PARTLY, transparency=NOT_MET)])
    assert (summary.score, summary.band) == (43, Band.LOW)
    # And exactly on it: 7/14 = 50.
    summary = summarise([Stub(PARTLY, transparency=NOT_MET, utility=MET)])
    assert (summary.score, summary.band) == (50, Band.MODERATE)


def test_not_applicable_is_left_out_not_counted_as_zero():
    summary = summarise([Stub(MET, accuracy=NA, propriety=NA)])
    assert summary.score == 100
    assert summary.band == Band.HIGH
    accuracy = next(r for r in summary.criteria if r.guide.criterion == Criterion.ACCURACY)
    assert accuracy.verdict == NA


def test_several_appraisals_are_averaged_per_criterion():
    summary = summarise([Stub(MET), Stub(MET, utility=NOT_MET)])
    utility = next(r for r in summary.criteria if r.guide.criterion == Criterion.UTILITY)
    assert utility.points == 1.0
    assert utility.verdict == PARTLY
    assert summary.appraisal_count == 2
    # (6*2 + 1) / 14 = 92.9 -> 93, and no criterion is "not met" once combined.
    assert (summary.score, summary.band) == (93, Band.HIGH)


def test_disagreement_is_reported_per_criterion():
    summary = summarise([Stub(MET), Stub(MET, utility=NOT_MET, accuracy=PARTLY)])
    assert {r.guide.key for r in summary.disagreements} == {"utility", "accuracy"}


def test_appraise_resource_stores_the_band(resource, educator):
    services.appraise_resource(resource, by=educator, scores=judgements(PARTLY))
    resource.refresh_from_db()
    assert resource.credibility_band == Band.MODERATE
    assert resource.credibility_score == 50
    assert resource.appraisal_count == 1

    # Appraising again replaces the educator's appraisal rather than adding another.
    services.appraise_resource(resource, by=educator, scores=judgements(MET))
    resource.refresh_from_db()
    assert Appraisal.objects.filter(resource=resource).count() == 1
    assert (resource.credibility_band, resource.appraisal_count) == (Band.HIGH, 1)


def test_second_educator_changes_the_band(resource, educator, second_educator):
    services.appraise_resource(resource, by=educator, scores=judgements(MET))
    services.appraise_resource(resource, by=second_educator, scores=judgements(NOT_MET))
    resource.refresh_from_db()
    assert resource.appraisal_count == 2
    assert resource.credibility_score == 50
    # Every criterion averages 1 point: partly met, so moderate.
    assert resource.credibility_band == Band.MODERATE


def test_site_admin_can_appraise(resource, site_admin):
    appraisal = services.appraise_resource(resource, by=site_admin, scores=judgements())
    assert appraisal.appraiser_role == Role.SITE_ADMIN


@pytest.mark.parametrize("who", ["student", "practitioner", "contributor", "moderator"])
def test_only_educators_make_credibility_appraisals(request, resource, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.appraise_resource(resource, by=user, scores=judgements())
    assert not Appraisal.objects.exists()


def test_learner_appraisal_never_changes_the_band(resource, educator, student, practitioner):
    services.appraise_resource(resource, by=educator, scores=judgements(PARTLY))
    services.appraise_as_learner(resource, by=student, scores=judgements(MET))
    services.appraise_as_learner(resource, by=practitioner, scores=judgements(NOT_MET))
    resource.refresh_from_db()
    assert (resource.credibility_band, resource.credibility_score) == (Band.MODERATE, 50)
    assert resource.appraisal_count == 1
    assert LearnerAppraisal.objects.filter(resource=resource).count() == 2

    # Recomputing from scratch still ignores the learners.
    services.refresh_credibility(resource)
    resource.refresh_from_db()
    assert resource.credibility_band == Band.MODERATE


def test_learner_appraisal_on_unappraised_resource_leaves_it_unappraised(resource, student):
    services.appraise_as_learner(resource, by=student, scores=judgements(MET))
    resource.refresh_from_db()
    assert resource.credibility_band == Band.UNAPPRAISED


def test_educators_cannot_file_learner_appraisals(resource, educator, contributor):
    for user in (educator, contributor):
        with pytest.raises(PermissionDenied):
            services.appraise_as_learner(resource, by=user, scores=judgements())


def test_every_criterion_needs_a_score_and_a_reason(resource, educator):
    incomplete = judgements()
    del incomplete["utility"]
    with pytest.raises(ValidationError):
        services.appraise_resource(resource, by=educator, scores=incomplete)
    no_reason = judgements()
    no_reason["accuracy"] = no_reason["accuracy"].__class__(score=MET, reason="  ")
    with pytest.raises(ValidationError):
        services.appraise_resource(resource, by=educator, scores=no_reason)
    with pytest.raises(ValidationError):
        services.appraise_resource(resource, by=educator, scores=judgements(NA))


def test_withdrawing_an_appraisal_returns_to_not_yet_appraised(resource, educator):
    appraisal = services.appraise_resource(resource, by=educator, scores=judgements())
    services.withdraw_appraisal(appraisal, by=educator)
    resource.refresh_from_db()
    assert resource.credibility_band == Band.UNAPPRAISED
    assert resource.appraisal_count == 0


def test_only_the_appraiser_or_a_site_admin_can_withdraw(
    resource, educator, second_educator, site_admin
):
    appraisal = services.appraise_resource(resource, by=educator, scores=judgements())
    with pytest.raises(PermissionDenied):
        services.withdraw_appraisal(appraisal, by=second_educator)
    services.withdraw_appraisal(appraisal, by=site_admin)
    assert not Appraisal.objects.exists()


def test_band_survives_publishing_an_older_draft(resource, educator):
    """Curation state belongs to the resource, not to a revision."""
    revision = resource.save_revision()
    services.appraise_resource(resource, by=educator, scores=judgements())
    ResourcePage.objects.get(pk=resource.pk).revisions.get(pk=revision.pk).publish()
    resource.refresh_from_db()
    assert resource.credibility_band == Band.HIGH
    assert resource.appraisal_count == 1


def test_refresh_credibility_command_repairs_stored_band(resource, educator):
    services.appraise_resource(resource, by=educator, scores=judgements())
    ResourcePage.objects.filter(pk=resource.pk).update(
        credibility_band=Band.UNAPPRAISED, appraisal_count=0
    )
    call_command("refresh_credibility", stdout=io.StringIO())
    resource.refresh_from_db()
    assert (resource.credibility_band, resource.appraisal_count) == (Band.HIGH, 1)
