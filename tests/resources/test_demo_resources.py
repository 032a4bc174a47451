"""The demo library loader: real resources, each appraised, loaded once."""

import dataclasses
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from resources.credibility import CRITERIA, Band
from resources.demo import content
from resources.models import (
    Appraisal,
    LearnerAppraisal,
    Rating,
    ReadingListPage,
    ResourceLibraryPage,
    ResourcePage,
)

from .conftest import indexed_in_bulk

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo_resources", "--force", *args, stdout=out)
    return out.getvalue()


def test_loads_appraised_resources_once(educator, second_educator, student, practitioner, client):
    with indexed_in_bulk():
        load()
    resources = ResourcePage.objects.live()
    assert resources.count() >= 40
    assert ResourceLibraryPage.objects.get().url == "/library/"
    for resource in resources:
        appraisals = list(Appraisal.objects.filter(resource=resource))
        assert appraisals, f"{resource.title} has no appraisal"
        assert resource.appraisal_count == len(appraisals)
        assert resource.credibility_band != Band.UNAPPRAISED
        for appraisal in appraisals:
            for guide in CRITERIA:
                assert len(appraisal.judgement(guide.key).reason) > 20
        assert resource.topics.exists() and resource.pcf_domains.exists()
        assert resource.summary and resource.link_url.startswith("https://")
    assert Appraisal.objects.filter(appraiser=second_educator).count() >= 10
    assert {r.credibility_band for r in resources} >= {Band.HIGH, Band.MODERATE}
    assert ReadingListPage.objects.live().count() == 3
    assert LearnerAppraisal.objects.filter(learner=student).exists()
    assert Rating.objects.filter(user=practitioner).exists()
    # Every knowledge source is represented.
    assert resources.values("knowledge_source").distinct().count() == 5

    counts = (
        ResourcePage.objects.count(),
        Appraisal.objects.count(),
        Revision.objects.count(),
        Rating.objects.count(),
        LearnerAppraisal.objects.count(),
    )
    assert "nothing changed" in load()
    assert counts == (
        ResourcePage.objects.count(),
        Appraisal.objects.count(),
        Revision.objects.count(),
        Rating.objects.count(),
        LearnerAppraisal.objects.count(),
    )

    assert client.get("/library/?band=moderate").status_code == 200
    care_act = client.get("/library/care-act-2014/").content.decode()
    assert "Appraisers disagree on utility" in care_act


@pytest.fixture
def few_resources(monkeypatch):
    """Three resources and nothing that depends on the rest, for the quicker tests."""
    demo = content.demo_library()
    few = dataclasses.replace(
        demo, resources=demo.resources[:3], reading_lists=[], learner_appraisals=[], ratings=[]
    )
    monkeypatch.setattr(content, "demo_library", lambda: few)


def test_dry_run_then_load_with_one_educator(educator, few_resources):
    assert "Dry run" in load("--dry-run")
    assert not ResourcePage.objects.exists()

    out = load()
    assert ResourcePage.objects.count() == 3
    assert "tutor@example.com does not exist" in out
    assert Appraisal.objects.exclude(appraiser=educator).count() == 0
    assert ResourcePage.objects.filter(appraisal_count=0).count() == 0


def test_needs_the_demo_educator(db):
    with pytest.raises(CommandError, match="load_demo_content"):
        load()


def test_refuses_without_debug_unless_forced(educator, few_resources):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo_resources", stdout=io.StringIO())
    assert not ResourcePage.objects.exists()
