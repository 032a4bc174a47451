"""The personal data in the models of Django, Wagtail and their add-ons, which no app of the
site owns: what educators and site admins do in the Wagtail admin (pages they own and edit,
comments, documents and images they upload) and the records Django's admin keeps."""

from __future__ import annotations

from cop_site.accounts.models import User

from .registry import Basis, Holding, JSONData, NotPersonal, Provider, Retention

EDITORIAL = "To run the site's content: who wrote, changed, approved or commented on it"


def export(user: User) -> JSONData:
    raise NotImplementedError


def erase(user: User, *, delete_shared: bool) -> None:
    raise NotImplementedError


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
            retention=Retention(
                description="Until the upload is finished"
            ),
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
            retention=Retention(
                description="While the editor is open"
            ),
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
            ("user", "name", "created_at"),
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
