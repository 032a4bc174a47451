from django.apps import AppConfig

from cop_site.navigation import MEMBERS, NavItem


class AccountsConfig(AppConfig):
    name = "cop_site.accounts"
    label = "accounts"
    verbose_name = "Accounts and profiles"
    nav_items = (
        NavItem("People", "accounts:directory", frozenset({MEMBERS}), order=50),
        NavItem(
            "Verify registrations",
            "accounts:verification_queue",
            frozenset({"educator", "site_admin"}),
            order=80,
        ),
        NavItem(
            "Members and roles", "accounts:members", frozenset({"moderator", "site_admin"}), 85
        ),
        NavItem("Manage content", "wagtailadmin_home", frozenset({"educator", "site_admin"}), 90),
    )

    def ready(self) -> None:
        from . import signals

        signals.connect_post_migrate(self)
