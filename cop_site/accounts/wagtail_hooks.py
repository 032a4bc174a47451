"""Wagtail's user screens hand over to the site, where accounts are managed.

Wagtail can create users, change their email address, name, active and superuser flags, and
delete them, one at a time or in bulk. Each would bypass what the site keeps for accounts:
roles given only by site admins, the audit log recording who changed what, and erasure, which
keeps what a person wrote for others under "Former member". So those screens send the admin to
Members and roles with a message saying so, and the Users item leaves the settings menu.
Wagtail's groups stay: they hold admin permissions, not people's accounts.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea

from .models import User

MANAGED_ON_THE_SITE = _(
    "Accounts are managed on the site, not in the admin: change a member's roles or erase "
    "their account here, on Members and roles. The audit log records each change."
)
USERS_MENU_NAME = "users"


def send_to_members(request: HttpRequest, *args: Any) -> HttpResponseRedirect:
    """Leaves the account as it is, and shows the admin where accounts are managed."""
    messages.info(request, MANAGED_ON_THE_SITE)
    return HttpResponseRedirect(reverse("accounts:members"))


def refuse_user_bulk_actions(
    request: HttpRequest, action_type: str, objects: list[Any], action: Any
) -> HttpResponseRedirect | None:
    """Wagtail's bulk delete, activate and group actions on users, refused like the rest."""
    if getattr(action, "model", None) is User:
        return send_to_members(request)
    return None


def hide_users_menu_item(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    menu_items[:] = [item for item in menu_items if item.name != USERS_MENU_NAME]


def hide_users_search_area(request: HttpRequest, search_areas: list[SearchArea]) -> None:
    search_areas[:] = [area for area in search_areas if area.name != USERS_MENU_NAME]


hooks.register("before_create_user", send_to_members)
hooks.register("before_edit_user", send_to_members)
hooks.register("before_delete_user", send_to_members)
hooks.register("before_bulk_action", refuse_user_bulk_actions)
hooks.register("construct_settings_menu", hide_users_menu_item)
hooks.register("construct_search", hide_users_search_area)
