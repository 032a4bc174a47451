"""Reads for the library's pages: what each page shows, only what its reader may read.

Pages (``get_context``), views and the home page's section call these; each works in a fixed
number of queries, and each asks :mod:`cop_site.visibility` (through ``visible_to``) what the
reader may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest

from cop_site.visibility import Viewer, Who, viewer_for

from . import services
from .credibility import summarise
from .forms import RatingForm
from .models import (
    Appraisal,
    LearnerAppraisal,
    Rating,
    ReadingListIndexPage,
    ReadingListItem,
    ReadingListPage,
    ResourceLibraryPage,
    ResourcePage,
)
from .models.pages import ResourcePageQuerySet
from .models.reading_lists import ReadingListQuerySet

COMMENTS_SHOWN = 10
HOME_SHOWN = 3


def resources_in(library: ResourceLibraryPage, who: Who) -> ResourcePageQuerySet:
    """The resources of ``library`` that ``who`` may read."""
    resources: ResourcePageQuerySet = ResourcePage.objects.visible_to(who).child_of(library)
    return resources


def reading_lists_in(index: ReadingListIndexPage, who: Who) -> ReadingListQuerySet:
    """The reading lists of ``index`` that ``who`` may read, by title."""
    lists: ReadingListQuerySet = (
        ReadingListPage.objects.visible_to(who).child_of(index).order_by("title")
    )
    return lists


def reading_list_items(reading_list: ReadingListPage, who: Who) -> Any:
    """A reading list's items, in reading order, leaving out resources ``who`` may not read."""
    readable = ResourcePage.objects.visible_to(who).values("pk")
    return (
        reading_list.items.filter(resource__in=readable)
        .select_related("resource__knowledge_source")
        .prefetch_related("resource__topics")
        .order_by("sort_order")
    )


def resource_page_context(page: ResourcePage, request: HttpRequest) -> dict[str, Any]:
    """Everything a resource page shows, in a fixed number of queries."""
    user: Any = request.user
    viewer = viewer_for(request)
    appraisals = list(Appraisal.objects.for_resource(page))
    lists_with_it = ReadingListItem.objects.filter(resource=page).values("page_id")
    context: dict[str, Any] = {
        "library_url": page.get_parent().get_url(request),
        "credibility": summarise(appraisals),
        "appraisals": appraisals,
        "topics": list(page.topics.all()),
        "pcf_domains": list(page.pcf_domains.all()),
        "audiences": list(page.audiences.all()),
        "can_appraise": services.can_appraise_credibility(user),
        "can_practise": services.can_appraise_as_learner(user),
        "can_rate": services.can_rate(user),
        "reading_lists": list(
            ReadingListPage.objects.visible_to(viewer)
            .filter(pk__in=lists_with_it)
            .order_by("title")
        ),
    }
    if context["can_appraise"]:
        context["own_appraisal"] = next((a for a in appraisals if a.appraiser_id == user.pk), None)
    if context["can_practise"]:
        context["learner_appraisal"] = LearnerAppraisal.objects.filter(
            resource=page, learner=user
        ).first()
    if user.is_authenticated:
        own_rating = Rating.objects.filter(resource=page, user=user).first()
        context["own_rating"] = own_rating
        context["rating_form"] = RatingForm(
            initial={"score": own_rating.score, "comment": own_rating.comment}
            if own_rating
            else None
        )
        # Members' comments name the member, so only members see them.
        context["rating_comments"] = list(
            page.ratings.exclude(comment="")
            .select_related("user__profile")
            .order_by("-updated_at")[:COMMENTS_SHOWN]
        )
    return context


def home_context(request: HttpRequest) -> dict[str, Any]:
    """The library's section of the home page: the newest and the most credible resources,
    and the reading lists, of those this visitor may read."""
    viewer: Viewer = viewer_for(request)
    library = ResourceLibraryPage.objects.visible_to(viewer).first()
    if library is None:
        return {}
    resources = ResourcePage.objects.visible_to(viewer).descendant_of(library).for_listing()
    reading_lists_page = ReadingListIndexPage.objects.visible_to(viewer).first()
    return {
        "library": library,
        "newest": list(
            resources.order_by(F("first_published_at").desc(nulls_last=True), "-pk")[:HOME_SHOWN]
        ),
        "most_credible": list(
            resources.with_band_rank()
            .appraised()
            .order_by("-band_rank", F("credibility_score").desc(nulls_last=True), "title")[
                :HOME_SHOWN
            ]
        ),
        "reading_lists_page": reading_lists_page,
        "reading_lists": list(reading_lists_in(reading_lists_page, viewer))
        if reading_lists_page
        else [],
    }
