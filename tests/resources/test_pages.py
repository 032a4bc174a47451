"""The public "How we rate sources" page and the library's place in the navigation."""

import pytest

pytestmark = pytest.mark.django_db


def test_how_we_rate_sources_explains_the_rule(client):
    response = client.get("/resources/how-we-rate-sources/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in (
        "Transparency",
        "Accuracy",
        "Purposivity",
        "Utility",
        "Propriety",
        "Accessibility",
        "Specificity",
        "a score of 75 or more",
        "a score of 50 or more",
        "as long as accuracy is not judged",
        "Left out of the calculation",
        "Research knowledge",
        "Service user and carer knowledge",
        "Knowledge Review 3",
    ):
        assert text in html


def test_library_is_in_everyones_navigation(client, client_as, student, library):
    html = client.get("/").content.decode()
    assert 'href="/library/"' in html
    student_html = client_as(student).get("/library/").content.decode()
    assert 'aria-current="page"' in student_html
    assert 'href="/resources/my-appraisals/"' in student_html


def test_library_address_without_a_library_is_a_404(client):
    assert client.get("/resources/").status_code == 404
