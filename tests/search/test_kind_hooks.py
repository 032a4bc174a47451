"""What a kind of result declares shapes the search box, the tips page and the weekly email: its
fields (``author:``), its tips, and whether saved searches email members about it."""

import dataclasses

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from cop_site.search import kinds
from cop_site.search import saved as services
from cop_site.search.kinds import KindAlerts, SearchableField, SearchTips
from cop_site.search.query import parse
from tests.search.saved_helpers import week_after

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources_kind(monkeypatch):
    """Change the resources kind's declaration for one test: ``declare(fields=…, tips=…)``."""
    config = apps.get_app_config("resources")
    (kind,) = config.search_kinds

    def declare(**changes):
        monkeypatch.setattr(config, "search_kinds", (dataclasses.replace(kind, **changes),))

    return declare


def test_the_resources_kind_declares_its_fields():
    (kind,) = apps.get_app_config("resources").search_kinds
    assert [field.name for field in kind.fields] == ["author", "topic", "source"]
    assert kinds.field_names() == {
        "title": "title",
        "author": "author",
        "authors": "author",
        "topic": "topic",
        "source": "source",
        "publisher": "source",
    }


def test_the_search_box_reads_the_fields_the_kinds_declare(resources_kind):
    (kind,) = apps.get_app_config("resources").search_kinds
    year = SearchableField("year", "Resources published that year", "year:2014")
    resources_kind(fields=(*kind.fields, year))
    parsed = parse("year:2014 carers")
    assert [(c.field, c.value) for c in parsed.conditions] == [("year", "2014")]
    assert "you can use title:, author:, topic:, source: and year:" in parse("writer:x").notes[0]


def test_a_field_no_kind_declares_is_searched_as_words(resources_kind):
    resources_kind(fields=())
    parsed = parse("author:munro")
    assert parsed.conditions == []
    assert parsed.notes == [
        "There is no field called “author”; you can use title:. It was searched for as ordinary"
        " words."
    ]


def tips_html(client) -> str:
    response = client.get(reverse("search:tips"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_tips_page_lists_the_declared_fields(client, resources_kind):
    html = tips_html(client)
    assert "Search by title, author, topic or source</a>" in html
    assert "<code>source:research</code></th>" in html

    resources_kind(fields=(), tips=SearchTips())
    html = tips_html(client)
    assert "Search by title</a>" in html
    assert "source:" not in html
    assert "TAPUPAS" not in html


def test_the_resources_app_offers_how_we_rate_on_the_tips_page(client, resources_kind):
    how_we_rate = f'href="{reverse("resources:how_we_rate")}"'
    assert how_we_rate in tips_html(client)
    (kind,) = apps.get_app_config("resources").search_kinds
    resources_kind(tips=dataclasses.replace(kind.tips, judging=""))
    assert how_we_rate not in tips_html(client)


# --- Weekly email: any kind that has alerts ------------------------------------------------------


@pytest.fixture
def pages_alert(monkeypatch):
    """Pages that are not resources declare alerts too, as a new kind of result would."""
    monkeypatch.setattr(kinds, "PAGES", dataclasses.replace(kinds.PAGES, alerts=KindAlerts()))


def publish_page(make_page, title):
    page = make_page(title, live=False)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_an_email_lists_what_is_new_of_every_kind_with_alerts(
    save, publish, make_page, pages_alert
):
    saved = save("q=safeguarding", name="safeguarding")
    resource = publish("Safeguarding adults")
    page = publish_page(make_page, "Safeguarding week")
    mail.outbox.clear()

    assert services.send_due_alerts(now=week_after(saved)).sent == 1
    (message,) = mail.outbox
    assert message.subject == '2 new results for "safeguarding"'
    assert "2 new results match your saved search" in message.body
    # Newest first, whatever its kind.
    assert message.body.index(page.title) < message.body.index(resource.title)
    assert f"http://localhost{page.url}" in message.body


def test_a_search_of_one_kind_is_emailed_about_that_kind_only(
    save, publish, make_page, pages_alert
):
    saved = save("q=safeguarding&kind=pages", name="safeguarding pages")
    publish("Safeguarding adults")
    page = publish_page(make_page, "Safeguarding week")
    mail.outbox.clear()

    assert services.send_due_alerts(now=week_after(saved)).sent == 1
    (message,) = mail.outbox
    assert message.subject == '1 new page for "safeguarding pages"'
    assert page.title in message.body
    assert "Safeguarding adults" not in message.body


def test_a_search_of_a_kind_without_alerts_sends_nothing(save, publish, make_page):
    saved = save("q=safeguarding&kind=pages")
    publish("Safeguarding adults")
    publish_page(make_page, "Safeguarding week")
    mail.outbox.clear()
    assert services.send_due_alerts(now=week_after(saved)).sent == 0
    assert mail.outbox == []
