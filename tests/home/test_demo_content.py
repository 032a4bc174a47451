"""The demo loader: what it creates, that a second run changes nothing, and its guard."""

import datetime
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page, PageLogEntry, Revision, Site

from cop_site.accounts.models import Profile, ProfileField, Role, RoleGrant, User
from cop_site.accounts.regulators import Regulator
from cop_site.home.demo.accounts import demo_accounts, demo_password
from cop_site.home.demo.pages import site_pages
from cop_site.home.models import HomePage, SiteChrome, StandardPage

DEMO_ROLES = {
    "student@example.com": Role.STUDENT,
    "practitioner@example.com": Role.PRACTITIONER,
    "educator@example.com": Role.EDUCATOR,
    "contributor@example.com": Role.CONTRIBUTOR,
    "moderator@example.com": Role.MODERATOR,
    "admin@example.com": Role.SITE_ADMIN,
}
DEMO_PASSWORD = demo_password()
FOOTER_PAGES = {
    "privacy": "privacy_page",
    "accessibility": "accessibility_page",
    "community-guidelines": "guidelines_page",
}


def load_demo(*args: str) -> str:
    """Runs the command as the test settings need it (DEBUG is off) and returns its output."""
    out = StringIO()
    call_command("load_demo_content", "--force", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything a re-run could add to or touch."""
    return {
        "users": sorted(User.objects.values_list("email", "password", "is_staff")),
        "pages": sorted(Page.objects.values_list("pk", "path", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "page_log_entries": PageLogEntry.objects.count(),
        "email_addresses": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
        "role_grants": sorted(RoleGrant.objects.values_list("user__email", "role")),
        "profiles": sorted(Profile.objects.values_list("user__email", "updated_at", "verified_at")),
        "site_chrome": list(SiteChrome.objects.values()),
    }


def words(page: StandardPage) -> int:
    text = page.intro
    for block in page.body.raw_data:
        value = block["value"]
        text += " " + (value if isinstance(value, str) else " ".join(value.values()))
    return len(re.sub(r"<[^>]+>", " ", text).split())


@pytest.fixture
def demo_site(db, monkeypatch) -> None:
    """The home app's demo alone: these tests look at its pages and accounts, not the library."""
    for config in apps.get_app_configs():
        if config.label != "home":
            monkeypatch.setattr(config, "demo_loaders", (), raising=False)
    load_demo()


def test_second_run_changes_nothing(db):
    load_demo()
    first = snapshot()

    output = load_demo()

    assert snapshot() == first
    assert "nothing changed" in output
    assert User.objects.count() == len(demo_accounts())
    assert EmailAddress.objects.count() == len(demo_accounts())
    assert RoleGrant.objects.count() == len(demo_accounts())
    # The home page from the migration and the three footer pages, one revision each.
    page_ids = Page.objects.type(HomePage, StandardPage).values_list("pk", flat=True)
    site_revisions = Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids])
    assert site_revisions.count() == 1 + len(site_pages())


def test_dry_run_saves_nothing(db):
    before = snapshot()

    output = load_demo("--dry-run")

    assert snapshot() == before
    assert "Dry run" in output


def test_refuses_when_debug_is_off_without_force(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content", stdout=StringIO())

    assert not User.objects.filter(email__in=DEMO_ROLES).exists()
    assert not StandardPage.objects.exists()


def test_runs_without_force_when_debug_is_on(db, settings):
    settings.DEBUG = True

    call_command("load_demo_content", stdout=StringIO())

    assert User.objects.filter(email__in=DEMO_ROLES).count() == len(DEMO_ROLES)


@pytest.mark.parametrize("email", DEMO_ROLES)
def test_each_demo_account_logs_in_through_the_login_form(demo_site, email):
    client = Client()

    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_demo_accounts_hold_their_role_with_a_verified_email(demo_site):
    for email, role in DEMO_ROLES.items():
        user = User.objects.get(email=email)
        assert user.roles == {role}
        assert EmailAddress.objects.filter(
            user=user, email=email, verified=True, primary=True
        ).exists()
        assert user.profile.display_name
        assert user.profile.shared_fields == list(ProfileField.values)
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_staff=True).exclude(pk=admin.pk).exists()


def test_registrations_are_verified_by_the_right_people(demo_site):
    practitioner = Profile.objects.get(user__email="practitioner@example.com")
    educator = Profile.objects.get(user__email="educator@example.com")

    assert practitioner.regulator == Regulator.SOCIAL_WORK_ENGLAND
    assert practitioner.registration_number == "SW104233"
    assert practitioner.is_verified
    assert practitioner.verified_by.email == "educator@example.com"
    assert educator.registration_number == "SW087412"
    assert educator.is_verified
    assert educator.verified_by.email == "admin@example.com"


def test_the_contributor_uses_a_pseudonym_and_no_professional_details(demo_site):
    profile = Profile.objects.get(user__email="contributor@example.com")

    assert profile.display_name == "Rowan"
    assert not (profile.regulator or profile.registration_number)
    assert not (profile.qualifications or profile.employer)


def test_footer_pages_are_live_and_linked_from_site_chrome(demo_site):
    home = HomePage.objects.get()
    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))

    for slug, field_name in FOOTER_PAGES.items():
        page = StandardPage.objects.get(slug=slug)
        assert page.live
        assert page.get_parent().pk == home.pk
        assert getattr(chrome, f"{field_name}_id") == page.pk
        assert page.last_reviewed == datetime.date(2026, 11, 1)
        assert page.intro
        assert 500 <= words(page) <= 1200
        assert Client().get(page.url).status_code == 200


def test_home_page_is_filled_and_published(demo_site):
    home = HomePage.objects.get()

    assert home.live
    assert not home.has_unpublished_changes
    assert [block.block_type for block in home.body].count("heading") >= 3
    assert Client().get("/").status_code == 200


def test_a_page_edited_in_the_admin_is_left_alone(demo_site, make_user):
    editor = make_user(roles=[Role.SITE_ADMIN])
    page = StandardPage.objects.get(slug="privacy")
    page.intro = "Our own privacy notice."
    page.save_revision(user=editor).publish()
    revisions = Revision.objects.count()

    output = load_demo()

    page.refresh_from_db()
    assert page.intro == "Our own privacy notice."
    assert Revision.objects.count() == revisions
    assert "left as it is" in output

    load_demo("--overwrite")

    page.refresh_from_db()
    assert page.intro != "Our own privacy notice."


def test_demo_pages_promise_only_what_exists(demo_site):
    home = HomePage.objects.get()
    privacy = StandardPage.objects.get(slug="privacy")
    home_text = home.intro + str(home.body.raw_data)
    privacy_text = str(privacy.body.raw_data)

    for unbuilt in ("peer group", "learning pathway", "CPD log", "discussions"):
        assert unbuilt not in home_text, unbuilt
    # Moderators do not check registrations; educators do.
    assert "check professional registrations" not in home_text
    # A copy of one's data and erasing the account are done on the "Your data" page.
    assert "cannot yet" not in privacy_text
    assert '<a href="/your-data/">Your data</a>' in privacy_text
    assert "mailto:admin@example.com" in privacy_text
