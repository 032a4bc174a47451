"""Emails members about what is new that matches their saved searches (new resources, and
new items of any other kind of result that has alerts).

    manage.py send_search_alerts            hand the work to the task queue
    manage.py send_search_alerts --now      do it here and report how many emails were sent
    manage.py send_search_alerts --dry-run  count the emails that would be sent, send nothing

Run it daily (cron or a systemd timer): each saved search is still only emailed about once
a week, and running it twice in a day sends nothing the second time. With ``--now`` or
``--dry-run`` it exits with status 1 if any due email could not be sent (or its search could
not be run), so the scheduler notices; that email is tried again on the next run.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cop_site.search.saved import AlertRun, send_due_alerts
from cop_site.search.tasks import send_search_alerts


def _emails(count: int) -> str:
    return f"{count} saved-search email{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "Emails members weekly about what is new that matches their saved searches."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send the emails here instead of enqueueing a task."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the emails that are due without sending them or marking them sent.",
        )

    def handle(self, *args: Any, now: bool, dry_run: bool, **options: Any) -> None:
        if dry_run:
            run = send_due_alerts(dry_run=True)
            self._report(run, f"Dry run: {_emails(run.sent)} would be sent.")
            return
        if now:
            run = send_due_alerts()
            self._report(run, f"Sent {_emails(run.sent)}.")
            return
        result = send_search_alerts.enqueue()
        self.stdout.write(
            self.style.SUCCESS(f"Enqueued the saved-search emails (task {result.id}).")
        )

    def _report(self, run: AlertRun, summary: str) -> None:
        style = self.style.WARNING if run.failed else self.style.SUCCESS
        self.stdout.write(style(summary))
        if run.failed:
            again = "It is" if run.failed == 1 else "They are"
            raise CommandError(
                f"{_emails(run.failed)} could not be sent; see the log. {again} tried again on"
                " the next run."
            )
