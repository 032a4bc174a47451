"""Members' usefulness ratings: separate from credibility, one per person per resource."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

RATING_SCALE = {
    1: _("Not useful"),
    2: _("Slightly useful"),
    3: _("Useful"),
    4: _("Very useful"),
    5: _("Essential"),
}


class Rating(models.Model):
    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="ratings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_ratings"
    )
    score = models.PositiveSmallIntegerField(
        choices=list(RATING_SCALE.items()),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="one_rating_per_member"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5 for {self.resource.title} by {self.user}"
