"""Emails members about new resources that match their saved searches.

    manage.py send_search_alerts            hand the work to the task queue
    manage.py send_search_alerts --now      do it here and report how many emails were sent
    manage.py send_search_alerts --dry-run  count the emails that would be sent, send nothing

Run it daily (cron or a systemd timer): each saved search is still only emailed about once
a week, and running it twice in a day sends nothing the second time.
"""

from django.core.management.base import BaseCommand

from cop_site.search.saved import send_due_alerts
from cop_site.search.tasks import send_search_alerts


def _emails(count: int) -> str:
    return f"{count} saved-search email{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "Emails members weekly about new resources matching their saved searches."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send the emails here instead of enqueueing a task."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the emails that are due without sending them or marking them sent.",
        )

    def handle(self, *args, now, dry_run, **options):
        if dry_run:
            count = send_due_alerts(dry_run=True)
            self.stdout.write(self.style.SUCCESS(f"Dry run: {_emails(count)} would be sent."))
            return
        if now:
            count = send_due_alerts()
            self.stdout.write(self.style.SUCCESS(f"Sent {_emails(count)}."))
            return
        result = send_search_alerts.enqueue()
        self.stdout.write(
            self.style.SUCCESS(f"Enqueued the saved-search emails (task {result.id}).")
        )
