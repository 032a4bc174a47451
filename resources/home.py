"""The library's section of the home page: the newest and the most credible resources,
and the reading lists."""

from django.db.models import F
from django.http import HttpRequest

from .credibility import Band
from .models import ReadingListIndexPage, ReadingListPage, ResourceLibraryPage, ResourcePage

SHOWN = 3


def home_context(request: HttpRequest) -> dict:
    library = ResourceLibraryPage.objects.live().public().first()
    if library is None:
        return {}
    resources = ResourcePage.objects.live().public().descendant_of(library).for_listing()
    reading_lists_page = ReadingListIndexPage.objects.live().public().first()
    return {
        "library": library,
        "newest": list(
            resources.order_by(F("first_published_at").desc(nulls_last=True), "-pk")[:SHOWN]
        ),
        "most_credible": list(
            resources.with_band_rank()
            .exclude(credibility_band=Band.UNAPPRAISED)
            .order_by("-band_rank", F("credibility_score").desc(nulls_last=True), "title")[:SHOWN]
        ),
        "reading_lists_page": reading_lists_page,
        "reading_lists": list(
            ReadingListPage.objects.visible_to(request.user)
            .child_of(reading_lists_page)
            .order_by("title")
            if reading_lists_page
            else []
        ),
    }
