"""Erasing a person from the models of Django, Wagtail and their add-ons: the platform
provider's `erase` (declared in `platform.py`).

Besides the rows that are theirs alone, a person shows up in copies others keep: a page's
saved versions hold its comments, Wagtail's page history copies the text of each comment,
reply and approval it records, and the admin histories label each change with the name of
the row changed (a member's name, an email address). Each copy is treated as the original is.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q

from cop_site.accounts.models import FORMER_MEMBER, User

from .redaction import identifiers, redact, redact_rows
from .registry import Provider

DELETED_COMMENT = "This comment was deleted by the person who wrote it."

# The rows that are the person's own, and whose admin history names them (a member's name, an
# email address, a saved search's name), with the field that links each to them.
THEIR_ROWS = (
    ("accounts.User", "pk"),
    ("accounts.Profile", "user"),
    ("accounts.RoleGrant", "user"),
    ("accounts.SignInRecord", "user"),
    ("account.EmailAddress", "user"),
    ("mfa.Authenticator", "user"),
    ("cop_search.SavedSearch", "user"),
    ("resources.LearnerAppraisal", "learner"),
    ("resources.Rating", "user"),
)

COMMENT_ACTIONS = "wagtail.comments."
WORKFLOW_ACTIONS = "wagtail.workflow."


def erase(user: User, *, delete_shared: bool) -> None:
    """Removes what is `user`'s alone in the admins, and their name from what stays.

    Deleted: their admin preferences and picture, comment emails, unsaved admin forms, open
    editing sessions, API tokens and unfinished uploads. The admin histories keep what they
    did (it points at the anonymised account), and were unnamed before any area erased its
    share (`erase_admin_history`). Pages they locked are unlocked, as nobody else could.
    Pages, versions, documents and images they made stay, as the site's content. Their
    comments, replies and approval comments stay with their name taken out of the text, or
    with `delete_shared` are deleted (a comment others replied to keeps its place, so their
    replies stay, without its text); the copies in page versions and in the page history
    follow.
    """
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import (
        APIToken,
        Comment,
        CommentReply,
        Page,
        PageSubscription,
        TaskState,
        UploadedFile,
    )
    from wagtail.users.models import UserProfile

    from .erasure import reindex

    known_as = identifiers(user)

    for preferences in UserProfile.objects.filter(user=user).iterator():
        if preferences.avatar:
            preferences.avatar.delete(save=False)
    UserProfile.objects.filter(user=user).delete()
    for upload in UploadedFile.objects.filter(uploaded_by_user=user).iterator():
        if upload.file:
            upload.file.delete(save=False)
    UploadedFile.objects.filter(uploaded_by_user=user).delete()
    PageSubscription.objects.filter(user=user).delete()
    FormState.objects.filter(user=user).delete()
    EditingSession.objects.filter(user=user).delete()
    APIToken.objects.filter(user=user).delete()

    locked = list(Page.objects.filter(locked_by=user).specific())
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    reindex(locked)

    commented_pages = set(Comment.objects.filter(user=user).values_list("page_id", flat=True))
    commented_pages.update(
        CommentReply.objects.filter(user=user).values_list("comment__page_id", flat=True)
    )
    _erase_comments_in_history(user, delete_shared, known_as)
    if delete_shared:
        CommentReply.objects.filter(user=user).delete()
        answered = CommentReply.objects.exclude(user=user).values("comment_id")
        Comment.objects.filter(user=user).exclude(pk__in=answered).delete()
        Comment.objects.filter(user=user).update(text=DELETED_COMMENT)
        TaskState.objects.filter(finished_by=user).exclude(comment="").update(comment="")
    else:
        redact_rows(Comment.objects.filter(user=user), ["text"], known_as)
        redact_rows(CommentReply.objects.filter(user=user), ["text"], known_as)
        redact_rows(TaskState.objects.filter(finished_by=user), ["comment"], known_as)
    _erase_comments_in_versions(user, commented_pages, delete_shared, known_as)


# --- The admin histories --------------------------------------------------------------------


def _their_rows(user: User) -> Iterable[tuple[object, list[str]]]:
    """Each installed model of `THEIR_ROWS` (as its content type) with the ids of `user`'s
    rows, as the admin histories store them."""
    from django.contrib.contenttypes.models import ContentType

    for label, field in THEIR_ROWS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        rows = model._base_manager.filter(**{field: user.pk})
        ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
        if ids:
            yield ContentType.objects.get_for_model(model), ids


def erase_admin_history(user: User, *, delete_shared: bool) -> None:
    """Relabels "Former member" the entries of Wagtail's and Django's admin histories about
    `user`'s own rows (their account, profile, addresses, roles, sign-ins, second factors,
    saved searches, ratings), and takes their name and addresses out of the other entries of
    Django's (an appraisal, say, is shown with its appraiser's name). What the entries say was
    done, when and by whom stays.

    The rows are found by their link to `user`, so this runs before any area deletes them:
    it is the erase of a provider of its own, `admin_history`, which goes first.
    """
    from django.contrib.admin.models import LogEntry
    from wagtail.models import ModelLogEntry

    known_as = identifiers(user)
    former = str(FORMER_MEMBER)
    for content_type, ids in _their_rows(user):
        about = {"content_type": content_type, "object_id__in": ids}
        ModelLogEntry.objects.filter(**about).update(label=former)
        LogEntry.objects.filter(**about).update(object_repr=former, change_message=former)
    if not known_as:
        return
    mentions = Q()
    for identifier in known_as:
        mentions |= Q(object_repr__icontains=identifier) | Q(change_message__icontains=identifier)
    redact_rows(LogEntry.objects.filter(mentions), ["object_repr", "change_message"], known_as)


# --- Copies of comments: the page history and saved versions ---------------------------------


def _logged_ids(entries, key: str) -> set[int]:
    return {
        item["id"]
        for data in entries.values_list("data", flat=True)
        if isinstance(data, dict)
        and isinstance(item := data.get(key), dict)
        and isinstance(item.get("id"), int)
    }


def _erase_comments_in_history(user: User, delete_shared: bool, known_as: list[str]) -> None:
    """Does to the text Wagtail's page history copied from `user`'s comments, replies and
    approval comments what `erase` does to the originals.

    Each entry about a comment holds its text, and each about a reply holds the reply's and
    its comment's, whoever made the entry (a reply to their comment by someone else, their
    comment resolved by someone else). Their comments and replies are those they wrote, as
    stored or, for one deleted since, as logged when they wrote or edited it.
    """
    from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry

    def erased(text: str) -> str:
        return DELETED_COMMENT if delete_shared else redact(text, known_as)

    their_entries = PageLogEntry.objects.filter(user=user, action__startswith=COMMENT_ACTIONS)
    comments = set(Comment.objects.filter(user=user).values_list("pk", flat=True))
    comments |= _logged_ids(
        their_entries.filter(action__in=[f"{COMMENT_ACTIONS}create", f"{COMMENT_ACTIONS}edit"]),
        "comment",
    )
    replies = set(CommentReply.objects.filter(user=user).values_list("pk", flat=True))
    replies |= _logged_ids(
        their_entries.filter(action__endswith="_reply").exclude(action__endswith="delete_reply"),
        "reply",
    )
    about_theirs = PageLogEntry.objects.filter(action__startswith=COMMENT_ACTIONS).filter(
        Q(data__comment__id__in=sorted(comments)) | Q(data__reply__id__in=sorted(replies))
    )
    for entry in about_theirs.only("pk", "data").iterator():
        data = dict(entry.data)
        for key, theirs in (("comment", comments), ("reply", replies)):
            item = data.get(key)
            if isinstance(item, dict) and item.get("id") in theirs and item.get("text"):
                data[key] = {**item, "text": erased(item["text"])}
        if data != entry.data:
            PageLogEntry.objects.filter(pk=entry.pk).update(data=data)

    # An approval or refusal is logged by the person who gave it, with their comment.
    for model in (PageLogEntry, ModelLogEntry):
        approvals = model.objects.filter(user=user, action__startswith=WORKFLOW_ACTIONS)
        for entry in approvals.only("pk", "data").iterator():
            comment = (entry.data or {}).get("comment")
            if isinstance(comment, str) and comment:
                text = "" if delete_shared else redact(comment, known_as)
                if text != comment:
                    model.objects.filter(pk=entry.pk).update(data={**entry.data, "comment": text})


def _erase_comments_in_versions(
    user: User, page_ids: set[int], delete_shared: bool, known_as: list[str]
) -> None:
    """Does to the comments kept in the saved versions of pages what `erase` did to the
    comments themselves: a page's version holds a copy of its comments and their replies."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Revision
    from wagtail.models.pages import COMMENTS_RELATION_NAME

    if not page_ids:
        return
    page_type = ContentType.objects.get_for_model(Page)
    versions = Revision.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in page_ids]
    )

    def erased(item: dict) -> dict:
        text = DELETED_COMMENT if delete_shared else redact(item.get("text", ""), known_as)
        return {**item, "text": text}

    for version in versions.only("pk", "content").iterator():
        content = version.content or {}
        comments = content.get(COMMENTS_RELATION_NAME)
        if not isinstance(comments, list):
            continue
        changed: list[dict] = []
        for comment in comments:
            replies = [
                reply
                for reply in comment.get("replies", [])
                if not (delete_shared and reply.get("user") == user.pk)
            ]
            replies = [
                erased(reply) if reply.get("user") == user.pk else reply for reply in replies
            ]
            comment = {**comment, "replies": replies} if "replies" in comment else comment
            if comment.get("user") == user.pk:
                if delete_shared and not replies:
                    continue
                comment = erased(comment)
            changed.append(comment)
        if changed != comments:
            Revision.objects.filter(pk=version.pk).update(
                content={**content, COMMENTS_RELATION_NAME: changed}
            )


# The admin histories' erasure, first of all (see `erase_admin_history`). Their entries are
# declared, exported and shown in the notice by the platform's provider.
admin_history = Provider(
    area="admin_history",
    label="The admin histories",
    order=0,
    erase=erase_admin_history,
)
