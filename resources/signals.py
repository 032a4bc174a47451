"""Keeps stored summaries right when rows disappear by a route other than our services.

Ratings and learners' appraisals are deleted with their author's account, wherever
that deletion starts (erasure, the Django admin), so the usefulness average follows
the ratings that remain.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Rating


@receiver(post_delete, sender=Rating, dispatch_uid="resources_rating_deleted")
def rating_deleted(sender, instance: Rating, **kwargs) -> None:
    from .services import refresh_rating_summary_for

    refresh_rating_summary_for(instance.resource_id)
