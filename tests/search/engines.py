"""The two search backends the search tests run against: the Whoosh backend and Wagtail's own
database backend (the `engine` fixture in conftest.py switches between them)."""

WHOOSH = "default"
DATABASE = "database"
