"""Downloading your data: asking for it, the background build, the ZIP's contents, the email,
and who may fetch the file, and for how long."""

import html
import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from cop_site.privacy import exports, selectors
from cop_site.privacy.models import AuditEntry, DataExport, export_storage
from cop_site.privacy.providers import delete_expired_exports
from cop_site.privacy.registry import Provider
from cop_site.privacy.views import exports as export_views
from tests.privacy.export_helpers import (
    LOGIN_URL,
    REQUEST_URL,
    YOUR_DATA_URL,
    area_files,
    ask,
    download_url,
    open_zip,
)

pytestmark = pytest.mark.django_db


def test_a_download_holds_all_of_the_persons_rows_and_none_of_anothers(
    person_with_data, privacy_staff, client_as, django_capture_on_commit_callbacks
):
    alice = person_with_data("alice@example.com", "Alice Aardvark")
    bob = person_with_data("bob@example.com", "Bob Bittern")

    export = ask(client_as(alice.user), django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    archive = open_zip(export)
    files = area_files(archive)
    areas = [found.area for found in selectors.areas()]
    assert sorted(files) == sorted(areas)
    assert set(alice.texts) <= set(areas)
    for area, text in files.items():
        data = json.loads(text)
        assert data["area"] == area
        for mine in alice.texts.get(area, []):
            assert mine in text, f"{area}.json lacks {mine!r}"
        for theirs in bob.markers:
            assert theirs not in text, f"{area}.json holds Bob's {theirs!r}"
        for secret in alice.secrets + bob.secrets:
            assert secret not in text, f"{area}.json holds a secret"
        # Those who acted on the account are named as members know them, never by address.
        for staff in (privacy_staff.admin, privacy_staff.verifier):
            assert staff.email not in text

    account = json.loads(files["account"])["data"]
    assert account["account"]["email"] == alice.email
    assert account["profile"]["display_name"] == alice.name
    checker = privacy_staff.verifier.display_name
    assert account["profile"]["registration_check"]["checked_by"] == checker
    assert [role["role"] for role in account["roles"]] == ["Qualified social worker", "Educator"]
    assert [role["given_by"] for role in account["roles"]] == [
        "The site",
        privacy_staff.admin.display_name,
    ]
    assert sorted(a["email"] for a in account["email_addresses"]) == [
        alice.email,
        f"other.{alice.email}",
    ]
    assert sorted(f["type"] for f in account["two_factor_authentication"]) == [
        "Authenticator app",
        "Recovery codes",
    ]
    # Signing in the test client added one more, from no address.
    assert {s["ip_address"] for s in account["sign_ins"]} == {*alice.ip_addresses, None}

    search = json.loads(files["search"])["data"]
    assert [(s["name"], s["weekly_email"]) for s in search["saved_searches"]] == [
        (f"{alice.name} saved search", True)
    ]

    library = json.loads(files["resources"])["data"]
    assert [a["reflection"] for a in library["learner_appraisals"]] == [
        f"Private reflection by {alice.name}"
    ]
    assert len(library["credibility_appraisals"]) == 1
    assert [r["comment"] for r in library["usefulness_ratings"]] == [
        f"Rating comment by {alice.name}"
    ]

    records = json.loads(files["privacy"])["data"]
    assert len(records["records_about_you"]) == AuditEntry.objects.about(alice.user).count()
    by = {entry["what"]: entry["by"] for entry in records["records_about_you"]}
    assert by["Role given: Educator"] == privacy_staff.admin.display_name
    assert by["Registration verified"] == privacy_staff.verifier.display_name
    assert by["Role taken away: Moderator"] == "The site"
    assert by["Copy of data requested"] == "You"
    assert len(records["downloads_of_your_data"]) == 2  # the expired one and this one
    # What Alice did herself, about herself: asking for this copy.
    assert [(a["what"], a["about"]) for a in records["actions_you_took"]] == [
        ("Copy of data requested", "You")
    ]

    admin = json.loads(files["site_content"])["data"]
    assert [p["title"] for p in admin["pages_you_own"]] == [f"{alice.name} resource"]
    assert [c["text"] for c in admin["comments"]] == [f"Admin comment by {alice.name}"]
    assert [r["text"] for r in admin["comment_replies"]] == [f"Admin reply by {alice.name}"]
    assert [s["page"] for s in admin["comment_emails"]] == [f"{alice.name} resource"]
    assert [d["title"] for d in admin["documents_you_uploaded"]] == [f"{alice.name} document"]
    assert [i["title"] for i in admin["images_you_uploaded"]] == [f"{alice.name} image"]
    assert len(admin["versions_you_saved"]) == 1
    # The admin's change was to an account: its kind is shown, not whose it was.
    assert [e["item"] for e in admin["data_admin_history"]] == ["A user"]

    summary = html.unescape(archive.read("summary.html").decode())
    for found in selectors.areas():
        assert str(found.label) in summary
        assert str(found.description) in summary
    for mine in alice.markers:
        assert mine in summary, f"summary.html lacks {mine!r}"
    for theirs in bob.markers:
        assert theirs not in summary


def test_the_owner_is_emailed_a_link_and_can_download_the_file(
    make_user, client_as, django_capture_on_commit_callbacks
):
    member = make_user("downloader@example.com", display_name="Dana Downloader")
    client = client_as(member)
    mail.outbox.clear()

    export = ask(client, django_capture_on_commit_callbacks)
    export.refresh_from_db()

    assert [m.to for m in mail.outbox] == [[member.email]]
    email = mail.outbox[0]
    assert email.subject == "Your data is ready to download"
    link = f"http://localhost{download_url(export)}"
    assert link in email.body
    assert link in email.alternatives[0][0]
    local_expiry = timezone.localtime(export.expires_at)
    assert f"{local_expiry:%-d %B %Y}" in email.body
    # Nothing about the person in the body: not their name, nor their address.
    assert "Dana" not in email.body
    assert member.email not in email.body

    response = client.get(download_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    ready = timezone.localtime(export.ready_at)
    assert response["Content-Disposition"] == (
        f'attachment; filename="your-data-{ready:%Y-%m-%d}.zip"'
    )
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "summary.html" in archive.namelist()
    assert AuditEntry.objects.filter(
        action="privacy.export_downloaded", subject=member, actor=member
    ).exists()


def test_someone_else_gets_not_found_and_a_visitor_is_sent_to_sign_in(
    make_user, client_as, anonymous_client, django_capture_on_commit_callbacks
):
    owner = make_user("owner@example.com")
    other = make_user("other@example.com")
    export = ask(client_as(owner), django_capture_on_commit_callbacks)

    assert client_as(other).get(download_url(export)).status_code == 404
    never = reverse("privacy:download", args=["00000000-0000-4000-8000-000000000000"])
    assert client_as(other).get(never).status_code == 404

    response = anonymous_client.get(download_url(export))
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={download_url(export)}"
    assert not AuditEntry.objects.filter(action="privacy.export_downloaded").exists()


def test_a_download_is_gone_after_it_expires(
    make_user, client_as, django_capture_on_commit_callbacks
):
    member = make_user()
    client = client_as(member)
    export = ask(client, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert client.get(download_url(export)).status_code == 200

    with time_machine.travel(export.expires_at + timedelta(seconds=1), tick=False):
        response = client.get(download_url(export))
        assert response.status_code == 410
        assert "This download has expired" in response.content.decode()
        assert REQUEST_URL in response.content.decode()
        # The hub no longer lists it.
        assert download_url(export) not in client.get(YOUR_DATA_URL).content.decode()

        assert delete_expired_exports(timezone.now() - timedelta(days=7), dry_run=True) == 1
        name = export.file.name
        assert export_storage().exists(name)
        assert delete_expired_exports(timezone.now() - timedelta(days=7), dry_run=False) == 1
        assert not export_storage().exists(name)

    export.refresh_from_db()
    assert export.status == DataExport.Status.EXPIRED
    assert not export.file
    assert client.get(download_url(export)).status_code == 410


def test_a_download_being_prepared_has_a_page_and_asking_again_makes_no_second(
    make_user, client_as
):
    member = make_user()
    client = client_as(member)

    # The build is queued for after the commit, which these requests never reach.
    first = client.post(REQUEST_URL, follow=True)
    assert first.status_code == 200
    assert export_views.PREPARING_MESSAGE in first.content.decode()
    second = client.post(REQUEST_URL, follow=True)
    assert exports_message(second) == export_views.ALREADY_MESSAGE

    export = DataExport.objects.get(user=member)
    assert export.status == DataExport.Status.PENDING
    assert AuditEntry.objects.filter(action="privacy.export_requested", subject=member).count() == 1

    page = client.get(download_url(export))
    assert page.status_code == 200
    assert "Your data is being prepared" in page.content.decode()
    hub = client.get(YOUR_DATA_URL).content.decode()
    assert "Being prepared" in hub


def exports_message(response) -> str:
    """The notice the page shows last: the one about the latest request."""
    return [str(m) for m in response.context["messages"]][-1]


def test_asking_is_limited_to_three_a_day(make_user, client_as, django_capture_on_commit_callbacks):
    member = make_user()
    client = client_as(member)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(exports.EXPORTS_PER_DAY):
            ask(client, django_capture_on_commit_callbacks)
        refused = client.post(REQUEST_URL, follow=True)
    assert refused.status_code == 200
    assert exports_message(refused).startswith("You can ask for a copy of your data 3 times a day")
    assert DataExport.objects.filter(user=member).count() == 3

    with time_machine.travel(start + timedelta(days=1, seconds=1), tick=False):
        ask(client, django_capture_on_commit_callbacks)
    assert DataExport.objects.filter(user=member).count() == 4


def test_asking_needs_a_post_and_only_the_person_can_ask(make_user, client_as):
    member = make_user()
    other = make_user()
    assert client_as(member).get(REQUEST_URL).status_code == 405
    with pytest.raises(PermissionDenied):
        exports.request_export(member, by=other)
    assert not DataExport.objects.exists()


def test_when_storage_refuses_the_file_the_download_is_marked_failed(
    make_user, client_as, django_capture_on_commit_callbacks, monkeypatch, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("A file where the storage expects a folder.")
    field = DataExport._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=blocker / "exports"))
    member = make_user()
    client = client_as(member)
    mail.outbox.clear()

    export = ask(client, django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED
    assert not export.file
    assert export.size == 0
    assert [m.subject for m in mail.outbox] == ["Your data could not be prepared"]
    page = client.get(download_url(export))
    assert page.status_code == 200
    assert "could not be prepared" in page.content.decode()
    assert REQUEST_URL in page.content.decode()

    # A failed download does not count against the limit, and asking again works.
    monkeypatch.undo()
    again = ask(client, django_capture_on_commit_callbacks)
    again.refresh_from_db()
    assert again.pk != export.pk
    assert again.status == DataExport.Status.READY


def _broken_export(user):
    raise RuntimeError("This area cannot be read.")


BROKEN = Provider(area="broken", label="Broken", export=_broken_export)


def test_when_an_area_cannot_be_read_nothing_is_written(
    make_user, client_as, django_capture_on_commit_callbacks, monkeypatch
):
    from django.apps import apps

    monkeypatch.setattr(
        apps.get_app_config("home"), "privacy_providers", (f"{__name__}.BROKEN",), raising=False
    )
    member = make_user()
    export = ask(client_as(member), django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED
    assert not export.file
    assert not export_storage().exists(f"exports/{export.public_id}.zip")


def test_the_hub_lists_the_areas_and_a_ready_download(
    make_user, client_as, django_capture_on_commit_callbacks
):
    member = make_user()
    client = client_as(member)
    export = ask(client, django_capture_on_commit_callbacks)

    page = client.get(YOUR_DATA_URL)
    assert page.status_code == 200
    content = page.content.decode()
    for found in selectors.areas():
        assert html.escape(str(found.label)) in content
    assert download_url(export) in content
    assert "Ask for a copy of your data" in content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_when_the_copy_is_made_at_once_the_message_says_it_is_ready(make_user, client_as):
    # Outside a test transaction the build runs as the request commits, as in the demo.
    member = make_user()
    client = client_as(member)
    mail.outbox.clear()

    response = client.post(REQUEST_URL, follow=True)

    assert response.status_code == 200
    assert exports_message(response) == export_views.READY_MESSAGE
    assert "Ready</strong>" in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["Your data is ready to download"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_when_the_copy_fails_at_once_the_message_says_so(make_user, client_as, monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(
        apps.get_app_config("home"), "privacy_providers", (f"{__name__}.BROKEN",), raising=False
    )
    client = client_as(make_user())

    response = client.post(REQUEST_URL, follow=True)

    assert response.status_code == 200
    assert exports_message(response) == export_views.FAILED_MESSAGE
    assert "Could not be prepared" in response.content.decode()


def test_the_download_section_says_how_often_and_for_how_long(make_user, client_as, settings):
    settings.PRIVACY_EXPORT_DAYS = 3

    page = client_as(make_user()).get(YOUR_DATA_URL)

    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    section = text.split('id="download"', 1)[1]
    first = section.split("</p>", 1)[0]
    assert f"up to {exports.EXPORTS_PER_DAY} times a day" in first
    assert "Each copy is kept for 3 days after it is ready, then deleted." in first
    assert text.count("UK time") == 1
