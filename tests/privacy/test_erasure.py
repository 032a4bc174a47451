"""Erasing an account: what is deleted, and what stays without the person's name (what they
wrote for others, and the copies of it in page versions and the admin histories).

The person is built by `person_with_data` with rows in every area, each carrying their name.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from modelsearch.backends import get_search_backend
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    PageLogEntry,
    Revision,
    TaskState,
)

from cop_site.accounts.models import Profile, RoleGrant, SignInRecord, User
from cop_site.privacy.erasure import erase_account, redact
from cop_site.privacy.models import AuditEntry, DataExport
from cop_site.search.models import SavedSearch
from resources.credibility import Band
from resources.models import Appraisal, LearnerAppraisal, Rating, ResourcePage

pytestmark = pytest.mark.django_db


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
        (DataExport, "user"),
    ]:
        assert not model.objects.filter(**{field: user}).exists(), model.__name__

    # A rating stays for other members, as by "Former member", without the name in it.
    rating = Rating.objects.get(user=user)
    assert rating.comment == "Rating comment by Former member"
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
    assert not Rating.objects.filter(user=alice.user).exists()
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


def test_redacting_replaces_whole_identifiers_only():
    text = "Ann Lee said hi; Ann Leeds and ann.lee@example.com wrote; ANN LEE agreed"
    assert redact(text, ["ann.lee@example.com", "Ann Lee"]) == (
        "Former member said hi; Ann Leeds and Former member wrote; Former member agreed"
    )


# --- Copies in the admin histories ----------------------------------------------------------


def comment_history(page_id: int) -> list[PageLogEntry]:
    return list(
        PageLogEntry.objects.filter(
            page_id=page_id, action__startswith="wagtail.comments."
        ).order_by("pk")
    )


@pytest.mark.parametrize("delete_shared", [False, True])
def test_comment_text_copied_into_the_page_history_is_erased(alice, bob, delete_shared):
    comment = Comment.objects.get(user=alice.user)
    answer = CommentReply.objects.create(comment=comment, user=bob.user, text="Bob's answer")
    # Bob's reply is logged with the text of Alice's comment, as the page editor logs it.
    answer.log_create(user=bob.user)
    page_id = comment.page_id
    history = comment_history(page_id)
    assert [entry.action.rsplit(".", 1)[1] for entry in history] == [
        "create",
        "create_reply",
        "create_reply",
    ]
    assert all(f"Admin comment by {alice.name}" in str(entry.data) for entry in history)

    erase_account(alice.user, by=alice.user, delete_shared=delete_shared)

    history = comment_history(page_id)
    assert alice.name not in str([entry.data for entry in history])
    erased_comment = (
        "This comment was deleted by the person who wrote it."
        if delete_shared
        else "Admin comment by Former member"
    )
    assert {entry.data["comment"]["text"] for entry in history} == {erased_comment}
    own_reply, bobs_reply = (entry.data["reply"] for entry in history[1:])
    assert own_reply["text"] == (
        "This comment was deleted by the person who wrote it."
        if delete_shared
        else "Admin reply by Former member"
    )
    assert bobs_reply["text"] == "Bob's answer"
    # What the admin's history page shows is built from those copies.
    message = str(history[0].formatter.format_message(history[0]))
    assert erased_comment in message


def test_a_deleted_comment_in_the_history_is_erased_too(alice):
    """A comment they deleted is no longer stored, but the history has it, logged as theirs."""
    comment = Comment.objects.get(user=alice.user)
    page_id = comment.page_id
    comment.log_delete(user=alice.user)
    comment.delete()

    erase_account(alice.user, by=alice.user)

    texts = {entry.data["comment"]["text"] for entry in comment_history(page_id)}
    assert texts == {"Admin comment by Former member"}


@pytest.mark.parametrize("delete_shared", [False, True])
def test_an_approval_comment_in_the_page_history_is_erased(alice, delete_shared):
    refusal = PageLogEntry.objects.get(user=alice.user, action="wagtail.workflow.reject")
    assert refusal.data["comment"] == f"Approval comment by {alice.name}"

    erase_account(alice.user, by=alice.user, delete_shared=delete_shared)

    refusal.refresh_from_db()
    task_state = TaskState.objects.get(finished_by=alice.user)
    expected = "" if delete_shared else "Approval comment by Former member"
    assert (refusal.data["comment"], task_state.comment) == (expected, expected)
    assert refusal.data["workflow"]["status"] == "rejected"


def history_about(model, ids) -> list[tuple[str, str]]:
    content_type = ContentType.objects.get_for_model(model)
    return sorted(
        LogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in ids]
        ).values_list("object_repr", "change_message")
    )


def test_the_admin_histories_of_their_own_rows_are_relabelled(alice, bob):
    """The entries were made by a site admin, about Alice's email address and saved search,
    which other providers delete before the account itself goes."""
    address = EmailAddress.objects.get(email=alice.email)
    saved = SavedSearch.objects.get(user=alice.user)
    assert history_about(EmailAddress, [address.pk]) == [
        (alice.email, '[{"changed": {"fields": ["Verified"]}}]')
    ]
    bobs = EmailAddress.objects.filter(user=bob.user).values_list("pk", flat=True)
    bobs_before = history_about(EmailAddress, bobs)
    user_type = ContentType.objects.get_for_model(User)
    about_account = ModelLogEntry.objects.filter(
        content_type=user_type, object_id=str(alice.user.pk)
    )
    assert list(about_account.values_list("label", flat=True)) == [alice.name]

    erase_account(alice.user, by=alice.user)

    former = ("Former member", "Former member")
    assert history_about(EmailAddress, [address.pk]) == [former]
    assert history_about(SavedSearch, [saved.pk]) == [former]
    assert list(about_account.values_list("label", flat=True)) == ["Former member"]
    assert history_about(EmailAddress, bobs) == bobs_before
    assert bob.email in str(bobs_before)


def test_other_entries_of_the_data_admin_history_are_unnamed(alice, privacy_staff):
    appraisal = Appraisal.objects.get(appraiser=alice.user)
    LogEntry.objects.create(
        user=privacy_staff.admin,
        content_type=ContentType.objects.get_for_model(Appraisal),
        object_id=str(appraisal.pk),
        object_repr=str(appraisal),
        action_flag=CHANGE,
        change_message=f"Checked with {alice.name} by phone",
    )

    erase_account(alice.user, by=alice.user)

    # The resource's title names her too ("Alice Zephyrine resource").
    assert history_about(Appraisal, [appraisal.pk]) == [
        (
            "Appraisal of Former member resource by Former member",
            "Checked with Former member by phone",
        )
    ]
