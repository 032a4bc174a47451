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

    def ready(self):
        # Connects the signals that clear cached synonyms when an educator changes them.
        from . import synonyms  # noqa: F401

        if apps.is_installed("wagtail"):
            from .visibility import register_wagtail_pages

            register_wagtail_pages()
