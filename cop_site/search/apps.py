from django.apps import AppConfig, apps

from cop_site.navigation import ANYONE, MEMBERS, NavItem


class SearchConfig(AppConfig):
    name = "cop_site.search"
    label = "cop_search"
    verbose_name = "Search"
    nav_items = (
        NavItem("Search", "search:search", frozenset({ANYONE}), order=25),
        NavItem("Saved searches", "search:saved", frozenset({MEMBERS}), order=70),
    )

    def ready(self):
        if apps.is_installed("wagtail"):
            from .visibility import register_wagtail_pages

            register_wagtail_pages()
