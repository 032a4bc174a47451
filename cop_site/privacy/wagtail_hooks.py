"""The audit log in the Wagtail admin: site admins read and filter it; nobody changes it.

The viewset has an index and an inspect view only: the add, edit, delete, copy, history and
usage views are never routed, and the permission policy grants nothing but viewing, so no
screen offers a change either. Entries are written by `cop_site.privacy.audit.record`.
"""

from __future__ import annotations

import django_filters
from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Q, QuerySet
from django.forms import CheckboxSelectMultiple
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cop_site import converters  # noqa: F401 (registers <id:…>)
from cop_site.accounts.models import User
from cop_site.accounts.roles import SITE_ADMIN_ACCOUNTS, is_site_admin

from .audit_display import details_summary, person_for_admin
from .models import AuditEntry
from .registry import audit_actions

NOBODY = "No one"
VIEW_ONLY = frozenset({"view"})


class AuditLogPermissionPolicy(BasePermissionPolicy):
    """Site admins may view the audit log; nobody may add, change or delete an entry."""

    def user_has_permission(self, user: User | AnonymousUser, action: str) -> bool:
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user: User | AnonymousUser, actions: list[str]) -> bool:
        return bool(VIEW_ONLY.intersection(actions)) and is_site_admin(user)

    def users_with_any_permission(self, actions: list[str]) -> QuerySet[User]:
        if not VIEW_ONLY.intersection(actions):
            return User.objects.none()
        return User.objects.filter(SITE_ADMIN_ACCOUNTS, is_active=True).distinct()


register_permission_policy(AuditEntry, AuditLogPermissionPolicy(AuditEntry))


def action_choices() -> list[tuple[str, str]]:
    return sorted(
        ((key, str(action.label)) for key, action in audit_actions().items()),
        key=lambda choice: choice[1],
    )


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(
        label=_("Action"),
        choices=action_choices,
        widget=CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select actions from the list")},
    )
    person = django_filters.CharFilter(
        label=_("Person (name or email address)"),
        method="filter_person",
        help_text=_("Entries by or about anyone whose name or email address contains this."),
    )
    at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_person(self, queryset: QuerySet[AuditEntry], name: str, value: str):
        value = value.strip()
        if not value:
            return queryset
        matching = User.objects.filter(
            Q(email__icontains=value) | Q(profile__display_name__icontains=value),
            erased_at__isnull=True,
        ).values("pk")
        return queryset.filter(Q(actor__in=matching) | Q(subject__in=matching))


def _when(entry: AuditEntry) -> str:
    return formats.date_format(timezone.localtime(entry.at), "j M Y, H:i")


def _by(entry: AuditEntry) -> str:
    return person_for_admin(entry.actor)


def _about(entry: AuditEntry) -> str:
    return person_for_admin(entry.subject, none=NOBODY)


# A spreadsheet program runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> str:
    """A value for a CSV cell, with a leading quote where it would otherwise be read as a
    formula: names and reasons are typed by people, and a CSV cell has no type to stop it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


EXPORT_COLUMNS = ("at", "action", "actor", "subject", "reason")


class AuditEntryIndexView(IndexView):
    # XLSX cells are written as text already (Wagtail turns formulas back into strings).
    custom_field_preprocess = {
        column: {IndexView.FORMAT_CSV: spreadsheet_text} for column in EXPORT_COLUMNS
    }

    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        return super().get_base_queryset().select_related("actor__profile", "subject__profile")

    def to_row_dict(self, item: AuditEntry) -> dict[str, str]:
        """One entry as the list shows it: when, the action, and people by name and address."""
        return {
            "at": _when(item),
            "action": item.action_label,
            "actor": _by(item),
            "subject": _about(item),
            "reason": item.reason,
        }


class AuditEntryInspectView(InspectView):
    def get_object(self, queryset=None) -> AuditEntry:
        return get_object_or_404(
            AuditEntry.objects.select_related("actor__profile", "subject__profile"), pk=self.pk
        )

    def get_at_display_value(self) -> str:
        return _when(self.object)

    def get_action_display_value(self) -> str:
        return f"{self.object.action_label} ({self.object.action})"

    def get_actor_display_value(self) -> str:
        return person_for_admin(self.object.actor)

    def get_subject_display_value(self) -> str:
        return person_for_admin(self.object.subject, none=NOBODY)

    def get_reason_display_value(self) -> str:
        return self.object.reason or "-"

    def get_details_display_value(self) -> str:
        return details_summary(self.object) or "-"


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = AuditEntryIndexView
    inspect_view_class = AuditEntryInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["at", "action", "actor", "subject", "reason", "details"]
    copy_view_enabled = False
    filterset_class = AuditEntryFilterSet
    list_per_page = 50
    pk_path_converter = "id"
    # The list's "Download CSV/XLSX": the filtered entries, as the list shows them.
    list_export = list(EXPORT_COLUMNS)
    export_headings = {
        "at": _("When"),
        "action": _("Action"),
        "actor": _("By"),
        "subject": _("About"),
        "reason": _("Reason"),
    }
    export_filename = "audit-log"

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "at",
                label=_("When"),
                accessor=_when,
                url_name=self.get_url_name("inspect"),
                sort_key="at",
            ),
            Column("action", label=_("Action"), accessor="action_label"),
            Column("actor", label=_("By"), accessor=_by),
            Column("subject", label=_("About"), accessor=_about),
            Column("reason", label=_("Reason")),
        ]

    def get_common_view_kwargs(self, **kwargs):
        # The change views are not routed, so nothing may link to them.
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "edit_url_name": None,
            "delete_url_name": None,
            "history_url_name": None,
            "usage_url_name": None,
        }

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<id:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        # Access follows the site admin role, not Django permission rows a group could be given.
        return Permission.objects.none()


def register_audit_log() -> AuditEntryViewSet:
    return AuditEntryViewSet("audit_log")


hooks.register("register_admin_viewset", register_audit_log)
