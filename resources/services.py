"""Write paths for the resource library: appraisals, ratings and link checks.

Views, management commands, tasks and the demo loader all call these, so the permission
checks are the same whoever writes. The stored summaries (credibility band, usefulness
average) follow the rows they summarise through resources.signals, whichever way a row is
written or deleted, each recomputed by one function here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, QuerySet

from cop_site.accounts.models import User
from cop_site.accounts.roles import CREDIBILITY_ROLES, LEARNER_ROLES, Role

from .credibility import CRITERIA, POINTS, Judgement, Score, Summary, summarise
from .linkcheck import LinkResult, check_urls, default_timeout
from .models import Appraisal, LearnerAppraisal, Rating, ResourcePage


def can_appraise_credibility(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.has_role(*CREDIBILITY_ROLES)


def can_appraise_as_learner(user: User) -> bool:
    """Students and practitioners practise appraisal. An educator who is also a
    practitioner appraises as an educator, so their judgement is never split in two."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_role(*LEARNER_ROLES)
        and not can_appraise_credibility(user)
    )


def can_rate(user: User) -> bool:
    return user.is_authenticated and user.is_active


def _check_judgements(judgements: Mapping[str, Judgement]) -> dict[str, Judgement]:
    expected = {guide.key for guide in CRITERIA}
    if set(judgements) != expected:
        missing = ", ".join(sorted(expected - set(judgements))) or "none"
        unknown = ", ".join(sorted(set(judgements) - expected)) or "none"
        raise ValidationError(
            f"Every TAPUPAS criterion needs a score (missing: {missing}; unknown: {unknown})."
        )
    cleaned = {}
    for key, judgement in judgements.items():
        if judgement.score not in Score.values:
            raise ValidationError(f"{judgement.score!r} is not a score for {key}.")
        reason = judgement.reason.strip()
        if not reason:
            raise ValidationError(f"The {key} score needs a reason.")
        cleaned[key] = Judgement(score=judgement.score, reason=reason)
    if not any(j.score in POINTS for j in cleaned.values()):
        raise ValidationError("At least one criterion must apply.")
    return cleaned


def _credibility_role(user: User) -> str:
    return Role.EDUCATOR if user.has_role(Role.EDUCATOR) else Role.SITE_ADMIN


@transaction.atomic
def appraise_resource(
    resource: ResourcePage,
    *,
    by: User,
    scores: Mapping[str, Judgement],
    comment: str = "",
) -> Appraisal:
    """Records (or replaces) `by`'s credibility appraisal; the resource's band follows."""
    if not can_appraise_credibility(by):
        raise PermissionDenied("Only educators can make credibility appraisals.")
    judgements = _check_judgements(scores)
    # Through the resource, so the band refreshed on save is also this object's.
    appraisal: Appraisal | None = resource.appraisals.filter(appraiser=by).first()
    if appraisal is None:
        appraisal = Appraisal(resource=resource, appraiser=by)
    appraisal.appraiser_role = _credibility_role(by)
    appraisal.set_judgements(judgements)
    appraisal.comment = comment.strip()
    appraisal.save()
    return appraisal


@transaction.atomic
def withdraw_appraisal(appraisal: Appraisal, *, by: User) -> None:
    """An appraiser may withdraw their own appraisal; a site admin may remove any."""
    own = appraisal.appraiser_id is not None and appraisal.appraiser_id == by.pk
    if not (own and can_appraise_credibility(by)) and not by.has_role(Role.SITE_ADMIN):
        raise PermissionDenied("Only the appraiser or a site admin can remove an appraisal.")
    appraisal.delete()


def refresh_credibility(resource: ResourcePage) -> Summary:
    """Recomputes the stored band from the educators' appraisals (on every saved or deleted
    appraisal, through resources.signals; and by `manage.py refresh_credibility`).

    Written with an UPDATE of the curation fields alone, so it never races with an
    editor's save of the page's content or creates a revision.
    """
    summary = summarise(Appraisal.objects.filter(resource=resource))
    ResourcePage.objects.filter(pk=resource.pk).update(
        credibility_band=summary.band,
        credibility_score=summary.score,
        appraisal_count=summary.appraisal_count,
    )
    resource.credibility_band = summary.band
    resource.credibility_score = summary.score
    resource.appraisal_count = summary.appraisal_count
    return summary


@transaction.atomic
def appraise_as_learner(
    resource: ResourcePage,
    *,
    by: User,
    scores: Mapping[str, Judgement],
    reflection: str = "",
) -> LearnerAppraisal:
    """Keeps a learner's own appraisal. It is theirs alone and never touches the band."""
    if not can_appraise_as_learner(by):
        raise PermissionDenied("The appraisal exercise is for students and practitioners.")
    judgements = _check_judgements(scores)
    appraisal = LearnerAppraisal.objects.filter(resource=resource, learner=by).first()
    if appraisal is None:
        appraisal = LearnerAppraisal(resource=resource, learner=by)
    appraisal.set_judgements(judgements)
    appraisal.reflection = reflection.strip()
    appraisal.save()
    return appraisal


def delete_learner_appraisal(appraisal: LearnerAppraisal, *, by: User) -> None:
    if appraisal.learner_id != by.pk:
        raise PermissionDenied("You can only delete your own appraisal.")
    appraisal.delete()


def appraisals_for(user: User) -> QuerySet[LearnerAppraisal]:
    """A learner's own appraisals, newest first, for their profile and CPD evidence."""
    if not user.is_authenticated:
        return LearnerAppraisal.objects.none()
    return LearnerAppraisal.objects.for_learner(user)


def credibility_appraisals_by(user: User) -> QuerySet[Appraisal]:
    if not user.is_authenticated:
        return Appraisal.objects.none()
    return Appraisal.objects.filter(appraiser=user).select_related("resource")


@transaction.atomic
def rate_resource(resource: ResourcePage, *, by: User, score: int, comment: str = "") -> Rating:
    """Records or changes `by`'s usefulness rating; the resource's average follows.
    Ratings never affect credibility."""
    if not can_rate(by):
        raise PermissionDenied("Sign in to rate resources.")
    if score not in range(1, 6):
        raise ValidationError("A rating is a whole number from 1 to 5.")
    # Through the resource, so the average refreshed on save is also this object's.
    rating: Rating
    rating, _ = resource.ratings.update_or_create(
        user=by, defaults={"score": score, "comment": comment.strip()}
    )
    return rating


@transaction.atomic
def remove_rating(resource: ResourcePage, *, by: User) -> None:
    for rating in resource.ratings.filter(user=by):
        rating.delete()


def refresh_rating_summary(resource: ResourcePage) -> tuple[Decimal | None, int]:
    """Recomputes a resource's stored usefulness average and count from its ratings (on
    every saved or deleted rating, through resources.signals; and by
    `manage.py refresh_credibility`). An UPDATE of those fields alone, as for the band."""
    totals = Rating.objects.filter(resource_id=resource.pk).aggregate(
        avg=Avg("score"), n=Count("pk")
    )
    average = (
        Decimal(str(totals["avg"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if totals["avg"] is not None
        else None
    )
    count = int(totals["n"])
    ResourcePage.objects.filter(pk=resource.pk).update(rating_average=average, rating_count=count)
    resource.rating_average, resource.rating_count = average, count
    return average, count


def record_link_result(resource_id: int, result: LinkResult) -> None:
    ResourcePage.objects.filter(pk=resource_id).update(
        link_status=result.status,
        link_status_code=result.status_code,
        link_checked_at=result.checked_at,
        link_error=result.error[:255],
    )


def check_resource_links(
    resources: Iterable[ResourcePage] | None = None,
    *,
    timeout: float | None = None,
    workers: int = 8,
    dry_run: bool = False,
) -> list[tuple[ResourcePage, LinkResult]]:
    """Checks the external links of `resources` (default: every resource with a link)
    and records each one's status and when it was checked."""
    if resources is None:
        resources = (
            ResourcePage.objects.with_external_link().only("pk", "title", "link_url").order_by("pk")
        )
    resources = [r for r in resources if r.link_url]
    results = check_urls(
        [r.link_url for r in resources], timeout=timeout or default_timeout(), workers=workers
    )
    pairs = list(zip(resources, results, strict=True))
    if not dry_run:
        for resource, result in pairs:
            record_link_result(resource.pk, result)
    return pairs
