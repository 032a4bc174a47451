"""Saved searches: saving, listing, renaming and deleting, through the real views and services.
The weekly email is in test_saved_search_alerts.py."""

import re
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cop_site.search import saved as services
from cop_site.search.models import SavedSearch, normalise_query_string
from tests.search.saved_helpers import edit_url

SAVED = reverse("search:saved")
SAVE = reverse("search:save")


def delete_url(saved):
    return reverse("search:saved_delete", args=[saved.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Normalising ---------------------------------------------------------------------------------


def test_query_string_is_normalised():
    assert (
        normalise_query_string("?topic=b&page=3&q=+safeguarding+&kind=resources&topic=a&band=")
        == "kind=resources&q=safeguarding&topic=b&topic=a"
    )


# --- Saving --------------------------------------------------------------------------------------


def test_save_form_is_prefilled_from_the_search(client_as, practitioner):
    client = client_as(practitioner)
    response = client.get(SAVE, {"q": "safeguarding adults", "kind": "resources", "page": "2"})
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    assert 'value="kind=resources&amp;q=safeguarding+adults"' in body
    assert 'name="name" value="safeguarding adults"' in body
    response = client.get(SAVE, {"query_string": "q=mental+capacity&format=guide"})
    body = text(response)
    assert 'value="format=guide&amp;q=mental+capacity"' in body
    assert "format: Guide" in body
    # The search is described in words: its kind, and the kind its filters belong to.
    body = text(client.get(SAVE, {"query_string": "format=guide&band=high"}))
    assert "All resources, format: Guide, credibility: High credibility" in body
    body = text(client.get(SAVE, {"query_string": "kind=pages&q=consent"}))
    assert "“consent” in pages only" in body


def test_member_saves_a_search(client_as, practitioner):
    before = timezone.now()
    response = client_as(practitioner).post(
        SAVE,
        {
            "query_string": "q=safeguarding+adults&page=2&kind=resources",
            "name": "Adult safeguarding",
            "alerts": "on",
        },
        follow=True,
    )
    assert response.redirect_chain == [(SAVED, 302)]
    saved = SavedSearch.objects.get(user=practitioner)
    assert saved.name == "Adult safeguarding"
    assert saved.query_string == "kind=resources&q=safeguarding+adults"
    assert saved.alerts is True
    assert saved.last_alerted_at >= before
    body = text(response)
    assert "“Adult safeguarding” is saved. We will email you weekly" in body
    assert f'href="{reverse("search:search")}?kind=resources&amp;q=safeguarding+adults"' in body


def test_saving_the_same_search_twice_is_a_clear_error_keeping_what_was_typed(
    client_as, practitioner, save
):
    save("q=safeguarding+adults", name="First")
    response = client_as(practitioner).post(
        SAVE,
        # The same search, parameters in another order and a page number.
        {"query_string": "page=4&q=safeguarding+adults", "name": "My second go", "alerts": "on"},
    )
    assert response.status_code == 200
    body = text(response)
    assert "There is a problem" in body
    assert "You have already saved this search as “First”" in body
    assert 'value="My second go"' in body
    assert re.search(r'<input type="checkbox" name="alerts"[^>]*checked', body)
    assert SavedSearch.objects.filter(user=practitioner).count() == 1


def test_saving_an_empty_search_is_a_clear_error_keeping_what_was_typed(client_as, practitioner):
    response = client_as(practitioner).post(
        SAVE, {"query_string": "page=2&q=+", "name": "Nothing much"}
    )
    assert response.status_code == 200
    body = text(response)
    assert "There is a problem" in body
    assert "There is no search to save" in body
    assert 'value="Nothing much"' in body
    assert not SavedSearch.objects.exists()


def test_the_service_refuses_duplicates_too(save):
    save("q=consent")
    with pytest.raises(services.DuplicateSavedSearch):
        save("q=consent")


def test_anonymous_visitors_are_sent_to_sign_in_and_back(db, anonymous_client):
    for url in (SAVED, f"{SAVE}?q=consent"):
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={quote(url, safe='/')}"
    response = anonymous_client.post(SAVE, {"query_string": "q=consent", "name": "Consent"})
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()


# A name arrives with line breaks from a crafted request or pasted text: each kind of line
# break Python's email headers refuse, and tabs.
MULTI_LINE_NAME = "Adult\r\nsafeguarding\n\n weekly\u2028digest\x0bfor\x1cme\tplease"
SINGLE_LINE_NAME = "Adult safeguarding weekly digest for me please"


def test_line_breaks_in_a_name_become_spaces_when_saving(client_as, practitioner):
    response = client_as(practitioner).post(
        SAVE, {"query_string": "q=safeguarding", "name": MULTI_LINE_NAME}, follow=True
    )
    assert response.redirect_chain == [(SAVED, 302)]
    assert SavedSearch.objects.get(user=practitioner).name == SINGLE_LINE_NAME
    assert f"“{SINGLE_LINE_NAME}” is saved." in text(response)


def test_line_breaks_in_a_name_become_spaces_when_renaming(client_as, practitioner, save):
    saved = save()
    response = client_as(practitioner).post(edit_url(saved), {"name": MULTI_LINE_NAME})
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.name == SINGLE_LINE_NAME


def test_a_name_of_line_breaks_alone_is_an_error_keeping_the_search(client_as, practitioner):
    response = client_as(practitioner).post(
        SAVE, {"query_string": "q=safeguarding", "name": "\r\n\u2028\n"}
    )
    assert response.status_code == 200
    body = text(response)
    assert "There is a problem" in body
    assert "Enter a name for this search" in body
    assert 'value="q=safeguarding"' in body
    assert not SavedSearch.objects.exists()


def test_the_services_keep_names_to_one_line_too(save, practitioner):
    saved = save("q=consent", name=MULTI_LINE_NAME)
    assert saved.name == SINGLE_LINE_NAME
    services.update_saved_search(saved, by=practitioner, name="Consent\nand capacity", alerts=True)
    saved.refresh_from_db()
    assert saved.name == "Consent and capacity"
    # Nothing left once the line breaks go: the search's own name, as for an empty one.
    assert save("q=capacity", name="\n\r\n").name == "capacity"


# --- Listing, changing and deleting --------------------------------------------------------------


def test_list_shows_only_my_saved_searches(client_as, practitioner, student, save, topics):  # noqa: F811
    save("q=consent&topic=safeguarding-adults&format=guide", name="Consent guides", alerts=False)
    save("q=court+skills", name="Court skills", alerts=True)
    save("q=placement", name="Someone else's", user=student)
    response = client_as(practitioner).get(SAVED)
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    assert "Consent guides" in body and "Court skills" in body
    assert "Someone else" not in body
    assert "“consent”, topic: Safeguarding adults, format: Guide" in body
    assert body.index("Court skills") < body.index("Consent guides")  # newest first
    assert ">Saved searches<" in body  # the navigation item


def test_list_makes_the_same_number_of_queries_however_many_searches(
    client_as, practitioner, save, django_assert_max_num_queries
):
    client = client_as(practitioner)
    save("q=one")
    with django_assert_max_num_queries(20) as few:
        client.get(SAVED)
    for n in range(10):
        save(f"q=more+{n}&topic=t{n}&source=research")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(SAVED)


def test_member_renames_a_search_and_turns_the_email_on(client_as, practitioner, save):
    saved = save(alerts=False)
    old = saved.last_alerted_at
    client = client_as(practitioner)
    response = client.get(edit_url(saved))
    assert response.status_code == 200
    assert 'value="safeguarding adults"' in text(response)
    response = client.post(edit_url(saved), {"name": "Adults", "alerts": "on"}, follow=True)
    assert response.redirect_chain == [(SAVED, 302)]
    assert "We will email you weekly when new resources match “Adults”" in text(response)
    saved.refresh_from_db()
    assert (saved.name, saved.alerts) == ("Adults", True)
    # The first email only lists what is published after the email was turned on.
    assert saved.last_alerted_at > old


def test_renaming_to_nothing_is_an_error(client_as, practitioner, save):
    saved = save()
    response = client_as(practitioner).post(edit_url(saved), {"name": "  "})
    assert response.status_code == 200
    assert "Enter a name for this search" in text(response)


def test_member_deletes_a_saved_search_after_confirming(client_as, practitioner, save):
    saved = save(name="To go")
    client = client_as(practitioner)
    response = client.get(delete_url(saved))
    assert response.status_code == 200
    assert "Are you sure you want to delete “To go”?" in text(response)
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    response = client.post(delete_url(saved), follow=True)
    assert response.redirect_chain == [(SAVED, 302)]
    assert "“To go” has been deleted" in text(response)
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_another_members_saved_search_is_not_found(client_as, student, save):
    saved = save(name="Mine")
    client = client_as(student)
    assert client.get(edit_url(saved)).status_code == 404
    assert client.post(edit_url(saved), {"name": "Hijacked"}).status_code == 404
    assert client.get(delete_url(saved)).status_code == 404
    assert client.post(delete_url(saved)).status_code == 404
    saved.refresh_from_db()
    assert saved.name == "Mine"


def test_services_check_the_owner(save, student):
    from django.core.exceptions import PermissionDenied

    saved = save()
    with pytest.raises(PermissionDenied):
        services.update_saved_search(saved, by=student, name="x", alerts=False)
    with pytest.raises(PermissionDenied):
        services.delete_saved_search(saved, by=student)


# --- The form on the search page -----------------------------------------------------------------


def render_include(user, query_string):
    request = RequestFactory().get("/search/")
    request.user = user
    return re.sub(
        r"\s+",
        " ",
        render_to_string(
            "search/includes/save_search_form.html",
            {"query_string": query_string, "user": user},
            request=request,
        ),
    )


def test_search_page_form_for_a_member(practitioner):
    html = render_include(practitioner, "q=safeguarding+adults&page=2")
    assert f'action="{SAVE}"' in html
    assert 'name="query_string" value="q=safeguarding+adults"' in html
    assert 'name="name" value="safeguarding adults"' in html
    assert "Email me weekly when new resources match" in html
    assert "Save this search</button>" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_search_page_form_once_saved_links_to_it(practitioner, save):
    saved = save("q=safeguarding+adults", name="Adults")
    html = render_include(practitioner, "q=safeguarding+adults")
    assert "You saved this search as “Adults”" in html
    assert edit_url(saved) in html
    assert "<form" not in html


def test_search_page_asks_visitors_to_sign_in(db):
    from django.contrib.auth.models import AnonymousUser

    html = render_include(AnonymousUser(), "q=safeguarding+adults&kind=resources")
    login = reverse("account_login")
    assert f'href="{login}?next=/search/%3Fkind%3Dresources%26q%3Dsafeguarding%2Badults"' in html
    assert "Sign in to save this search" in html
    assert "<form" not in html
    assert render_include(AnonymousUser(), "page=2").strip() == ""


def test_saving_from_the_search_page(client_as, practitioner, make_resource, search_backend):  # noqa: F811
    make_resource("Making safeguarding personal")
    client = client_as(practitioner)
    page = text(client.get(reverse("search:search"), {"q": "safeguarding", "kind": "resources"}))
    assert "Save this search</button>" in page
    assert 'name="query_string" value="kind=resources&amp;q=safeguarding"' in page
    response = client.post(
        SAVE, {"query_string": "kind=resources&q=safeguarding", "name": "safeguarding"}
    )
    assert response.status_code == 302
    page = text(client.get(reverse("search:search"), {"q": "safeguarding", "kind": "resources"}))
    assert "You saved this search as “safeguarding”" in page
