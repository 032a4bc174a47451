"""The CPD log's side of the ``cpd_sources`` hook (see :mod:`cop_site.cpd`): where a learner
records something another app offers as CPD evidence."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from cop_site.cpd import CpdSource


def record_url(source: CpdSource, obj: object) -> str:
    """The CPD log's form for a new record about ``obj``; "" until the log has that form."""
    try:
        path = reverse("learning:cpd_record_add")
    except NoReverseMatch:
        return ""
    return f"{path}?{urlencode({source.key: getattr(obj, 'pk', '')})}"
