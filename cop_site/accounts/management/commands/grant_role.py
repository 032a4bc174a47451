"""Grant or revoke a role from the command line, e.g. to appoint the first site admin."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cop_site.accounts import services
from cop_site.accounts.models import User
from cop_site.accounts.roles import PRIVILEGED_ROLES, Role


class Command(BaseCommand):
    help = "Grant a role to a member (or revoke it with --revoke). Roles: " + ", ".join(Role.values)

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--revoke", action="store_true", help="Remove the role instead.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change, change nothing."
        )

    def handle(self, *args, email: str, role: str, revoke: bool, dry_run: bool, **options):
        try:
            user = User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"No member has the email address {email}.") from None
        label = Role(role).label
        held = role in user.roles
        already_done = (not held) if revoke else held
        if already_done:
            self.stdout.write(f"{email} {'does not hold' if revoke else 'already holds'} {label}.")
            return
        verb = "Revoke" if revoke else "Grant"
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run: would {verb.lower()} {label} for {email}.")
            )
            return
        with transaction.atomic():
            # No member is signed in here: the grant and the security log record the command line.
            if revoke:
                services.revoke_role(user, role, by=None)
            else:
                services.grant_role(user, role, by=None)
        self.stdout.write(self.style.SUCCESS(f"{verb}ed {label} for {email}."))
        if not revoke and role in PRIVILEGED_ROLES:
            self.stdout.write(
                "They must set up two-factor authentication before using the admin tools."
            )
