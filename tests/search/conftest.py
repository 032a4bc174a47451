"""Fixtures for search tests: an empty index for each test, and pages to search."""

import itertools

import pytest
from modelsearch.backends import get_search_backend
from wagtail.models import Site

from cop_site.home.models import StandardPage

# The resource library's fixtures, for searches that find resources.
from tests.resources.conftest import library, make_resource, second_educator, topics  # noqa: F401
from tests.search.engines import DATABASE, WHOOSH

# Saving searches and publishing what their weekly email finds.
from tests.search.saved_helpers import publish, save  # noqa: F401

_slugs = itertools.count(1)


@pytest.fixture
def search_backend(db):
    """The default backend, its index emptied of anything earlier tests left behind."""
    backend = get_search_backend()
    backend.reset_indexes()
    yield backend
    backend.reset_indexes()


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def make_page(home_page, search_backend):
    def make(title, intro="", parent=None, live=True, **fields):
        page = StandardPage(
            title=title, slug=f"page-{next(_slugs)}", intro=intro, body=[], live=live, **fields
        )
        (parent or home_page).add_child(instance=page)
        return page

    return make


@pytest.fixture(params=[WHOOSH, DATABASE])
def engine(request, settings, search_backend):
    if request.param == DATABASE:
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": "wagtail.search.backends.database"}
        }
    return request.param


@pytest.fixture
def whoosh_only(engine):
    if engine != WHOOSH:
        pytest.skip("spelling suggestions come from the Whoosh index's vocabulary")
