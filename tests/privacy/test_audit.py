"""The audit log: sensitive actions recorded from the real pages, and read by site admins in the
Wagtail admin (filtered, exported, never changed). What each person sees is in test_records.py."""

import io
import logging
import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from cop_site.accounts.models import Role, User
from cop_site.accounts.regulators import Regulator
from cop_site.accounts.services import grant_role
from cop_site.privacy import audit
from cop_site.privacy.models import AuditEntry
from tests.privacy.audit_helpers import ADMIN, reauthenticated, rows, start_log

# Recording, from the real pages


def test_verifying_a_registration_from_the_verification_page_is_recorded(
    client_as, educator, registered
):
    client = client_as(educator)
    start_log()

    response = client.post(reverse("accounts:verify", args=[registered.pk]))

    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert entry.action == "accounts.registration_verified"
    assert entry.action_label == "Registration verified"
    assert (entry.actor, entry.subject) == (educator, registered)
    assert entry.details == {"regulator": Regulator.SOCIAL_WORK_ENGLAND}


def test_removing_a_verification_is_recorded_once_and_only_when_there_was_one(
    client_as, educator, registered
):
    client = client_as(educator)
    url = reverse("accounts:verify", args=[registered.pk])
    start_log()
    client.post(url)

    assert client.post(url, {"action": "revoke"}).status_code == 302
    assert client.post(url, {"action": "revoke"}).status_code == 302

    assert list(AuditEntry.objects.order_by("pk").values_list("action", "actor", "subject")) == [
        ("accounts.registration_verified", educator.pk, registered.pk),
        ("accounts.verification_removed", educator.pk, registered.pk),
    ]


def test_role_changes_from_the_roles_page_are_recorded_with_the_reason(
    client_as, site_admin, student, caplog
):
    url = reverse("accounts:member_roles", args=[student.pk])
    client = reauthenticated(client_as, site_admin, url)
    start_log()

    with caplog.at_level(logging.INFO, logger="cop_site.security"):
        response = client.post(
            url, {"roles": [Role.PRACTITIONER], "reason": "Qualified in June, checked with HR"}
        )

    assert response.status_code == 302
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.actor, e.subject, e.details, e.reason) for e in entries] == [
        (
            "accounts.role_granted",
            site_admin,
            student,
            {"role": Role.PRACTITIONER},
            "Qualified in June, checked with HR",
        ),
        (
            "accounts.role_revoked",
            site_admin,
            student,
            {"role": Role.STUDENT},
            "Qualified in June, checked with HR",
        ),
    ]
    # The security log keeps its own lines.
    assert f"Role practitioner granted to user {student.pk} by user {site_admin.pk}" in caplog.text
    assert f"Role student revoked from user {student.pk} by user {site_admin.pk}" in caplog.text


def test_the_reason_on_the_roles_page_is_marked_optional_once(client_as, site_admin, student):
    url = reverse("accounts:member_roles", args=[student.pk])
    client = reauthenticated(client_as, site_admin, url)

    response = client.get(url)

    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert "Reason for the change (optional)</label>" in text
    assert "(optional) (optional)" not in text


def test_a_refused_role_change_records_nothing(client_as, site_admin, student):
    url = reverse("accounts:member_roles", args=[student.pk])
    client = reauthenticated(client_as, site_admin, url)
    start_log()

    response = client.post(url, {"reason": "No roles at all"})

    assert response.status_code == 200
    assert "No roles at all" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_an_unchanged_role_records_nothing(student):
    start_log()
    grant_role(student, Role.STUDENT, by=None)

    assert not AuditEntry.objects.exists()


def test_the_entry_is_part_of_the_change_and_goes_when_it_is_rolled_back(student, site_admin):
    start_log()
    with pytest.raises(RuntimeError), transaction.atomic():
        grant_role(student, Role.MODERATOR, by=site_admin)
        assert AuditEntry.objects.filter(action="accounts.role_granted").count() == 1
        raise RuntimeError("the request failed after the grant")

    assert Role.MODERATOR not in User.objects.get(pk=student.pk).roles
    assert not AuditEntry.objects.exists()


def test_an_undeclared_action_is_refused(student):
    start_log()
    with pytest.raises(ValueError, match="Undeclared audit action"):
        audit.record("accounts.made_up", actor=None, subject=student)
    assert not AuditEntry.objects.exists()


# Entries cannot be changed


def test_entries_cannot_be_changed_through_the_model(student, site_admin):
    entry = audit.record("accounts.role_granted", actor=site_admin, subject=student, role="x")
    entry.reason = "Changed afterwards"

    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Changed afterwards")
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


# The audit log in the Wagtail admin


def test_site_admins_read_the_audit_log_with_people_named(client_as, site_admin, logged):
    response = client_as(site_admin).get(ADMIN)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Audit log" in text
    listed = rows(text, "listing")
    assert len(listed) == 3
    assert "Registration verified" in listed[0]
    assert "Eve Educator (educator@example.com)" in listed[0]
    assert "Pat Logged (pat.logged@example.com)" in listed[0]
    assert "Role taken away" in listed[1]
    assert "Ada Admin (admin@example.com)" in listed[1]
    assert "Sam Student (student@example.com)" in listed[1]
    assert "Left the cohort" in listed[1]
    assert "Role given" in listed[2]
    assert f'href="{ADMIN}inspect/{logged["verified"].pk}/"' in text
    assert f"{ADMIN}new/" not in text
    assert f"{ADMIN}edit/" not in text
    assert f"{ADMIN}delete/" not in text


def test_the_inspect_view_of_an_entry_that_does_not_exist_is_not_found(client_as, site_admin):
    missing = (AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    response = client_as(site_admin).get(f"{ADMIN}inspect/{missing}/")

    assert response.status_code == 404


def test_the_audit_log_is_in_the_admin_menu_for_site_admins_only(client_as, site_admin, educator):
    assert ADMIN in client_as(site_admin).get("/admin/").content.decode()
    assert ADMIN not in client_as(educator).get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "accounts.role_revoked"}, ["revoked"]),
        ({"action": ["accounts.role_revoked", "accounts.role_granted"]}, ["revoked", "granted"]),
        ({"person": "educator@example"}, ["verified"]),
        ({"person": "pat logged"}, ["verified"]),
        ({"person": "student@example.com"}, ["revoked", "granted"]),
        ({"person": "nobody-like-this"}, []),
        ({"at_from": "{old}", "at_to": "{old}"}, ["granted"]),
        ({"at_from": "{today}"}, ["verified", "revoked"]),
        ({"person": "ADMIN@", "at_to": "{old}"}, ["granted"]),
    ],
)
def test_site_admins_filter_by_action_person_and_date(
    client_as, site_admin, logged, query, expected
):
    today = timezone.localdate()
    dates = {"{old}": str(today - timedelta(days=40)), "{today}": str(today)}
    query = {
        key: dates.get(value, value) if isinstance(value, str) else value
        for key, value in query.items()
    }

    response = client_as(site_admin).get(f"{ADMIN}results/", query)

    assert response.status_code == 200
    shown = re.findall(rf'href="{ADMIN}inspect/(\d+)/"', response.content.decode())
    assert shown == [str(logged[name].pk) for name in expected]


def test_a_bad_date_in_the_filter_is_not_an_error(client_as, site_admin, logged):
    response = client_as(site_admin).get(ADMIN, {"at_from": "not a date"})

    assert response.status_code == 200


def test_the_inspect_view_shows_the_whole_entry(client_as, site_admin, logged):
    entry = logged["verified"]

    response = client_as(site_admin).get(f"{ADMIN}inspect/{entry.pk}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Registration verified (accounts.registration_verified)" in text
    assert "Eve Educator (educator@example.com)" in text
    assert "Pat Logged (pat.logged@example.com)" in text
    assert "Regulator: Social Work England" in text
    assert f"{ADMIN}edit/" not in text
    assert f"{ADMIN}delete/" not in text


def test_an_erased_person_shows_as_former_member(client_as, site_admin, student, logged):
    User.objects.filter(pk=student.pk).update(erased_at=timezone.now())

    text = client_as(site_admin).get(ADMIN).content.decode()

    assert "Sam Student" not in text
    assert "student@example.com" not in text
    assert rows(text, "listing")[1].count("Former member") == 1


@pytest.mark.parametrize(
    "path", ["new/", "edit/{pk}/", "delete/{pk}/", "copy/{pk}/", "history/{pk}/", "usage/{pk}/"]
)
def test_there_is_no_screen_to_add_change_or_delete_entries(client_as, site_admin, logged, path):
    entry = logged["granted"]
    client = client_as(site_admin)
    url = ADMIN + path.format(pk=entry.pk)

    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Tampered"}).status_code == 404
    assert AuditEntry.objects.get(pk=entry.pk).reason == "Joined the cohort"
    assert AuditEntry.objects.count() == 3


@pytest.mark.parametrize("role", ["student", "moderator"])
def test_members_without_admin_access_are_refused(request, client_as, role, logged):
    client = client_as(request.getfixturevalue(role))
    entry = logged["granted"]

    for url in (ADMIN, f"{ADMIN}results/", f"{ADMIN}inspect/{entry.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"/admin/login/?next={url}"
        assert client.get(response.url).status_code == 403, url


def test_educators_reach_the_admin_but_not_the_audit_log(client_as, educator, logged):
    client = client_as(educator)
    entry = logged["granted"]

    for url in (ADMIN, f"{ADMIN}results/", f"{ADMIN}inspect/{entry.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == "/admin/"
    assert "Joined the cohort" not in client.get("/admin/", follow=True).content.decode()


def test_a_site_admin_without_two_factor_authentication_is_sent_to_set_it_up(
    client_as, make_user, logged
):
    admin = make_user("new.admin@example.com", roles=[Role.SITE_ADMIN], mfa=False)

    response = client_as(admin).get(ADMIN)

    assert response.status_code == 302
    assert response.url == reverse("mfa_index")


# Records about you


def test_the_audit_log_downloads_as_csv_as_the_list_shows_it(client_as, site_admin, logged):
    import csv

    response = client_as(site_admin).get(ADMIN, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert 'filename="audit-log.csv"' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    table = list(csv.reader(lines))
    assert table[0] == ["When", "Action", "By", "About", "Reason"]
    granted = logged["granted"]
    when = formats.date_format(timezone.localtime(granted.at), "j M Y, H:i")
    assert table[1:] == [
        [
            table[1][0],
            "Registration verified",
            "Eve Educator (educator@example.com)",
            "Pat Logged (pat.logged@example.com)",
            "",
        ],
        [
            table[2][0],
            "Role taken away",
            "Ada Admin (admin@example.com)",
            "Sam Student (student@example.com)",
            "Left the cohort",
        ],
        [
            when,
            "Role given",
            "Ada Admin (admin@example.com)",
            "Sam Student (student@example.com)",
            "Joined the cohort",
        ],
    ]


def test_the_audit_log_download_follows_the_filter_and_as_xlsx(client_as, site_admin, logged):
    from openpyxl import load_workbook

    response = client_as(site_admin).get(
        ADMIN, {"export": "xlsx", "action": "accounts.role_revoked"}
    )

    assert response.status_code == 200
    assert 'filename="audit-log.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert values[0] == ["When", "Action", "By", "About", "Reason"]
    assert [row[1:] for row in values[1:]] == [
        [
            "Role taken away",
            "Ada Admin (admin@example.com)",
            "Sam Student (student@example.com)",
            "Left the cohort",
        ]
    ]


def test_the_audit_log_csv_never_starts_a_cell_with_a_formula(client_as, site_admin, make_user):
    start_log()
    sneaky = make_user("sneaky@example.com", display_name="=HYPERLINK(1)")
    audit.record("accounts.role_granted", actor=site_admin, subject=sneaky, reason="+1", role="x")

    response = client_as(site_admin).get(ADMIN, {"export": "csv"})

    row = b"".join(response.streaming_content).decode().splitlines()[1]
    assert "'=HYPERLINK(1) (sneaky@example.com)" in row
    assert row.endswith(",'+1")


def test_only_site_admins_download_the_audit_log(client_as, educator, logged):
    response = client_as(educator).get(ADMIN, {"export": "csv"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
