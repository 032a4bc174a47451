"""The retention command, with the clock moved: exactly the rows past their declared period are
deleted or lose their address, those just inside it are kept, and --dry-run changes nothing."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress, EmailConfirmation
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cop_site.accounts.models import Role, RoleGrant, SignInRecord, User
from cop_site.accounts.services import grant_role
from cop_site.privacy import audit, registry, retention
from cop_site.privacy.models import AuditEntry
from cop_site.privacy.registry import Retention, RetentionRule
from cop_site.privacy.retention import apply_retention
from tests.conftest import PASSWORD
from tests.privacy.conftest import TINY_GIF

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)


def run(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def sign_ups(make_user):
    """Accounts made at START, and one a minute before the test's cutoff, each with the role
    chosen at sign-up; each kind that is not a waiting sign-up is kept whatever its age."""
    signed_up = {"roles": [Role.STUDENT], "verified_email": False}
    with at(START):
        made = {
            "waiting": make_user("waiting@example.com", **signed_up),
            "signed_in": make_user("signed.in@example.com", **signed_up),
            "confirmed": make_user("confirmed@example.com", roles=[Role.STUDENT]),
            "one_confirmed": make_user("one.confirmed@example.com", **signed_up),
            "no_address": User.objects.create_user("cli@example.com", password="x-9-long-one"),
            "staff": make_user("staff@example.com", **signed_up),
        }
    with at(START + 7 * DAY - MINUTE):
        made["newer"] = make_user("newer@example.com", **signed_up)
    User.objects.filter(pk=made["signed_in"].pk).update(last_login=START + MINUTE)
    User.objects.filter(pk=made["staff"].pk).update(is_staff=True)
    EmailAddress.objects.create(
        user=made["one_confirmed"], email="second@example.com", verified=True, primary=False
    )
    return made


def test_unconfirmed_sign_ups_are_deleted_after_7_days_and_not_before(sign_ups):
    with at(START + 7 * DAY - MINUTE):
        assert "0 accounts were deleted" in run()
    assert User.objects.filter(pk=sign_ups["waiting"].pk).exists()

    with at(START + 7 * DAY + MINUTE):
        out = run()

    assert "Sign-ups whose email address was never confirmed (7 days): 1 account was deleted" in (
        out
    )
    assert set(User.objects.values_list("email", flat=True)) == {
        user.email for key, user in sign_ups.items() if key != "waiting"
    }
    assert not EmailAddress.objects.filter(email="waiting@example.com").exists()


def test_a_dry_run_reports_the_sign_ups_and_deletes_none(sign_ups):
    with at(START + 8 * DAY):
        out = run("--dry-run")

    assert out.startswith("Dry run: nothing will be changed.")
    assert (
        "Sign-ups whose email address was never confirmed (7 days): 1 account would be deleted"
        in (out)
    )
    assert User.objects.count() == len(sign_ups)


SIGNUP_URL = "/accounts/signup/"


def sign_up(email: str) -> User:
    """Signs up through the site's own form, choosing a role, and never confirms."""
    response = Client().post(
        SIGNUP_URL,
        {
            "email": email,
            "password1": "placement-diary-42",
            "password2": "placement-diary-42",
            "display_name": "New Member",
            "role": Role.STUDENT,
        },
    )
    assert response.status_code == 302
    return User.objects.get(email=email)


def test_a_real_sign_up_is_deleted_after_8_days_and_kept_after_6(db):
    with at(START):
        user = sign_up("new.member@example.com")
    assert list(user.emailaddress_set.values_list("verified", flat=True)) == [False]

    with at(START + 6 * DAY):
        assert "0 accounts were deleted" in run()
    assert User.objects.filter(pk=user.pk).exists()

    with at(START + 8 * DAY):
        assert "1 account was deleted" in run()
    assert not User.objects.filter(pk=user.pk).exists()


def test_an_account_made_by_an_admin_is_kept_when_its_person_first_signs_in(site_admin):
    """Made from a script and given its role by an admin, 30 days before its person first
    tries to sign in: allauth then adds their address, unconfirmed."""
    with at(START - 30 * DAY):
        made = User.objects.create_user("new.educator@example.com", password=PASSWORD)
        grant_role(made, Role.EDUCATOR, by=site_admin, reason="Joined the teaching team")
    assert not made.emailaddress_set.exists()

    with at(START):
        response = Client().post(
            "/accounts/login/", {"login": "new.educator@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert list(made.emailaddress_set.values_list("verified", flat=True)) == [False]
        assert "0 accounts were deleted" in run()

    with at(START + 8 * DAY):
        assert "0 accounts were deleted" in run()
    made.refresh_from_db()
    assert made.is_active and made.roles == {Role.EDUCATOR}


def _role_from_an_admin(user: User, ctx) -> None:
    RoleGrant.objects.filter(user=user).update(granted_by=ctx["admin"])


def _role_not_chosen_at_sign_up(user: User, ctx) -> None:
    grant_role(user, Role.MODERATOR)


def _no_role(user: User, ctx) -> None:
    RoleGrant.objects.filter(user=user).delete()


def _owns_a_page(user: User, ctx) -> None:
    ctx["make_resource"]("A resource they own", owner=user)


def _uploaded_a_document(user: User, ctx) -> None:
    get_document_model().objects.create(
        title="Their document",
        file=ContentFile(b"A document.", name="theirs.txt"),
        uploaded_by_user=user,
    )


def _uploaded_an_image(user: User, ctx) -> None:
    get_image_model().objects.create(
        title="Their image",
        file=ContentFile(TINY_GIF, name="theirs.gif"),
        width=1,
        height=1,
        uploaded_by_user=user,
    )


def _acted_in_the_audit_log(user: User, ctx) -> None:
    audit.record("accounts.role_revoked", actor=user, subject=ctx["admin"], role=Role.STUDENT)


def _sent_a_confirmation_within_the_period(user: User, ctx) -> None:
    address = EmailAddress.objects.get(user=user)
    with at(START + 7 * DAY):
        confirmation = EmailConfirmation.create(address)
        confirmation.sent = START + 7 * DAY
        confirmation.save()


@pytest.mark.parametrize(
    "went_further",
    [
        _role_from_an_admin,
        _role_not_chosen_at_sign_up,
        _no_role,
        _owns_a_page,
        _uploaded_a_document,
        _uploaded_an_image,
        _acted_in_the_audit_log,
        _sent_a_confirmation_within_the_period,
    ],
    ids=lambda change: change.__name__.strip("_"),
)
def test_an_unconfirmed_account_that_went_further_than_sign_up_is_kept(
    went_further, make_user, make_resource, site_admin
):
    with at(START):
        kept = make_user("kept@example.com", roles=[Role.STUDENT], verified_email=False)
        waiting = make_user("waiting@example.com", roles=[Role.STUDENT], verified_email=False)
    went_further(kept, {"admin": site_admin, "make_resource": make_resource})

    with at(START + 8 * DAY):
        assert "1 account was deleted" in run()

    assert User.objects.filter(pk=kept.pk).exists()
    assert not User.objects.filter(pk=waiting.pk).exists()


def test_a_confirmation_sent_before_the_period_keeps_no_account(make_user):
    with at(START):
        user = make_user("waiting@example.com", roles=[Role.STUDENT], verified_email=False)
        confirmation = EmailConfirmation.create(EmailAddress.objects.get(user=user))
        confirmation.sent = START
        confirmation.save()

    with at(START + 8 * DAY):
        assert "1 account was deleted" in run()
    assert not User.objects.filter(pk=user.pk).exists()


@pytest.fixture
def sign_ins(student):
    """Sign-ins, with addresses, at known times before NOW: either side of 90 days (the
    address) and of 1 year (the record)."""
    ages = {
        "over_a_year": 365 * DAY + MINUTE,
        "under_a_year": 365 * DAY - MINUTE,
        "over_90_days": 90 * DAY + MINUTE,
        "under_90_days": 90 * DAY - MINUTE,
    }
    SignInRecord.objects.all().delete()
    return {
        key: SignInRecord.objects.create(
            user=student, at=NOW - age, ip_address=f"203.0.113.{n}", user_agent=key
        )
        for n, (key, age) in enumerate(ages.items(), start=1)
    }


NOW = START + 400 * DAY


def test_sign_in_addresses_go_after_90_days_and_sign_ins_after_a_year(sign_ins):
    with at(NOW):
        out = run()

    assert "Internet addresses in the sign-in history (90 days): 2 addresses were removed" in out
    assert "Sign-in history (1 year): 1 sign-in was deleted" in out
    left = dict(SignInRecord.objects.values_list("user_agent", "ip_address"))
    assert left == {"under_a_year": None, "over_90_days": None, "under_90_days": "203.0.113.4"}


def test_running_again_changes_nothing_more(sign_ins):
    with at(NOW):
        run()
        out = run()

    assert "0 addresses were removed" in out
    assert "0 sign-ins were deleted" in out
    assert SignInRecord.objects.count() == 3


def test_a_dry_run_reports_every_rule_and_changes_nothing(sign_ins, sign_ups):
    before = list(SignInRecord.objects.order_by("pk").values_list("at", "ip_address"))

    with at(NOW):
        out = run("--dry-run")

    # Nothing is deleted first in a dry run, so the year-old sign-in's address counts too.
    assert "Internet addresses in the sign-in history (90 days): 3 addresses would be removed" in (
        out
    )
    assert "Sign-in history (1 year): 1 sign-in would be deleted" in out
    assert "(7 days): 2 accounts would be deleted" in out  # "waiting" and "newer"
    assert "Audit log entries (6 years): 0 entries would be deleted" in out
    assert "Downloads of members' data (7 days):" in out
    assert list(SignInRecord.objects.order_by("pk").values_list("at", "ip_address")) == before
    assert User.objects.filter(pk=sign_ups["waiting"].pk).exists()


def test_audit_entries_are_deleted_after_6_years(student):
    AuditEntry.objects.all().delete()
    old, recent = (
        AuditEntry.objects.create(
            at=NOW - age, action="accounts.role_granted", subject=student, reason=reason
        )
        for age, reason in [(6 * 365 * DAY + MINUTE, "old"), (6 * 365 * DAY - MINUTE, "recent")]
    )

    with at(NOW):
        assert "Audit log entries (6 years): 1 entry would be deleted" in run("--dry-run")
        assert AuditEntry.objects.count() == 2
        assert "Audit log entries (6 years): 1 entry was deleted" in run()

    assert list(AuditEntry.objects.values_list("reason", flat=True)) == ["recent"]


def test_a_setting_changes_a_period(sign_ins, settings):
    settings.PRIVACY_SIGN_IN_ADDRESS_DAYS = 30

    with at(NOW):
        out = run()

    assert "Internet addresses in the sign-in history (30 days): 3 addresses were removed" in out
    assert not SignInRecord.objects.exclude(ip_address=None).exists()


def test_every_declared_rule_is_run_in_order(sign_ins):
    with at(NOW):
        outcomes = apply_retention(now=NOW, dry_run=True)

    assert [(o.area, o.key) for o in outcomes] == [
        (found.area, rule.key) for found, rule in registry.retention_rules()
    ]
    assert {o.key for o in outcomes} >= {
        "unverified_sign_ups",
        "sign_in_addresses",
        "sign_in_history",
        "export_files",
        "audit_log",
    }
    assert all(o.dry_run and not o.error for o in outcomes)


def test_a_failing_rule_is_reported_and_the_others_still_run(sign_ins, monkeypatch):
    def broken(cutoff, *, dry_run):
        SignInRecord.objects.all().delete()
        raise RuntimeError("disk full")

    rules = registry.retention_rules()
    failing = RetentionRule("broken", "A broken rule", Retention(DAY), broken)
    monkeypatch.setattr(
        retention.registry, "retention_rules", lambda: [(rules[0][0], failing), *rules]
    )
    err = StringIO()

    with at(NOW), pytest.raises(CommandError, match="broken"):
        call_command("apply_retention", stdout=StringIO(), stderr=err)

    assert "A broken rule (1 day): failed, nothing was changed (RuntimeError: disk full)" in (
        err.getvalue()
    )
    # The broken rule's deletion was rolled back; the rules after it did their work.
    assert SignInRecord.objects.count() == 3
    assert SignInRecord.objects.exclude(ip_address=None).count() == 1
