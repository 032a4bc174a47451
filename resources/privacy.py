"""The personal data the resource library holds, for export and erasure.

- `LearnerAppraisal` (learner): a member's own appraisal exercises. Private to them.
- `Rating` (user): usefulness ratings and comments, which other members can see.
- `Appraisal` (appraiser): educators' credibility appraisals. On erasure the judgement
  stays, because a resource's band rests on it, but it no longer names anyone.

The privacy app can call these two functions from its provider for this app.
"""

from __future__ import annotations

from django.db import transaction

from cop_site.accounts.models import User

from .credibility import CRITERIA
from .models import Appraisal, LearnerAppraisal, Rating


def _judgements(appraisal) -> dict[str, dict[str, str]]:
    return {
        guide.key: {"score": j.score, "reason": j.reason}
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
                "role": a.appraiser_role,
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
def erase_user_data(user: User) -> None:
    """Removes `user`'s own appraisals and ratings and unnames their credibility appraisals."""
    LearnerAppraisal.objects.filter(learner=user).delete()
    # Deleting each rating lets resources.signals update the resource's average.
    for rating in Rating.objects.filter(user=user):
        rating.delete()
    Appraisal.objects.filter(appraiser=user).update(appraiser=None)
