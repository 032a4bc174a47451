"""Title suggestions for the search box, as JSON, drawn only from pages the requester may read.

``GET /search/autocomplete/?q=safe`` answers ``{"suggestions": [{"title": ..., "url": ...}]}``
with up to :data:`MAX_SUGGESTIONS` live pages whose title words start with the words typed. The
search goes through :func:`~cop_site.search.visibility.search_for`, so a members-only, group-only,
password-protected or unpublished page is never suggested to someone who may not open it, and
every hit is re-checked against the database.

The number of database queries does not grow with the number of suggestions: the specific pages
are fetched in one batch (one query per page type) and their URLs come from the site root paths
Wagtail caches on the request.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .visibility import search_for

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
MAX_SUGGESTIONS = 8
# How long a browser may reuse an answer given to someone who is not signed in. Signed-in people's
# answers are never stored (PrivateCacheMiddleware).
ANONYMOUS_MAX_AGE = 60


def suggestions_for(request: HttpRequest, query: str) -> list[dict[str, str]]:
    """Up to ``MAX_SUGGESTIONS`` ``{"title", "url"}`` dicts for ``query``, best first."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if len(query) < MIN_QUERY_LENGTH:
        return []
    results = search_for(
        request.user,
        Page.objects.live().filter(depth__gt=1),
        query,
        request=request,
        autocomplete=True,
    )
    hits = list(results[:MAX_SUGGESTIONS])
    if not hits:
        return []
    # One batch for the specific pages (a query per page type), not one query per hit.
    pages = Page.objects.filter(id__in=[p.pk for p in hits]).specific()
    specific = {page.pk: page for page in pages}
    suggestions = []
    for hit in hits:
        page = specific.get(hit.pk)
        if page is None:
            continue
        url = page.get_url(request)
        if not url:
            # Not under any site, so there is nowhere to send the person.
            continue
        suggestions.append({"title": page.title, "url": url})
    return suggestions


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    response = JsonResponse({"suggestions": suggestions_for(request, request.GET.get("q", ""))})
    # What is suggested depends on who is asking (members-only pages, passwords passed in this
    # session), so no shared cache may keep it.
    patch_vary_headers(response, ["Cookie"])
    if not request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=ANONYMOUS_MAX_AGE)
    return response
