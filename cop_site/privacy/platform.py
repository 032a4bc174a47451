"""The personal data in the models of Django, Wagtail and their add-ons, which no app of the
site owns: what educators and site admins do in the Wagtail admin (pages they own and edit,
comments, documents and images they upload) and the records Django's admin keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from cop_site.accounts.models import User

from .platform_erasure import erase
from .registry import (
    Basis,
    Holding,
    JSONData,
    NotPersonal,
    Provider,
    Retention,
    RetentionRule,
    when,
)
from .retention import delete_older, describe_period

EDITORIAL = "To run the site's content: who wrote, changed, approved or commented on it"


# Apps whose objects are people: the admin history of changes to them shows the kind of
# thing changed, not its name, which would be someone else's.
PEOPLE_APPS = frozenset({"accounts", "account", "auth", "mfa", "privacy", "wagtailusers"})


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
                "first_published_at": when(page.first_published_at),
            }
            for page in Page.objects.filter(owner=user).order_by("path")
        ],
        "pages_you_locked": [
            {"title": page.title, "locked_at": when(page.locked_at)}
            for page in Page.objects.filter(locked_by=user).order_by("path")
        ],
        "versions_you_saved": [
            {"of": revision.object_str, "saved_at": when(revision.created_at)}
            for revision in Revision.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "page_history": [
            {"page": entry.label, "action": _action_label(entry), "at": when(entry.timestamp)}
            for entry in PageLogEntry.objects.filter(user=user).order_by("timestamp", "pk")
        ],
        "other_content_history": [
            {
                "item": _object_label(entry.content_type, entry.label),
                "action": _action_label(entry),
                "at": when(entry.timestamp),
            }
            for entry in ModelLogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("timestamp", "pk")
        ],
        "comments": [
            {
                "page": comment.page.title,
                "text": comment.text,
                "created_at": when(comment.created_at),
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
                "created_at": when(reply.created_at),
            }
            for reply in CommentReply.objects.filter(user=user)
            .select_related("comment__page")
            .order_by("created_at", "pk")
        ],
        "comments_you_resolved": [
            {"page": comment.page.title, "resolved_at": when(comment.resolved_at)}
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
                "at": when(state.created_at),
            }
            for state in WorkflowState.objects.filter(requested_by=user)
            .select_related("workflow")
            .order_by("created_at", "pk")
        ],
        "approvals_you_gave_or_refused": [
            {
                "task": state.task.name,
                "status": state.get_status_display(),
                "at": when(state.finished_at),
                "comment": state.comment,
            }
            for state in TaskState.objects.filter(finished_by=user)
            .select_related("task")
            .order_by("finished_at", "pk")
        ],
        "documents_you_uploaded": [
            {"title": document.title, "uploaded_at": when(document.created_at)}
            for document in get_document_model()
            .objects.filter(uploaded_by_user=user)
            .order_by("created_at", "pk")
        ],
        "images_you_uploaded": [
            {"title": image.title, "uploaded_at": when(image.created_at)}
            for image in get_image_model()
            .objects.filter(uploaded_by_user=user)
            .order_by("created_at", "pk")
        ],
        "unfinished_uploads": UploadedFile.objects.filter(uploaded_by_user=user).count(),
        "unsaved_admin_forms": FormState.objects.filter(user=user).count(),
        "pages_open_in_the_editor": [
            {"last_seen_at": when(session.last_seen_at)}
            for session in EditingSession.objects.filter(user=user).order_by("last_seen_at")
        ],
        "api_tokens": [
            {"name": token.name, "created_at": when(token.created)}
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
                "at": when(entry.action_time),
            }
            for entry in LogEntry.objects.filter(user=user)
            .select_related("content_type")
            .order_by("action_time", "pk")
        ],
    }


# --- Sessions and background tasks: personal data that links to nobody by a foreign key ----


@dataclass(frozen=True)
class SessionLifetime(Retention):
    """How long a session lasts: until its person signs out, and at most the session cookie's
    age (SESSION_COOKIE_AGE), after which it has expired and is deleted."""

    def resolve(self) -> timedelta:
        return timedelta(seconds=int(settings.SESSION_COOKIE_AGE))

    def describe(self) -> str:
        return f"Until you sign out, and at most {describe_period(self.resolve())}, then deleted"


SESSIONS = SessionLifetime()
TASK_RESULTS = Retention(timedelta(days=30), setting="PRIVACY_TASK_RESULT_DAYS")


def delete_expired_sessions(cutoff: datetime, *, dry_run: bool) -> int:
    """Deletes the sessions that have expired, with the session engine's own `clear_expired`
    (a cache engine lets them lapse by itself); returns how many a database engine held (other
    engines cannot count them)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    get_model_class = getattr(store, "get_model_class", None)
    expired = (
        get_model_class().objects.filter(expire_date__lt=timezone.now()).count()
        if get_model_class is not None
        else 0
    )
    if not dry_run:
        store.clear_expired()
    return expired


def delete_finished_task_results(cutoff: datetime, *, dry_run: bool) -> int:
    """Deletes the background tasks that finished (done or failed) before `cutoff`; those
    waiting or running are kept."""
    from django_tasks_db.models import DBTaskResult

    finished = DBTaskResult.objects.finished()
    return delete_older(finished, cutoff, field="finished_at", dry_run=dry_run)


def _if_installed(app: str, *declared):
    """`declared` when `app` is installed (the database task queue is, in production and in
    tests, not in development); otherwise nothing."""
    return declared if apps.is_installed(app) else ()


SESSION_APP = "django.contrib.sessions"
TASK_APP = "django_tasks_db"

SESSION_HOLDING = Holding(
    "sessions.Session",
    ("session_key", "session_data", "expire_date"),
    what="Your sessions: which account each browser you use is signed in to, and a search or "
    "a form step you are part way through",
    purpose="To keep you signed in as you move between pages",
    basis=Basis.CONTRACT,
    retention=SESSIONS,
    seen_by="Only you",
)
TASK_HOLDING = Holding(
    "django_tasks_database.DBTaskResult",
    ("args_kwargs", "return_value", "traceback", "enqueued_at", "finished_at"),
    what="Work the site does for you in the background, such as an email to your address "
    "waiting to be sent, and what came of it once done",
    purpose="To send the emails you ask for, and to find out why one failed",
    basis=Basis.CONTRACT,
    retention=TASK_RESULTS,
    seen_by="Site admins running the site",
)
SESSION_RULE = RetentionRule(
    "expired_sessions",
    "Expired sessions",
    SESSIONS,
    delete_expired_sessions,
    units=("session", "sessions"),
)
TASK_RULE = RetentionRule(
    "task_results",
    "Finished background tasks",
    TASK_RESULTS,
    delete_finished_task_results,
    units=("task", "tasks"),
)


provider = Provider(
    area="site_content",
    label="What you did in the admin",
    description="Pages you own or edited, comments you made, documents and images you "
    "uploaded, and your admin preferences (for educators and site admins).",
    order=900,
    listed=90,
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


# Every member's, not only admins': declared under a heading of their own. Erasing them is
# `erasure.end_sessions` and `erasure.remove_tasks_naming`, which run after every provider.
sessions_and_tasks = Provider(
    area="sessions",
    label="Signing in, and emails on their way",
    order=950,
    holdings=(
        *_if_installed(SESSION_APP, SESSION_HOLDING),
        *_if_installed(TASK_APP, TASK_HOLDING),
    ),
    retention_rules=(
        *_if_installed(SESSION_APP, SESSION_RULE),
        *_if_installed(TASK_APP, TASK_RULE),
    ),
)
