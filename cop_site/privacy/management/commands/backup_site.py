"""Backs up the whole installation (database, media, search index) into one archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cop_site.privacy.backup import BackupError, archive_target, make_backup


class Command(BaseCommand):
    help = (
        "Writes a consistent backup of the database, the media folder and the search index "
        "to one .tar.gz archive (readable by its owner only: it holds personal data). The site "
        "may keep running meanwhile. Restore it with restore_site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "destination",
            nargs="?",
            help="The archive's file name, or an existing folder to put a dated archive in "
            "(default: var/backups/).",
        )

    def handle(self, *args, destination: str | None, **options) -> None:
        if destination is None:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(mode=0o700, exist_ok=True)
            destination = str(folder)
        try:
            target = archive_target(Path(destination))
            manifest = make_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        media = "not included" if manifest.media is None else f"{len(manifest.media)} file(s)"
        index = (
            "not included"
            if manifest.search_index is None
            else f"{len(manifest.search_index)} file(s)"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {target}.")
            + f"\nDatabase ({manifest.database_vendor}): {len(manifest.row_counts)} tables, "
            f"{manifest.total_rows} rows. Media: {media}. Search index: {index}."
        )
