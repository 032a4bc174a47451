"""The roles a member can hold, and every set of roles a rule is written in terms of.

A rule that depends on roles names one of these sets rather than listing roles itself, so
that giving a role a new power, or taking one away, is a change here alone.
"""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STUDENT = "student", _("Student on placement")
    PRACTITIONER = "practitioner", _("Qualified social worker")
    EDUCATOR = "educator", _("Educator")
    CONTRIBUTOR = "contributor", _("Service user or carer contributor")
    MODERATOR = "moderator", _("Moderator")
    SITE_ADMIN = "site_admin", _("Site admin")


# Roles a person may choose for themselves at sign-up; the others are granted.
SELF_SELECTED_ROLES: tuple[Role, ...] = (Role.STUDENT, Role.PRACTITIONER, Role.CONTRIBUTOR)
# Roles that must protect their account with a second factor before using their tools.
PRIVILEGED_ROLES: frozenset[str] = frozenset({Role.EDUCATOR, Role.MODERATOR, Role.SITE_ADMIN})
# Roles other members may see. Being a service user or carer is the person's own to disclose.
SHOWN_ROLES: frozenset[str] = frozenset(set(Role.values) - {Role.CONTRIBUTOR})
# Roles whose profile carries professional identity (regulator, registration).
PROFESSIONAL_ROLES: frozenset[str] = frozenset({Role.PRACTITIONER, Role.EDUCATOR})
# Roles that may check a member's registration against their regulator's register.
VERIFIER_ROLES: tuple[Role, ...] = (Role.EDUCATOR, Role.SITE_ADMIN)
# Roles that see every member, unconfirmed accounts too, in the member list.
MEMBER_LIST_ROLES: tuple[Role, ...] = (Role.MODERATOR, Role.SITE_ADMIN)
# Roles that may set the roles of other members.
ROLE_SETTER_ROLES: tuple[Role, ...] = (Role.SITE_ADMIN,)
# Roles that bring Wagtail admin access, through a Django group of the same purpose.
ROLE_GROUPS: dict[str, str] = {
    Role.EDUCATOR: "Educators",
}
# Roles that curate: the library's topics and reports, and the search synonyms, in the admin.
CURATOR_ROLES: tuple[Role, ...] = (Role.EDUCATOR, Role.SITE_ADMIN)
# Roles whose appraisals decide a resource's credibility band.
CREDIBILITY_ROLES: tuple[Role, ...] = (Role.EDUCATOR, Role.SITE_ADMIN)
# Roles who appraise resources as a learning exercise.
LEARNER_ROLES: tuple[Role, ...] = (Role.STUDENT, Role.PRACTITIONER)


def is_site_admin(user: Any) -> bool:
    """Whether `user` runs the site: an active account holding the site admin role, or a
    superuser (`createsuperuser` makes one with no role). Every rule about site admins asks
    this, so that the role and the flag never give two answers."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.has_role(Role.SITE_ADMIN))
    )


# The accounts `is_site_admin` holds for, as a filter on users (with `is_active=True`).
SITE_ADMIN_ACCOUNTS = Q(is_superuser=True) | Q(role_grants__role=Role.SITE_ADMIN)
