"""Saved searches and their weekly email, through the real views, services and search."""

import datetime
import re
import smtplib
from io import StringIO
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cop_site.search import saved as services
from cop_site.search.models import SavedSearch, normalise_query_string
from tests.resources.conftest import library, make_resource, topics  # noqa: F401

SAVED = reverse("search:saved")
SAVE = reverse("search:save")


def edit_url(saved):
    return reverse("search:saved_edit", args=[saved.pk])


def delete_url(saved):
    return reverse("search:saved_delete", args=[saved.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


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


# --- Weekly email --------------------------------------------------------------------------------


def test_new_matching_resource_is_emailed_once(practitioner, save, publish):
    publish("Safeguarding adults before saving")
    saved = save("q=safeguarding", name="safeguarding adults")
    match = publish("Making safeguarding personal")
    publish("Mental capacity in practice")
    mail.outbox.clear()

    assert services.send_due_alerts(now=week_after(saved)).sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [practitioner.email]
    assert message.subject == '1 new resource for "safeguarding adults"'
    assert "Making safeguarding personal" in message.body
    assert f"http://localhost{match.url}" in message.body
    assert "Mental capacity" not in message.body
    assert "before saving" not in message.body
    assert "http://localhost/search/?q=safeguarding" in message.body
    assert f"http://localhost{edit_url(saved)}" in message.body

    # Running again, that day or the next, sends nothing more.
    assert services.send_due_alerts(now=week_after(saved)).sent == 0
    assert services.send_due_alerts(now=week_after(saved, days=8)).sent == 0
    assert len(mail.outbox) == 1


def test_email_uses_site_url_and_counts_several(settings, save, publish):
    settings.SITE_URL = "https://cop.example.org/"
    saved = save("q=safeguarding", name="safeguarding adults")
    first = publish("Safeguarding one")
    second = publish("Safeguarding two")
    mail.outbox.clear()
    assert services.send_due_alerts(now=week_after(saved)).sent == 1
    message = mail.outbox[0]
    assert message.subject == '2 new resources for "safeguarding adults"'
    # Newest first.
    assert message.body.index("Safeguarding two") < message.body.index("Safeguarding one")
    assert f"https://cop.example.org{first.url}" in message.body
    assert f"https://cop.example.org{second.url}" in message.body


def test_resources_the_member_may_not_read_are_never_listed(save, publish):
    saved = save("q=safeguarding")
    withdrawn = publish("Safeguarding withdrawn")
    withdrawn.unpublish()
    restricted = publish("Safeguarding for one group")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Another cohort"))
    mail.outbox.clear()
    assert services.send_due_alerts(now=week_after(saved)).sent == 0
    assert mail.outbox == []


def test_filters_of_the_saved_search_apply(save, publish, topics):  # noqa: F811
    saved = save(f"q=safeguarding&kind=resources&topic={topics['mental-capacity'].slug}")
    publish("Safeguarding and capacity", topics=[topics["mental-capacity"]])
    publish("Safeguarding children", topics=[topics["child-protection"]])
    mail.outbox.clear()
    assert services.send_due_alerts(now=week_after(saved)).sent == 1
    assert "Safeguarding and capacity" in mail.outbox[0].body
    assert "Safeguarding children" not in mail.outbox[0].body


def test_a_week_with_nothing_new_moves_the_window_on(save, publish):
    saved = save("q=safeguarding")
    publish("Mental capacity only")
    mail.outbox.clear()
    a_week_on = week_after(saved)
    assert services.send_due_alerts(now=a_week_on).sent == 0
    saved.refresh_from_db()
    assert saved.last_alerted_at == a_week_on
    assert mail.outbox == []


def test_no_email_when_alerts_are_off(save, publish):
    saved = save("q=safeguarding", alerts=False)
    publish("Safeguarding now")
    mail.outbox.clear()
    assert services.send_due_alerts(now=week_after(saved)).sent == 0
    assert mail.outbox == []


def test_no_email_within_a_week_of_the_last(save, publish):
    saved = save("q=safeguarding")
    publish("Safeguarding now")
    mail.outbox.clear()
    for days, hours in [(0, 0), (3, 0), (6, 0), (6, 23)]:
        now = saved.last_alerted_at + datetime.timedelta(days=days, hours=hours)
        assert services.send_due_alerts(now=now).sent == 0
    assert mail.outbox == []
    saved_before = saved.last_alerted_at
    saved.refresh_from_db()
    assert saved.last_alerted_at == saved_before
    # A daily run that starts a few minutes earlier than last week's still counts as a week on.
    assert services.send_due_alerts(now=week_after(saved) - datetime.timedelta(minutes=5)).sent == 1


def test_inactive_members_and_unverified_addresses_get_nothing(make_user, save, publish):
    inactive = make_user("gone@example.com")
    unverified = make_user("unverified@example.com", verified_email=False)
    searches = [save("q=safeguarding", user=inactive), save("q=safeguarding", user=unverified)]
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    publish("Safeguarding now")
    mail.outbox.clear()
    assert services.send_due_alerts(now=week_after(searches[0], days=8)).sent == 0
    assert mail.outbox == []


def test_management_command_sends_due_alerts(save, publish):
    saved = save("q=safeguarding")
    publish("Safeguarding now")
    mail.outbox.clear()
    saved.last_alerted_at -= datetime.timedelta(days=7)
    saved.save(update_fields=["last_alerted_at"])

    out = StringIO()
    call_command("send_search_alerts", "--dry-run", stdout=out)
    assert "Dry run: 1 saved-search email would be sent" in out.getvalue()
    assert mail.outbox == []

    call_command("send_search_alerts", stdout=StringIO())  # enqueued; tests run tasks at once
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("send_search_alerts", "--now", stdout=out)
    assert "Sent 0 saved-search emails" in out.getvalue()
    assert len(mail.outbox) == 1


def test_an_old_name_with_line_breaks_still_gets_its_email(practitioner, save, publish):
    saved = save("q=safeguarding")
    SavedSearch.objects.filter(pk=saved.pk).update(name="Adult\r\nsafeguarding\n")
    publish("Safeguarding now")
    mail.outbox.clear()

    run = services.send_due_alerts(now=week_after(saved))
    assert [m.subject for m in mail.outbox] == ['1 new resource for "Adult safeguarding"']
    assert "your saved search “Adult safeguarding”" in mail.outbox[0].body
    assert (run.sent, run.failed) == (1, 0)


class RefusingBackend(locmem.EmailBackend):
    """Delivers like the test backend, except to addresses the mail server refuses."""

    refused = {"refused@example.com"}

    def send_messages(self, messages):
        for message in messages:
            if self.refused & set(message.to):
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(message.to, (550, b"No such user"))
                )
        return super().send_messages(messages)


@pytest.fixture
def refusing_mail_server(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{RefusingBackend.__module__}.RefusingBackend"}}


@pytest.fixture
def one_refused(make_user, save, publish):
    """Three due searches of three members; the mail server refuses the second one's address."""
    members = [
        make_user("first@example.com"),
        make_user("refused@example.com"),
        make_user("third@example.com"),
    ]
    searches = [save("q=safeguarding", user=member) for member in members]
    publish("Safeguarding now")
    mail.outbox.clear()
    return searches


def test_an_email_that_fails_is_counted_and_the_others_still_go(refusing_mail_server, one_refused):
    first, refused, third = one_refused
    now = week_after(first)
    run = services.send_due_alerts(now=now)
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "third@example.com"]
    assert (run.sent, run.failed) == (2, 1)
    # The week's email that failed is tried again on the next run, and only that one.
    refused_window = refused.last_alerted_at
    refused.refresh_from_db()
    assert refused.last_alerted_at == refused_window
    RefusingBackend.refused = set()
    try:
        mail.outbox.clear()
        run = services.send_due_alerts(now=now + datetime.timedelta(days=1))
    finally:
        RefusingBackend.refused = {"refused@example.com"}
    assert (run.sent, run.failed) == (1, 0)
    assert [m.to for m in mail.outbox] == [["refused@example.com"]]


def test_management_command_reports_what_failed(refusing_mail_server, one_refused):
    for saved in one_refused:
        SavedSearch.objects.filter(pk=saved.pk).update(
            last_alerted_at=saved.last_alerted_at - datetime.timedelta(days=7)
        )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 saved-search email could not be sent"):
        call_command("send_search_alerts", "--now", stdout=out, stderr=err, force_color=True)
    assert "Sent 2 saved-search emails" in out.getvalue()
    assert "\x1b[" in out.getvalue()  # styled
    assert len(mail.outbox) == 2
