"""The "Your data" page: what the site holds about you, a copy of it, and erasing your account."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import exports, selectors


@login_required
def your_data(request):
    return render(
        request,
        "privacy/your_data.html",
        {
            "exports": selectors.exports_for(request.user),
            "records": selectors.records_about(request.user)[: selectors.HUB_RECORDS],
            "sign_ins": selectors.sign_ins_of(request.user)[: selectors.HUB_SIGN_INS],
            "areas": selectors.areas(),
            "export_days": exports.export_days(),
            "exports_per_day": exports.EXPORTS_PER_DAY,
            "time_name": exports.local_time_name(),
        },
    )
