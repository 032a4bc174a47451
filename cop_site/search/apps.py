from django.apps import AppConfig, apps

from cop_site.home.sections import HomeSection
from cop_site.navigation import ANYONE, MEMBERS, NavItem


class SearchConfig(AppConfig):
    name = "cop_site.search"
    label = "cop_search"
    verbose_name = "Search"
    nav_items = (
        NavItem("Search", "search:search", frozenset({ANYONE}), order=25),
        NavItem("Saved searches", "search:saved", frozenset({MEMBERS}), order=70),
    )
    home_sections = (HomeSection("search/home_section.html", order=20),)
    member_offers = ("save a search and get an email when new resources match it",)
    privacy_providers = ("cop_site.search.privacy.provider",)

    def ready(self) -> None:
        # Registers the check for a stalled index, connects the signals that clear cached
        # synonyms when an educator changes them, and re-indexes an object when a
        # many-to-many relation it is indexed by changes.
        from . import checks, relations, synonyms  # noqa: F401

        relations.connect()

        if apps.is_installed("wagtail"):
            # Registers the page rule every page type follows unless it declares its own.
            import cop_site.visibility  # noqa: F401
