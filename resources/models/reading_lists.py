"""Reading lists: ordered, annotated selections of resources that educators build."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cop_site.visibility import (
    PageVisibility,
    Viewer,
    VisiblePageManager,
    VisiblePageMixin,
    VisibleQuerySetMixin,
)


class ReadingListPurpose(models.TextChoices):
    MODULE = "module", _("A module or course")
    PLACEMENT = "placement", _("A placement group")
    TOPIC = "topic", _("A topic")
    CPD = "cpd", _("Continuing professional development")


class ReadingListQuerySet(VisibleQuerySetMixin, PageQuerySet):
    pass


def members_only_audience(viewer: Viewer) -> Q:
    """Members-only lists are for people who are signed in."""
    return Q() if viewer.is_authenticated else Q(members_only=False)


class ReadingListIndexPage(Page):
    intro = models.TextField(max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    template = "resources/reading_list_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ReadingListPage"]
    max_count = 1

    objects = VisiblePageManager()

    class Meta:
        verbose_name = "reading lists index"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import reading_lists_in

        context = super().get_context(request, *args, **kwargs)
        context["reading_lists"] = reading_lists_in(self, request).select_related("topic")
        return context


class ReadingListPage(VisiblePageMixin, Page):
    intro = models.TextField(max_length=1500, help_text=_("Who the list is for and how to use it."))
    purpose = models.CharField(max_length=12, choices=ReadingListPurpose.choices)
    context_name = models.CharField(
        _("module, group or topic name"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example: Readiness for Direct Practice, or the 2026 spring placement group."
        ),
    )
    topic = models.ForeignKey(
        "resources.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members_only = models.BooleanField(
        default=False, help_text=_("Only signed-in members can see a members-only list.")
    )

    objects = PageManager.from_queryset(ReadingListQuerySet)()
    # Who may read a list: the page rule, and members-only lists only for members.
    visibility = PageVisibility(audience=members_only_audience)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("context_name"),
                FieldPanel("topic"),
                FieldPanel("members_only"),
            ],
            heading=_("Purpose and audience"),
        ),
        InlinePanel("items", heading=_("Resources, in reading order"), label=_("Resource")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.FilterField("members_only"),
    ]

    template = "resources/reading_list_page.html"
    parent_page_types = ["resources.ReadingListIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "reading list"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import reading_list_items

        context = super().get_context(request, *args, **kwargs)
        context["items"] = reading_list_items(self, request)
        return context


class ReadingListItem(Orderable):
    page = ParentalKey(ReadingListPage, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="reading_list_items"
    )
    annotation = models.TextField(
        max_length=1000,
        blank=True,
        help_text=_("Why this resource is on the list, and what to look for in it."),
    )

    panels = [FieldPanel("resource"), FieldPanel("annotation")]

    def __str__(self) -> str:
        return f"{self.resource} in {self.page}"
