from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    # Keeps the CPD log: other apps offer what can be logged in ``cpd_sources``, and link to
    # the address this gives (see cop_site.cpd).
    cpd_log = "learning.cpd.record_url"
