"""Applies the declared retention periods: removes or anonymises what has been kept long enough.

Run it daily (cron or a systemd timer). With --dry-run it only says, rule by rule, what it
would do, e.g. "Sign-ups whose email address was never confirmed (7 days): 2 accounts would
be deleted".
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cop_site.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Deletes or anonymises the personal data past its declared retention period "
        "(unconfirmed sign-ups, sign-in addresses and history, downloads, the audit log)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        now = timezone.now()
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing will be changed."))
        outcomes = apply_retention(now=now, dry_run=dry_run)
        for outcome in outcomes:
            line = outcome.describe()
            if outcome.error:
                self.stderr.write(self.style.ERROR(line))
            elif outcome.count and not dry_run:
                self.stdout.write(self.style.SUCCESS(line))
            else:
                self.stdout.write(line)
        if failed := [outcome.key for outcome in outcomes if outcome.error]:
            raise CommandError(f"Some retention rules failed: {', '.join(failed)}.")
