"""Recomputes every resource's stored credibility band and rating summary.

Run it after changing the credibility rule in resources/credibility.py, or after
restoring appraisals or ratings from a backup, so the library's filters and sorting
agree with what each resource page shows.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from resources.models import ResourcePage
from resources.services import refresh_credibility, refresh_rating_summary


class Command(BaseCommand):
    help = (
        "Recomputes stored credibility bands and usefulness averages from appraisals and ratings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report changes without saving.")

    def handle(self, *args, dry_run, **options):
        changed = 0
        total = 0
        with transaction.atomic():
            for resource in ResourcePage.objects.order_by("pk").iterator(chunk_size=500):
                total += 1
                before = (
                    resource.credibility_band,
                    resource.credibility_score,
                    resource.appraisal_count,
                )
                refresh_credibility(resource)
                refresh_rating_summary(resource)
                after = (
                    resource.credibility_band,
                    resource.credibility_score,
                    resource.appraisal_count,
                )
                if before != after:
                    changed += 1
                    self.stdout.write(f"{resource.title}: {before[0]} → {after[0]}")
            if dry_run:
                transaction.set_rollback(True)
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}{changed} of {total} resources changed band or score.")
        )
