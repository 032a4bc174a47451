"""Who may open each resources URL: the library, appraisals, ratings and the curation admin."""

import pytest

from tests.authz import TO_LOGIN, TO_MFA_SETUP, Redirect, authz, row  # noqa: F401

pytestmark = pytest.mark.django_db

TO_ADMIN_LOGIN = Redirect("/admin/login/")
APPRAISERS = {"student": 200, "practitioner": 200, "educator": 200, "site_admin": 200}
CURATORS = {"educator": 200, "site_admin": 200}

ROWS = [
    row("get", "/resources/", default=Redirect("/library/")),
    row("get", "/resources/how-we-rate-sources/", default=200),
    row("get", "{resource_url}", default=200),
    row("get", "/resources/my-appraisals/", default=200, signed_out=TO_LOGIN),
    *(
        row(
            method,
            "/resources/{resource}/appraise/",
            default=403,
            signed_out=TO_LOGIN,
            staff_without_mfa=TO_MFA_SETUP,
            **APPRAISERS,
        )
        for method in ("get", "post")
    ),
    row(
        "post",
        "/resources/{resource}/appraise/withdraw/",
        default=404,
        signed_out=TO_LOGIN,
        staff_without_mfa=TO_MFA_SETUP,
        educator=Redirect("{resource_url}"),
    ),
    row(
        "get",
        "/resources/{resource}/compare/",
        default=Redirect("/resources/{resource}/appraise/"),
        signed_out=TO_LOGIN,
    ),
    row("get", "/resources/{resource}/rate/", default=200, signed_out=TO_LOGIN),
    row("post", "/resources/{resource}/rate/", default=200, signed_out=TO_LOGIN),
    *(
        row(
            "get",
            url,
            default=TO_ADMIN_LOGIN,
            staff_without_mfa=TO_MFA_SETUP,
            **CURATORS,
        )
        for url in (
            "/admin/library/check-links/",
            "/admin/resources_due_for_review/",
            "/admin/resources_due_for_review/results/",
            "/admin/resources_unappraised/",
            "/admin/resources_unappraised/results/",
            "/admin/resources_broken_links/",
            "/admin/resources_broken_links/results/",
            "/admin/resource_appraisals/",
            "/admin/resource_topics/",
        )
    ),
    # Only a site admin removes an educator's appraisal.
    row(
        "get",
        "/admin/resource_appraisals/delete/{appraisal}/",
        default=TO_ADMIN_LOGIN,
        educator=Redirect("/admin/"),
        site_admin=200,
        staff_without_mfa=TO_MFA_SETUP,
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=str)
def test_authorisation(authz, case):  # noqa: F811
    authz().check(case)
