"""allauth's pages in the site's own words: sentence-case titles and headings, error
summaries that name the field, and a page title that says the site's name once."""

import re
from html import unescape
from pathlib import Path

import allauth.urls
import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver
from django.utils.translation import gettext

from tests.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

SITE_NAME = "Social Work Community of Practice"
CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en_GB" / "LC_MESSAGES" / "django.po"
# Words that keep their capital letter mid-sentence.
PROPER = {"I"}


def routes(patterns, prefix: str = "/accounts/"):
    """allauth's pages that take no arguments."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif "<" not in route and "logout" not in route and "download" not in route:
            yield route


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def not_sentence_case(text: str) -> list[str]:
    words = re.findall(r"[\w'-]+", text)
    return [word for word in words[1:] if word[:1].isupper() and word not in PROPER]


def headings(html: str) -> list[str]:
    title = text_of(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    assert title.count(SITE_NAME) == 1, title
    own_title = title.removesuffix(f" – {SITE_NAME}")
    return [own_title, *(text_of(h) for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S))]


@pytest.fixture
def signed_in(make_user) -> Client:
    """A member with two-factor authentication, signed in through the forms just now."""
    member = make_user("wording@example.com", mfa=True, display_name="Wren")
    client = Client()
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(member)})
    assert client.session["_auth_user_id"] == str(member.pk)
    return client


def test_every_allauth_page_is_in_sentence_case(signed_in):
    seen = 0
    for client in (Client(), signed_in):
        for route in routes(allauth.urls.urlpatterns):
            response = client.get(route)
            if response.status_code != 200:
                continue
            seen += 1
            for heading in headings(response.content.decode()):
                assert not not_sentence_case(heading), (route, heading)
    # Sign-in, sign-up, password reset, email, two-factor, recovery codes, keys…
    assert seen >= 20


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/signup/", "Create an account"),
        ("/accounts/password/reset/key/1-not-a-key/", "This link no longer works"),
    ],
)
def test_allauth_pages_use_the_sites_words(client, url, heading):
    html = client.get(url).content.decode()

    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in re.sub(
        r">\s+|\s+<", lambda m: m.group().strip(), html
    )


def test_the_compiled_catalogue_matches_its_source():
    # django.mo is built from django.po by hand (msgfmt); a stale one would show allauth's
    # own wording again.
    source = CATALOGUE.read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', source, re.M)
    assert len(pairs) > 40
    for msgid, msgstr in pairs:
        assert gettext(msgid) == msgstr


def test_sign_up_error_summary_names_each_missing_answer(client):
    response = client.post("/accounts/signup/", {})

    assert response.status_code == 200
    html = response.content.decode()
    summary = text_of(re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group())
    assert summary == (
        "There is a problem Enter your email address Enter the name other members will see "
        "Select what you are joining as Enter a password Enter the password again"
    )
    assert "This field is required." not in html
    assert "<title>Error: Create an account – Social Work Community of Practice</title>" in html


def test_a_form_without_messages_of_its_own_names_the_field(client):
    response = client.post("/accounts/password/reset/", {})

    summary = re.search(
        r'<div class="govuk-error-summary".*?</ul>', response.content.decode(), re.S
    )
    assert text_of(summary.group()) == "There is a problem Enter email address"


def test_the_home_page_says_the_sites_name_once(client):
    html = client.get("/").content.decode()

    assert f"<title>{SITE_NAME}</title>" in html
