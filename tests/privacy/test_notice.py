"""The privacy notice is built from the code: the demo notice, served as a visitor sees it,
shows every holding every provider declares and every cookie the site sets, and a provider
added later appears without anyone editing the page."""

import html
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from wagtail.models import Revision, Site

from cop_site.accounts.models import User
from cop_site.home.models import SiteChrome, StandardPage
from cop_site.privacy import registry
from cop_site.privacy.registry import Basis, Holding, Provider, Retention

CONFIRM_LINK = re.compile(r"http://localhost(/accounts/confirm-email/[^/\s]+/)")
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# A provider an app might add later; the test adds it through the `privacy_providers` hook.
LATER_PROVIDER = Provider(
    area="later",
    label="Something added later",
    holdings=(
        Holding(
            "auth.Group",
            ("name",),
            what="The names of the study circles you keep",
            purpose="To check that the notice follows the code",
            basis=Basis.CONSENT,
            retention=Retention(timedelta(days=30)),
            seen_by="Nobody but the test",
        ),
    ),
)


@pytest.fixture
def demo_notice(db, monkeypatch) -> StandardPage:
    """The home app's demo pages, loaded as `manage.py load_demo_content` does."""
    for config in apps.get_app_configs():
        if config.label != "home":
            monkeypatch.setattr(config, "demo_loaders", (), raising=False)
    call_command("load_demo_content", "--force", stdout=StringIO())
    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))
    return chrome.privacy_page.specific


def shown(page: StandardPage) -> str:
    """The notice's HTML as a signed-out visitor gets it, with entities decoded."""
    response = Client().get(page.url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(text: str, heading: str) -> str:
    """The notice from the `heading` to the next heading of the same level."""
    start = re.search(rf'<h2 class="govuk-heading-l"[^>]*>{re.escape(heading)}</h2>', text).start()
    end = text.find("<h2", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_the_notice_is_a_page_of_its_own_beside_your_data(demo_notice):
    assert demo_notice.url == "/privacy/"
    assert resolve("/your-data/").view_name == "privacy:your_data"
    assert '<a href="/your-data/">Your data</a>' in shown(demo_notice)


def test_the_notice_shows_every_holding_of_every_provider(demo_notice):
    text = shown(demo_notice)

    found = list(registry.holdings())
    assert len(found) >= 20
    for provider, holding in found:
        assert provider.label in text
        assert holding.what in text, holding.model
        assert str(holding.basis.label) in text, holding.model
        assert holding.retention.describe() in text, holding.model
        assert holding.seen_by in text, holding.model
    held = section(text, "The information we hold")
    assert held.count('<div class="govuk-summary-card">') == len(found)


def test_each_holding_is_shown_under_its_own_area_the_account_first(demo_notice):
    text = shown(demo_notice)
    areas = [p for p in registry.listed_providers() if p.holdings]
    assert areas[0] is registry.provider("account")
    starts = [
        text.index(f'<h3 class="govuk-heading-m">{provider.label}</h3>') for provider in areas
    ]

    assert starts == sorted(starts)
    for index, provider in enumerate(areas):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        section = text[starts[index] : end]
        for holding in provider.holdings:
            assert holding.what in section, holding.model


def test_the_lawful_bases_explained_are_the_ones_the_code_knows(demo_notice):
    text = shown(demo_notice)
    explained = re.findall(r"<li><b>([^<]+)</b>:", text)

    assert explained == [basis.short for basis in Basis]


def test_every_cookie_is_listed_as_strictly_necessary(demo_notice):
    text = section(shown(demo_notice), "Cookies")

    for cookie in registry.cookies():
        assert f"<code>{cookie.name}</code>" in text
        assert cookie.purpose in text
        assert cookie.lasts in text
    assert "only cookies that are strictly necessary" in text
    assert "show no cookie banner" in text


def test_a_provider_added_later_appears_without_editing_the_page(demo_notice, monkeypatch):
    revisions = Revision.objects.count()
    before = shown(demo_notice)
    assert "The names of the study circles you keep" not in before

    config = apps.get_app_config("home")
    monkeypatch.setattr(config, "privacy_providers", (f"{__name__}.LATER_PROVIDER",), raising=False)
    after = shown(demo_notice)

    assert '<h3 class="govuk-heading-m">Something added later</h3>' in after
    assert "The names of the study circles you keep" in after
    assert "30 days, then deleted" in after
    assert "Nobody but the test" in after
    assert Revision.objects.count() == revisions


def form_token(response) -> str:
    match = FORM_TOKEN.search(response.content.decode())
    assert match, "no form token on the page"
    return match.group(1)


def test_every_cookie_the_site_sets_is_declared(db):
    """Signs up, confirms, edits the profile, signs out and in again, as a browser would
    (form tokens checked), and collects every cookie any response sets."""
    client = Client(enforce_csrf_checks=True)
    responses = []

    def get(path):
        response = client.get(path)
        responses.append(response)
        return response

    def post(path, data):
        response = client.post(path, data)
        responses.append(response)
        return response

    page = get("/accounts/signup/")
    signed_up = post(
        "/accounts/signup/",
        {
            "csrfmiddlewaretoken": form_token(page),
            "email": "cookie.check@example.com",
            "password1": "placement-diary-42",
            "password2": "placement-diary-42",
            "display_name": "Cookie Check",
            "role": "practitioner",
        },
    )
    assert signed_up.status_code == 302
    link = CONFIRM_LINK.search(mail.outbox[-1].body).group(1)
    confirm = get(link)
    assert post(link, {"csrfmiddlewaretoken": form_token(confirm)}).status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)

    profile = get("/accounts/profile/")
    saved = post(
        "/accounts/profile/",
        {
            "csrfmiddlewaretoken": form_token(profile),
            "display_name": "Cookie Check",
            "pronouns": "they/them",
            "bio": "Children and families.",
            "regulator": "",
            "registration_number": "",
            "qualifications": "",
            "employer": "",
        },
    )
    assert saved.status_code == 302
    get(saved["Location"])
    get("/")

    signed_out = post("/accounts/logout/", {"csrfmiddlewaretoken": form_token(get("/"))})
    assert signed_out.status_code == 302
    login = get("/accounts/login/")
    signed_in = post(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": form_token(login),
            "login": "cookie.check@example.com",
            "password": "placement-diary-42",
        },
    )
    assert signed_in.status_code == 302
    get("/your-data/")

    set_by_the_site = {name for response in responses for name in response.cookies}
    declared = {cookie.name for cookie in registry.cookies()}
    # The flow does set cookies, so the check below has something to check.
    assert {"sessionid", "csrftoken", "messages"} <= set_by_the_site
    assert set_by_the_site <= declared


def card(text: str, what: str) -> str:
    """The notice's summary card for the holding that holds `what`."""
    start = text.rindex('<div class="govuk-summary-card">', 0, text.index(what))
    end = text.find('<div class="govuk-summary-card">', start + 1)
    return text[start : end if end != -1 else len(text)]


def test_appraisals_say_their_basis_and_what_happens_to_them_after_erasure(demo_notice):
    appraisals = card(shown(demo_notice), "Educators' credibility appraisals of resources")

    assert (
        "Legitimate interests: what the site needs to run well and safely, in ways you would "
        "expect, balanced against your rights" in appraisals
    )
    assert (
        "Until you erase your account; then kept without your name, unless you ask for it to "
        "be deleted" in appraisals
    )
    downloads = card(shown(demo_notice), "The copies of your data you ask to download")
    assert "Legal obligation: the law requires it" in downloads


def test_the_lawful_bases_section_explains_them_as_the_code_labels_them(demo_notice):
    bases = section(shown(demo_notice), "Why we use it, and our lawful basis")

    assert (
        "<b>Legitimate interests</b>: what the site needs to run well and safely, in ways you "
        "would expect, balanced against your rights" in " ".join(bases.split())
    )
    assert "<b>Legal obligation</b>: where the law requires it" in " ".join(bases.split())


def test_the_sign_in_history_links_to_the_notices_contact_section(demo_notice, make_user):
    client = Client()
    client.force_login(make_user("records.reader@example.com"))

    records = client.get("/your-data/records/")

    assert records.status_code == 200
    assert f'href="{demo_notice.url}#contact-us"' in records.content.decode()
    assert '<h2 class="govuk-heading-l" id="contact-us">Contact us</h2>' in shown(demo_notice)
