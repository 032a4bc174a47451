"""Search synonyms in the Wagtail admin: educators keep the field's acronyms and alternative names.

A change applies to the next search (synonyms are read when a search is, not indexed), so the
list screen says so rather than offering a re-index.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cop_site.accounts.models import Role, User

from .models import SynonymGroup

EDITORS = (Role.EDUCATOR, Role.SITE_ADMIN)


class EducatorPermissionPolicy(BasePermissionPolicy):
    """Every admin action on the model for educators and site admins, by role rather than
    by Django permission rows, so an educator can edit as soon as the role is granted."""

    def user_has_permission(self, user, action) -> bool:
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or user.has_role(*EDITORS)

    def users_with_any_permission(self, actions):
        return User.objects.filter(
            Q(is_superuser=True) | Q(role_grants__role__in=EDITORS), is_active=True
        ).distinct()


register_permission_policy(SynonymGroup, EducatorPermissionPolicy(SynonymGroup))


class SynonymGroupViewSet(ModelViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 260
    add_to_admin_menu = True
    form_fields = ["terms", "note"]
    list_display = [
        Column("__str__", label=_("Terms")),
        "note",
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    search_fields = ["terms", "note"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_synonym_admin():
    return SynonymGroupViewSet("search_synonyms")
