"""The library listing: filters, search, sort and pagination, all from the URL.

The number of queries is fixed whatever the size of the library: the filter
choices (one query per list), the search (when there is a search term), the count,
one page of resources and their topics.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F
from django.http import QueryDict
from django.utils.html import format_html

from cop_site.search.service import AS_TYPED, SiteSearch
from cop_site.visibility import viewer_for

from .credibility import Band
from .forms import LibraryFilterForm, Sort
from .models import ResourceFormat, ResourcePage
from .selectors import resources_in

PAGE_SIZE = 20
# Relevance ranking looks at this many search hits; more than anyone pages through.
MAX_SEARCH_HITS = 1000

MOST_CREDIBLE_FIRST = [
    "-band_rank",
    F("credibility_score").desc(nulls_last=True),
    "-appraisal_count",
    "title",
]
ORDERINGS = {
    Sort.NEWEST: [F("year").desc(nulls_last=True), F("first_published_at").desc(), "title"],
    Sort.CREDIBLE: MOST_CREDIBLE_FIRST,
    Sort.USEFUL: [F("rating_average").desc(nulls_last=True), "-rating_count", "title"],
    # Without a search term there is nothing to be relevant to; the curated order is
    # the most useful default.
    Sort.RELEVANCE: MOST_CREDIBLE_FIRST,
}


def filter_resources(resources, f):
    """``resources`` narrowed by the library's filters (the cleaned values of its form).

    Several values of one filter widen the list (any of them); different filters narrow it
    (all of them). Subqueries keep one row per resource.
    """
    if f.get("source"):
        resources = resources.filter(knowledge_source__slug__in=f["source"])
    if f.get("format"):
        resources = resources.filter(format__in=f["format"])
    for name, relation in (
        ("topic", "topics"),
        ("pcf", "pcf_domains"),
        ("audience", "audiences"),
    ):
        if f.get(name):
            resources = resources.filter(
                pk__in=ResourcePage.objects.filter(**{f"{relation}__slug__in": f[name]}).values(
                    "pk"
                )
            )
    if f.get("band"):
        resources = resources.filter(credibility_band__in=f["band"])
    if f.get("year_from"):
        resources = resources.filter(year__gte=f["year_from"])
    if f.get("year_to"):
        resources = resources.filter(year__lte=f["year_to"])
    if f.get("open"):
        resources = resources.filter(is_open_access=True)
    return resources


class LibrarySearch:
    def __init__(self, data: QueryDict, *, library, user=None, request=None) -> None:
        self.data = data
        self.library = library
        self.user = user if user is not None else getattr(request, "user", None)
        self.request = request
        self.form = LibraryFilterForm(data)
        self.form.is_valid()
        self.filters = self.form.filters()

    @property
    def query(self) -> str:
        return (self.filters.get("q") or "").strip()

    @property
    def sort(self) -> str:
        return self.filters.get("sort") or Sort.RELEVANCE

    @cached_property
    def base_queryset(self):
        # What the reader may see is worked out when called (view restrictions), so once.
        return resources_in(self.library, viewer_for(self.user, self.request))

    def filtered_queryset(self):
        return filter_resources(self.base_queryset, self.filters)

    @cached_property
    def site_search(self) -> SiteSearch:
        """The site search for the same words, so that the library's box and the search page
        read a search the same way and rank its results the same way."""
        data = QueryDict(mutable=True)
        data.update({"q": self.query, "kind": "resources"})
        if self.data.get(AS_TYPED):
            data[AS_TYPED] = self.data[AS_TYPED]
        return SiteSearch(data, user=self.user, request=self.request)

    def search_hits(self) -> list[int]:
        """Ids of live resources matching the search term, best match first."""
        return [hit.pk for hit in self.site_search.best(MAX_SEARCH_HITS)]

    @property
    def notes(self) -> list[str]:
        """How the search was read (common words left out, a bracket not closed…, and a
        misspelling corrected, with a link to the search as typed)."""
        if not self.query:
            return []
        self.page  # noqa: B018 - searching settles the spelling
        notes = list(self.site_search.parsed.notes)
        typed = self.site_search.typed
        if typed is not None:
            data = self.data.copy()
            data.pop("page", None)
            data[AS_TYPED] = "1"
            notes.insert(
                0,
                format_html(
                    "Showing results for <strong>{}</strong>. Search instead for"
                    ' <a class="govuk-link" href="?{}">{}</a>.',
                    self.site_search.text,
                    data.urlencode(),
                    typed,
                ),
            )
        return notes

    @cached_property
    def page(self) -> PaginatorPage:
        resources = self.filtered_queryset()
        page_number = self.data.get("page")
        if self.query:
            hits = self.search_hits()
            if self.sort == Sort.RELEVANCE:
                matching = set(resources.filter(pk__in=hits).values_list("pk", flat=True))
                ranked = [pk for pk in hits if pk in matching]
                page = Paginator(ranked, PAGE_SIZE).get_page(page_number)
                loaded = {
                    r.pk: r
                    for r in ResourcePage.objects.filter(
                        pk__in=list(page.object_list)
                    ).for_listing()
                }
                page.object_list = [loaded[pk] for pk in page.object_list if pk in loaded]
                return page
            resources = resources.filter(pk__in=hits)
        resources = resources.for_listing().with_band_rank().order_by(*ORDERINGS[self.sort])
        return Paginator(resources, PAGE_SIZE).get_page(page_number)

    @property
    def results(self) -> list[ResourcePage]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def is_filtered(self) -> bool:
        return any(self.filters.get(name) for name in self.form.fields if name != "sort")

    def applied(self) -> list[dict[str, str]]:
        """The filters in force, each with a link that removes just that one."""
        labels = {
            "source": dict(self.form.fields["source"].choices),
            "format": dict(ResourceFormat.choices),
            "topic": dict(self.form.fields["topic"].choices),
            "pcf": dict(self.form.fields["pcf"].choices),
            "audience": dict(self.form.fields["audience"].choices),
            "band": dict(Band.choices),
        }
        applied = []
        for name, choices in labels.items():
            for value in self.filters.get(name) or []:
                applied.append(
                    {
                        "label": f"{self.form.fields[name].label}: {choices.get(value, value)}",
                        "url": self._without(name, value),
                    }
                )
        if self.filters.get("q"):
            applied.append({"label": f"Search: {self.query}", "url": self._without("q")})
        if self.filters.get("year_from"):
            applied.append(
                {"label": f"From {self.filters['year_from']}", "url": self._without("year_from")}
            )
        if self.filters.get("year_to"):
            applied.append(
                {"label": f"Up to {self.filters['year_to']}", "url": self._without("year_to")}
            )
        if self.filters.get("open"):
            applied.append({"label": "Open access only", "url": self._without("open")})
        return applied

    def _without(self, name: str, value: str | None = None) -> str:
        data = self.data.copy()
        data.pop("page", None)
        if value is None:
            data.pop(name, None)
        else:
            data.setlist(name, [v for v in data.getlist(name) if v != value])
        encoded = data.urlencode()
        return f"?{encoded}" if encoded else "?"
