"""Resources offer a learner's practice appraisal as CPD (``cpd_sources``); the app that keeps the
CPD log says where it is recorded (``cpd_log``). Neither names the other."""

import pytest
from django.apps import apps

from cop_site.cpd import CpdSource, cpd_sources, record_url
from resources import services
from tests.resources.conftest import home_page, judgements, library, make_resource, resource  # noqa: F401

pytestmark = pytest.mark.django_db

ADD_TO_LOG = "Add this to your CPD log"
KEPT_IN_APPRAISALS = "where you can come back to it as evidence for your CPD"


def log_form_for(source: CpdSource, obj) -> str:
    """A CPD log's answer: its form for a new record about ``obj``."""
    return f"/cpd/new/?{source.key}={obj.pk}"


def compare_html(client_as, learner, resource) -> str:  # noqa: F811
    services.appraise_as_learner(resource, by=learner, scores=judgements())
    response = client_as(learner).get(f"/resources/{resource.pk}/compare/")
    assert response.status_code == 200
    return response.content.decode()


def test_resources_offer_the_practice_appraisal_as_a_cpd_source():
    assert [(s.key, s.model_label) for s in cpd_sources()] == [
        ("resource", "resources.ResourcePage")
    ]


def test_until_the_cpd_log_takes_it_the_appraisal_stays_in_your_appraisals(
    client_as,
    student,
    resource,  # noqa: F811
):
    html = compare_html(client_as, student, resource)
    assert ADD_TO_LOG not in html
    assert KEPT_IN_APPRAISALS in html
    assert record_url("resource", resource) == ""


def test_the_app_keeping_the_cpd_log_gives_the_link(client_as, student, resource, monkeypatch):  # noqa: F811
    keeper = apps.get_app_config("learning")
    monkeypatch.setattr(keeper, "cpd_log", f"{__name__}.log_form_for", raising=False)
    html = compare_html(client_as, student, resource)
    assert f'href="/cpd/new/?resource={resource.pk}"' in html
    assert ADD_TO_LOG in html
    assert KEPT_IN_APPRAISALS not in html


def test_a_source_no_app_offers_has_nowhere_to_be_logged(resource, monkeypatch):  # noqa: F811
    monkeypatch.setattr(
        apps.get_app_config("learning"), "cpd_log", f"{__name__}.log_form_for", raising=False
    )
    assert record_url("resource", resource) == f"/cpd/new/?resource={resource.pk}"
    assert record_url("reflection", resource) == ""
