"""The data admin's view of second factors: who has which, never the secrets themselves.

allauth registers its `Authenticator` with every field editable, which would show each
person's TOTP secret and recovery-code seed to anyone with the admin open. Here an admin
can see that an authenticator exists and remove it (for a person who has lost their phone),
and Django's admin history records each removal.
"""

import logging

import allauth.mfa.admin  # noqa: F401  (registers allauth's own admin, replaced below)
from allauth.mfa.models import Authenticator
from django.contrib import admin

logger = logging.getLogger("cop_site.security")

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    # `data` holds the secrets; it is never listed, shown or editable.
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def log_deletions(self, request, queryset):
        for authenticator in queryset:
            logger.warning(
                "Authenticator %s (%s) of user %s removed by user %s",
                authenticator.pk,
                authenticator.type,
                authenticator.user_id,
                request.user.pk,
            )
        return super().log_deletions(request, queryset)
