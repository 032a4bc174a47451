from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .kinds import in_words, searchable_fields, tips_templates
from .service import SiteSearch


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The search page. Any query string gives a page: a malformed query is read in its most
    likely sense and the page says how it was read."""
    site_search = SiteSearch(request.GET, user=request.user, request=request).run()
    return render(request, "search/search.html", {"search": site_search})


@require_GET
def tips(request: HttpRequest) -> HttpResponse:
    """How to search: the search language, with the fields and tips each kind of result adds."""
    fields = searchable_fields()
    field_list = in_words([field.name for field in fields], last="or")
    context = {"fields": fields, "field_list": field_list, "tips": tips_templates()}
    return render(request, "search/tips.html", context)
