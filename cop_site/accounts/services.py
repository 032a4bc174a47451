"""Write paths for accounts: roles, profiles and professional verification."""

from django.contrib import messages
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from .models import PROFESSIONAL_ROLES, Profile, Role, RoleGrant, User
from .regulators import normalise_registration_number

# Roles that bring Wagtail admin access, through a Django group of the same purpose.
ROLE_GROUPS: dict[str, str] = {
    Role.EDUCATOR: "Educators",
}
VERIFIER_ROLES = (Role.EDUCATOR, Role.SITE_ADMIN)


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


@transaction.atomic
def grant_role(user: User, role: str, *, by: User | None = None) -> RoleGrant:
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    grant, _ = RoleGrant.objects.get_or_create(user=user, role=role, defaults={"granted_by": by})
    _sync_permissions(user)
    return grant


@transaction.atomic
def revoke_role(user: User, role: str) -> None:
    RoleGrant.objects.filter(user=user, role=role).delete()
    _sync_permissions(user)


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
def verify_registration(profile: Profile, *, by: User) -> Profile:
    """Records that `by` checked the registration against the regulator's public register."""
    if not can_verify(by):
        raise PermissionDenied("Only educators and site admins can verify a registration.")
    if profile.user_id == by.pk:
        raise PermissionDenied("You cannot verify your own registration.")
    if not profile.has_registration:
        raise ValueError("This profile has no registration number to verify.")
    profile.verified_at = timezone.now()
    profile.verified_by = by
    profile.save(update_fields=["verified_at", "verified_by"])
    return profile


@transaction.atomic
def revoke_verification(profile: Profile, *, by: User) -> Profile:
    if not can_verify(by):
        raise PermissionDenied("Only educators and site admins can change a verification.")
    profile.verified_at = None
    profile.verified_by = None
    profile.save(update_fields=["verified_at", "verified_by"])
    return profile


# Where a member stopped by the two-factor gate was going, so set-up can send them on.
MFA_SETUP_NEXT_SESSION_KEY = "cop_mfa_setup_next"


def mfa_setup_redirect(request: HttpRequest, before: str) -> HttpResponse:
    """Sends a member who must have two-factor authentication to choose how to set it up,
    saying what it is needed for (``before``: "using the admin and moderation tools").

    The page they were opening is kept (for a GET; a form sent without two-factor
    authentication is not replayed) so that, once set up, they can carry on to it.
    """
    if request.method == "GET":
        request.session[MFA_SETUP_NEXT_SESSION_KEY] = request.get_full_path()
    messages.warning(
        request,
        "Set up two-factor authentication with an authenticator app, a security key or a "
        f"passkey before {before}.",
    )
    return redirect("mfa_index")


def mfa_setup_next(request: HttpRequest) -> str:
    """The page a member was opening when sent to set up two-factor authentication, once
    they have it; otherwise an empty string."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_mfa:
        return ""
    return request.session.get(MFA_SETUP_NEXT_SESSION_KEY, "")
