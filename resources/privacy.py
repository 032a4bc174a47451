"""The personal data the resource library holds: the library's privacy provider.

- `LearnerAppraisal` (learner): a member's own appraisal exercises. Private to them.
- `Rating` (user): usefulness ratings and comments, which signed-in members see with the
  rater's name. On erasure they stay as by "Former member", the name taken out of the comment,
  unless the person asks for what they wrote for others to be deleted too.
- `Appraisal` (appraiser): educators' credibility appraisals. On erasure the judgement
  stays, because a resource's band rests on it, but it no longer names anyone (unless the
  person asks for what they wrote for others to be deleted too).
"""

from __future__ import annotations

from django.db import transaction

from cop_site.accounts.models import User
from cop_site.privacy.registry import Basis, Holding, NotPersonal, Provider, Retention

from .credibility import CRITERIA, Score
from .models import Appraisal, LearnerAppraisal, Rating


def _score_label(score: str) -> str:
    """A score as the site shows it ("Partly met"), not its stored code ("partly")."""
    try:
        return str(Score(score).label)
    except ValueError:
        return score


def _judgements(appraisal) -> dict[str, dict[str, str]]:
    return {
        guide.key: {"score": _score_label(j.score), "reason": j.reason}
        for guide in CRITERIA
        for j in [appraisal.judgement(guide.key)]
    }


def export_user_data(user: User) -> dict[str, list[dict]]:
    """Everything in the library that belongs to `user`, and nothing of anyone else's."""
    return {
        "learner_appraisals": [
            {
                "resource": a.resource.title,
                "created_at": a.created_at.isoformat(),
                "updated_at": a.updated_at.isoformat(),
                "judgements": _judgements(a),
                "reflection": a.reflection,
            }
            for a in LearnerAppraisal.objects.filter(learner=user).select_related("resource")
        ],
        "credibility_appraisals": [
            {
                "resource": a.resource.title,
                "role": a.appraiser_role_label,
                "created_at": a.created_at.isoformat(),
                "updated_at": a.updated_at.isoformat(),
                "judgements": _judgements(a),
                "comment": a.comment,
            }
            for a in Appraisal.objects.filter(appraiser=user).select_related("resource")
        ],
        "usefulness_ratings": [
            {
                "resource": r.resource.title,
                "score": r.score,
                "comment": r.comment,
                "updated_at": r.updated_at.isoformat(),
            }
            for r in Rating.objects.filter(user=user).select_related("resource")
        ],
    }


@transaction.atomic
def erase_user_data(user: User, *, delete_shared: bool = False) -> None:
    """Removes `user`'s practice appraisals, and unnames what they wrote for others.

    Their usefulness ratings stay, shown as by "Former member" (the account row is kept,
    anonymised), with their name taken out of the comments. An unnamed credibility appraisal
    keeps its judgement, and so its part in the resource's band, and shows as by "A former
    educator"; their name is taken out of its comment and reasons. With `delete_shared` the
    ratings and appraisals are deleted instead: each resource's average and band are worked out
    again from what is left (unrated when nothing is), and the resource is put back in the
    search index, which filters by band.
    """
    from cop_site.privacy.erasure import reindex
    from cop_site.privacy.redaction import identifiers, redact_rows

    LearnerAppraisal.objects.filter(learner=user).delete()
    known_as = identifiers(user)
    if delete_shared:
        # Deleting each row lets resources.signals update the resource's average.
        for rating in Rating.objects.filter(user=user):
            rating.delete()
    else:
        redact_rows(Rating.objects.filter(user=user), ["comment"], known_as)
    appraisals = Appraisal.objects.filter(appraiser=user).select_related("resource")
    if delete_shared:
        resources = {}
        for appraisal in appraisals:
            resources[appraisal.resource_id] = appraisal.resource
            appraisal.delete()
        reindex(resources.values())
        return
    texts = ["comment", *(f"{guide.key}_reason" for guide in CRITERIA)]
    redact_rows(Appraisal.objects.filter(appraiser=user), texts, known_as)
    Appraisal.objects.filter(appraiser=user).update(appraiser=None)


provider = Provider(
    area="resources",
    label="The resource library",
    description="Your practice appraisals, your credibility appraisals as an educator, and "
    "the usefulness ratings you gave.",
    listed=20,
    holdings=(
        Holding(
            "resources.LearnerAppraisal",
            ("resource", "reflection", "created_at", "updated_at"),
            what="Your practice appraisals of resources, with your reflections",
            purpose="To let you practise judging sources and compare your judgement with "
            "the educators'",
            basis=Basis.CONTRACT,
            seen_by="Only you",
        ),
        Holding(
            "resources.Appraisal",
            ("appraiser", "appraiser_role", "comment", "created_at", "updated_at"),
            what="Educators' credibility appraisals of resources, with their name",
            purpose="To tell members how far a resource can be trusted, and who judged it",
            basis=Basis.LEGITIMATE_INTERESTS,
            retention=Retention(
                description="Until you erase your account; then kept without your name, "
                "unless you ask for it to be deleted"
            ),
            seen_by="Everyone who can see the resource",
        ),
        Holding(
            "resources.Rating",
            ("user", "score", "comment", "updated_at"),
            what="The usefulness ratings you give resources, with any comment",
            purpose="To show members how useful others found a resource",
            basis=Basis.CONTRACT,
            seen_by="Signed-in members see your rating and comment, with your display name",
            retention=Retention(
                description="Until you erase your account; then kept as by “Former member”, "
                "unless you ask for it to be deleted"
            ),
        ),
    ),
    not_personal=(
        NotPersonal(
            "resources.ResourcePage",
            "A published resource; its owner and editors are covered by Wagtail's page",
        ),
        NotPersonal("resources.ReadingListItem", "A resource's place on a reading list"),
    ),
    export=export_user_data,
    erase=erase_user_data,
)
