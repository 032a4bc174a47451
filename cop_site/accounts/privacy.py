"""The personal data of accounts: who a member is, how they sign in, and their profile.

The account's provider runs last in an erasure: once every app has removed or unnamed what is
its own, the account keeps no identity (see `erase`).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cop_site.privacy.audit_display import acted_by
from cop_site.privacy.models import AuditEntry
from cop_site.privacy.registry import (
    AuditAction,
    Basis,
    Holding,
    JSONData,
    Provider,
    Retention,
    RetentionRule,
    when,
)
from cop_site.privacy.retention import delete_older

from .models import Profile, ProfileField, RoleGrant, SignInRecord, User
from .roles import SELF_SELECTED_ROLES

UNVERIFIED_SIGN_UPS = Retention(
    timedelta(days=7),
    setting="PRIVACY_UNVERIFIED_SIGN_UP_DAYS",
    then="the account is deleted",
    description="7 days if you never confirm your email address, then the account is deleted; "
    "otherwise until you erase your account",
)
SIGN_IN_ADDRESSES = Retention(
    timedelta(days=90), setting="PRIVACY_SIGN_IN_ADDRESS_DAYS", then="the address is removed"
)
SIGN_IN_HISTORY = Retention(timedelta(days=365), setting="PRIVACY_SIGN_IN_HISTORY_DAYS")


def _profile(user: User) -> JSONData | None:
    profile = Profile.objects.filter(user=user).select_related("verified_by__profile").first()
    if profile is None:
        return None
    shared = set(profile.shared_fields or [])
    return {
        "display_name": profile.display_name,
        "pronouns": profile.pronouns,
        "about_me": profile.bio,
        "regulator": profile.get_regulator_display() if profile.regulator else "",
        "registration_number": profile.registration_number,
        "qualifications": profile.qualifications,
        "employer": profile.employer,
        "shown_to_other_members": [
            str(field.label) for field in ProfileField if field.value in shared
        ],
        "registration_check": (
            {
                "checked_on": when(profile.verified_at),
                "checked_by": acted_by(profile.verified_by, user),
            }
            if profile.verified_at is not None
            else None
        ),
        "updated_at": when(profile.updated_at),
    }


AUTHENTICATOR_TYPES = {
    Authenticator.Type.TOTP: "Authenticator app",
    Authenticator.Type.WEBAUTHN: "Security key or passkey",
    Authenticator.Type.RECOVERY_CODES: "Recovery codes",
}


def _authenticator(authenticator: Authenticator) -> JSONData:
    """What kind of second factor, and when: never its secret, codes or key material."""
    entry: JSONData = {
        "type": AUTHENTICATOR_TYPES.get(authenticator.type, authenticator.type),
        "created_at": when(authenticator.created_at),
        "last_used_at": when(authenticator.last_used_at),
    }
    if authenticator.type == Authenticator.Type.WEBAUTHN:
        entry["name"] = str((authenticator.data or {}).get("name", ""))
    return entry


def export(user: User) -> JSONData:
    """The account, profile, roles, email addresses, second factors and sign-in history of
    `user`. Passwords, codes and keys are never included, nor anyone else's name."""
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined_at": when(user.date_joined),
            "last_signed_in_at": when(user.last_login),
            "active": user.is_active,
        },
        "profile": _profile(user),
        "roles": [
            {
                "role": grant.get_role_display(),
                "given_at": when(grant.granted_at),
                "given_by": acted_by(grant.granted_by, user),
            }
            for grant in RoleGrant.objects.filter(user=user)
            .select_related("granted_by__profile")
            .order_by("granted_at", "pk")
        ],
        "email_addresses": [
            {"email": address.email, "confirmed": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "two_factor_authentication": [
            _authenticator(authenticator)
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "sign_ins": [
            {
                "at": when(record.at),
                "ip_address": record.ip_address,
                "browser": record.user_agent,
            }
            for record in SignInRecord.objects.filter(user=user).order_by("-at", "-pk")
        ],
    }


def erased_email(user: User) -> str:
    """An address for an erased account: unique, as the column must be, and never
    deliverable (`.invalid` is reserved for that, RFC 2606)."""
    return f"erased-{user.pk}-{secrets.token_hex(8)}@erased.invalid"


def erase(user: User, *, delete_shared: bool) -> None:
    """Removes the identity of `user`, once every other area has erased its share.

    The row stays, so that what they wrote for others keeps its author ("Former member",
    from `erased_at`); it keeps no name, address, password, profile, role or sign-in, and can
    never sign in again. Others' profiles that `user` checked keep their check.
    """
    EmailAddress.objects.filter(user=user).delete()  # and their confirmation codes
    Authenticator.objects.filter(user=user).delete()
    SignInRecord.objects.filter(user=user).delete()
    RoleGrant.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).update(
        display_name="",
        pronouns="",
        bio="",
        regulator="",
        registration_number="",
        qualifications="",
        employer="",
        verified_at=None,
        verified_by=None,
        shared_fields=[],
    )
    user.groups.clear()
    user.user_permissions.clear()
    user.email = erased_email(user)
    user.first_name = ""
    user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.save(
        update_fields=[
            "email",
            "first_name",
            "last_name",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "last_login",
            "erased_at",
        ]
    )
    user.__dict__.pop("roles", None)


# Accounts are deleted this many at a time, so one run never holds every row in memory.
DELETE_BATCH = 500


def unverified_sign_ups(cutoff: datetime) -> QuerySet[User]:
    """Accounts that came through sign-up before `cutoff` and never went further.

    Each has an email address, none confirmed, and no confirmation code made or sent since
    `cutoff`; has never signed in; is not staff; holds only roles chosen at sign-up (at least
    one, none given by anyone); owns no page, document or image; and has done nothing the
    audit log records. An account made by an admin or a script is none of these: it gets an
    unconfirmed address only when its person first tries to sign in, long after it joined.
    """
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    grants = RoleGrant.objects.filter(user=OuterRef("pk"))
    recent_codes = EmailConfirmation.objects.filter(email_address__user=OuterRef("pk")).filter(
        Q(created__gte=cutoff) | Q(sent__gte=cutoff)
    )
    return User.objects.filter(
        Exists(addresses),
        ~Exists(addresses.filter(verified=True)),
        ~Exists(recent_codes),
        Exists(grants),
        ~Exists(grants.filter(Q(granted_by__isnull=False) | ~Q(role__in=SELF_SELECTED_ROLES))),
        ~Exists(Page.objects.filter(owner=OuterRef("pk"))),
        ~Exists(get_document_model().objects.filter(uploaded_by_user=OuterRef("pk"))),
        ~Exists(get_image_model().objects.filter(uploaded_by_user=OuterRef("pk"))),
        ~Exists(AuditEntry.objects.filter(actor=OuterRef("pk"))),
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        erased_at__isnull=True,
    )


def delete_unverified_sign_ups(cutoff: datetime, *, dry_run: bool) -> int:
    """Deletes the sign-ups nobody confirmed: they hold nothing but what was typed at sign-up."""
    pks = list(unverified_sign_ups(cutoff).order_by("pk").values_list("pk", flat=True))
    if dry_run:
        return len(pks)
    deleted = 0
    for start in range(0, len(pks), DELETE_BATCH):
        # Filtered again, so an account confirmed since the list was read is kept.
        batch = unverified_sign_ups(cutoff).filter(pk__in=pks[start : start + DELETE_BATCH])
        _, per_model = batch.delete()
        deleted += per_model.get(User._meta.label, 0)
    return deleted


def remove_sign_in_addresses(cutoff: datetime, *, dry_run: bool) -> int:
    """Blanks the internet address of sign-ins older than `cutoff`; the sign-in stays."""
    old = SignInRecord.objects.filter(at__lt=cutoff, ip_address__isnull=False)
    return old.count() if dry_run else old.update(ip_address=None)


def delete_sign_in_history(cutoff: datetime, *, dry_run: bool) -> int:
    """Deletes sign-ins older than `cutoff`."""
    return delete_older(SignInRecord.objects.all(), cutoff, field="at", dry_run=dry_run)


provider = Provider(
    area="account",
    label="Your account and profile",
    description="Your account, profile, roles, registration check, email addresses, "
    "two-factor authentication and sign-in history.",
    order=1000,
    listed=10,
    holdings=(
        Holding(
            "accounts.User",
            ("email", "first_name", "last_name", "password", "date_joined", "last_login"),
            what="Your email address, your password (stored only in a scrambled form nobody can "
            "read back), when you joined and when you last signed in",
            purpose="To give you an account, sign you in and send you the emails you ask for",
            basis=Basis.CONTRACT,
            retention=UNVERIFIED_SIGN_UPS,
        ),
        Holding(
            "accounts.Profile",
            (
                "display_name",
                "pronouns",
                "bio",
                "shared_fields",
                "regulator",
                "registration_number",
                "qualifications",
                "employer",
                "verified_at",
                "verified_by",
            ),
            what="Your profile: display name, pronouns, about me, and which of these other "
            "members see; for qualified social workers and educators, your regulator, "
            "registration number, qualifications and employer, and who checked your "
            "registration against the regulator's register, and when",
            purpose="So that members know who they are talking to, and can trust what a "
            "registered professional says",
            basis=Basis.CONTRACT,
            seen_by="Members see your display name and the fields you choose to share; "
            "educators who check registrations see your registration",
        ),
        Holding(
            "accounts.RoleGrant",
            ("role", "granted_at", "granted_by"),
            what="The roles you hold (student, qualified social worker, educator, contributor, "
            "moderator, site admin), when and by whom they were given",
            purpose="To give you the tools your role needs, and no others",
            basis=Basis.CONTRACT,
            seen_by="Members see your roles, except contributor, which is yours to disclose",
        ),
        Holding(
            "accounts.SignInRecord",
            ("at", "ip_address", "user_agent"),
            what="Your sign-in history: when you signed in, from which internet address and "
            "with which browser",
            purpose="So that you and the site admins can spot a sign-in that was not you",
            basis=Basis.LEGITIMATE_INTERESTS,
            retention=Retention(
                timedelta(days=365),
                setting="PRIVACY_SIGN_IN_HISTORY_DAYS",
                description="Internet addresses 90 days, then removed; the rest of the record "
                "1 year, then deleted",
            ),
        ),
        Holding(
            "account.EmailAddress",
            ("email", "verified", "primary"),
            what="Your email addresses, and whether you have confirmed them",
            purpose="To sign you in and to reach you",
            basis=Basis.CONTRACT,
        ),
        Holding(
            "account.EmailConfirmation",
            ("email_address", "created", "sent", "key"),
            what="Codes sent to confirm an email address",
            purpose="To check that an email address is yours",
            basis=Basis.CONTRACT,
            retention=Retention(description="Until the address is confirmed"),
        ),
        Holding(
            "mfa.Authenticator",
            ("type", "data", "created_at", "last_used_at"),
            what="Your two-factor authentication: the authenticator app, security keys, "
            "passkeys and recovery codes linked to your account (never shown to anyone)",
            purpose="To protect your account with a second factor",
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="You; site admins see only that a second factor exists",
        ),
    ),
    retention_rules=(
        RetentionRule(
            "unverified_sign_ups",
            "Sign-ups whose email address was never confirmed",
            UNVERIFIED_SIGN_UPS,
            delete_unverified_sign_ups,
            verb="deleted",
            units=("account", "accounts"),
        ),
        # Old sign-ins go first, so the addresses removed are those of the sign-ins kept.
        RetentionRule(
            "sign_in_history",
            "Sign-in history",
            SIGN_IN_HISTORY,
            delete_sign_in_history,
            verb="deleted",
            units=("sign-in", "sign-ins"),
        ),
        RetentionRule(
            "sign_in_addresses",
            "Internet addresses in the sign-in history",
            SIGN_IN_ADDRESSES,
            remove_sign_in_addresses,
            verb="removed",
            units=("address", "addresses"),
        ),
    ),
    export=export,
    erase=erase,
    audit_actions=(
        AuditAction("accounts.registration_verified", "Registration verified"),
        AuditAction("accounts.verification_removed", "Registration check removed"),
        AuditAction("accounts.role_granted", "Role given"),
        AuditAction("accounts.role_revoked", "Role taken away"),
    ),
)
