"""Fixtures and helpers shared by the saved-search tests."""

import datetime

import pytest
from django.urls import reverse

from cop_site.search import saved as services
from tests.resources.conftest import library, make_resource, topics  # noqa: F401


def edit_url(saved):
    return reverse("search:saved_edit", args=[saved.pk])


@pytest.fixture
def save(practitioner):
    def make(query_string="q=safeguarding+adults", name="", alerts=True, user=None):
        return services.save_search(user or practitioner, query_string, name=name, alerts=alerts)

    return make


@pytest.fixture
def publish(make_resource, search_backend):  # noqa: F811
    """Factory: a resource published now, the way an editor publishes it (a revision)."""

    def make(title, **fields):
        resource = make_resource(title, live=False, **fields)
        resource.save_revision().publish()
        resource.refresh_from_db()
        return resource

    return make


def week_after(saved, days=7):
    return saved.last_alerted_at + datetime.timedelta(days=days)
