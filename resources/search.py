"""How resources take part in site search: ``field:value`` conditions and facets.

Declared to the search app through ``ResourcesConfig.search_kinds``; the search page calls only
the functions here, never the resource models directly.
"""

from __future__ import annotations

from django.db.models import Count, Q

from .credibility import Band
from .forms import LibraryFilterForm
from .library import filter_resources
from .models import KnowledgeSource, ResourceFormat, ResourcePage, Topic

# The facets the search page offers, in order: the URL parameter and the library's filter of the
# same name.
FACETS = ("source", "topic", "format", "band")
# What each facet is called in a sentence ("format: Guide").
FACET_NAMES = {"source": "source", "topic": "topic", "format": "format", "band": "credibility"}


def base_queryset():
    """Every resource: the search narrows them to those the searcher may read (the one rule of
    ``cop_site.visibility``, which also leaves out drafts)."""
    return ResourcePage.objects.all()


def load(ids: list[int]) -> dict[int, ResourcePage]:
    """The resources to show as results, with what a result shows, in a fixed number of queries."""
    resources = (
        ResourcePage.objects.filter(pk__in=ids)
        .select_related("knowledge_source")
        .prefetch_related("topics")
    )
    return {r.pk: r for r in resources}


def texts_containing(fragment: str, resources, limit: int = 500) -> list[str]:
    """Text of ``resources`` (those the searcher may read) containing ``fragment``, for
    engines without a vocabulary of their own to expand ``word*`` from."""
    rows = (
        resources.filter(
            Q(title__icontains=fragment)
            | Q(summary__icontains=fragment)
            | Q(authors__icontains=fragment)
            | Q(topics__name__icontains=fragment)
        )
        .values_list("title", "summary", "authors")
        .distinct()[:limit]
    )
    names = Topic.objects.filter(name__icontains=fragment).values_list("name", flat=True)
    return [" ".join(row) for row in rows] + list(names)


def condition(field: str, value: str) -> Q | None:
    """The database condition for ``field:value``; None if resources have no such field."""
    if field == "title":
        return Q(title__icontains=value)
    if field == "author":
        # Readers rarely know whether a name is an author or the publisher (NICE, Research in
        # Practice), and type any part of it.
        return Q(authors__icontains=value) | Q(publisher__icontains=value)
    if field == "topic":
        return Q(
            pk__in=ResourcePage.objects.filter(
                Q(topics__name__icontains=value) | Q(topics__slug__iexact=value)
            ).values("pk")
        )
    if field == "source":
        return (
            Q(knowledge_source__name__icontains=value)
            | Q(knowledge_source__slug__iexact=value)
            | Q(publisher__icontains=value)
        )
    return None


def read_facets(data) -> tuple[dict[str, list[str]], list[str]]:
    """The facet values chosen in ``data`` (a QueryDict), and a message for each value that is
    not recognised (which is dropped, never an error page)."""
    form = LibraryFilterForm({k: data.getlist(k) for k in FACETS if k in data})
    form.is_valid()
    chosen = {name: list(form.cleaned_data.get(name) or []) for name in FACETS}
    messages = [str(error) for name in FACETS for error in form.errors.get(name, [])]
    return chosen, messages


def facet_labels(names=FACETS) -> dict[str, dict[str, str]]:
    """For each facet in ``names``, the name people know each URL value by. Sources and topics
    take a query each, so leave them out of ``names`` when they are not needed."""
    labels: dict[str, dict[str, str]] = {}
    for name in names:
        if name == "format":
            labels[name] = {str(v): str(label) for v, label in ResourceFormat.choices}
        elif name == "band":
            labels[name] = {str(v): str(label) for v, label in Band.choices}
        elif name == "source":
            labels[name] = dict(KnowledgeSource.objects.values_list("slug", "name"))
        elif name == "topic":
            labels[name] = dict(Topic.objects.values_list("slug", "name"))
    return labels


def apply_facets(queryset, chosen: dict[str, list[str]]):
    return filter_resources(queryset, chosen)


def facet_counts(ids: list[int], chosen: dict[str, list[str]]) -> list[dict]:
    """For each facet, its values with the number of resources among ``ids`` having each.

    Values with no resources are left out unless chosen, so a chosen value can be unticked.
    """
    resources = ResourcePage.objects.filter(pk__in=ids)
    by_format = dict(resources.values_list("format").annotate(n=Count("pk")).order_by())
    by_band = dict(resources.values_list("credibility_band").annotate(n=Count("pk")).order_by())
    in_ids = Q(resources__pk__in=ids)
    sources = KnowledgeSource.objects.annotate(n=Count("resources", filter=in_ids)).values_list(
        "slug", "name", "n"
    )
    topics = (
        Topic.objects.annotate(n=Count("resources", filter=in_ids))
        .filter(Q(n__gt=0) | Q(slug__in=chosen.get("topic") or []))
        .order_by("-n", "name")
        .values_list("slug", "name", "n")
    )
    facets = [
        ("source", "Knowledge source", list(sources)),
        ("topic", "Topic", list(topics)),
        (
            "format",
            "Format",
            [(v, str(label), by_format.get(v, 0)) for v, label in ResourceFormat.choices],
        ),
        ("band", "Credibility", [(v, str(label), by_band.get(v, 0)) for v, label in Band.choices]),
    ]
    out = []
    for name, label, options in facets:
        selected = set(chosen.get(name) or [])
        shown = [
            {"value": value, "label": text, "count": n, "checked": value in selected}
            for value, text, n in options
            if n or value in selected
        ]
        if shown:
            out.append({"name": name, "label": label, "options": shown})
    return out
