"""Site navigation: each app declares the items it offers and to which roles.

An app lists `NavItem`s in a `nav_items` attribute on its AppConfig; the context
processor shows each person only the items their roles can use.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse

ANYONE = "anyone"
MEMBERS = "members"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    audience: frozenset[str] = field(default_factory=lambda: frozenset({ANYONE}))
    order: int = 100

    def visible_to(self, user) -> bool:
        if ANYONE in self.audience:
            return True
        if not user.is_authenticated:
            return False
        if MEMBERS in self.audience:
            return True
        if user.is_superuser and "site_admin" in self.audience:
            return True
        return user.has_role(*self.audience)


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
