"""Fixtures for the resource library: the library page, resources, appraisals, ratings."""

import itertools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import pytest
from django.db.models.signals import post_save
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Site

from resources.credibility import CRITERIA, Judgement, Score
from resources.models import (
    Appraisal,
    Audience,
    KnowledgeSource,
    PCFDomain,
    ResourceFormat,
    ResourceLibraryPage,
    ResourcePage,
    Topic,
)

_numbers = itertools.count(1)


def judgements(default: str = Score.MET, **scores: str) -> dict[str, Judgement]:
    """A full TAPUPAS judgement: every criterion `default`, except those named."""
    return {
        guide.key: Judgement(
            score=scores.get(guide.key, default),
            reason=f"Reason for {guide.label.lower()}: {scores.get(guide.key, default)}.",
        )
        for guide in CRITERIA
    }


def form_data(default: str = Score.MET, **scores: str) -> dict[str, str]:
    """The appraisal form's POST data for the same judgement."""
    data = {}
    for key, judgement in judgements(default, **scores).items():
        data[f"{key}_score"] = judgement.score
        data[f"{key}_reason"] = judgement.reason
    return data


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def library(home_page) -> ResourceLibraryPage:
    page = ResourceLibraryPage(title="Resource library", slug="library", intro="Curated resources.")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def topics(db) -> dict[str, Topic]:
    return {
        slug: Topic.objects.create(name=name, slug=slug)
        for slug, name in [
            ("safeguarding-adults", "Safeguarding adults"),
            ("mental-capacity", "Mental capacity"),
            ("child-protection", "Child protection"),
        ]
    }


MakeResource = Callable[..., ResourcePage]


@pytest.fixture
def make_resource(library) -> MakeResource:
    """Factory: `make_resource(title=..., topics=[...], pcf=[slugs], audiences=[slugs],
    source="research", **fields)` returns a live resource in the library."""
    sources = {s.slug: s for s in KnowledgeSource.objects.all()}
    domains = {d.slug: d for d in PCFDomain.objects.all()}
    audiences_by_slug = {a.slug: a for a in Audience.objects.all()}

    def make(
        title: str | None = None,
        *,
        topics=(),
        pcf=(),
        audiences=(),
        source: str = "research",
        parent=None,
        **fields,
    ) -> ResourcePage:
        n = next(_numbers)
        title = title or f"Resource {n}"
        fields.setdefault("summary", f"A summary of {title}.")
        fields.setdefault("publisher", "Social Care Institute for Excellence")
        fields.setdefault("format", ResourceFormat.GUIDE)
        fields.setdefault("year", 2020)
        fields.setdefault("link_url", f"https://example.org/resources/{n}")
        resource = ResourcePage(
            title=title,
            slug=f"resource-{n}",
            knowledge_source=sources[source],
            **fields,
        )
        resource.topics = list(topics)
        resource.pcf_domains = [domains[slug] for slug in pcf]
        resource.audiences = [audiences_by_slug[slug] for slug in audiences]
        (parent or library).add_child(instance=resource)
        return resource

    return make


@pytest.fixture
def resource(make_resource) -> ResourcePage:
    return make_resource("Making Safeguarding Personal")


@pytest.fixture
def second_educator(make_user):
    from cop_site.accounts.models import Role
    from cop_site.accounts.regulators import Regulator

    user = make_user(
        "tutor@example.com",
        roles=[Role.EDUCATOR],
        mfa=True,
        display_name="Tomas Tutor",
        regulator=Regulator.SOCIAL_WORK_ENGLAND,
        registration_number="SW123456",
    )
    return user


def bulk_appraise(resource: ResourcePage, appraisers, scores: Mapping[str, str] | None = None):
    """Appraisals straight into the table, for building large data sets quickly."""
    rows = []
    for appraiser in appraisers:
        appraisal = Appraisal(resource=resource, appraiser=appraiser, appraiser_role="educator")
        appraisal.set_judgements(judgements(**(scores or {})))
        rows.append(appraisal)
    return Appraisal.objects.bulk_create(rows)


@contextmanager
def indexed_in_bulk() -> Iterator[None]:
    """Builds many resources quickly: instead of one index task per saved page, the
    search index is brought up to date in one batch at the end."""
    post_save.disconnect(post_save_signal_handler, sender=ResourcePage)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=ResourcePage)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ResourcePage, list(ResourcePage.objects.all()))
        backend.refresh_indexes()
