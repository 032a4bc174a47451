"""Requests for a download's file other than a plain GET: a HEAD request (a link checker, a
browser checking the file before it saves it) is answered as a GET would be, without the
file, and is not recorded as a download."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cop_site.privacy.models import AuditEntry, DataExport

pytestmark = pytest.mark.django_db

DOWNLOADED = "privacy.export_downloaded"


@pytest.fixture
def ready_export(make_user, client_as, django_capture_on_commit_callbacks):
    member = make_user("downloader@example.com", display_name="Dana Downloader")
    client = client_as(member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("privacy:request_export")).status_code == 302
    export = DataExport.objects.get(user=member)
    assert export.status == DataExport.Status.READY
    return client, export


def test_a_head_request_answers_as_a_get_without_recording_a_download(ready_export):
    client, export = ready_export
    url = reverse("privacy:download", args=[export.public_id])

    head = client.head(url)

    assert head.status_code == 200
    assert head["Content-Type"] == "application/zip"
    assert head["Content-Disposition"].startswith("attachment;")
    assert "private, no-store" in head["Cache-Control"]
    assert b"".join(head.streaming_content if head.streaming else [head.content]) == b""
    assert not AuditEntry.objects.filter(action=DOWNLOADED).exists()

    get = client.get(url)

    assert get.status_code == 200
    assert get["Content-Disposition"] == head["Content-Disposition"]
    assert get["Cache-Control"] == head["Cache-Control"]
    assert b"".join(get.streaming_content).startswith(b"PK")
    assert AuditEntry.objects.filter(action=DOWNLOADED).count() == 1


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_refused_and_not_recorded(ready_export, method):
    client, export = ready_export

    response = getattr(client, method)(reverse("privacy:download", args=[export.public_id]))

    assert response.status_code == 405
    assert not AuditEntry.objects.filter(action=DOWNLOADED).exists()
