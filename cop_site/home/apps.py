from django.apps import AppConfig

from cop_site.demo import DemoLoader
from cop_site.navigation import NavItem


class HomeConfig(AppConfig):
    name = "cop_site.home"
    label = "home"
    verbose_name = "Home and site pages"
    nav_items = (NavItem("Home", "/", order=0),)
    # The site's pages first, then the accounts whose names other apps' demo content carries.
    demo_loaders = (
        DemoLoader("cop_site.home.demo.pages.load", "Site pages", order=0),
        DemoLoader("cop_site.home.demo.accounts.load", "Demo accounts", order=10),
    )
