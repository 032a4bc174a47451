"""The home page's sections: each app offers its own, as it offers its navigation.

An app lists `HomeSection`s in a `home_sections` attribute on its AppConfig, and the
phrases that say what an account lets a person do with it in `member_offers`
("rate resources and practise appraising them"). The home page shows each section to
its audience, so a feature appears on the home page when its app is installed, and
never before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string

from cop_site.navigation import ANYONE, shown_to


@dataclass(frozen=True)
class HomeSection:
    # The template to include; it receives the section's data as `section`.
    template: str
    # Dotted path of a function(request) -> dict giving the template its data.
    context: str = ""
    audience: frozenset[str] = field(default_factory=lambda: frozenset({ANYONE}))
    order: int = 100

    def data(self, request: HttpRequest) -> dict:
        if not self.context:
            return {}
        function: Callable[[HttpRequest], dict] = import_string(self.context)
        return function(request)


@dataclass(frozen=True)
class ShownSection:
    template: str
    data: dict


def sections_for(request: HttpRequest) -> list[ShownSection]:
    sections = [
        section
        for config in apps.get_app_configs()
        for section in getattr(config, "home_sections", ())
        if shown_to(request.user, section.audience)
    ]
    return [
        ShownSection(section.template, section.data(request))
        for section in sorted(sections, key=lambda s: s.order)
    ]


def member_offers() -> list[str]:
    """What an account lets a person do, app by app, for the signed-out home page."""
    return [
        offer for config in apps.get_app_configs() for offer in getattr(config, "member_offers", ())
    ]
