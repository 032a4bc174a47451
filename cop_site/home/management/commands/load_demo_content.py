"""Loads a demo site: the home page text, the footer pages and one account per role.

Run it on a migrated database (`make run` does). It is idempotent: a second run
finds everything in place and changes nothing, not even a page revision. Pages that
someone has since edited in the admin are left alone unless `--overwrite` is given.

Demo accounts are put back to their demo roles and profiles on every run, but their
password is set only when an account is created. The accounts share a published
password, so the command refuses to run with DEBUG off unless `--force` is given,
and no migration ever calls it.
"""

import copy

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from cop_site.accounts import services
from cop_site.accounts.models import Profile, Role, User
from cop_site.home import demo_content
from cop_site.home.demo_content import DEMO_PASSWORD, DemoAccount, PageText
from cop_site.home.models import HomePage, SiteChrome, StandardPage


def stream_data(stream) -> list[dict]:
    """A StreamField value as a list of {"type", "value"}, without block ids."""
    return [{"type": block["type"], "value": block["value"]} for block in stream.raw_data]


class Command(BaseCommand):
    help = (
        "Loads the demo site: home page text, the privacy notice, accessibility statement and "
        "community guidelines, and one verified demo account per role "
        f"(password {DEMO_PASSWORD}). Safe to run repeatedly."
    )

    def add_arguments(self, parser) -> None:
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
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace the demo pages' text and footer links even where someone has "
            "edited them since.",
        )

    def handle(self, *args, dry_run: bool, force: bool, overwrite: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real site. The demo accounts share a "
                "published password; pass --force only if you are sure this is a demo."
            )
        self.verbosity = options["verbosity"]
        self.overwrite = overwrite
        self.changes = 0

        with transaction.atomic():
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            home = site.root_page.specific if site else None
            if not isinstance(home, HomePage):
                raise CommandError(
                    "The default site has no home page. Run `manage.py migrate` first."
                )
            self.fill_home(home)
            pages = {
                text.chrome_field: self.ensure_page(home, text)
                for text in demo_content.STANDARD_PAGES
            }
            self.link_footer(site, pages)
            profiles = [self.ensure_account(account) for account in demo_content.DEMO_ACCOUNTS]
            # Each app loads its own demo content, through its own command.
            call_command(
                "load_demo_resources", force=True, verbosity=self.verbosity, stdout=self.stdout
            )
            if dry_run:
                transaction.set_rollback(True)

        self.summary(profiles, dry_run=dry_run)

    # --- output ---------------------------------------------------------------------------

    def report(self, message: str, *, changed: bool) -> None:
        if changed:
            self.changes += 1
            if self.verbosity >= 1:
                self.stdout.write(self.style.SUCCESS(f"  {message}"))
        elif self.verbosity >= 2:
            self.stdout.write(f"  {message}")

    def warn(self, message: str) -> None:
        self.stdout.write(self.style.WARNING(f"  {message}"))

    # --- pages ----------------------------------------------------------------------------

    def edited_by_someone(self, page: Page) -> bool:
        """True when the latest revision was saved by a person, not by this command."""
        revision = page.latest_revision
        return revision is not None and revision.user_id is not None

    def publish(self, page: Page, fields: dict, *, label: str) -> None:
        current = {
            name: stream_data(getattr(page, name)) if name == "body" else getattr(page, name)
            for name in fields
        }
        if current == fields:
            self.report(f"{label}: unchanged", changed=False)
            return
        if self.edited_by_someone(page) and not self.overwrite:
            self.warn(f"{label}: edited in the admin since; left as it is (--overwrite replaces)")
            return
        for name, value in fields.items():
            # Wagtail adds block ids to the stream data it is given; keep the texts pristine.
            setattr(page, name, copy.deepcopy(value))
        page.save_revision(log_action=True).publish()
        self.report(f"{label}: published", changed=True)

    def fill_home(self, home: HomePage) -> None:
        self.publish(
            home,
            {"intro": demo_content.HOME_INTRO, "body": demo_content.HOME_BODY},
            label=f"Home page ({home.url_path})",
        )

    def ensure_page(self, home: HomePage, text: PageText) -> Page:
        fields = {
            "title": text.title,
            "intro": text.intro,
            "body": text.body,
            "last_reviewed": text.last_reviewed,
        }
        existing = home.get_children().filter(slug=text.slug).first()
        if existing is None:
            page = StandardPage(slug=text.slug, live=False, **copy.deepcopy(fields))
            home.add_child(instance=page)
            page.save_revision(log_action=True).publish()
            self.report(f"{text.title} (/{text.slug}/): created", changed=True)
            return page
        page = existing.specific
        if not isinstance(page, StandardPage):
            self.warn(f"/{text.slug}/ is already a {page.specific_class.__name__}; left alone")
            return page
        self.publish(page, fields, label=f"{text.title} (/{text.slug}/)")
        return page

    def link_footer(self, site: Site, pages: dict[str, Page]) -> None:
        chrome = SiteChrome.for_site(site)
        changed = []
        for field_name, page in pages.items():
            current = getattr(chrome, f"{field_name}_id")
            if current == page.pk:
                continue
            if current is not None and not self.overwrite:
                self.warn(f"Footer link {field_name} points at another page; left as it is")
                continue
            setattr(chrome, field_name, page)
            changed.append(field_name)
        if changed:
            chrome.save(update_fields=changed)
        self.report(
            f"Footer links: {'set ' + ', '.join(changed) if changed else 'unchanged'}",
            changed=bool(changed),
        )

    # --- accounts -------------------------------------------------------------------------

    def ensure_account(self, account: DemoAccount) -> Profile:
        user = User.objects.filter(email__iexact=account.email).first()
        if user is None:
            user = User.objects.create_user(account.email, password=DEMO_PASSWORD)
            self.report(f"{account.email}: created", changed=True)
        else:
            self.report(f"{account.email}: exists", changed=False)

        self.ensure_verified_email(user)

        if account.role not in user.roles:
            granted_by = None if account.role == Role.SITE_ADMIN else self.site_admin()
            services.grant_role(user, account.role, by=granted_by)
            self.report(f"{account.email}: granted {Role(account.role).label}", changed=True)

        profile = services.profile_for(user)
        wanted = {**account.profile, "shared_fields": account.shared_fields}
        changes = {name: value for name, value in wanted.items() if getattr(profile, name) != value}
        if changes:
            services.update_profile(profile, **changes)
            self.report(f"{account.email}: profile {', '.join(changes)}", changed=True)

        if account.verified_by and not profile.is_verified:
            verifier = User.objects.get(email=account.verified_by)
            services.verify_registration(profile, by=verifier)
            self.report(f"{account.email}: registration verified by {verifier}", changed=True)
        return profile

    def ensure_verified_email(self, user: User) -> None:
        address, created = EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if not created and address.verified and address.primary:
            return
        if not created:
            address.verified = True
            address.primary = True
            address.save(update_fields=["verified", "primary"])
        self.report(f"{user.email}: email address verified", changed=True)

    def site_admin(self) -> User | None:
        return User.objects.filter(role_grants__role=Role.SITE_ADMIN).order_by("pk").first()

    # --- summary --------------------------------------------------------------------------

    def summary(self, profiles: list[Profile], *, dry_run: bool) -> None:
        if self.verbosity < 1:
            return
        if dry_run:
            outcome = f"Dry run: {self.changes} change(s) found, nothing saved."
        elif self.changes:
            outcome = f"Demo content loaded: {self.changes} change(s)."
        else:
            outcome = "Demo content already in place: nothing changed."
        self.stdout.write(self.style.SUCCESS(outcome))

        rows = [
            (
                account.email,
                Role(account.role).label,
                profile.display_name,
                "verified" if profile.is_verified else "",
            )
            for account, profile in zip(demo_content.DEMO_ACCOUNTS, profiles, strict=True)
        ]
        headers = ("Email", "Role", "Display name", "Registration")
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
        line = "  ".join(f"{{:<{width}}}" for width in widths)

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts"))
        self.stdout.write(self.style.MIGRATE_LABEL(line.format(*headers).rstrip()))
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
        self.stdout.write("")
        self.stdout.write(
            f"Password for every account: {self.style.SUCCESS(DEMO_PASSWORD)} "
            "(email addresses already verified)."
        )
        self.stdout.write(
            "The educator, moderator and site admin set up two-factor authentication (an "
            "authenticator app, security key or passkey) the first time they open the admin or "
            "moderation tools. Security keys and passkeys need the site at http://localhost."
        )
