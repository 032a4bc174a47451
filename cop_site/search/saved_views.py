"""A member's saved searches: save one, list them, rename, turn the weekly email on or off,
delete. Each person only ever sees their own; anyone else's is "not found"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import saved as services
from .models import SavedSearch, default_name, filter_labels, normalise_query_string
from .saved_forms import SavedSearchForm, SaveSearchForm


def _own(request: HttpRequest, pk: int) -> SavedSearch:
    saved: SavedSearch = get_object_or_404(SavedSearch.objects.owned_by(request.user), pk=pk)
    return saved


def _saved_message(saved: SavedSearch) -> str:
    if saved.alerts:
        return (
            f"“{saved.name}” is saved. We will email you weekly when new"
            f" {services.alerted_things()} match it."
        )
    return f"“{saved.name}” is saved."


@login_required
def saved_searches(request: HttpRequest) -> HttpResponse:
    searches = list(SavedSearch.objects.owned_by(request.user))
    labels = filter_labels() if searches else {}
    rows = [{"saved": s, "description": s.describe(labels)} for s in searches]
    return render(request, "search/saved_list.html", {"rows": rows})


def _requested_query_string(request: HttpRequest) -> str:
    """The search to save: ``?query_string=…``, or the search page's own parameters."""
    if "query_string" in request.GET:
        return request.GET["query_string"]
    return request.GET.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
def save_search(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SaveSearchForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                saved = services.save_search(
                    request.user,
                    form.cleaned_data["query_string"],
                    name=form.cleaned_data["name"],
                    alerts=form.cleaned_data["alerts"],
                )
            except services.DuplicateSavedSearch as error:
                # Saved by another request between the form's check and this one.
                form.add_error(None, error)
            else:
                messages.success(request, _saved_message(saved))
                return redirect("search:saved")
        query_string = normalise_query_string(request.POST.get("query_string", ""))
    else:
        query_string = normalise_query_string(_requested_query_string(request))
        form = SaveSearchForm(
            initial={"query_string": query_string, "name": default_name(query_string)},
            user=request.user,
        )
    return render(
        request,
        "search/saved_form.html",
        {
            "form": form,
            "query_string": query_string,
            "description": SavedSearch(query_string=query_string).describe()
            if query_string
            else "",
            "creating": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own(request, pk)
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        if form.is_valid():
            was_alerting = saved.alerts
            services.update_saved_search(
                saved,
                by=request.user,
                name=form.cleaned_data["name"],
                alerts=form.cleaned_data["alerts"],
            )
            if was_alerting and not saved.alerts:
                message = f"We will no longer email you about “{saved.name}”."
            elif saved.alerts and not was_alerting:
                message = (
                    f"We will email you weekly when new {services.alerted_things()} match"
                    f" “{saved.name}”."
                )
            else:
                message = f"Your changes to “{saved.name}” are saved."
            messages.success(request, message)
            return redirect("search:saved")
    else:
        form = SavedSearchForm(initial={"name": saved.name, "alerts": saved.alerts})
    return render(
        request,
        "search/saved_form.html",
        {
            "form": form,
            "saved": saved,
            "query_string": saved.query_string,
            "description": saved.describe(),
            "creating": False,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own(request, pk)
    if request.method == "POST":
        services.delete_saved_search(saved, by=request.user)
        messages.success(request, f"“{saved.name}” has been deleted.")
        return redirect("search:saved")
    return render(
        request,
        "search/saved_delete.html",
        {"saved": saved, "description": saved.describe()},
    )
