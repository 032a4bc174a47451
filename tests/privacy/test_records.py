"""Records about you: the audit entries about a person and their sign-in history, on their
own pages; and the sign-in history a sign-in adds to."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import login
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cop_site.accounts.models import Role, SignInRecord
from cop_site.privacy import audit
from tests.conftest import PASSWORD
from tests.privacy.audit_helpers import LOGIN_URL, rows, start_log

# Recording, from the real pages


def test_a_person_sees_the_entries_about_them_and_not_about_others(
    client_as, site_admin, student, logged
):
    client = client_as(student)
    audit.record("accounts.role_revoked", actor=None, subject=student, role=Role.MODERATOR)
    audit.record("accounts.role_granted", actor=student, subject=student, role=Role.STUDENT)

    response = client.get(reverse("privacy:records"))

    assert response.status_code == 200
    listed = [
        re.sub(r"\d+ \w+ \d{4}, \d\d:\d\d", "WHEN", row) for row in rows(response.content.decode())
    ]
    assert listed[:3] == [
        "Role given: Student on placement WHEN You None given",
        "Role taken away: Moderator WHEN The site None given",
        "Role taken away: Student on placement WHEN Ada Admin Left the cohort",
    ]
    assert listed[3] == "Role given: Student on placement WHEN Ada Admin Joined the cohort"
    assert len(listed) == 4
    text = response.content.decode()
    assert "Registration verified" not in text
    assert "admin@example.com" not in text
    assert "How long we keep them: 6 years, then deleted." in text


def test_records_are_shown_25_a_page(client_as, student):
    start_log()
    for n in range(30):
        audit.record("accounts.role_granted", actor=None, subject=student, reason=f"Entry {n}")
    client = client_as(student)

    first = client.get(reverse("privacy:records"))
    second = client.get(reverse("privacy:records"), {"page": 2})
    beyond = client.get(reverse("privacy:records"), {"page": "not-a-page"})

    assert first.status_code == 200
    assert len(rows(first.content.decode())) == 25
    assert "Entry 29" in first.content.decode()
    assert len(rows(second.content.decode())) == 5
    assert "Entry 0<" in second.content.decode()
    assert beyond.status_code == 200


def test_the_records_page_needs_a_signed_in_member(anonymous_client):
    response = anonymous_client.get(reverse("privacy:records"))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_records_page_shows_the_sign_in_history_and_how_long_it_is_kept(
    client_as, student, practitioner
):
    SignInRecord.objects.create(
        user=student, ip_address="203.0.113.9", user_agent="Mozilla/5.0 (Kindle) Silk/1.0"
    )
    SignInRecord.objects.create(
        user=student, at=timezone.now() - timedelta(days=100), user_agent="Old browser"
    )
    SignInRecord.objects.create(user=practitioner, ip_address="198.51.100.1", user_agent="Other")
    client = client_as(student)  # signing in adds a sign-in of its own, with no address

    text = client.get(reverse("privacy:records")).content.decode()

    sign_ins = text.split('id="sign-ins"', 1)[1]
    assert "203.0.113.9" in sign_ins
    assert "Mozilla/5.0 (Kindle) Silk/1.0" in sign_ins
    assert "Old browser" in sign_ins
    assert "Removed or not known" in sign_ins
    assert "198.51.100.1" not in text
    assert "Other<" not in text
    assert "3 sign-ins" in sign_ins
    assert (
        "internet addresses 90 days, then the address is removed; the rest of each sign-in "
        "1 year, then deleted." in sign_ins
    )


def test_the_records_page_query_count_does_not_grow(client_as, make_user, student):
    admins = [make_user(roles=[Role.SITE_ADMIN], display_name=f"Admin {n}") for n in range(3)]
    client = client_as(student)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("privacy:records")).status_code == 200
        return len(queries)

    audit.record("accounts.role_granted", actor=admins[0], subject=student, role=Role.STUDENT)
    count()  # warm per-process caches
    few = count()
    for admin in admins:
        audit.record("accounts.role_revoked", actor=admin, subject=student, role=Role.MODERATOR)
        SignInRecord.objects.create(user=student, ip_address="203.0.113.1")

    assert count() == few


def test_the_your_data_page_shows_the_latest_records_and_sign_ins(client_as, site_admin, student):
    for n in range(7):
        audit.record("accounts.role_granted", actor=site_admin, subject=student, reason=f"R{n}")
    SignInRecord.objects.create(user=student, ip_address="203.0.113.44")
    client = client_as(student)

    response = client.get(reverse("privacy:your_data"))

    assert response.status_code == 200
    section = response.content.decode().split('id="records"', 1)[1]
    assert section.count("Role given, by Ada Admin") == 5
    assert "“R6”" in section
    assert "“R1”" not in section
    assert "203.0.113.44" in section
    assert reverse("privacy:records") in section


# Sign-in history


def test_signing_in_records_the_address_and_browser(client, practitioner):
    agent = "Mozilla/5.0 " + "x" * 400

    response = client.post(
        LOGIN_URL,
        {"login": practitioner.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT=agent,
    )

    assert response.status_code == 302
    record = SignInRecord.objects.get(user=practitioner)
    assert record.ip_address == "203.0.113.7"
    assert record.user_agent == agent[:300]
    assert timezone.now() - record.at < timedelta(minutes=1)


@pytest.mark.parametrize("address", ["unknown, 10.0.0.1", "", "999.1.1.1"])
def test_a_client_address_that_is_not_an_ip_address_is_left_out(practitioner, address):
    # allauth's form refuses such a request before signing in; other ways of signing in
    # (Django's own `login`) still send the signal.
    request = RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT="Tester/1.0")
    request.session = SessionStore()

    login(request, practitioner, backend="django.contrib.auth.backends.ModelBackend")

    record = SignInRecord.objects.get(user=practitioner)
    assert (record.ip_address, record.user_agent) == (None, "Tester/1.0")


def test_a_failed_sign_in_is_not_recorded(client, practitioner):
    response = client.post(LOGIN_URL, {"login": practitioner.email, "password": "wrong-one-1"})

    assert response.status_code == 200
    assert not SignInRecord.objects.exists()


# Downloading the list, and how the pages read


def test_the_records_page_reads_dates_in_full_in_uk_time_and_shortens_browsers(client_as, student):
    agent = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/140.0.0.0 Safari/537.36"
    )
    # 09:05 UTC in July is 10:05 in the UK.
    at = datetime(2026, 7, 2, 9, 5, tzinfo=UTC)
    SignInRecord.objects.create(user=student, at=at, ip_address="203.0.113.7", user_agent=agent)
    audit.record("accounts.role_granted", actor=None, subject=student, role=Role.STUDENT)
    client = client_as(student)

    text = html.unescape(client.get(reverse("privacy:records")).content.decode())

    assert "2 July 2026, 10:05" in text
    assert agent not in text
    assert f"{agent[:59]}…" in text
    assert text.count("UK time") == 1
    assert re.search(r"\d{1,2} (?!May )[A-Z][a-z]{2} \d{4}", text) is None  # no "2 Jul 2026"
    hub = html.unescape(client.get(reverse("privacy:your_data")).content.decode())
    assert "2 July 2026, 10:05" in hub
    assert re.search(r"\d{1,2} (?!May )[A-Z][a-z]{2} \d{4}", hub) is None
