"""The personal data in the models of Django, Wagtail and their add-ons, which no app of the
site owns: what educators and site admins do in the Wagtail admin (pages they own and edit,
comments, documents and images they upload) and the records Django's admin keeps."""

from __future__ import annotations

from cop_site.accounts.models import FORMER_MEMBER, User

from .registry import Basis, Holding, JSONData, NotPersonal, Provider, Retention

EDITORIAL = "To run the site's content: who wrote, changed, approved or commented on it"


# Apps whose objects are people: the admin history of changes to them shows the kind of
# thing changed, not its name, which would be someone else's.
PEOPLE_APPS = frozenset({"accounts", "account", "auth", "mfa", "privacy", "wagtailusers"})


def _when(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def _action_label(entry) -> str:
    formatter = entry.formatter
    return str(formatter.label) if formatter is not None else entry.action


def _object_label(content_type, label: str) -> str:
    if content_type is None:
        return label
    if content_type.app_label in PEOPLE_APPS:
        return f"A {content_type.name}"
    return label


def export(user: User) -> JSONData:
    """What `user` did in the Wagtail and Django admins: titles and dates of the content they
    own, saved, commented on or uploaded, the text of their own comments, and their admin
    preferences. Never another person's words, nor the name of a person they changed."""
    from django.contrib.admin.models import LogEntry
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        APIToken,
        Comment,
        CommentReply,
        ModelLogEntry,
        Page,
        PageLogEntry,
        PageSubscription,
        Revision,
        TaskState,
        UploadedFile,
        WorkflowState,
    )
    from wagtail.users.models import UserProfile

    preferences = UserProfile.objects.filter(user=user).first()
    return {
        "pages_you_own": [
            {
                "title": page.title,
                "live": page.live,
                "first_published_at": _when(page.first_published_at),
            }
            for page in Page.objects.filter(owner=user).order_by("path")
        ],
        "pages_you_locked": [
            {"title": page.title, "locked_at": _when(page.locked_at)}
            for page in Page.objects.filter(locked_by=user).order_by("path")
        ],
        "versions_you_saved": [
            {"of": revision.object_str, "saved_at": _when(revision.created_at)}
            for revision in Revision.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "page_history": [
            {"page": entry.label, "action": _action_label(entry), "at": _when(entry.timestamp)}
            for entry in PageLogEntry.objects.filter(user=user).order_by("timestamp", "pk")
        ],
        "other_content_history": [
            {
                "item": _object_label(entry.content_type, entry.label),
                "action": _action_label(entry),
                "at": _when(entry.timestamp),
            }
            for entry in ModelLogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("timestamp", "pk")
        ],
        "comments": [
            {
                "page": comment.page.title,
                "text": comment.text,
                "created_at": _when(comment.created_at),
                "resolved": comment.resolved_at is not None,
            }
            for comment in Comment.objects.filter(user=user)
            .select_related("page")
            .order_by("created_at", "pk")
        ],
        "comment_replies": [
            {
                "page": reply.comment.page.title,
                "text": reply.text,
                "created_at": _when(reply.created_at),
            }
            for reply in CommentReply.objects.filter(user=user)
            .select_related("comment__page")
            .order_by("created_at", "pk")
        ],
        "comments_you_resolved": [
            {"page": comment.page.title, "resolved_at": _when(comment.resolved_at)}
            for comment in Comment.objects.filter(resolved_by=user)
            .select_related("page")
            .order_by("resolved_at", "pk")
        ],
        "comment_emails": [
            {"page": subscription.page.title, "emails_on": subscription.comment_notifications}
            for subscription in PageSubscription.objects.filter(user=user)
            .select_related("page")
            .order_by("pk")
        ],
        "approvals_you_asked_for": [
            {
                "workflow": state.workflow.name,
                "status": state.get_status_display(),
                "at": _when(state.created_at),
            }
            for state in WorkflowState.objects.filter(requested_by=user)
            .select_related("workflow")
            .order_by("created_at", "pk")
        ],
        "approvals_you_gave_or_refused": [
            {
                "task": state.task.name,
                "status": state.get_status_display(),
                "at": _when(state.finished_at),
                "comment": state.comment,
            }
            for state in TaskState.objects.filter(finished_by=user)
            .select_related("task")
            .order_by("finished_at", "pk")
        ],
        "documents_you_uploaded": [
            {"title": document.title, "uploaded_at": _when(document.created_at)}
            for document in get_document_model()
            .objects.filter(uploaded_by_user=user)
            .order_by("created_at", "pk")
        ],
        "images_you_uploaded": [
            {"title": image.title, "uploaded_at": _when(image.created_at)}
            for image in get_image_model()
            .objects.filter(uploaded_by_user=user)
            .order_by("created_at", "pk")
        ],
        "unfinished_uploads": UploadedFile.objects.filter(uploaded_by_user=user).count(),
        "unsaved_admin_forms": FormState.objects.filter(user=user).count(),
        "pages_open_in_the_editor": [
            {"last_seen_at": _when(session.last_seen_at)}
            for session in EditingSession.objects.filter(user=user).order_by("last_seen_at")
        ],
        "api_tokens": [
            {"name": token.name, "created_at": _when(token.created)}
            for token in APIToken.objects.filter(user=user).order_by("created", "pk")
        ],
        "admin_preferences": (
            {
                "language": preferences.preferred_language,
                "time_zone": preferences.current_time_zone,
                "theme": preferences.theme,
                "has_picture": bool(preferences.avatar),
            }
            if preferences is not None
            else None
        ),
        "data_admin_history": [
            {
                "item": _object_label(entry.content_type, entry.object_repr),
                "change": entry.get_change_message(),
                "at": _when(entry.action_time),
            }
            for entry in LogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("action_time", "pk")
        ],
    }


DELETED_COMMENT = "This comment was deleted by the person who wrote it."


def erase(user: User, *, delete_shared: bool) -> None:
    """Removes what is `user`'s alone in the admins, and their name from what stays.

    Deleted: their admin preferences and picture, comment emails, unsaved admin forms, open
    editing sessions, API tokens and unfinished uploads. The admin histories keep what they
    did (it points at the anonymised account), and entries about their account are relabelled
    "Former member". Pages they locked are unlocked, as nobody else could. Pages, versions,
    documents and images they made stay, as the site's content. Their comments and replies stay
    with their name taken out of the text, or with `delete_shared` are deleted (a comment
    others replied to keeps its place, so their replies stay, without its text).
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import (
        APIToken,
        Comment,
        CommentReply,
        ModelLogEntry,
        Page,
        PageSubscription,
        TaskState,
        UploadedFile,
    )
    from wagtail.users.models import UserProfile

    from .erasure import identifiers, redact, reindex

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

    user_type = ContentType.objects.get_for_model(type(user))
    former = str(FORMER_MEMBER)
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        label=former
    )
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=former, change_message=former
    )
    for entry in LogEntry.objects.filter(user=user).exclude(change_message="").iterator():
        redacted = redact(entry.change_message, known_as)
        if redacted != entry.change_message:
            LogEntry.objects.filter(pk=entry.pk).update(change_message=redacted)

    locked = list(Page.objects.filter(locked_by=user).specific())
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    reindex(locked)

    commented_pages = set(Comment.objects.filter(user=user).values_list("page_id", flat=True))
    commented_pages.update(
        CommentReply.objects.filter(user=user).values_list("comment__page_id", flat=True)
    )
    if delete_shared:
        CommentReply.objects.filter(user=user).delete()
        answered = CommentReply.objects.exclude(user=user).values("comment_id")
        Comment.objects.filter(user=user).exclude(pk__in=answered).delete()
        Comment.objects.filter(user=user).update(text=DELETED_COMMENT)
        TaskState.objects.filter(finished_by=user).exclude(comment="").update(comment="")
    else:
        for model in (Comment, CommentReply):
            for item in model.objects.filter(user=user).only("pk", "text").iterator():
                redacted = redact(item.text, known_as)
                if redacted != item.text:
                    model.objects.filter(pk=item.pk).update(text=redacted)
        for state in TaskState.objects.filter(finished_by=user).exclude(comment="").iterator():
            redacted = redact(state.comment, known_as)
            if redacted != state.comment:
                TaskState.objects.filter(pk=state.pk).update(comment=redacted)
    _erase_comments_in_versions(user, commented_pages, delete_shared, known_as)


def _erase_comments_in_versions(
    user: User, page_ids: set[int], delete_shared: bool, known_as: list[str]
) -> None:
    """Does to the comments kept in the saved versions of pages what `erase` did to the
    comments themselves: a page's version holds a copy of its comments and their replies."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Revision
    from wagtail.models.pages import COMMENTS_RELATION_NAME

    from .erasure import redact

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


provider = Provider(
    area="site_content",
    label="What you did in the admin",
    description="Pages you own or edited, comments you made, documents and images you "
    "uploaded, and your admin preferences (for educators and site admins).",
    order=900,
    holdings=(
        Holding(
            "wagtailcore.Page",
            ("owner", "locked_by"),
            what="Which pages you own, and which you have locked for editing",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.Revision",
            ("user", "created_at"),
            what="The versions of pages you saved",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.PageLogEntry",
            ("user", "timestamp", "action"),
            what="The admin's history of what you did to pages",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.ModelLogEntry",
            ("user", "timestamp", "action", "label"),
            what="The admin's history of what you did to other content",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.Comment",
            ("user", "text", "created_at", "resolved_by"),
            what="Comments you made on pages in the admin",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.CommentReply",
            ("user", "text", "created_at"),
            what="Replies you made to comments in the admin",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.PageSubscription",
            ("user", "comment_notifications"),
            what="The pages whose comments you asked to be emailed about",
            purpose=EDITORIAL,
            basis=Basis.CONTRACT,
            seen_by="Only you",
        ),
        Holding(
            "wagtailcore.WorkflowState",
            ("requested_by",),
            what="Pages you sent for approval",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.TaskState",
            ("finished_by", "comment"),
            what="Approvals you gave or refused, with your comment",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailcore.UploadedFile",
            ("uploaded_by_user", "file"),
            what="Files you are part way through uploading",
            purpose=EDITORIAL,
            basis=Basis.CONTRACT,
            retention=Retention(description="Until the upload is finished"),
            seen_by="Only you",
        ),
        Holding(
            "wagtaildocs.Document",
            ("uploaded_by_user",),
            what="Which documents you uploaded",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailimages.Image",
            ("uploaded_by_user",),
            what="Which images you uploaded",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Educators and site admins in the admin",
        ),
        Holding(
            "wagtailusers.UserProfile",
            ("avatar", "preferred_language", "current_time_zone", "theme", "dismissibles"),
            what="Your admin preferences and picture",
            purpose="To show the admin the way you chose",
            basis=Basis.CONTRACT,
            seen_by="You; your picture is seen by others in the admin",
        ),
        Holding(
            "wagtailadmin.EditingSession",
            ("user", "last_seen_at"),
            what="Which page you have open in the editor, so others do not overwrite your work",
            purpose=EDITORIAL,
            basis=Basis.LEGITIMATE_INTERESTS,
            retention=Retention(description="While the editor is open"),
            seen_by="Others editing the same page",
        ),
        Holding(
            "wagtailadmin.FormState",
            ("user", "data"),
            what="Changes you have made in an admin form and not yet saved",
            purpose=EDITORIAL,
            basis=Basis.CONTRACT,
            seen_by="Only you",
        ),
        Holding(
            "wagtailcore.APIToken",
            ("user", "name", "created"),
            what="Tokens you created for the admin's API",
            purpose="To let your tools reach the admin's API",
            basis=Basis.CONTRACT,
            seen_by="Only you",
        ),
        Holding(
            "admin.LogEntry",
            ("user", "action_time", "object_repr", "change_message"),
            what="The data admin's history of changes you made",
            purpose="To show who changed what in the data admin",
            basis=Basis.LEGITIMATE_INTERESTS,
            seen_by="Site admins",
        ),
    ),
    not_personal=(
        NotPersonal("wagtailimages.Rendition", "Resized copies of an image; the image is covered"),
        NotPersonal("wagtailcore.GroupPagePermission", "Which groups may edit which pages"),
        NotPersonal("wagtailcore.PageViewRestriction", "Which pages only members may see"),
        NotPersonal("wagtailcore.WorkflowPage", "Which pages go through which approval steps"),
        NotPersonal("wagtailcore.Site", "The site's host name and home page"),
        NotPersonal("wagtailcore.GroupSitePermission", "Which groups may change site settings"),
        NotPersonal("wagtailredirects.Redirect", "Old addresses that lead to a page"),
        NotPersonal(
            "wagtailforms.FormSubmission",
            "Answers to Wagtail form pages; the site has no form page type, so none are held",
        ),
        NotPersonal("home.SiteChrome", "The pages the site's footer links to"),
    ),
    export=export,
    erase=erase,
)
