"""Erasing an account: after it, nothing in the database, the search index or the sessions
names the person, their sessions are over, and another member's data is as it was.

The person is built by `person_with_data` with rows in every area, each carrying their name.
What stays by design is the site's content they made (the page they own, a document and an
image, whose titles hold their name): the dump is searched with those titles taken out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult
from modelsearch import index
from modelsearch.backends import get_search_backend
from wagtail.models import Comment

from cop_site.accounts.models import Profile, SignInRecord, User
from cop_site.mail import enqueue_email
from cop_site.privacy.erasure import erase_account
from cop_site.privacy.models import AuditEntry
from cop_site.privacy.registry import providers
from resources.models import Appraisal
from tests.privacy.erasure_helpers import ERASE_URL, erase_form, is_signed_in, sign_in

pytestmark = pytest.mark.django_db

KEPT_TITLES = ("resource", "document", "image")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


# --- Helpers --------------------------------------------------------------------------------


def kept_titles(person) -> list[str]:
    """The titles of the page, document and image they made: the site's content, which stays."""
    return [
        text
        for text in person.texts["site_content"]
        if text in {f"{person.name} {kind}" for kind in KEPT_TITLES}
    ]


def private_markers(person) -> list[str]:
    """Everything of theirs that must be gone: email addresses, typed text, secrets."""
    kept = set(kept_titles(person))
    return [
        person.email,
        *[text for text in person.all_texts if text not in kept],
        *person.secrets,
    ]


def ip_pattern(address: str) -> re.Pattern[str]:
    """The address on its own, not as the start of a longer one (203.0.113.1 in .12)."""
    return re.compile(rf"(?<![0-9a-fA-F.:]){re.escape(address)}(?![0-9a-fA-F:])")


def assert_nothing_of(person, text: str, where: str) -> None:
    for title in kept_titles(person):
        text = text.replace(title, "")
    lowered = text.lower()
    for marker in private_markers(person):
        assert marker.lower() not in lowered, f"{marker!r} is still in {where}"
    assert person.name not in text, f"the name {person.name!r} is still in {where}"
    for address in person.ip_addresses:
        assert not ip_pattern(address).search(text), f"{address} is still in {where}"


def sqlite_dump() -> str:
    return "\n".join(connection.connection.iterdump())


def search_index_text() -> str:
    """Every file of the search index, read as bytes (latin-1 keeps every byte as a char)."""
    get_search_backend().refresh_indexes()
    root = Path(settings.SEARCH_INDEX_DIR)
    files = [path for path in root.rglob("*") if path.is_file()]
    assert files, "the search index has no files to search"
    return "\n".join(path.read_bytes().decode("latin-1") for path in files)


def snapshot(person) -> dict:
    """Everything the site holds about `person` that they can see: every area's export,
    with their account row and session state."""
    user = User.objects.get(pk=person.user.pk)
    return {
        "exports": {
            found.area: found.export(user) for found in providers() if found.export is not None
        },
        "user": User.objects.filter(pk=user.pk).values().get(),
        "profile": Profile.objects.filter(user=user).values().get(),
        "audit": list(AuditEntry.objects.filter(subject=user).values().order_by("pk")),
        "authenticators": list(Authenticator.objects.filter(user=user).values().order_by("pk")),
        "appraisals": list(Appraisal.objects.filter(appraiser=user).values().order_by("pk")),
        "comments": list(Comment.objects.filter(user=user).values().order_by("pk")),
    }


def queue_emails_to(settings, *people) -> None:
    """Emails waiting in the production task queue, one to each person."""
    from django.core.mail import EmailMessage

    settings.TASKS = DB_TASKS
    for person in people:
        enqueue_email(EmailMessage(f"Hello {person.name}", "A message.", to=[person.email]))
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


# --- The whole database and the search index ------------------------------------------------


def erase_and_check_nothing_is_left(alice, bob, settings, shared: str, dump) -> None:
    """Erases Alice through her page, then searches `dump()` (the whole database) and the
    search index for her; checks her sessions are over and Bob's data is as it was."""
    other_device = Client()
    other_device.force_login(alice.user)
    client = sign_in(alice.user)
    bob_client = sign_in(bob.user)
    queue_emails_to(settings, alice, bob)
    before = snapshot(bob)
    dump_before = dump()
    for marker in [alice.email, alice.name, *alice.ip_addresses]:
        assert marker in dump_before  # the search below would find them
    assert "127.0.0.1" in dump_before  # the sign-ins through the form
    index_before = search_index_text()
    assert all(title in index_before for title in kept_titles(alice))

    response = client.post(ERASE_URL, erase_form(shared))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert_nothing_of(alice, dump(), "the database")
    assert_nothing_of(alice, search_index_text(), "the search index")
    assert not SignInRecord.objects.filter(user=alice.user).exists()
    # Their sessions are gone, and nothing of theirs is left in the ones that remain.
    for session in Session.objects.all():
        data = session.get_decoded()
        assert data.get("_auth_user_id") != str(alice.user.pk)
        assert_nothing_of(alice, json.dumps(data, default=str), "a session")
    assert not is_signed_in(other_device)
    assert not is_signed_in(client)
    assert is_signed_in(bob_client)
    assert snapshot(bob) == before
    assert DBTaskResult.objects.count() == 1
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["to"] == [bob.email]


@pytest.mark.parametrize("shared", ["keep", "delete"])
def test_after_erasing_sqlite_dump_and_the_index_hold_nothing_of_the_person(
    alice, bob, settings, shared
):
    if connection.vendor != "sqlite":
        pytest.skip("iterdump is SQLite's .dump; the PostgreSQL run uses pg_dump")
    erase_and_check_nothing_is_left(alice, bob, settings, shared, sqlite_dump)


# pg_dump reads the database through its own connection, so what the test writes is committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("shared", ["keep", "delete"])
def test_after_erasing_pg_dump_and_the_index_hold_nothing_of_the_person(
    alice, bob, settings, shared
):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump is for the PostgreSQL run (scripts/with-postgres.sh)")
    erase_and_check_nothing_is_left(alice, bob, settings, shared, pg_dump)


def pg_dump() -> str:
    db = connection.settings_dict
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    binary = str(candidates[-1]) if candidates else shutil.which("pg_dump")
    assert binary, "pg_dump is not installed"
    command = [binary, "--no-owner", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"]]
    if db.get("PORT"):
        command += ["-p", str(db["PORT"])]
    result = subprocess.run(  # noqa: S603
        [*command, db["NAME"]],
        capture_output=True,
        check=True,
        text=True,
        env={"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"},
    )
    assert "auth_user" in result.stdout or "accounts_user" in result.stdout
    return result.stdout


def test_no_indexed_document_holds_a_persons_name_or_address():
    """The index reaches people only as ids (a page's owner, a document's uploader), so an
    erasure has no document to rebuild for a name. A search field that followed a relation to
    the user model would put a name in the index, and break that."""
    user_model = User
    for model in index.get_indexed_models():
        for field in model.get_search_fields():
            if isinstance(field, index.RelatedFields):
                related = field.get_field(model).related_model
                assert related is not user_model, f"{model.__name__}.{field.field_name}"
            if isinstance(field, (index.SearchField, index.AutocompleteField)):
                try:
                    target = model._meta.get_field(field.field_name)
                except Exception:  # noqa: S112 (a method or property, not a field)
                    continue
                assert getattr(target, "related_model", None) is not user_model, (
                    f"{model.__name__}.{field.field_name}"
                )


# --- Sessions -----------------------------------------------------------------------------


def test_no_session_is_left_for_the_person(alice):
    sign_in(alice.user)
    Client().force_login(alice.user)
    assert (
        sum(
            1
            for session in Session.objects.all()
            if session.get_decoded().get("_auth_user_id") == str(alice.user.pk)
        )
        == 2
    )

    result = erase_account(alice.user, by=alice.user)

    assert result.sessions_ended == 2
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(alice.user.pk)
        for session in Session.objects.all()
    )
