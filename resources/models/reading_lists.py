"""Reading lists: ordered, annotated selections of resources that educators build."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index


class ReadingListPurpose(models.TextChoices):
    MODULE = "module", _("A module or course")
    PLACEMENT = "placement", _("A placement group")
    TOPIC = "topic", _("A topic")
    CPD = "cpd", _("Continuing professional development")


class ReadingListQuerySet(PageQuerySet):
    def visible_to(self, user) -> ReadingListQuerySet:
        """Public lists for everyone; members-only lists for people who are signed in."""
        lists = self.live().public()
        if not user.is_authenticated:
            lists = lists.filter(members_only=False)
        return lists


class ReadingListIndexPage(Page):
    intro = models.TextField(max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    template = "resources/reading_list_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ReadingListPage"]
    max_count = 1

    class Meta:
        verbose_name = "reading lists index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reading_lists"] = (
            ReadingListPage.objects.child_of(self)
            .visible_to(request.user)
            .select_related("topic")
            .order_by("title")
        )
        return context


class ReadingListPage(Page):
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

    @classmethod
    def search_visibility(cls, user, request):
        """Members-only lists are found only by signed-in members."""
        return Q() if user.is_authenticated else Q(members_only=False)

    def serve(self, request, *args, **kwargs):
        if self.members_only and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = (
            self.items.filter(resource__live=True)
            .select_related("resource__knowledge_source")
            .prefetch_related("resource__topics")
            .order_by("sort_order")
        )
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
