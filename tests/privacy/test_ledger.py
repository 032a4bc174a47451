"""The erasure ledger: a restore of a backup made before an erasure does not bring the person
back."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from cop_site.accounts.models import User
from cop_site.privacy import ledger
from cop_site.privacy.erasure import erase_account
from cop_site.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_ledger(settings, tmp_path):
    settings.PRIVACY_ERASURE_LEDGER = tmp_path / "erasures.jsonl"
    return settings.PRIVACY_ERASURE_LEDGER


def test_an_erasure_is_written_to_the_ledger_once_it_commits(
    make_user, student, empty_ledger, django_capture_on_commit_callbacks
):
    person = make_user("ledger.person@example.com", roles=["student"])
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(person, by=person)

    lines = [json.loads(line) for line in empty_ledger.read_text().splitlines()]
    person.refresh_from_db()
    assert lines == [
        {
            "user_id": person.pk,
            "date_joined": person.date_joined.isoformat(),
            "erased_at": person.erased_at.isoformat(),
        }
    ]
    # Nothing in it names the person.
    assert "ledger.person" not in empty_ledger.read_text()


def test_a_rolled_back_erasure_is_not_written(make_user, empty_ledger):
    person = make_user("rolled.back@example.com", roles=["student"])
    with pytest.raises(RuntimeError), transaction.atomic():
        erase_account(person, by=person)
        raise RuntimeError("the request failed after the erasure")

    assert not empty_ledger.exists()
    person.refresh_from_db()
    assert person.erased_at is None


def test_accounts_the_ledger_names_are_erased_again_and_others_are_not(make_user, empty_ledger):
    # As after a restore: the database holds accounts the ledger says were erased.
    came_back = make_user("came.back@example.com", roles=["student"])
    other_site = make_user("same.id.other.person@example.com", roles=["student"])
    untouched = make_user("never.erased@example.com", roles=["student"])
    ledger.append(came_back.pk, came_back.date_joined, came_back.date_joined)
    # The same id in another installation's ledger: joined at another time, another person.
    ledger.append(other_site.pk, other_site.date_joined.replace(year=2020), other_site.date_joined)
    empty_ledger.write_text(empty_ledger.read_text() + "not json\n")

    call_command("reapply_erasures", stdout=(out := io.StringIO()))

    came_back.refresh_from_db()
    other_site.refresh_from_db()
    untouched.refresh_from_db()
    assert came_back.erased_at is not None
    assert "came.back" not in came_back.email
    assert other_site.erased_at is None and other_site.email == "same.id.other.person@example.com"
    assert untouched.erased_at is None
    assert "names 2 erased account(s); 1 had come back" in out.getvalue()
    entry = AuditEntry.objects.get(subject=came_back, action="privacy.account_erased_by_admin")
    assert entry.actor is None
    assert entry.reason == ledger.REASON_AFTER_RESTORE
    assert User.objects.filter(erased_at__isnull=False).count() == 1

    # Running it again erases nobody twice.
    call_command("reapply_erasures", stdout=(again := io.StringIO()))
    assert "0 had come back" in again.getvalue()
