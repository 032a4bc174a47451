from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "cop_site.privacy"
    label = "privacy"
    verbose_name = "Privacy and data protection"
    # The privacy app's own records (the audit log, downloads) and the platform's models that
    # are not any app's: Django's, Wagtail's and allauth's (sessions and queued emails apart),
    # whose admin histories are unnamed first, before any area deletes the rows their entries
    # are about.
    privacy_providers = (
        "cop_site.privacy.providers.provider",
        "cop_site.privacy.platform.provider",
        "cop_site.privacy.platform.sessions_and_tasks",
        "cop_site.privacy.platform_erasure.admin_history",
    )

    def ready(self) -> None:
        # Registers the check that downloads of members' data are not in a public folder.
        from . import checks  # noqa: F401
