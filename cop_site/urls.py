from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csp import csp_override
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cop_site.accounts import views as account_views

# Django's admin signs people in through allauth (and so through MFA), never its own form.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Social Work Community of Practice — data admin"

admin_csp = csp_override(settings.ADMIN_CSP)

# Wagtail's "failwhale" page raises an error on purpose, to test error reporting; no page of
# this site answers with a server error by design.
wagtail_admin_urlpatterns = [
    pattern
    for pattern in wagtailadmin_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtailadmin_error_test"
]

urlpatterns = [
    # Wagtail's own sign-in form is replaced by allauth's, keeping ?next=.
    path("admin/login/", account_views.admin_login, name="wagtailadmin_login"),
    # Changing a password goes through allauth (re-authentication and rate limits included).
    path(
        "django-admin/password_change/",
        RedirectView.as_view(pattern_name="account_change_password"),
    ),
    path(
        "django-admin/",
        include((decorate_urlpatterns(admin.site.urls[0], admin_csp), "admin"), namespace="admin"),
    ),
    path("admin/", include(decorate_urlpatterns(wagtail_admin_urlpatterns, admin_csp))),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/login/", account_views.LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("", include("cop_site.accounts.urls")),
    path("", include("cop_site.privacy.urls")),
    path("resources/", include("resources.urls")),
    path("search/", include("cop_site.search.urls")),
]

if getattr(settings, "SERVE_MEDIA", False):
    # Development only (static files come from WhiteNoise everywhere). Documents are left
    # out: they are served as downloads, with their own checks, by wagtaildocs_serve.
    from django.urls import re_path
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}/(?!documents/)(?P<path>.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail's front-end sign-in form (for pages restricted to members) is allauth's too.
    path("_util/login/", account_views.frontend_login, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
]
