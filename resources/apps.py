from django.apps import AppConfig

from cop_site.home.sections import HomeSection
from cop_site.navigation import ANYONE, NavItem
from cop_site.search.kinds import SearchKind

# Where the demo loader puts the library page; a path (not a URL name) so the
# navigation marks the whole library, resource pages included, as the current section.
LIBRARY_PATH = "/library/"


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resource library"
    nav_items = (
        NavItem("Resources", LIBRARY_PATH, frozenset({ANYONE}), order=20),
        NavItem(
            "Your appraisals",
            "resources:my_appraisals",
            frozenset({"student", "practitioner", "educator", "site_admin"}),
            order=60,
        ),
    )
    home_sections = (
        HomeSection("resources/home_section.html", context="resources.home.home_context", order=10),
    )
    member_offers = (
        "rate how useful resources are, and practise appraising them and compare your "
        "judgement with the educators'",
    )

    search_kinds = (
        SearchKind(
            "resources",
            "Resources",
            "resources.ResourcePage",
            order=10,
            integration="resources.search",
            result_template="resources/includes/search_result.html",
            singular="resource",
        ),
    )

    def ready(self) -> None:
        from . import signals  # noqa: F401
