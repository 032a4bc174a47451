"""The resource library and its resources, as Wagtail pages."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cop_site.visibility import VisibleModelMixin, VisiblePageManager, VisibleQuerySetMixin

from ..credibility import BAND_RANK, Band
from .taxonomy import ResourceFormat

# A resource is due for review a year after it was last reviewed, unless an editor
# sets another date.
REVIEW_INTERVAL = datetime.timedelta(days=365)


class LinkStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked yet")
    OK = "ok", _("Working")
    BROKEN = "broken", _("Broken")
    TIMEOUT = "timeout", _("Too slow to respond")
    ERROR = "error", _("Could not be reached")


PROBLEM_LINK_STATUSES = (LinkStatus.BROKEN, LinkStatus.TIMEOUT, LinkStatus.ERROR)


class ResourcePageQuerySet(VisibleQuerySetMixin, PageQuerySet):
    def for_listing(self) -> ResourcePageQuerySet:
        """What a list of resources shows, in a fixed number of queries."""
        return self.select_related("knowledge_source").prefetch_related("topics").defer("body")

    def with_band_rank(self) -> ResourcePageQuerySet:
        return self.annotate(
            band_rank=Case(
                *(
                    When(credibility_band=band, then=Value(rank))
                    for band, rank in BAND_RANK.items()
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        )

    def due_for_review(self, on: datetime.date | None = None) -> ResourcePageQuerySet:
        return self.filter(review_due__lte=on or timezone.localdate())

    def unappraised(self) -> ResourcePageQuerySet:
        return self.filter(appraisal_count=0)

    def appraised(self) -> ResourcePageQuerySet:
        """Those with a credibility band from at least one appraisal."""
        return self.exclude(credibility_band=Band.UNAPPRAISED)

    def with_link_problems(self) -> ResourcePageQuerySet:
        return self.filter(link_status__in=PROBLEM_LINK_STATUSES)

    def with_external_link(self) -> ResourcePageQuerySet:
        return self.exclude(link_url="")


ResourcePageManager = PageManager.from_queryset(ResourcePageQuerySet)


class ResourceLibraryPage(Page):
    """The library: every resource, filtered, sorted and paginated through the URL."""

    intro = models.TextField(
        max_length=800,
        blank=True,
        help_text=_("A sentence or two above the list of resources."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    template = "resources/library_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    objects = VisiblePageManager()

    class Meta:
        verbose_name = "resource library"

    def get_context(self, request, *args, **kwargs):
        from ..library import LibrarySearch

        context = super().get_context(request, *args, **kwargs)
        context["search"] = LibrarySearch(request.GET, library=self, request=request)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A filter value we do not recognise (an old bookmark, a typed URL) is the
        # visitor's request at fault: say so, and still show what we can.
        if (
            isinstance(response, TemplateResponse)
            and not response.context_data["search"].form.is_valid()
        ):
            response.status_code = 400
        return response


class ResourcePage(VisibleModelMixin, Page):
    """A curated learning resource: what it is, where it comes from, and how far to trust it."""

    summary = models.TextField(
        max_length=600, help_text=_("What it is and why it is worth reading, in your own words.")
    )
    body = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Optional: key points, how to use it in practice, cautions."),
    )
    link_url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Where the resource lives online.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Or upload it, if its licence allows."),
    )
    publisher = models.CharField(max_length=200)
    authors = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Year of publication or of the version linked to."),
    )
    format = models.CharField(max_length=20, choices=ResourceFormat.choices)
    knowledge_source = models.ForeignKey(
        "resources.KnowledgeSource", on_delete=models.PROTECT, related_name="resources"
    )
    topics = ParentalManyToManyField("resources.Topic", blank=True, related_name="resources")
    pcf_domains = ParentalManyToManyField(
        "resources.PCFDomain", blank=True, related_name="resources", verbose_name="PCF domains"
    )
    audiences = ParentalManyToManyField("resources.Audience", blank=True, related_name="resources")
    is_open_access = models.BooleanField(
        _("open access"), default=True, help_text=_("Untick if it is behind a paywall or login.")
    )
    last_reviewed = models.DateField(null=True, blank=True)
    review_due = models.DateField(
        null=True,
        blank=True,
        help_text=_("Left blank, it is set to a year after the last review."),
    )

    # Curation state, kept up to date by resources.services. It belongs to the resource,
    # not to a revision: see with_content_json.
    credibility_band = models.CharField(
        max_length=12, choices=Band.choices, default=Band.UNAPPRAISED, editable=False
    )
    credibility_score = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    appraisal_count = models.PositiveSmallIntegerField(default=0, editable=False)
    rating_average = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    link_status = models.CharField(
        max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED, editable=False
    )
    link_status_code = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    link_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    link_error = models.CharField(max_length=255, blank=True, editable=False)

    CURATION_FIELDS = (
        "credibility_band",
        "credibility_score",
        "appraisal_count",
        "rating_average",
        "rating_count",
        "link_status",
        "link_status_code",
        "link_checked_at",
        "link_error",
    )

    objects = ResourcePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("document")],
            heading=_("Where to find it"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("format")]),
                FieldPanel("knowledge_source", widget=forms.RadioSelect),
                FieldPanel("is_open_access"),
            ],
            heading=_("Source"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("pcf_domains", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("body"),
    ]
    curation_panels = [
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_due")]),
        HelpPanel(
            template="resources/admin/curation_status_panel.html",
            heading=_("Credibility, ratings and link"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(curation_panels, heading=_("Curation")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    # Field weights, in the order a reader judges a match: the title, then the summary, then
    # topics and who wrote or published it, then the body. README "How results are ranked".
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=6),
        index.SearchField("summary", boost=3),
        index.SearchField("body"),
        index.SearchField("publisher", boost=2),
        index.SearchField("authors", boost=2),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.RelatedFields("knowledge_source", [index.SearchField("name", boost=1.5)]),
        index.AutocompleteField("publisher"),
        index.FilterField("year"),
        index.FilterField("format"),
        index.FilterField("is_open_access"),
        index.FilterField("credibility_band"),
    ]

    template = "resources/resource_page.html"
    parent_page_types = ["resources.ResourceLibraryPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = list(CURATION_FIELDS)

    class Meta:
        verbose_name = "resource"
        indexes = [
            models.Index(fields=["credibility_band"]),
            models.Index(fields=["year"]),
            models.Index(fields=["review_due"]),
            models.Index(fields=["link_status"]),
        ]

    def clean(self) -> None:
        super().clean()
        if not self.link_url and not self.document_id:
            raise ValidationError(
                {"link_url": _("Give a link to the resource or upload it as a document.")}
            )
        if self.last_reviewed and self.review_due and self.review_due < self.last_reviewed:
            raise ValidationError(
                {"review_due": _("The review-due date cannot be before the last review.")}
            )

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.review_due:
            self.review_due = self.last_reviewed + REVIEW_INTERVAL
        # Indexed by modelsearch's post_save handler alone: the search backend builds the
        # document from the stored row, topics included, when it applies the change.
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # Appraisals, ratings and the link checker update these fields outside the
        # editing workflow. Publishing an older draft must not put back the values
        # that draft happened to carry.
        obj = super().with_content_json(content)
        for name in self.CURATION_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def get_context(self, request, *args, **kwargs):
        from ..selectors import resource_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_page_context(self, request))
        return context

    @property
    def href(self) -> str:
        """Where "go to the resource" leads: the external link, else the uploaded file."""
        if self.link_url:
            return self.link_url
        return self.document.url if self.document_id else ""

    @property
    def band_label(self) -> str:
        return str(Band(self.credibility_band).label)

    @property
    def is_due_for_review(self) -> bool:
        return self.review_due is not None and self.review_due <= timezone.localdate()

    @property
    def has_link_problem(self) -> bool:
        return self.link_status in PROBLEM_LINK_STATUSES
