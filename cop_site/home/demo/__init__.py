"""The home app's demo: the home page's text, the footer pages and one account per role.

The texts are in home.toml and pages/, the accounts in accounts.toml; ``pages`` and
``accounts`` read them and load them (see ``cop_site.demo`` for the hook that runs them).
"""
