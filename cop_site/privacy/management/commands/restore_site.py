"""Restores a backup made by backup_site into this installation."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cop_site.privacy.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores an archive made by backup_site: the database, the media folder and the "
        "search index, then checks every table's row count against the archive. Refuses an "
        "installation that is not empty unless --force is given. Stop the site and its task "
        "worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar.gz archive made by backup_site.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace this installation's data even though it is not empty.",
        )

    def handle(self, *args, archive: str, force: bool, **options) -> None:
        try:
            report = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = report.manifest
        if report.replaced:
            self.stdout.write("Replaced: " + ", ".join(report.replaced) + ".")
        media = "not in the archive" if manifest.media is None else f"{len(manifest.media)} file(s)"
        self.stdout.write(
            f"Restored the backup of {manifest.created_at}: {len(manifest.row_counts)} tables, "
            f"{manifest.total_rows} rows; media {media}; search index "
            + (
                "not in the archive (run update_index)"
                if manifest.search_index is None
                else f"{len(manifest.search_index)} file(s), {report.index_operations_applied} "
                "queued change(s) applied"
            )
            + "."
        )
        if report.extra_tables:
            self.stdout.write(
                self.style.WARNING("Tables not in the archive, left as they were: ")
                + ", ".join(report.extra_tables)
            )
        if report.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.unapplied_migrations)} migration(s) of this version are not "
                    "applied to the restored database: run manage.py migrate."
                )
            )
        if not report.counts_match:
            lines = [
                f"  {table}: {expected} in the archive, {'missing' if found is None else found} now"
                for table, (expected, found) in report.mismatches.items()
            ]
            raise CommandError("Row counts differ from the archive:\n" + "\n".join(lines))
        self.stdout.write(self.style.SUCCESS("Row counts match the archive for every table."))
        if report.erased_again:
            self.stdout.write(
                f"{report.erased_again} account(s) erased after this backup was made were "
                "erased again (see the erasure ledger)."
            )
        elif report.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    "After migrating, run manage.py reapply_erasures, so that accounts erased "
                    "after the backup was made are erased again."
                )
            )
