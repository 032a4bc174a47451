"""The demo accounts: one verified account per role, all with the published demo password.

Accounts are put back to their demo roles and profiles on every run, but the password is
set only when an account is created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress

from cop_site.accounts import services
from cop_site.accounts.models import Profile, ProfileField, Role, User
from cop_site.demo import DemoDataError, DemoRun, build, read_data

PACKAGE = "cop_site.home.demo"
FILE = "accounts.toml"


def all_profile_fields() -> list[str]:
    return list(ProfileField.values)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    profile: dict[str, str]
    # The email of the demo account that verifies this account's registration, if any.
    verified_by: str | None = None
    shared_fields: list[str] = field(default_factory=all_profile_fields)

    def __post_init__(self) -> None:
        if self.role not in Role.values:
            raise DemoDataError(f"{FILE}: {self.email} has no such role: {self.role!r}")


def demo_password() -> str:
    password: str = read_data(PACKAGE, FILE)["password"]
    return password


def demo_accounts() -> list[DemoAccount]:
    return [
        build(DemoAccount, account, where=f"{FILE}, account {number}")
        for number, account in enumerate(read_data(PACKAGE, FILE)["account"], start=1)
    ]


def load(run: DemoRun) -> None:
    password = demo_password()
    accounts = demo_accounts()
    profiles = [ensure_account(run, account, password) for account in accounts]
    if run.verbosity >= 1:
        run.at_end(lambda: show_accounts(run, accounts, profiles, password))


def ensure_account(run: DemoRun, account: DemoAccount, password: str) -> Profile:
    user = User.objects.filter(email__iexact=account.email).first()
    if user is None:
        user = User.objects.create_user(account.email, password=password)
        run.report(f"{account.email}: created", changed=True)
    else:
        run.report(f"{account.email}: exists", changed=False)

    ensure_verified_email(run, user)

    if account.role not in user.roles:
        granted_by = None if account.role == Role.SITE_ADMIN else site_admin()
        services.grant_role(user, account.role, by=granted_by)
        run.report(f"{account.email}: granted {Role(account.role).label}", changed=True)

    profile = services.profile_for(user)
    wanted: dict[str, Any] = {**account.profile, "shared_fields": account.shared_fields}
    changes = {name: value for name, value in wanted.items() if getattr(profile, name) != value}
    if changes:
        services.update_profile(profile, **changes)
        run.report(f"{account.email}: profile {', '.join(changes)}", changed=True)

    if account.verified_by and not profile.is_verified:
        verifier = User.objects.get(email=account.verified_by)
        services.verify_registration(profile, by=verifier)
        run.report(f"{account.email}: registration verified by {verifier}", changed=True)
    return profile


def ensure_verified_email(run: DemoRun, user: User) -> None:
    address, created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not created and address.verified and address.primary:
        return
    if not created:
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])
    run.report(f"{user.email}: email address verified", changed=True)


def site_admin() -> User | None:
    return User.objects.filter(role_grants__role=Role.SITE_ADMIN).order_by("pk").first()


def show_accounts(
    run: DemoRun, accounts: list[DemoAccount], profiles: list[Profile], password: str
) -> None:
    """The table of demo accounts that `make run` leaves on screen above the server's log."""
    rows = [
        (
            account.email,
            str(Role(account.role).label),
            profile.display_name,
            "verified" if profile.is_verified else "",
        )
        for account, profile in zip(accounts, profiles, strict=True)
    ]
    headers = ("Email", "Role", "Display name", "Registration")
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(f"{{:<{width}}}" for width in widths)

    write, style = run.stdout.write, run.style
    write("")
    write(style.MIGRATE_HEADING("Demo accounts"))
    write(style.MIGRATE_LABEL(line.format(*headers).rstrip()))
    for row in rows:
        write(line.format(*row).rstrip())
    write("")
    write(
        f"Password for every account: {style.SUCCESS(password)} (email addresses already verified)."
    )
    write(
        "The educator, moderator and site admin set up two-factor authentication (an "
        "authenticator app, security key or passkey) the first time they open the admin or "
        "moderation tools. Security keys and passkeys need the site at http://localhost."
    )
