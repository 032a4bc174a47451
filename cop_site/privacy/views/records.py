"""The "Records about you" page: the audit log's entries about the person, and their
sign-in history, with how long each is kept."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import exports, selectors
from ..retention import rule_for

PAGE_SIZE = 25


def kept_for(key: str) -> str:
    """How long the declared rule `key` keeps its rows, in words for the page."""
    rule = rule_for(key)
    return rule.retention.describe() if rule is not None else "Until you erase your account"


@login_required
def records_about_you(request):
    records = Paginator(selectors.records_about(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    sign_ins = Paginator(selectors.sign_ins_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("sign_ins_page")
    )
    return render(
        request,
        "privacy/records.html",
        {
            "records": records,
            "sign_ins": sign_ins,
            "records_kept": kept_for("audit_log"),
            "addresses_kept": kept_for("sign_in_addresses"),
            "sign_ins_kept": kept_for("sign_in_history"),
            "time_name": exports.local_time_name(),
        },
    )
