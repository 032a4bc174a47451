from django.apps import AppConfig

from cop_site.navigation import MEMBERS, NavItem

from .roles import MEMBER_LIST_ROLES, ROLE_SETTER_ROLES, VERIFIER_ROLES, Role


class AccountsConfig(AppConfig):
    name = "cop_site.accounts"
    label = "accounts"
    verbose_name = "Accounts and profiles"
    nav_items = (
        NavItem("People", "accounts:directory", frozenset({MEMBERS}), order=50),
        NavItem(
            "Verify registrations",
            "accounts:verification_queue",
            frozenset(VERIFIER_ROLES),
            order=80,
        ),
        # Moderators see the member list; only site admins change roles.
        NavItem(
            "Members",
            "accounts:members",
            frozenset(MEMBER_LIST_ROLES),
            order=85,
            hidden_from=frozenset(ROLE_SETTER_ROLES),
        ),
        NavItem("Members and roles", "accounts:members", frozenset(ROLE_SETTER_ROLES), order=85),
        NavItem(
            "Manage content", "wagtailadmin_home", frozenset({Role.EDUCATOR, Role.SITE_ADMIN}), 90
        ),
    )

    member_offers = (
        "meet other members, and show your qualifications and professional registration, "
        "checked against the regulator's register",
    )

    privacy_providers = ("cop_site.accounts.privacy.provider",)

    def ready(self) -> None:
        from . import signals

        signals.connect_post_migrate(self)
