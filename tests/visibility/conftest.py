"""The search and library fixtures the agreement test builds on: both search engines, an empty
index for each test, the resource library."""

from tests.resources.conftest import library, make_resource  # noqa: F401
from tests.search.conftest import engine, home_page, search_backend  # noqa: F401
