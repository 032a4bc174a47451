"""The personal data of search: the searches a member saves, and their email alerts."""

from __future__ import annotations

from cop_site.accounts.models import User
from cop_site.privacy.registry import Basis, Holding, JSONData, Provider


def export(user: User) -> JSONData:
    """The member's saved searches: what each searches for, in words and as its link, and
    whether its weekly email is on."""
    from .models import SavedSearch, filter_labels
    from .saved import search_url

    labels = filter_labels()
    return {
        "saved_searches": [
            {
                "name": saved.name,
                "searches_for": saved.describe(labels),
                "link": search_url(saved),
                "weekly_email": saved.alerts,
                "next_email_lists_what_is_new_since": saved.last_alerted_at.isoformat(),
                "saved_at": saved.created_at.isoformat(),
            }
            for saved in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
        ]
    }


def erase(user: User, *, delete_shared: bool) -> None:
    """Deletes the member's saved searches: only they ever see them, so nothing stays."""
    from .models import SavedSearch

    SavedSearch.objects.filter(user=user).delete()


provider = Provider(
    area="search",
    label="Saved searches",
    description="The searches you saved, and whether you asked for weekly emails about them.",
    listed=30,
    holdings=(
        Holding(
            "cop_search.SavedSearch",
            ("name", "query_string", "alerts", "last_alerted_at", "created_at"),
            what="The searches you save, whether you asked for weekly emails about what is new, "
            "and when the last one was sent",
            purpose="To run your saved searches and send the alerts you ask for",
            basis=Basis.CONTRACT,
            seen_by="Only you",
        ),
    ),
    export=export,
    erase=erase,
)
