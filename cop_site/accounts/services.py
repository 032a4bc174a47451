"""Write paths for accounts: roles, profiles and professional verification."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cop_site.privacy import audit

from .mfa import must_set_up_mfa
from .models import Profile, Role, RoleGrant, User
from .regulators import normalise_registration_number
from .roles import PROFESSIONAL_ROLES, ROLE_GROUPS, VERIFIER_ROLES, is_site_admin

security_log = logging.getLogger("cop_site.security")


def ensure_role_groups() -> None:
    """Creates the permission groups that roles map to. Safe to run repeatedly.

    Educators curate and publish pages, so a new Educators group starts with the
    permissions of Wagtail's own publishing group ("Moderators" in Wagtail's terms).
    """
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    template = Group.objects.filter(name="Moderators").first()
    for group_name in ROLE_GROUPS.values():
        group, created = Group.objects.get_or_create(name=group_name)
        if access_admin is not None:
            group.permissions.add(access_admin)
        if created and template is not None:
            group.permissions.add(*template.permissions.all())
            for grant in GroupPagePermission.objects.filter(group=template):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=grant.page, permission=grant.permission
                )
            for grant in GroupCollectionPermission.objects.filter(group=template):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=grant.collection, permission=grant.permission
                )


def _sync_permissions(user: User) -> None:
    roles = set(user.role_grants.values_list("role", flat=True))
    for role, group_name in ROLE_GROUPS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            ensure_role_groups()
            group = Group.objects.get(name=group_name)
        if role in roles:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    is_admin = Role.SITE_ADMIN in roles
    if user.is_staff != is_admin or user.is_superuser != is_admin:
        user.is_staff = is_admin
        user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("roles", None)


def _actor(by: User | None) -> str:
    return f"user {by.pk}" if by is not None else "the command line"


@transaction.atomic
def grant_role(user: User, role: str, *, by: User | None = None, reason: str = "") -> RoleGrant:
    """Gives `user` the role; `by` is who granted it (None: at sign-up or from the command
    line), kept on the grant and in the audit log with `reason`."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": by}
    )
    if created:
        security_log.info("Role %s granted to user %s by %s", role, user.pk, _actor(by))
        audit.record("accounts.role_granted", actor=by, subject=user, reason=reason, role=role)
    _sync_permissions(user)
    return grant


@transaction.atomic
def revoke_role(user: User, role: str, *, by: User | None = None, reason: str = "") -> None:
    """Takes the role from `user`. The grant row goes, so who revoked it (`by`, None from
    the command line) is recorded in the security log and the audit log."""
    deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
    if deleted:
        security_log.warning("Role %s revoked from user %s by %s", role, user.pk, _actor(by))
        audit.record("accounts.role_revoked", actor=by, subject=user, reason=reason, role=role)
    _sync_permissions(user)


@dataclass(frozen=True)
class RoleChanges:
    granted: frozenset[str]
    revoked: frozenset[str]


def can_set_roles(user: User) -> bool:
    """Site admins set members' roles (and need two-factor authentication to do it)."""
    return is_site_admin(user)


def check_set_roles(member: User, roles: Iterable[str], *, by: User) -> frozenset[str]:
    """Validates a change of `member`'s roles by `by`; returns the roles to hold.

    Raises PermissionDenied when `by` may not set roles (site admins only, with two-factor
    authentication set up) and ValidationError when the roles cannot be held.
    """
    if not can_set_roles(by):
        raise PermissionDenied("Only site admins can change roles.")
    if must_set_up_mfa(by):
        raise PermissionDenied("Set up two-factor authentication before changing roles.")
    wanted = frozenset(roles)
    if unknown := sorted(wanted - set(Role.values)):
        raise ValidationError(f"Unknown role: {', '.join(unknown)}.", code="unknown_role")
    if not wanted:
        raise ValidationError(
            "Choose at least one role. Every member needs a role to use the site.",
            code="no_role",
        )
    if member.pk == by.pk and Role.SITE_ADMIN not in wanted:
        raise ValidationError(
            "You cannot remove your own site admin role.", code="own_site_admin_role"
        )
    return wanted


@transaction.atomic
def set_roles(member: User, roles: Iterable[str], *, by: User, reason: str = "") -> RoleChanges:
    """Makes `member` hold exactly `roles`, granting and revoking as `by`, for `reason`."""
    wanted = check_set_roles(member, roles, by=by)
    current = frozenset(member.role_grants.values_list("role", flat=True))
    changes = RoleChanges(granted=wanted - current, revoked=current - wanted)
    for role in sorted(changes.granted):
        grant_role(member, role, by=by, reason=reason)
    for role in sorted(changes.revoked):
        revoke_role(member, role, by=by, reason=reason)
    return changes


def profile_for(user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def asks_professional_identity(user: User) -> bool:
    """Professional identity is asked of practitioners and educators only; never of
    someone contributing as a service user or carer unless they also hold such a role."""
    return bool(user.roles & PROFESSIONAL_ROLES)


@transaction.atomic
def update_profile(profile: Profile, **changes: object) -> Profile:
    """Saves profile changes. A changed regulator or registration number needs verifying again."""
    if "registration_number" in changes:
        changes["registration_number"] = normalise_registration_number(
            str(changes["registration_number"])
        )
    identity_changed = any(
        field in changes and changes[field] != getattr(profile, field)
        for field in ("regulator", "registration_number")
    )
    for field, value in changes.items():
        setattr(profile, field, value)
    fields = list(changes)
    if identity_changed and profile.verified_at is not None:
        profile.verified_at = None
        profile.verified_by = None
        fields += ["verified_at", "verified_by"]
    profile.save(update_fields=[*fields, "updated_at"])
    return profile


def can_verify(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(*VERIFIER_ROLES))


@transaction.atomic
def verify_registration(profile: Profile, *, by: User, reason: str = "") -> Profile:
    """Records that `by` checked the registration against the regulator's public register,
    on the profile and in the audit log."""
    if not can_verify(by):
        raise PermissionDenied("Only educators and site admins can verify a registration.")
    if profile.user_id == by.pk:
        raise PermissionDenied("You cannot verify your own registration.")
    if not profile.has_registration:
        raise ValueError("This profile has no registration number to verify.")
    profile.verified_at = timezone.now()
    profile.verified_by = by
    profile.save(update_fields=["verified_at", "verified_by"])
    audit.record(
        "accounts.registration_verified",
        actor=by,
        subject=profile.user,
        reason=reason,
        regulator=profile.regulator,
    )
    return profile


@transaction.atomic
def revoke_verification(profile: Profile, *, by: User, reason: str = "") -> Profile:
    """Removes the registration check; the audit log keeps who removed it, and why. Nothing
    is recorded when there was no check to remove."""
    if not can_verify(by):
        raise PermissionDenied("Only educators and site admins can change a verification.")
    was_verified = profile.verified_at is not None
    profile.verified_at = None
    profile.verified_by = None
    profile.save(update_fields=["verified_at", "verified_by"])
    if was_verified:
        audit.record(
            "accounts.verification_removed",
            actor=by,
            subject=profile.user,
            reason=reason,
            regulator=profile.regulator,
        )
    return profile
