"""What apps add to a member's profile page, each offering its own, as it offers its navigation.

An app lists ``ProfileSection`` objects in a ``profile_sections`` attribute on its AppConfig. A
section names a template, included with the section's data as ``section``, and the dotted path
of a function ``(request, member) -> dict | None`` giving that data; None (or an empty dict)
leaves the section out, so "Your appraisals of resources" appears only to someone who has made
one. ``owner_only`` sections are shown only on a person's own profile. The profile page knows no
app by name: a section appears when its app is installed, and never before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    # Apps declare their sections while models are still loading.
    from .models import User

SectionData = dict[str, Any]


@dataclass(frozen=True)
class ProfileSection:
    template: str
    # Dotted path of a function(request, member) -> dict | None giving the template its data.
    context: str
    owner_only: bool = True
    order: int = 100

    def data(self, request: HttpRequest, member: User) -> SectionData | None:
        function: Callable[[HttpRequest, User], SectionData | None] = import_string(self.context)
        return function(request, member)


@dataclass(frozen=True)
class ShownProfileSection:
    template: str
    data: SectionData


def declared_sections() -> list[ProfileSection]:
    sections = [
        section
        for config in apps.get_app_configs()
        for section in getattr(config, "profile_sections", ())
    ]
    return sorted(sections, key=lambda s: s.order)


def sections_for(request: HttpRequest, member: User) -> list[ShownProfileSection]:
    """The sections the apps offer on ``member``'s profile as ``request.user`` sees it."""
    own = member.pk == request.user.pk
    shown = []
    for section in declared_sections():
        if section.owner_only and not own:
            continue
        data = section.data(request, member)
        if data:
            shown.append(ShownProfileSection(section.template, data))
    return shown
