"""The download's summary page: it reads as the site does, leaves out what is empty, and lists the
areas in the order people see them."""

import html
import io
import json
import zipfile

import pytest
from django.utils import timezone

from cop_site.privacy import exports, selectors
from tests.privacy.export_helpers import (
    YOUR_DATA_URL,
    area_files,
)

pytestmark = pytest.mark.django_db


def summary_of(user) -> tuple[dict[str, dict], str]:
    """The areas' files (parsed) and the summary page (entities decoded) of `user`'s copy."""
    archive = zipfile.ZipFile(io.BytesIO(exports.build_zip(user, timezone.now())))
    files = {area: json.loads(text)["data"] for area, text in area_files(archive).items()}
    return files, html.unescape(archive.read("summary.html").decode())


def area_part(summary: str, area: str) -> str:
    return summary.split(f'<h2 id="area-{area}">', 1)[1].split("</section>", 1)[0]


def test_the_summary_reads_as_the_site_does(student, make_resource):
    from cop_site.accounts.models import SignInRecord
    from resources import services
    from resources.credibility import Score
    from tests.conftest import activate_totp
    from tests.resources.conftest import judgements

    resource = make_resource("Reading the room")
    scores = judgements(
        Score.MET,
        accuracy=Score.PARTLY_MET,
        utility=Score.NOT_MET,
        propriety=Score.NOT_APPLICABLE,
    )
    services.appraise_as_learner(resource, by=student, scores=scores, reflection="Mixed.")
    SignInRecord.objects.create(user=student, ip_address="203.0.113.9", user_agent="Firefox")
    activate_totp(student)

    files, summary = summary_of(student)

    # Scores are the words the site shows, in the file and on the page.
    judged = files["resources"]["learner_appraisals"][0]["judgements"]
    assert {key: value["score"] for key, value in judged.items()} == {
        "transparency": "Met",
        "accuracy": "Partly met",
        "purposivity": "Met",
        "utility": "Not met",
        "propriety": "Not applicable",
        "accessibility": "Met",
        "specificity": "Met",
    }
    assert "Accuracy: Score: Partly met;" in summary
    for code in ("Score: not_met", "Score: partly", "Score: na"):
        assert code not in summary
    # Headings people read, not the files' keys.
    account = area_part(summary, "account")
    assert "<h3>Sign-ins</h3>" in account
    assert "<h3>Two-factor authentication</h3>" in account
    assert '<th scope="col">Internet address</th>' in account
    for raw in ("Sign ins", "Two factor", "Ip address"):
        assert raw not in summary
    assert "The times on this page are UK time." in summary


def test_the_summary_leaves_out_what_is_empty_and_says_nothing_once(student):
    files, summary = summary_of(student)

    # A student has done nothing in the admin: the file lists every kind, the page says so once.
    admin = files["site_content"]
    assert admin["pages_you_own"] == [] and admin["comments"] == []
    assert admin["unfinished_uploads"] == 0
    part = area_part(summary, "site_content")
    assert part.count("<p>Nothing.</p>") == 1
    assert "<h3>" not in part
    assert files["search"] == {"saved_searches": []}
    assert area_part(summary, "search").count("<p>Nothing.</p>") == 1
    # An area with something in it lists only that.
    account = area_part(summary, "account")
    assert "Nothing." not in account
    assert "<h3>Two-factor authentication</h3>" not in account  # none set up
    assert "<h3>Roles</h3>" in account


def test_areas_are_listed_the_account_first_in_the_summary_and_on_the_page(student, client_as):
    areas = selectors.areas()
    assert [found.area for found in areas] == [
        "account",
        "resources",
        "search",
        "privacy",
        "site_content",
    ]
    _, summary = summary_of(student)
    starts = [summary.index(f'<h2 id="area-{found.area}">') for found in areas]
    assert starts == sorted(starts)

    page = html.unescape(client_as(student).get(YOUR_DATA_URL).content.decode())
    listed = [page.index(f">{found.label}</dt>") for found in areas]
    assert listed == sorted(listed)


@pytest.mark.parametrize(
    ("key", "heading"),
    [
        ("api_tokens", "API tokens"),
        ("ip_address", "Internet address"),
        ("sign_ins", "Sign-ins"),
        ("two_factor_authentication", "Two-factor authentication"),
        ("joined_at", "Joined"),
        ("last_signed_in_at", "Last signed in"),
        ("weekly_email", "Weekly email"),
    ],
)
def test_each_key_has_a_heading_people_read(key, heading):
    assert exports.heading(key) == heading
