"""The data admin's view of members, their email addresses and second factors (who has
which, never the secrets themselves).

allauth registers its `Authenticator` with every field editable, which would show each
person's TOTP secret and recovery-code seed to anyone with the admin open. Here an admin
can see that an authenticator exists and remove it (for a person who has lost their phone),
and Django's admin history records each removal.

Accounts are deleted nowhere here: they are erased on the site, which keeps the record the
audit log needs. An erased account stays as the erasure left it: nothing here turns it back
on or gives it an email address to sign in with.
"""

import logging

import allauth.account.admin  # noqa: F401  (registers allauth's own admin, replaced below)
import allauth.mfa.admin  # noqa: F401  (registers allauth's own admin, replaced below)
from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Profile, RoleGrant, User

logger = logging.getLogger("cop_site.security")

admin.site.unregister(Authenticator)
admin.site.unregister(EmailAddress)


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


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RoleGrantInline(ReadOnlyInline):
    model = RoleGrant
    fk_name = "user"
    fields = ["role", "granted_at", "granted_by"]
    readonly_fields = fields
    verbose_name_plural = "Roles (changed on the site's Members and roles page)"


class ProfileInline(ReadOnlyInline):
    model = Profile
    fk_name = "user"
    fields = ["display_name", "regulator", "registration_number", "verified_at", "verified_by"]
    readonly_fields = fields
    verbose_name_plural = "Profile (changed by the member, and verified by an educator)"


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Members, for site admins running the site. Roles, profiles and email addresses
    change through the site (and allauth), which keep their own records; here an admin can
    look people up and suspend an account."""

    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "role_grants__role"]
    search_fields = ["email", "profile__display_name"]
    list_select_related = ["profile"]
    fields = ["email", "is_active", "is_staff", "is_superuser", "date_joined", "last_login"]
    readonly_fields = ["email", "is_staff", "is_superuser", "date_joined", "last_login"]
    inlines = [ProfileInline, RoleGrantInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj: User | None = None) -> bool:
        # An erased account is shown, never changed: it must not be turned back on.
        if obj is not None and obj.is_erased:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj: User | None = None) -> bool:
        # Accounts are erased on the site, which keeps the record the audit log needs.
        return False


ERASED_ACCOUNT = _("This account has been erased: it can have no email address.")


class EmailAddressForm(forms.ModelForm):
    class Meta:
        model = EmailAddress
        fields = ["user", "email", "verified", "primary"]

    def clean_user(self) -> User:
        user = self.cleaned_data["user"]
        if user is not None and user.is_erased:
            raise forms.ValidationError(ERASED_ACCOUNT, code="erased")
        return user


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's screen for email addresses, except that an erased account gets none: a
    confirmed address would let it receive a password reset and be signed in again."""

    form = EmailAddressForm

    def has_change_permission(self, request, obj: EmailAddress | None = None) -> bool:
        if obj is not None and obj.user.is_erased:
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Mark selected email addresses as verified"))
    def make_verified(self, request, queryset) -> None:
        super().make_verified(request, queryset.filter(user__erased_at__isnull=True))
