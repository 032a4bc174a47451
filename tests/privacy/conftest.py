"""Fixtures for the privacy tests: members with rows in every area the privacy registry covers.

`person_with_data(email, name)` builds a member the way the site would have, with something
of theirs in each area: account and profile, roles, email addresses, two-factor
authentication, sign-in history, saved searches, the resource library, the audit log, a past
download, and what an educator does in the Wagtail admin. Everything they wrote carries their
`name`, so a test can look for it in an export or a database dump, and be sure that another
person's export holds none of it.

Each area is built by one function in `BUILDERS`; a new area of personal data adds its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    GroupApprovalTask,
    PageSubscription,
    Workflow,
    WorkflowTask,
)

from cop_site.accounts.models import Role, SignInRecord, User
from cop_site.accounts.regulators import Regulator
from cop_site.accounts.services import grant_role, profile_for, verify_registration
from cop_site.privacy import audit
from cop_site.privacy.models import AuditEntry, DataExport
from cop_site.search.saved import save_search
from resources.models import LearnerAppraisal, ResourcePage
from resources.services import appraise_resource, rate_resource
from tests.conftest import activate_totp, recovery_codes
from tests.resources.conftest import (  # noqa: F401 (fixtures used by person_with_data)
    home_page,
    judgements,
    library,
    make_resource,
)

_people = itertools.count(1)

# A 1×1 transparent GIF: a real image file for the image an educator uploads.
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass
class PersonData:
    """A member with rows in every area, and the strings that identify their rows.

    - `texts`: what they typed or what is theirs (per area), each containing `name`; their
      export must hold every one, and another person's export none;
    - `ip_addresses`: the addresses of their sign-ins;
    - `secrets`: what must never leave the site, not even in their own export (the TOTP
      secret, recovery codes, email confirmation keys).
    """

    user: User
    email: str
    name: str
    texts: dict[str, list[str]] = field(default_factory=dict)
    ip_addresses: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    # Rows that are theirs, by kind, for tests that check what is left after an erasure.
    rows: dict[str, list[object]] = field(default_factory=dict)

    def add_text(self, area: str, text: str) -> str:
        self.texts.setdefault(area, []).append(text)
        return text

    def add_row(self, kind: str, row: object) -> object:
        self.rows.setdefault(kind, []).append(row)
        return row

    @property
    def all_texts(self) -> list[str]:
        return [text for texts in self.texts.values() for text in texts]

    @property
    def markers(self) -> list[str]:
        """Every string that is theirs alone: their email, name, texts and addresses."""
        return [self.email, self.name, *self.all_texts, *self.ip_addresses]


@dataclass
class Staff:
    """The people who act on members: a site admin who grants roles, an educator who checks
    registrations. Shared by everyone a test builds."""

    admin: User
    verifier: User


@dataclass
class Context:
    number: int
    staff: Staff
    make_resource: Callable[..., ResourcePage]
    resource: ResourcePage | None = None


Builder = Callable[[PersonData, Context], None]


def build_account(person: PersonData, ctx: Context) -> None:
    """Profile with professional identity, roles, a checked registration, email addresses,
    two-factor authentication and sign-in history."""
    user, name, n = person.user, person.name, ctx.number % 250 + 1
    grant_role(user, Role.PRACTITIONER)  # at sign-up: no one granted it
    grant_role(
        user,
        Role.EDUCATOR,
        by=ctx.staff.admin,
        reason=person.add_text("privacy", f"Educator role for {name}, approved by the board"),
    )
    profile = profile_for(user)
    profile.display_name = name
    profile.pronouns = person.add_text("account", f"{name} pronouns")
    profile.bio = person.add_text("account", f"About {name}: a social worker in a city team")
    profile.regulator = Regulator.SOCIAL_WORK_ENGLAND
    profile.registration_number = person.add_text("account", f"SW{700000 + n}")
    profile.qualifications = person.add_text("account", f"MA Social Work ({name})")
    profile.employer = person.add_text("account", f"{name} Borough Council")
    profile.shared_fields = ["pronouns", "bio", "employer"]
    profile.save()
    verify_registration(
        profile,
        by=ctx.staff.verifier,
        reason=person.add_text("privacy", f"Checked {name} on the register"),
    )

    other = EmailAddress.objects.create(
        user=user, email=f"other.{person.email}", verified=False, primary=False
    )
    person.add_text("account", other.email)
    confirmation = EmailConfirmation.create(other)
    confirmation.sent = timezone.now()
    confirmation.save()
    person.secrets.append(confirmation.key)

    secret = activate_totp(user)
    person.secrets.append(secret)
    person.secrets.extend(recovery_codes(user))
    for authenticator in Authenticator.objects.filter(user=user):
        person.add_row("authenticators", authenticator)

    for ip, agent in [
        (f"203.0.113.{n}", f"Mozilla/5.0 (Windows NT 10.0) Firefox/140.0 {name}"),
        (f"2001:db8::{n:x}", f"Mozilla/5.0 (iPhone) Safari/18 {name}"),
    ]:
        person.ip_addresses.append(ip)
        person.add_text("account", agent)
        person.add_row(
            "sign_ins",
            SignInRecord.objects.create(
                user=user,
                at=timezone.now() - timedelta(days=n),
                ip_address=ip,
                user_agent=agent,
            ),
        )


def build_search(person: PersonData, ctx: Context) -> None:
    """A saved search with weekly email alerts."""
    saved = save_search(
        person.user,
        f"q={person.name.replace(' ', '+')}+safeguarding",
        name=person.add_text("search", f"{person.name} saved search"),
        alerts=True,
    )
    person.add_row("saved_searches", saved)


def build_resources(person: PersonData, ctx: Context) -> None:
    """A resource page they own, with a practice appraisal and its private reflection, a
    credibility appraisal as an educator, and a usefulness rating with a comment."""
    user, name = person.user, person.name
    resource = ctx.make_resource(person.add_text("site_content", f"{name} resource"), owner=user)
    ctx.resource = resource
    learner = LearnerAppraisal(
        resource=resource,
        learner=user,
        reflection=person.add_text("resources", f"Private reflection by {name}"),
    )
    learner.set_judgements(judgements())
    learner.save()
    person.add_row("learner_appraisals", learner)
    appraisal = appraise_resource(
        resource,
        by=user,
        scores=judgements(),
        comment=person.add_text("resources", f"Credibility comment by {name}"),
    )
    person.add_row("credibility_appraisals", appraisal)
    rating = rate_resource(
        resource,
        by=user,
        score=4,
        comment=person.add_text("resources", f"Rating comment by {name}"),
    )
    person.add_row("ratings", rating)


def build_privacy(person: PersonData, ctx: Context) -> None:
    """An audit entry made by the system (the role grant and the registration check in
    `build_account` made two by people), and a past download of their data that has expired."""
    entry = audit.record(
        "accounts.role_revoked",
        actor=None,
        subject=person.user,
        reason=person.add_text("privacy", f"Moderator role ended for {person.name}"),
        role=Role.MODERATOR,
    )
    person.add_row("audit_entries", entry)
    past = DataExport.objects.create(
        user=person.user,
        status=DataExport.Status.EXPIRED,
        requested_at=timezone.now() - timedelta(days=30),
        ready_at=timezone.now() - timedelta(days=30),
        expires_at=timezone.now() - timedelta(days=23),
    )
    person.add_row("data_exports", past)


def build_site_content(person: PersonData, ctx: Context) -> None:
    """What an educator does in the Wagtail admin: a revision of their page, a comment and a
    reply on it (copied into the page history), an approval they refused with a comment, a
    subscription to its comments, a document and an image, and entries in Wagtail's and
    Django's admin logs, by them and about their rows."""
    user, name = person.user, person.name
    page = ctx.resource
    assert page is not None, "build_resources makes the page first"
    revision = page.save_revision(user=user, log_action=True)
    person.add_row("revisions", revision)
    comment = Comment.objects.create(
        page=page,
        user=user,
        text=person.add_text("site_content", f"Admin comment by {name}"),
        contentpath="title",
        position="",
        revision_created=revision,
    )
    reply = CommentReply.objects.create(
        comment=comment,
        user=user,
        text=person.add_text("site_content", f"Admin reply by {name}"),
    )
    # Logged as the page editor logs them: the history copies the comment's and reply's text.
    comment.log_create(page_revision=revision, user=user)
    reply.log_create(page_revision=revision, user=user)
    person.add_row("comments", comment)
    person.add_row("comment_replies", reply)
    build_approval(person, ctx, page)
    person.add_row(
        "page_subscriptions",
        PageSubscription.objects.create(user=user, page=page, comment_notifications=True),
    )
    document = Document.objects.create(
        title=person.add_text("site_content", f"{name} document"),
        file=ContentFile(b"A document.", name=f"document-{ctx.number}.txt"),
        uploaded_by_user=user,
    )
    person.add_row("documents", document)
    image = Image.objects.create(
        title=person.add_text("site_content", f"{name} image"),
        file=ContentFile(TINY_GIF, name=f"image-{ctx.number}.gif"),
        width=1,
        height=1,
        uploaded_by_user=user,
    )
    person.add_row("images", image)
    log(instance=page, action="wagtail.edit", user=user)
    person.add_row(
        "admin_log_entries",
        LogEntry.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(ctx.staff.admin.pk),
            object_repr="An account",
            action_flag=CHANGE,
            change_message=person.add_text("site_content", f"Changed by {name}"),
        ),
    )
    build_admin_history_about(person, ctx)


def build_approval(person: PersonData, ctx: Context, page: ResourcePage) -> None:
    """A change to their page sent for approval by a site admin, which they refused with a
    comment: Wagtail logs the comment in the page's history."""
    workflow = Workflow.objects.create(name=f"Review {ctx.number}")
    task = GroupApprovalTask.objects.create(name=f"Check {ctx.number}")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(page, ctx.staff.admin)
    state.current_task_state.reject(
        user=person.user,
        comment=person.add_text("site_content", f"Approval comment by {person.name}"),
    )


def build_admin_history_about(person: PersonData, ctx: Context) -> None:
    """Site admins' changes to their email address and saved search in Django's admin, and to
    their account in Wagtail's, each shown in the history by the row's name (their address,
    the search's name, their display name)."""
    admin = ctx.staff.admin
    address = EmailAddress.objects.get(user=person.user, email=person.email)
    saved = person.rows["saved_searches"][0]
    for row in (address, saved):
        person.add_row(
            "admin_log_entries",
            LogEntry.objects.create(
                user=admin,
                content_type=ContentType.objects.get_for_model(type(row)),
                object_id=str(row.pk),
                object_repr=str(row),
                action_flag=CHANGE,
                change_message='[{"changed": {"fields": ["Verified"]}}]',
            ),
        )
    log(instance=person.user, action="wagtail.edit", user=admin)


# The areas, in the order they are built; each may rely on those before it.
BUILDERS: list[Builder] = [
    build_account,
    build_search,
    build_resources,
    build_privacy,
    build_site_content,
]

PersonWithData = Callable[[str, str], PersonData]


@pytest.fixture
def privacy_staff(make_user) -> Staff:
    return Staff(
        admin=make_user(
            "granter@example.com", roles=[Role.SITE_ADMIN], display_name="Gina Granter"
        ),
        verifier=make_user(
            "verifier@example.com", roles=[Role.EDUCATOR], display_name="Vic Verifier"
        ),
    )


@pytest.fixture
def person_with_data(make_user, make_resource, privacy_staff) -> PersonWithData:  # noqa: F811
    """Factory: `person_with_data(email, name)` returns a `PersonData` for a member with rows
    in every area, all carrying `name` (make it unique, and not part of another's)."""

    def make(email: str, name: str) -> PersonData:
        user = make_user(email, password="correct-horse-9")
        person = PersonData(user=user, email=email, name=name)
        ctx = Context(number=next(_people), staff=privacy_staff, make_resource=make_resource)
        for builder in BUILDERS:
            builder(person, ctx)
        person.user.refresh_from_db()
        return person

    return make


@pytest.fixture
def alice(person_with_data) -> PersonData:
    return person_with_data("alice.zephyr@example.com", "Alice Zephyrine")


@pytest.fixture
def bob(person_with_data) -> PersonData:
    return person_with_data("bob.quillon@example.com", "Bob Quillon")


@pytest.fixture
def logged(make_user, site_admin, student, educator):
    """Three entries at known times: two by the site admin about the student, one by the
    educator about a practitioner."""
    pat = make_user("pat.logged@example.com", display_name="Pat Logged")
    AuditEntry.objects.all().delete()
    now = timezone.now()
    made = {
        # Entries are only ever created; the test gives this one an earlier time.
        "granted": AuditEntry.objects.create(
            at=now - timedelta(days=40),
            action="accounts.role_granted",
            actor=site_admin,
            subject=student,
            reason="Joined the cohort",
            details={"role": Role.STUDENT},
        ),
        "revoked": audit.record(
            "accounts.role_revoked",
            actor=site_admin,
            subject=student,
            reason="Left the cohort",
            role=Role.STUDENT,
        ),
        "verified": audit.record(
            "accounts.registration_verified",
            actor=educator,
            subject=pat,
            regulator=Regulator.SOCIAL_WORK_ENGLAND,
        ),
    }
    return made


@pytest.fixture
def registered(make_user):
    return make_user(
        "pat@example.com",
        roles=[Role.PRACTITIONER],
        display_name="Pat Practitioner",
        regulator=Regulator.SOCIAL_WORK_ENGLAND,
        registration_number="SW123456",
    )
