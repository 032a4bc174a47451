"""Checks the external links of library resources and records what it finds.

    manage.py check_resource_links                 every resource with a link
    manage.py check_resource_links --stale-days 7  only links not checked for a week
    manage.py check_resource_links --background    hand the work to the task queue

Each link has its own time limit (--timeout), so a slow or silent host is recorded
as "too slow to respond" and never holds up the rest.
"""

from collections import Counter
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from resources.linkcheck import default_timeout
from resources.models import LinkStatus, ResourcePage
from resources.services import check_resource_links
from resources.tasks import check_resource_links_task


class Command(BaseCommand):
    help = "Checks resources' external links with per-request time limits and records the results."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Seconds each link may take (default: the RESOURCES_LINK_TIMEOUT setting, or 10).",
        )
        parser.add_argument(
            "--workers", type=int, default=8, help="Links checked at once (default 8)."
        )
        parser.add_argument(
            "--stale-days",
            type=int,
            default=None,
            help="Only check links not checked within this many days.",
        )
        parser.add_argument(
            "--id",
            type=int,
            action="append",
            dest="ids",
            help="Check only this resource (repeatable).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what is found without saving it."
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Enqueue the check as a background task instead of running it here.",
        )

    def handle(self, *args, timeout, workers, stale_days, ids, dry_run, background, **options):
        timeout = default_timeout() if timeout is None else timeout
        if timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")

        resources = ResourcePage.objects.with_external_link().order_by("pk")
        if ids:
            resources = resources.filter(pk__in=ids)
        if stale_days is not None:
            cutoff = timezone.now() - timedelta(days=stale_days)
            resources = resources.filter(
                Q(link_checked_at__isnull=True) | Q(link_checked_at__lt=cutoff)
            )
        resources = list(resources.only("pk", "title", "link_url"))

        if background:
            if dry_run:
                raise CommandError("--dry-run cannot be combined with --background.")
            result = check_resource_links_task.enqueue(
                resource_ids=[r.pk for r in resources], timeout=timeout, workers=workers
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Enqueued a check of {len(resources)} links (task {result.id})."
                )
            )
            return

        pairs = check_resource_links(resources, timeout=timeout, workers=workers, dry_run=dry_run)
        counts = Counter(result.status for _, result in pairs)
        for resource, result in pairs:
            if result.status == LinkStatus.OK:
                if options["verbosity"] > 1:
                    self.stdout.write(f"ok      {resource.link_url}")
                continue
            detail = result.error or (f"HTTP {result.status_code}" if result.status_code else "")
            self.stdout.write(
                self.style.WARNING(
                    f"{result.status:<8}{resource.title} <{resource.link_url}> {detail}"
                )
            )
        summary = ", ".join(
            f"{n} {LinkStatus(status).label.lower()}" for status, n in sorted(counts.items())
        )
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}Checked {len(pairs)} links: {summary or 'none'}.")
        )
