"""The weekly email about what is new that matches a saved search, through the real services,
search and management command."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from cop_site.search import saved as services
from cop_site.search.models import SavedSearch
from tests.search.saved_helpers import edit_url, week_after


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
