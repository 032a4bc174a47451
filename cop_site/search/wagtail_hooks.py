"""Search in the Wagtail admin: educators keep the field's acronyms and alternative names, and
the dashboard tells the people running the site when index changes are not being applied.

A synonym change applies to the next search (synonyms are read when a search is, not indexed),
so the list screen says so rather than offering a re-index.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cop_site.accounts.models import User
from cop_site.accounts.roles import CURATOR_ROLES, is_site_admin

from .checks import BACKLOG_AGE
from .models import SynonymGroup
from .outbox import Backlog, backlog


class EducatorPermissionPolicy(BasePermissionPolicy):
    """Every admin action on the model for educators and site admins, by role rather than
    by Django permission rows, so an educator can edit as soon as the role is granted."""

    def user_has_permission(self, user: User | AnonymousUser, action: str) -> bool:
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user: User | AnonymousUser, actions: list[str]) -> bool:
        if not isinstance(user, User) or not user.is_active:
            return False
        return user.is_superuser or user.has_role(*CURATOR_ROLES)

    def users_with_any_permission(self, actions: list[str]) -> QuerySet[User]:
        return User.objects.filter(
            Q(is_superuser=True) | Q(role_grants__role__in=CURATOR_ROLES), is_active=True
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


def register_synonym_admin() -> SynonymGroupViewSet:
    return SynonymGroupViewSet("search_synonyms")


hooks.register("register_admin_viewset", register_synonym_admin)


class IndexBacklogPanel(Component):
    """Tells the people running the site that search index changes have stopped being applied."""

    name = "search_index_backlog"
    template_name = "search/admin/index_backlog_panel.html"
    order = 50

    def __init__(self, backlog: Backlog) -> None:
        self.backlog = backlog

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return {"count": self.backlog.count, "oldest": self.backlog.oldest}


def add_index_backlog_panel(request: HttpRequest, panels: list[Component]) -> None:
    user = request.user
    if not is_site_admin(user):
        return
    if not backlog(older_than=BACKLOG_AGE).count:
        return
    panels.insert(0, IndexBacklogPanel(backlog()))


hooks.register("construct_homepage_panels", add_index_backlog_panel)
