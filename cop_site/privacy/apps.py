from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "cop_site.privacy"
    label = "privacy"
    verbose_name = "Privacy and data protection"
    # The privacy app's own records (the audit log, downloads) and the platform's models that
    # are not any app's: Django's, Wagtail's and allauth's.
    privacy_providers = (
        "cop_site.privacy.providers.provider",
        "cop_site.privacy.platform.provider",
    )
