"""What resources add to a member's profile, declared through ``ResourcesConfig.profile_sections``
(see :mod:`cop_site.accounts.profile_sections`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from cop_site.accounts.models import User

from .services import appraisals_for


def appraisals_section(request: HttpRequest, member: User) -> dict[str, Any] | None:
    """A link to the member's own practice appraisals, with how many there are; none until the
    first."""
    count = appraisals_for(member).count()
    if not count:
        return None
    return {"count": count, "url": reverse("resources:my_appraisals")}
