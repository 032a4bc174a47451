"""Forms for saving a search and changing a saved search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy

from .models import NAME_MAX_LENGTH
from .saved import alerted_things, check_query_string, find_saved, single_line


def alerts_label() -> str:
    return f"Email me weekly when new {alerted_things()} match"


class SingleLineCharField(forms.CharField):
    """Text on one line: line breaks, tabs and other control characters become spaces before
    the field is checked, so the length limit counts what is kept."""

    def to_python(self, value: Any) -> str:
        return single_line(super().to_python(value) or "")


class SavedSearchForm(forms.Form):
    name = SingleLineCharField(
        label="Name this search",
        max_length=NAME_MAX_LENGTH,
        help_text="So you can tell your saved searches apart.",
        error_messages={
            "required": "Enter a name for this search",
            "max_length": f"Name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    alerts = forms.BooleanField(
        # Worked out when the form is shown: the kinds with alerts are known once apps are ready.
        label=lazy(alerts_label, str)(),
        required=False,
        help_text="We only email you when there is something new, at most once a week.",
    )


class SaveSearchForm(SavedSearchForm):
    # Not required: a missing search gets the clearer message from clean().
    query_string = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=10_000, strip=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.order_fields(["query_string", "name", "alerts"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["query_string"] = check_query_string(cleaned.get("query_string", ""))
        existing = find_saved(self.user, cleaned["query_string"])
        if existing is not None:
            raise ValidationError(
                f"You have already saved this search as “{existing.name}”. Change it from your"
                " saved searches instead.",
                code="duplicate",
            )
        return cleaned
