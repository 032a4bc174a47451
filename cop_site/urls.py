from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csp import csp_override
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cop_site.accounts import views as account_views

# Django's admin signs people in through allauth (and so through MFA), never its own form.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Social Work Community of Practice — data admin"

admin_csp = csp_override(settings.ADMIN_CSP)

urlpatterns = [
    # Wagtail's own sign-in form is replaced by allauth's, keeping ?next=.
    path("admin/login/", account_views.admin_login, name="wagtailadmin_login"),
    path(
        "django-admin/",
        include((decorate_urlpatterns(admin.site.urls[0], admin_csp), "admin"), namespace="admin"),
    ),
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, admin_csp))),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include("cop_site.accounts.urls")),
    path("resources/", include("resources.urls")),
    path("search/", include("cop_site.search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
