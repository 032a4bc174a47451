"""The search tips page: one h1, breadcrumbs, and example links that run exactly what they show."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.resources.conftest import indexed_in_bulk

pytestmark = pytest.mark.django_db

SEARCH_PATH = "/search/"


class _PageReader(HTMLParser):
    """Collects the h1s, every link (href and text) and the table captions."""

    def __init__(self):
        super().__init__()
        self.h1s = []
        self.links = []
        self.captions = []
        self.breadcrumbs = []
        self._open = []  # [tag, text parts, attrs]
        self._in_breadcrumbs = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self._in_breadcrumbs = True
        if tag in ("h1", "a", "caption", "li"):
            self._open.append([tag, [], attrs])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_breadcrumbs = False
        if not self._open or self._open[-1][0] != tag:
            return
        _, parts, attrs = self._open.pop()
        text = " ".join("".join(parts).split())
        for outer in self._open:
            outer[1].append("".join(parts))
        if tag == "h1":
            self.h1s.append(text)
        elif tag == "a":
            self.links.append((attrs.get("href", ""), text))
        elif tag == "caption":
            self.captions.append(text)
        elif tag == "li" and self._in_breadcrumbs:
            self.breadcrumbs.append(text)

    def handle_data(self, data):
        if self._open:
            self._open[-1][1].append(data)


@pytest.fixture
def page(client):
    response = client.get(reverse("search:tips"))
    assert response.status_code == 200
    reader = _PageReader()
    reader.feed(response.content.decode())
    reader.html = response.content.decode()
    return reader


def example_links(page):
    return [(href, text) for href, text in page.links if href.startswith(f"{SEARCH_PATH}?q=")]


def test_tips_page_is_at_its_url():
    assert reverse("search:tips") == "/search/tips/"


def test_page_has_one_h1_and_breadcrumbs(page):
    assert page.h1s == ["Search tips"]
    assert page.breadcrumbs == ["Home", "Search", "Search tips"]
    assert ("/", "Home") in page.links
    assert (SEARCH_PATH, "Search") in page.links


def test_every_example_link_runs_the_search_it_shows(page):
    examples = example_links(page)
    assert len(examples) >= 20
    for href, text in examples:
        parts = urlsplit(href)
        assert parts.path == SEARCH_PATH
        assert parse_qs(parts.query, keep_blank_values=True) == {"q": [text]}, href
        # Fully encoded: only RFC 3986 unreserved characters and escapes are left as they are.
        assert re.fullmatch(r"q=[A-Za-z0-9_.~%-]+", parts.query), href


def test_examples_cover_the_search_language(page):
    shown = {text for _, text in example_links(page)}
    for example in [
        '"information sharing" AND (consent OR confidentiality) NOT children',
        "safeguarding NOT children",
        '"best interests"',
        'title:"mental capacity"',
        "author:munro",
        "topic:safeguarding",
        "source:research",
        "safeguard*",
        "confiden*",
        "deprivation~",
        '"best interests',  # an unclosed quotation mark
        "safeguarding AND",  # a stray operator
    ]:
        assert example in shown, example


def test_every_example_finds_something_in_the_demo_library(
    page, client, search_backend, educator, second_educator, student, practitioner
):
    with indexed_in_bulk():
        call_command("load_demo_resources", "--force", stdout=io.StringIO())
    # The example of a field the site does not have finds something too, and says why.
    unknown_field = "munro:review"
    empty = []
    for href, text in example_links(page):
        html = client.get(href).content.decode()
        found = re.search(r'id="results-heading">([^<]*)<', html)
        assert found, href
        if text == unknown_field:
            assert "searched for as ordinary words" in html
        if found.group(1).strip() == "0 results":
            empty.append(text)
    assert empty == []


def test_the_worked_example_is_encoded(page):
    expected = (
        "/search/?q=%22information%20sharing%22%20AND%20%28consent%20OR%20confidentiality"
        "%29%20NOT%20children"
    )
    assert expected in {href for href, _ in page.links}


def test_links_to_credibility_and_saved_searches(page):
    hrefs = {href for href, _ in page.links}
    assert reverse("resources:how_we_rate") in hrefs
    assert reverse("search:saved") in hrefs


def test_has_a_captioned_summary_table(page):
    assert page.captions == ["What to type, and what it finds"]
    assert 'class="govuk-table"' in page.html


def test_no_inline_styles_and_every_script_has_the_nonce(page):
    assert "style=" not in page.html
    assert "<style" not in page.html
    scripts = re.findall(r"<script\b[^>]*>", page.html)
    assert scripts
    assert all(re.search(r'\snonce="[^"]+"', tag) for tag in scripts), scripts
