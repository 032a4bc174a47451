"""Loads the whole demo site: every installed app's demo content, in one transaction.

The home app's loaders put in the home page text, the footer pages (privacy notice,
accessibility statement, community guidelines) and one account per role; each other app
adds its own content through the `demo_loaders` on its AppConfig (see cop_site.demo).

Run it on a migrated database (`make run` does). It is idempotent: a second run finds
everything in place and changes nothing, not even a page revision. Pages that someone has
since edited in the admin are left alone unless `--overwrite` is given.

Demo accounts are put back to their demo roles and profiles on every run, but their
password is set only when an account is created. The accounts share a published
password, so the command refuses to run with DEBUG off unless `--force` is given,
and no migration ever calls it.
"""

from django.core.management.base import CommandParser

from cop_site.demo import DemoCommand, DemoLoader, all_demo_loaders


class Command(DemoCommand):
    help = (
        "Loads the demo site: home page text, the privacy notice, accessibility statement and "
        "community guidelines, one verified demo account per role (the password is in "
        "cop_site/home/demo/accounts.toml), and each app's demo content. Safe to run "
        "repeatedly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace the demo pages' text and footer links even where someone has "
            "edited them since.",
        )

    def loaders(self) -> list[DemoLoader]:
        return all_demo_loaders()
