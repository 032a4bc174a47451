from django.apps import AppConfig

from cop_site.navigation import NavItem


class HomeConfig(AppConfig):
    name = "cop_site.home"
    label = "home"
    verbose_name = "Home and site pages"
    nav_items = (NavItem("Home", "/", order=0),)
