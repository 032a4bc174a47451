"""Who may open each privacy URL: "Your data", its records, downloads and erasure for every
member (a download only for the person it was made for), the audit log in the Wagtail admin
and the erasure of another member's account for site admins only."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from cop_site.accounts.models import Role
from cop_site.privacy import audit
from cop_site.privacy.models import DataExport
from tests.authz import TO_LOGIN, TO_MFA_SETUP, Redirect, authz, row  # noqa: F401

pytestmark = pytest.mark.django_db

# Wagtail sends a visitor without admin access to its sign-in (which refuses or passes them
# on), an educator who has admin access to the admin's home, and the second-factor gate
# stops a site admin who has not set one up.
AUDIT_LOG = {
    "default": Redirect("/admin/login/"),
    "educator": Redirect("/admin/"),
    "site_admin": 200,
    "staff_without_mfa": TO_MFA_SETUP,
}


def seed(members):
    entry = audit.record(
        "accounts.role_granted",
        actor=members[Role.SITE_ADMIN],
        subject=members[Role.STUDENT],
        role=Role.STUDENT,
    )
    export = DataExport.objects.create(
        user=members[Role.STUDENT],
        status=DataExport.Status.READY,
        ready_at=timezone.now(),
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )
    export.file.save("student.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return {"audit_entry": entry.pk, "student_export_uuid": str(export.public_id)}


ROWS = [
    row("get", "/your-data/", default=200, signed_out=TO_LOGIN),
    # Asking for a download takes a POST, and sends the person back to "Your data".
    row("get", "/your-data/download/", default=405),
    row("post", "/your-data/download/", default=Redirect("/your-data/"), signed_out=TO_LOGIN),
    # A download is the person's own: anyone else is told it does not exist.
    row(
        "get",
        "/your-data/download/{student_export_uuid}/",
        default=404,
        signed_out=TO_LOGIN,
        student=200,
    ),
    row("get", "/your-data/records/", default=200, signed_out=TO_LOGIN),
    row("get", "/admin/audit_log/", **AUDIT_LOG),
    row("get", "/admin/audit_log/results/", **AUDIT_LOG),
    row("get", "/admin/audit_log/inspect/{audit_entry}/", **AUDIT_LOG),
    # Erasing: every member may read and send their own page (sent empty, it is only shown
    # again); only a site admin may open a member's, and is asked to set up a second factor
    # first. The erasures themselves are tested in test_erasure.py.
    *(
        row(method, "/your-data/erase/", default=200, signed_out=TO_LOGIN)
        for method in ("get", "post")
    ),
    *(
        row(
            method,
            "/manage/members/{registered}/erase/",
            default=403,
            signed_out=TO_LOGIN,
            site_admin=200,
            staff_without_mfa=TO_MFA_SETUP,
        )
        for method in ("get", "post")
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=str)
def test_authorisation(authz, case):  # noqa: F811
    authz(seed).check(case)
