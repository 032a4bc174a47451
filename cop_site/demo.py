"""The demo site: each app loads its own demo content, from data files, through one command.

The hook
--------
An app lists ``DemoLoader``s in a ``demo_loaders`` attribute on its AppConfig::

    demo_loaders = (DemoLoader("resources.demo.loader.load", "Resource library", order=20),)

``manage.py load_demo_content`` runs the loaders of every installed app in ``order``, lowest
first (the home app's pages at 0 and its accounts at 10, so they exist before any content that
carries those accounts' names), all in one transaction: ``--dry-run`` rolls every loader back
together, and a loader that fails leaves nothing half-loaded. An app may also offer a command
of its own that runs only its loaders (``load_demo_resources``), built on ``DemoCommand``.

A loader is a function taking a ``DemoRun``. It must be idempotent: it creates what is missing,
leaves what is already there, and says which through ``run.report``, so that a second run
reports no change at all. It leaves alone what someone has edited since, unless
``run.overwrite`` is set (``--overwrite``).

The data
--------
Demo content is data, not code: each app keeps it in TOML files in its ``demo/`` folder,
shipped with the package, and reads them with ``read_data``. Long texts are wrapped for
reading: ``read_data`` joins the lines of a multi-line string with single spaces, and with
nothing where a line ending in a tag meets a line starting with one, so wrapped HTML reads back
exactly as it was written on one line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.core.management.base import OutputWrapper
    from django.core.management.color import Style

    from cop_site.home.models import HomePage


class DemoDataError(ValueError):
    """A demo data file that does not say what its loader needs."""


# --- reading the data files ---------------------------------------------------------------------


def unwrap(text: str) -> str:
    """A multi-line string from a data file as the one line it was wrapped from."""
    if "\n" not in text:
        return text
    lines = [line.strip() for line in text.strip().splitlines()]
    joined = lines[0]
    for line in lines[1:]:
        joined += ("" if joined.endswith(">") and line.startswith("<") else " ") + line
    return joined


def _unwrapped(value: Any) -> Any:
    if isinstance(value, str):
        return unwrap(value)
    if isinstance(value, dict):
        return {key: _unwrapped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unwrapped(item) for item in value]
    return value


def read_data(package: str, name: str) -> dict[str, Any]:
    """The TOML file `name` (a path relative to `package`'s folder), with its texts unwrapped."""
    resource = files(package).joinpath(*name.split("/"))
    try:
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{package}/{name}: {error}") from error
    unwrapped: dict[str, Any] = _unwrapped(data)
    return unwrapped


def build[T](cls: Callable[..., T], table: Mapping[str, Any], *, where: str) -> T:
    """`cls(**table)`, naming the file and entry when a key is missing or unknown."""
    try:
        return cls(**table)
    except TypeError as error:
        raise DemoDataError(f"{where}: {error}") from error


# --- the hook -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLoader:
    # Dotted path of a function(run: DemoRun) -> None.
    function: str
    # What it loads, for the command's summary: "Resource library".
    label: str
    order: int = 100

    def __call__(self, run: DemoRun) -> None:
        load: Callable[[DemoRun], None] = import_string(self.function)
        load(run)


def loaders_of(configs: Iterable[AppConfig]) -> list[DemoLoader]:
    """The demo loaders the given apps declare, in the order they run."""
    loaders = [loader for config in configs for loader in getattr(config, "demo_loaders", ())]
    return sorted(loaders, key=lambda loader: loader.order)


def all_demo_loaders() -> list[DemoLoader]:
    return loaders_of(apps.get_app_configs())


@dataclass
class DemoRun:
    """What a loader is given: where to report, how much, and whether to overwrite edits."""

    stdout: OutputWrapper
    style: Style
    verbosity: int = 1
    overwrite: bool = False
    changes: int = 0
    # Shown after the summary, such as the table of demo accounts.
    closing: list[Callable[[], None]] = field(default_factory=list)

    def report(self, message: str, *, changed: bool, detail: bool = False) -> None:
        """One thing created, changed or found in place; `detail` for the many small ones."""
        shown_from = 2 if detail else 1
        if changed:
            self.changes += 1
            if self.verbosity >= shown_from:
                self.stdout.write(self.style.SUCCESS(f"  {message}"))
        elif self.verbosity >= shown_from + 1:
            self.stdout.write(f"  {message}")

    def note(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {message}")

    def warn(self, message: str) -> None:
        self.stdout.write(self.style.WARNING(f"  {message}"))

    def at_end(self, show: Callable[[], None]) -> None:
        self.closing.append(show)


def default_home_page() -> HomePage:
    """The default site's home page, which the demo's pages go under."""
    from wagtail.models import Site

    from cop_site.home.models import HomePage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        raise CommandError("The default site has no home page. Run `manage.py migrate` first.")
    return home


class DemoCommand(BaseCommand):
    """A command that runs demo loaders: the guard, the transaction, --dry-run and the summary."""

    # What the summary calls the content: "Demo content loaded: 3 change(s)."
    subject = "Demo content"

    def loaders(self) -> list[DemoLoader]:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change, then roll everything back.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo password is public: never use on a "
            "site that real people use.",
        )

    def handle(self, *args: Any, dry_run: bool, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real site. The demo accounts share a "
                "published password; pass --force only if you are sure this is a demo."
            )
        run = DemoRun(
            self.stdout,
            self.style,
            verbosity=options["verbosity"],
            overwrite=options.get("overwrite", False),
        )
        with transaction.atomic():
            for loader in self.loaders():
                before = run.changes
                loader(run)
                self.loaded(loader, run.changes - before, run.verbosity)
            if dry_run:
                transaction.set_rollback(True)
        if run.verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(self.outcome(run.changes, dry_run=dry_run)))
        for show in run.closing:
            show()

    def loaded(self, loader: DemoLoader, changes: int, verbosity: int) -> None:
        if verbosity < 1:
            return
        if changes:
            self.stdout.write(f"{loader.label}: {changes} change(s)")
        else:
            self.stdout.write(f"{loader.label}: already in place")

    def outcome(self, changes: int, *, dry_run: bool) -> str:
        if dry_run:
            return f"Dry run: {changes} change(s) found, nothing saved."
        if changes:
            return f"{self.subject} loaded: {changes} change(s)."
        return f"{self.subject} already in place: nothing changed."
