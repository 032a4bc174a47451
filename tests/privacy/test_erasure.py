"""Erasing an account: after it, nothing in the database or the search index names the person,
their sessions are over, they cannot sign in, and another member's data is as it was.

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
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from modelsearch import index
from modelsearch.backends import get_search_backend
from wagtail.models import Comment, CommentReply, Revision

from cop_site.accounts.models import Profile, Role, RoleGrant, SignInRecord, User
from cop_site.mail import enqueue_email
from cop_site.privacy.erasure import erase_account, redact
from cop_site.privacy.models import AuditEntry, DataExport
from cop_site.privacy.registry import providers
from cop_site.search.models import SavedSearch
from resources.credibility import Band
from resources.models import Appraisal, LearnerAppraisal, Rating, ResourcePage
from tests.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

ERASE_URL = "/your-data/erase/"
LOGIN_URL = "/accounts/login/"
KEPT_TITLES = ("resource", "document", "image")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


# --- Helpers --------------------------------------------------------------------------------


def sign_in(user: User, email: str | None = None) -> Client:
    """A client signed in through the log-in form (and its second factor, if any), so that
    it has just proved who it is and is not asked again."""
    client = Client()
    response = client.post(LOGIN_URL, {"login": email or user.email, "password": PASSWORD})
    if response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/":
        response = client.post(response["Location"], {"code": totp_code(user)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get("/your-data/")
    return response.status_code == 200


def erase_form(shared: str = "keep", confirm: bool = True, **extra: str) -> dict[str, str]:
    data = {"shared": shared, **extra}
    if confirm:
        data["confirm"] = "on"
    return data


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


@pytest.fixture
def alice(person_with_data):
    return person_with_data("alice.zephyr@example.com", "Alice Zephyrine")


@pytest.fixture
def bob(person_with_data):
    return person_with_data("bob.quillon@example.com", "Bob Quillon")


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


# --- What is deleted, what stays --------------------------------------------------------------


def test_keeping_shared_writing_unnames_it(alice, bob, client):
    resource = ResourcePage.objects.get(title=f"{alice.name} resource")
    band = resource.credibility_band

    erase_account(alice.user, by=alice.user, delete_shared=False)

    user = User.objects.get(pk=alice.user.pk)
    assert user.is_erased and not user.is_active and not user.has_usable_password()
    assert user.email.startswith(f"erased-{user.pk}-") and user.email.endswith("@erased.invalid")
    assert (user.first_name, user.last_name, user.last_login) == ("", "", None)
    assert not (user.is_staff or user.is_superuser or user.groups.exists())
    assert user.display_name == "Former member"
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.bio, profile.registration_number) == ("", "", "")
    assert (profile.shared_fields, profile.verified_by_id) == ([], None)
    for model, field in [
        (RoleGrant, "user"),
        (SignInRecord, "user"),
        (EmailAddress, "user"),
        (Authenticator, "user"),
        (SavedSearch, "user"),
        (LearnerAppraisal, "learner"),
        (Rating, "user"),
        (DataExport, "user"),
    ]:
        assert not model.objects.filter(**{field: user}).exists(), model.__name__

    appraisal = Appraisal.objects.get(resource=resource)
    assert appraisal.appraiser is None
    assert appraisal.comment == "Credibility comment by Former member"
    assert ResourcePage.objects.get(pk=resource.pk).credibility_band == band
    page = client.get(resource.url).content.decode()
    assert "A former educator" in page
    assert "Credibility comment by Former member" in page
    assert alice.name not in page.replace(resource.title, "")
    assert Comment.objects.get(user=user).text == "Admin comment by Former member"
    assert CommentReply.objects.get(user=user).text == "Admin reply by Former member"
    # Audit entries stay, without the name in their reasons.
    reasons = list(AuditEntry.objects.filter(subject=user).values_list("reason", flat=True))
    assert "Checked Former member on the register" in reasons
    assert not any(alice.name in reason for reason in reasons)
    # Bob's profile was checked by the same educator, who is untouched.
    assert Profile.objects.get(user=bob.user).verified_by_id is not None


def test_deleting_shared_writing_removes_it_and_the_band_follows(alice, client):
    resource = ResourcePage.objects.get(title=f"{alice.name} resource")
    assert resource.credibility_band == Band.HIGH

    erase_account(alice.user, by=alice.user, delete_shared=True)

    assert not Appraisal.objects.filter(resource=resource).exists()
    assert ResourcePage.objects.get(pk=resource.pk).credibility_band == Band.UNAPPRAISED
    assert not Comment.objects.filter(user=alice.user).exists()
    assert not CommentReply.objects.filter(user=alice.user).exists()
    page = client.get(resource.url).content.decode()
    assert "Credibility comment by" not in page
    assert "Not yet appraised" in page
    # The page they owned stays, as the site's content, and so do its versions.
    assert ResourcePage.objects.get(pk=resource.pk).owner_id == alice.user.pk
    assert Revision.objects.filter(user=alice.user).exists()
    # The index filters by band: the resource is found under its new band only.
    backend = get_search_backend()
    backend.refresh_indexes()
    found = ResourcePage.objects.filter(credibility_band=Band.UNAPPRAISED).search("resource")
    assert resource.pk in [page.pk for page in found]


def test_a_comment_others_answered_keeps_its_place_without_its_text(alice, bob):
    comment = Comment.objects.get(user=alice.user)
    answer = CommentReply.objects.create(comment=comment, user=bob.user, text="Bob's answer")

    erase_account(alice.user, by=alice.user, delete_shared=True)

    comment.refresh_from_db()
    assert comment.text == "This comment was deleted by the person who wrote it."
    assert CommentReply.objects.get(pk=answer.pk).text == "Bob's answer"


@pytest.mark.parametrize("delete_shared", [False, True])
def test_comments_kept_in_page_versions_are_erased_too(alice, delete_shared):
    comment = Comment.objects.get(user=alice.user)
    page = comment.page.specific
    # A version saved after the comment holds a copy of it and its reply.
    version = page.save_revision(user=alice.user)
    assert f"Admin reply by {alice.name}" in str(version.content)

    erase_account(alice.user, by=alice.user, delete_shared=delete_shared)

    version.refresh_from_db()
    content = str(version.content)
    assert alice.name not in content.replace(page.title, "")
    if delete_shared:
        assert "Admin comment by" not in content and "Admin reply by" not in content
    else:
        assert "Admin comment by Former member" in content
        assert "Admin reply by Former member" in content


def test_a_person_cannot_sign_in_again(alice):
    erase_account(alice.user, by=alice.user)

    for login in [alice.email, User.objects.get(pk=alice.user.pk).email]:
        client = Client()
        response = client.post(LOGIN_URL, {"login": login, "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def test_an_account_cannot_be_erased_twice(alice):
    erase_account(alice.user, by=alice.user)
    with pytest.raises(ValidationError, match="already been erased"):
        erase_account(User.objects.get(pk=alice.user.pk), by=alice.user)


def test_redacting_replaces_whole_identifiers_only():
    text = "Ann Lee said hi; Ann Leeds and ann.lee@example.com wrote; ANN LEE agreed"
    assert redact(text, ["ann.lee@example.com", "Ann Lee"]) == (
        "Former member said hi; Ann Leeds and Former member wrote; Former member agreed"
    )


# --- The person's own page ------------------------------------------------------------------


def test_the_page_explains_what_happens_and_offers_the_download_first(client_as, student):
    response = client_as(student).get(ERASE_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nobody can undo an erasure" in page
    assert "Former member" in page
    assert f'href="{reverse("privacy:your_data")}#download"' in page
    assert 'name="confirm"' in page and 'name="shared"' in page
    hub = client_as(student).get("/your-data/").content.decode()
    assert f'href="{ERASE_URL}"' in hub


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(ERASE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_erasing_asks_who_you_are_first(client_as, student):
    client = client_as(student)  # signed in without proving it here

    response = client.post(ERASE_URL, erase_form())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not User.objects.get(pk=student.pk).is_erased

    # With the password confirmed, the erasure asked for goes ahead.
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert User.objects.get(pk=student.pk).is_erased
    assert response.redirect_chain[-1][0] == "/"
    assert "Your account has been erased" in response.content.decode()
    assert not is_signed_in(client)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (erase_form(confirm=False), "Confirm that you understand your account will be erased"),
        ({"confirm": "on"}, "Select what happens to what you wrote for others"),
        (erase_form(shared="everything"), "Select a valid choice"),
    ],
)
def test_bad_input_shows_the_form_again(student, data, message):
    client = sign_in(student)

    response = client.post(ERASE_URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not User.objects.get(pk=student.pk).is_erased
    if data.get("shared") == "keep":  # what was chosen is still chosen
        assert re.search(r'value="keep"[^>]*checked', page)


def test_the_last_site_admin_cannot_erase_their_account(site_admin):
    client = sign_in(site_admin)

    page = client.get(ERASE_URL).content.decode()
    assert "You are the only site admin" in page
    response = client.post(ERASE_URL, erase_form())

    assert response.status_code == 200
    assert "This is the only site admin account" in response.content.decode()
    assert not User.objects.get(pk=site_admin.pk).is_erased
    with pytest.raises(ValidationError, match="only site admin"):
        erase_account(site_admin, by=site_admin)


def test_a_site_admin_with_another_admin_can_erase_their_account(site_admin, make_user):
    make_user("second.admin@example.com", roles=[Role.SITE_ADMIN], mfa=True)

    erase_account(site_admin, by=site_admin)

    assert User.objects.get(pk=site_admin.pk).is_erased
    assert not RoleGrant.objects.filter(user=site_admin).exists()


def test_the_erasure_is_recorded_without_the_name_or_address(alice):
    result = erase_account(alice.user, by=alice.user)

    entry = AuditEntry.objects.get(pk=result.audit_entry.pk)
    assert entry.action == "privacy.account_erased"
    assert (entry.actor_id, entry.subject_id) == (alice.user.pk, alice.user.pk)
    assert entry.details == {"writing_for_others": "kept as by Former member"}
    assert alice.email not in str(entry.details) and alice.name not in entry.reason


# --- A site admin, on request -----------------------------------------------------------------


def member_erase_url(user: User) -> str:
    return reverse("privacy:erase_member", args=[user.pk])


def test_a_site_admin_erases_a_member_with_a_reason(alice, bob, site_admin):
    client = sign_in(site_admin)
    url = member_erase_url(alice.user)
    page = client.get(url).content.decode()
    assert alice.email in page and 'name="reason"' in page
    members = client.get(reverse("accounts:members")).content.decode()
    assert f'href="{url}"' in members
    assert f'href="{member_erase_url(site_admin)}"' not in members

    response = client.post(
        url,
        erase_form("delete", reason=f"Asked by email on 3 March; {alice.name} confirmed by phone"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:members")
    assert User.objects.get(pk=alice.user.pk).is_erased
    entry = AuditEntry.objects.get(action="privacy.account_erased_by_admin")
    assert (entry.actor_id, entry.subject_id) == (site_admin.pk, alice.user.pk)
    assert entry.reason == "Asked by email on 3 March; Former member confirmed by phone"
    assert entry.details == {"writing_for_others": "deleted"}
    assert is_signed_in(client)
    assert not User.objects.get(pk=bob.user.pk).is_erased


def test_the_admin_must_give_a_reason_and_confirm(site_admin, student):
    client = sign_in(site_admin)

    response = client.post(member_erase_url(student), {"shared": "keep", "reason": "  "})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the reason for erasing this account" in page
    assert "Confirm that you understand this account will be erased" in page
    assert not User.objects.get(pk=student.pk).is_erased
    with pytest.raises(ValidationError, match="reason"):
        erase_account(student, by=site_admin, reason="")


@pytest.mark.parametrize("who", ["student", "moderator", "educator"])
def test_anyone_but_a_site_admin_is_refused(request, who, practitioner):
    user = request.getfixturevalue(who)
    client = Client()
    client.force_login(user)

    assert client.get(member_erase_url(practitioner)).status_code == 403
    assert client.post(member_erase_url(practitioner), erase_form(reason="x")).status_code == 403
    assert not User.objects.get(pk=practitioner.pk).is_erased


def test_the_admin_page_asks_who_you_are_before_erasing(site_admin, student):
    client = Client()
    client.force_login(site_admin)

    assert client.get(member_erase_url(student)).status_code == 200
    response = client.post(member_erase_url(student), erase_form(reason="Asked by email"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not User.objects.get(pk=student.pk).is_erased


def test_a_site_admin_without_two_factor_is_sent_to_set_it_up(make_user, student):
    admin = make_user("new.admin@example.com", roles=[Role.SITE_ADMIN])
    client = Client()
    client.force_login(admin)

    response = client.get(member_erase_url(student))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_an_admin_is_sent_to_their_own_page_for_their_own_account(site_admin):
    client = sign_in(site_admin)

    response = client.get(member_erase_url(site_admin))

    assert response.status_code == 302
    assert response["Location"] == ERASE_URL


def test_an_erased_account_is_not_found_on_the_admin_page(site_admin, student):
    erase_account(student, by=student)
    client = sign_in(site_admin)

    assert client.get(member_erase_url(student)).status_code == 404


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
