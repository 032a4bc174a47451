"""Site navigation: each app declares the items it offers and to which roles.

An app lists `NavItem`s in a `nav_items` attribute on its AppConfig; the context
processor shows each person only the items their roles can use. An item can also be
hidden from people who hold a role with a fuller item of its own (a site admin sees
"Members and roles" rather than a moderator's "Members").
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from cop_site.accounts.roles import Role, is_site_admin

ANYONE = "anyone"
MEMBERS = "members"


def _holds(user, roles: frozenset[str]) -> bool:
    if Role.SITE_ADMIN in roles and is_site_admin(user):
        return True
    return bool(roles) and user.has_role(*roles)


def shown_to(user, audience: frozenset[str], hidden_from: frozenset[str] = frozenset()) -> bool:
    """Whether something meant for `audience` (roles, ANYONE or MEMBERS) is shown to `user`."""
    if ANYONE in audience:
        return True
    if not user.is_authenticated:
        return False
    if hidden_from and _holds(user, hidden_from):
        return False
    return MEMBERS in audience or _holds(user, audience)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    audience: frozenset[str] = field(default_factory=lambda: frozenset({ANYONE}))
    order: int = 100
    hidden_from: frozenset[str] = frozenset()

    def visible_to(self, user) -> bool:
        return shown_to(user, self.audience, self.hidden_from)


def items_for(user) -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav_items", ()))
    return sorted((item for item in items if item.visible_to(user)), key=lambda i: i.order)


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {}
    entries = []
    for item in items_for(user):
        if item.url_name.startswith("/"):
            url = item.url_name
        else:
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return {"primary_nav": entries}
