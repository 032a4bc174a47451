"""The personal data of accounts: who a member is, how they sign in, and their profile.

The account's provider runs last in an erasure: once every app has removed or unnamed what is
its own, the account keeps no identity (see `erase`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cop_site.privacy.registry import (
    AuditAction,
    Basis,
    Holding,
    JSONData,
    Provider,
    Retention,
    RetentionRule,
)

from .models import User

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


def export(user: User) -> JSONData:
    raise NotImplementedError


def erase(user: User, *, delete_shared: bool) -> None:
    raise NotImplementedError


def delete_unverified_sign_ups(cutoff: datetime, *, dry_run: bool) -> int:
    raise NotImplementedError


def remove_sign_in_addresses(cutoff: datetime, *, dry_run: bool) -> int:
    raise NotImplementedError


def delete_sign_in_history(cutoff: datetime, *, dry_run: bool) -> int:
    raise NotImplementedError


provider = Provider(
    area="account",
    label="Your account and profile",
    description="Your account, profile, roles, registration check, email addresses, "
    "two-factor authentication and sign-in history.",
    order=1000,
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
        ),
        RetentionRule(
            "sign_in_addresses",
            "Internet addresses in the sign-in history",
            SIGN_IN_ADDRESSES,
            remove_sign_in_addresses,
            verb="removed",
        ),
        RetentionRule(
            "sign_in_history",
            "Sign-in history",
            SIGN_IN_HISTORY,
            delete_sign_in_history,
            verb="deleted",
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
