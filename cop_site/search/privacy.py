"""The personal data of search: the searches a member saves, and their email alerts."""

from __future__ import annotations

from cop_site.accounts.models import User
from cop_site.privacy.registry import Basis, Holding, JSONData, Provider


def export(user: User) -> JSONData:
    raise NotImplementedError


def erase(user: User, *, delete_shared: bool) -> None:
    raise NotImplementedError


provider = Provider(
    area="search",
    label="Saved searches",
    description="The searches you saved, and whether you asked for weekly emails about them.",
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
