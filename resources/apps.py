from django.apps import AppConfig

from cop_site.accounts.profile_sections import ProfileSection
from cop_site.cpd import CpdSource
from cop_site.demo import DemoLoader
from cop_site.home.sections import HomeSection
from cop_site.navigation import ANYONE, NavItem
from cop_site.search.kinds import KindAlerts, SearchableField, SearchKind, SearchTips

# Where the demo loader puts the library page; a path (not a URL name) so the
# navigation marks the whole library, resource pages included, as the current section.
LIBRARY_PATH = "/library/"
# A learner's practice appraisal of a resource, which they can record as CPD.
CPD_SOURCE_KEY = "resource"


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
            # The names resources.search.condition answers to.
            fields=(
                SearchableField(
                    "author", "Resources by that author", "author:munro", aliases=("authors",)
                ),
                SearchableField("topic", "Resources on that topic", "topic:safeguarding"),
                SearchableField(
                    "source",
                    "Resources from that knowledge source or publisher",
                    "source:research",
                    aliases=("publisher",),
                ),
            ),
            alerts=KindAlerts(new_since="first_published_at"),
            tips=SearchTips(
                fields="resources/search_tips/fields.html",
                combining="resources/search_tips/combining.html",
                filters="resources/search_tips/filters.html",
                judging="resources/search_tips/judging.html",
            ),
        ),
    )
    profile_sections = (
        ProfileSection(
            "resources/includes/profile_appraisals.html",
            context="resources.profile.appraisals_section",
            order=10,
        ),
    )
    cpd_sources = (CpdSource(CPD_SOURCE_KEY, "Appraising a resource", "resources.ResourcePage"),)

    # After the home app's demo accounts: every resource carries the demo educator's appraisal.
    demo_loaders = (DemoLoader("resources.demo.loader.load", "Resource library", order=20),)

    privacy_providers = ("resources.privacy.provider",)

    def ready(self) -> None:
        from . import signals  # noqa: F401
