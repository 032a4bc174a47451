from django.apps import AppConfig, apps


class SearchConfig(AppConfig):
    name = "cop_site.search"
    label = "cop_search"
    verbose_name = "Search"

    def ready(self):
        if apps.is_installed("wagtail"):
            from .visibility import register_wagtail_pages

            register_wagtail_pages()
