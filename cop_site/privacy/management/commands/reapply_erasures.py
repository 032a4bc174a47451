"""Erases again the accounts the erasure ledger names that the database holds unerased.

`restore_site` does this itself; run it after `migrate` when a restore left migrations to apply.
"""

from django.core.management.base import BaseCommand

from cop_site.privacy.ledger import entries, erase_again, ledger_path


class Command(BaseCommand):
    help = "Erase again the accounts erased since a restored backup was made (from the ledger)."

    def handle(self, *args, **options) -> None:
        known = sum(1 for _ in entries())
        erased = erase_again()
        self.stdout.write(
            f"The erasure ledger ({ledger_path()}) names {known} erased account(s); "
            f"{erased} had come back with a restore and were erased again."
        )
