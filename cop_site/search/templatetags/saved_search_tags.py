"""``{% save_search_form query_string user as save %}`` for the search page's "Save this search",
and ``{% alerted_things %}``: what saved-search emails tell people about ("resources")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from ..models import SavedSearch, default_name, is_searchable, normalise_query_string
from ..saved import alerted_things as alerted_things_text
from ..saved import find_saved
from ..saved_forms import SaveSearchForm

register = template.Library()


@dataclass
class SaveSearch:
    query_string: str
    form: SaveSearchForm | None
    existing: SavedSearch | None

    @property
    def can_save(self) -> bool:
        return is_searchable(self.query_string)

    @property
    def search_path(self) -> str:
        """Where signing in should bring someone back to: this search."""
        path = reverse("search:search")
        return f"{path}?{self.query_string}" if self.query_string else path


@register.simple_tag
def save_search_form(query_string: str, user: Any) -> SaveSearch:
    """What the search page needs to offer saving the current search to ``user``."""
    normalised = normalise_query_string(query_string or "")
    if not (getattr(user, "is_authenticated", False) and is_searchable(normalised)):
        return SaveSearch(normalised, None, None)
    existing = find_saved(user, normalised)
    form = None
    if existing is None:
        form = SaveSearchForm(
            initial={"query_string": normalised, "name": default_name(normalised)},
            user=user,
            auto_id="save-search-%s",
        )
    return SaveSearch(normalised, form, existing)


@register.simple_tag
def alerted_things() -> str:
    return alerted_things_text()
