"""Views for appraising, rating and comparing resources. They read the request,
call resources.services and render; the rules live in the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cop_site.accounts.mfa import mfa_required
from cop_site.cpd import record_url

from . import services
from .apps import CPD_SOURCE_KEY
from .credibility import (
    CRITERIA,
    GATEKEEPER,
    HIGH_THRESHOLD,
    MAX_POINTS,
    MET_FROM,
    MODERATE_THRESHOLD,
    PARTLY_MET_FROM,
    POINTS,
    Score,
    agreement,
    summarise,
)
from .forms import AppraisalForm, RatingForm
from .models import (
    Appraisal,
    KnowledgeSource,
    LearnerAppraisal,
    Rating,
    ResourceLibraryPage,
    ResourcePage,
)

PAGE_SIZE = 20


def _resource(request: HttpRequest, pk: int) -> ResourcePage:
    """The resource, if this person may read it; otherwise not found, whatever hides it."""
    return get_object_or_404(ResourcePage.objects.visible_to(request), pk=pk)


def cpd_log_url(resource: ResourcePage) -> str:
    """Where a learner records this exercise in their CPD log, when an installed app keeps
    one (ResourcesConfig.cpd_sources offers it); until then their appraisals page keeps it."""
    return record_url(CPD_SOURCE_KEY, resource)


def library(request: HttpRequest) -> HttpResponse:
    """A stable address for the library, wherever editors put its page."""
    page = ResourceLibraryPage.objects.live().first()
    if page is None:
        raise Http404("The resource library has not been set up yet.")
    url = page.get_url(request)
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return redirect(url)


def how_we_rate(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "resources/how_we_rate.html",
        {
            "criteria": CRITERIA,
            "scores": [(Score(value).label, POINTS.get(value)) for value in Score.values],
            "max_points": MAX_POINTS,
            "met_from": MET_FROM,
            "partly_met_from": PARTLY_MET_FROM,
            "high_threshold": HIGH_THRESHOLD,
            "moderate_threshold": MODERATE_THRESHOLD,
            "gatekeeper": GATEKEEPER.label,
            "knowledge_sources": KnowledgeSource.objects.all(),
        },
    )


# Credibility appraisals change what every reader is told about a source, so the educators
# who make or withdraw them protect their accounts with a second factor first.
appraising_needs_mfa = mfa_required("appraising resources", when=services.can_appraise_credibility)


@login_required
@appraising_needs_mfa
def appraise(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource(request, pk)
    user = request.user
    as_educator = services.can_appraise_credibility(user)
    if as_educator:
        existing = Appraisal.objects.filter(resource=resource, appraiser=user).first()
    elif services.can_appraise_as_learner(user):
        existing = LearnerAppraisal.objects.filter(resource=resource, learner=user).first()
    else:
        raise PermissionDenied(
            "Educators make credibility appraisals; students and practitioners can appraise "
            "resources as a learning exercise."
        )

    if request.method == "POST":
        form = AppraisalForm(request.POST, for_educator=as_educator)
        if form.is_valid():
            if as_educator:
                services.appraise_resource(
                    resource,
                    by=user,
                    scores=form.judgements(),
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, "Your appraisal has been saved.")
                return redirect(resource.get_url(request) + "#credibility")
            services.appraise_as_learner(
                resource,
                by=user,
                scores=form.judgements(),
                reflection=form.cleaned_data["reflection"],
            )
            messages.success(request, "Your appraisal has been saved. Here is how it compares.")
            return redirect("resources:compare", pk=resource.pk)
    else:
        form = AppraisalForm(initial=AppraisalForm.initial_from(existing), for_educator=as_educator)
    return render(
        request,
        "resources/appraise.html",
        {"resource": resource, "form": form, "as_educator": as_educator, "existing": existing},
    )


@login_required
@require_POST
@appraising_needs_mfa
def withdraw_appraisal(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource(request, pk)
    user = request.user
    if services.can_appraise_credibility(user):
        appraisal = get_object_or_404(Appraisal, resource=resource, appraiser=user)
        services.withdraw_appraisal(appraisal, by=user)
        messages.success(request, "Your appraisal has been withdrawn.")
        return redirect(resource.get_url(request) + "#credibility")
    appraisal = get_object_or_404(LearnerAppraisal, resource=resource, learner=user)
    services.delete_learner_appraisal(appraisal, by=user)
    messages.success(request, "Your appraisal has been deleted.")
    return redirect("resources:my_appraisals")


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """A learner's own appraisal beside the educators', criterion by criterion."""
    resource = _resource(request, pk)
    own = LearnerAppraisal.objects.filter(resource=resource, learner=request.user).first()
    if own is None:
        return redirect("resources:appraise", pk=resource.pk)
    educators = summarise(Appraisal.objects.for_resource(resource))
    rows = []
    for result in educators.criteria:
        mine = own.judgement(result.guide.key)
        rows.append(
            {
                "guide": result.guide,
                "mine": mine,
                "mine_label": Score(mine.score).label,
                "theirs": result,
                "agreement": agreement(mine.score, result.verdict)
                if educators.appraisal_count
                else None,
            }
        )
    return render(
        request,
        "resources/compare.html",
        {
            "resource": resource,
            "own": own,
            "own_summary": summarise([own]),
            "educators": educators,
            "rows": rows,
            "matches": sum(1 for row in rows if row["agreement"] == "same"),
            "cpd_log_url": cpd_log_url(resource),
        },
    )


@login_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource(request, pk)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            services.remove_rating(resource, by=request.user)
            messages.success(request, "Your rating has been removed.")
            return redirect(resource.get_url(request) + "#usefulness")
        form = RatingForm(request.POST)
        if form.is_valid():
            services.rate_resource(
                resource,
                by=request.user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, "Thank you. Your rating has been saved.")
            return redirect(resource.get_url(request) + "#usefulness")
    else:
        own = Rating.objects.filter(resource=resource, user=request.user).first()
        form = RatingForm(initial={"score": own.score, "comment": own.comment} if own else None)
    return render(request, "resources/rate.html", {"resource": resource, "form": form})


@login_required
def my_appraisals(request: HttpRequest) -> HttpResponse:
    """The member's own appraisals: exercises for learners, credibility ones for educators."""
    learner = services.appraisals_for(request.user).prefetch_related(
        Prefetch("resource__appraisals", queryset=Appraisal.objects.order_by("pk"))
    )
    page = Paginator(learner, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for own in page.object_list:
        educators = summarise(own.resource.appraisals.all())
        own_summary = summarise([own])
        rows.append(
            {
                "appraisal": own,
                "own_summary": own_summary,
                "educators": educators,
                "matches": sum(
                    1
                    for mine, theirs in zip(own_summary.criteria, educators.criteria, strict=True)
                    if educators.appraisal_count and mine.verdict == theirs.verdict
                ),
            }
        )
    credibility = list(
        services.credibility_appraisals_by(request.user).order_by("-updated_at")[:50]
    )
    return render(
        request,
        "resources/my_appraisals.html",
        {
            "page": page,
            "rows": rows,
            "credibility_appraisals": credibility,
            "criteria_count": len(CRITERIA),
            "can_appraise": services.can_appraise_as_learner(request.user)
            or services.can_appraise_credibility(request.user),
        },
    )
