"""TAPUPAS appraisals: educators' credibility judgements and learners' own exercises.

The two are separate models on purpose. Only `Appraisal` rows feed a resource's
credibility band; a learner's `LearnerAppraisal` can never be counted by mistake.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from ..credibility import CRITERIA, Judgement, Score


def _score_field(label: str) -> models.CharField:
    return models.CharField(label, max_length=8, choices=Score.choices)


class TapupasFields(models.Model):
    """A score and a written reason for each of the seven TAPUPAS criteria."""

    transparency_score = _score_field(_("transparency"))
    transparency_reason = models.TextField(_("transparency: reason"))
    accuracy_score = _score_field(_("accuracy"))
    accuracy_reason = models.TextField(_("accuracy: reason"))
    purposivity_score = _score_field(_("purposivity"))
    purposivity_reason = models.TextField(_("purposivity: reason"))
    utility_score = _score_field(_("utility"))
    utility_reason = models.TextField(_("utility: reason"))
    propriety_score = _score_field(_("propriety"))
    propriety_reason = models.TextField(_("propriety: reason"))
    accessibility_score = _score_field(_("accessibility"))
    accessibility_reason = models.TextField(_("accessibility: reason"))
    specificity_score = _score_field(_("specificity"))
    specificity_reason = models.TextField(_("specificity: reason"))

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def judgement(self, criterion: str) -> Judgement:
        return Judgement(
            score=getattr(self, f"{criterion}_score"),
            reason=getattr(self, f"{criterion}_reason"),
        )

    def judgements(self) -> dict[str, Judgement]:
        return {guide.key: self.judgement(guide.key) for guide in CRITERIA}

    def set_judgements(self, judgements: dict[str, Judgement]) -> None:
        for key, judgement in judgements.items():
            setattr(self, f"{key}_score", judgement.score)
            setattr(self, f"{key}_reason", judgement.reason)


class AppraisalQuerySet(models.QuerySet):
    def with_appraisers(self) -> AppraisalQuerySet:
        """Appraiser name and verified badge without a query per appraisal."""
        return self.select_related("appraiser__profile")

    def for_resource(self, resource) -> AppraisalQuerySet:
        return self.filter(resource=resource).with_appraisers().order_by("created_at", "pk")


class Appraisal(TapupasFields):
    """An educator's credibility appraisal of one resource. One per educator per resource."""

    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="appraisals"
    )
    # Kept when the account goes: the band still rests on the judgement, and the page
    # then shows "a former educator".
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="credibility_appraisals",
    )
    appraiser_role = models.CharField(
        max_length=20, help_text=_("The role the appraiser held when they made it.")
    )
    comment = models.TextField(_("overall comment"), blank=True, max_length=2000)

    objects = AppraisalQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "appraiser"],
                condition=Q(appraiser__isnull=False),
                name="one_appraisal_per_educator_per_resource",
            )
        ]

    def __str__(self) -> str:
        who = self.appraiser.display_name if self.appraiser_id else "a former educator"
        return f"Appraisal of {self.resource.title} by {who}"

    @property
    def appraiser_name(self) -> str:
        return self.appraiser.display_name if self.appraiser_id else "A former educator"

    @property
    def appraiser_role_label(self) -> str:
        from cop_site.accounts.models import Role

        try:
            return str(Role(self.appraiser_role).label)
        except ValueError:
            return self.appraiser_role

    @property
    def appraiser_is_verified(self) -> bool:
        profile = getattr(self.appraiser, "profile", None) if self.appraiser_id else None
        return bool(profile and profile.is_verified)


class LearnerAppraisalQuerySet(models.QuerySet):
    def for_learner(self, user) -> LearnerAppraisalQuerySet:
        return self.filter(learner=user).select_related("resource").order_by("-updated_at")

    def with_educator_appraisals(self) -> LearnerAppraisalQuerySet:
        return self.prefetch_related(
            Prefetch("resource__appraisals", queryset=Appraisal.objects.with_appraisers())
        )


class LearnerAppraisal(TapupasFields):
    """A student's or practitioner's own appraisal, made as a learning exercise.

    Private to the learner, and never part of the credibility band."""

    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="learner_appraisals"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_appraisals"
    )
    reflection = models.TextField(
        _("what you noticed"),
        blank=True,
        max_length=4000,
        help_text=_("Optional: what you learnt about judging sources from this resource."),
    )

    objects = LearnerAppraisalQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "learner"], name="one_learner_appraisal_per_resource"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} on {self.resource.title}"
