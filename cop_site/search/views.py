from django.shortcuts import render
from django.views.decorators.http import require_GET

from .service import SiteSearch


@require_GET
def search(request):
    """The search page. Any query string gives a page: a malformed query is read in its most
    likely sense and the page says how it was read."""
    site_search = SiteSearch(request.GET, user=request.user, request=request).run()
    return render(request, "search/search.html", {"search": site_search})


@require_GET
def tips(request):
    return render(request, "search/tips.html")
