"""Keeps each resource's stored summaries in step with the rows they summarise.

The credibility band follows the educators' appraisals and the usefulness average follows
the ratings, whichever way a row is saved or deleted: through resources.services, the
admin, or with its author's account (erasure, the Django admin). This is the one place
that asks for a summary to be refreshed; resources.services holds the function for each.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Appraisal, Rating


@receiver(post_save, sender=Appraisal, dispatch_uid="resources_appraisal_saved")
@receiver(post_delete, sender=Appraisal, dispatch_uid="resources_appraisal_deleted")
def appraisal_changed(sender: type[Appraisal], instance: Appraisal, **kwargs: Any) -> None:
    from .services import refresh_credibility

    refresh_credibility(instance.resource)


@receiver(post_save, sender=Rating, dispatch_uid="resources_rating_saved")
@receiver(post_delete, sender=Rating, dispatch_uid="resources_rating_deleted")
def rating_changed(sender: type[Rating], instance: Rating, **kwargs: Any) -> None:
    from .services import refresh_rating_summary

    refresh_rating_summary(instance.resource)
