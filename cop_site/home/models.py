from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentBlock
from .sections import member_offers, sections_for


class HomePage(Page):
    """The front door: what the platform is, for whom, and where each person goes next."""

    intro = models.TextField(max_length=600)
    body = StreamField(ContentBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "home/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for(request)
        context["member_offers"] = member_offers()
        return context


class StandardPage(Page):
    """A page of written text: the privacy notice, accessibility statement, guidelines."""

    intro = models.TextField(max_length=600, blank=True)
    body = StreamField(ContentBlock())
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "home/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]


@register_setting(icon="list-ul")
class SiteChrome(BaseSiteSetting):
    """The pages every page's footer links to."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guidelines_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("guidelines_page"),
            ],
            heading="Footer links",
        )
    ]

    class Meta:
        verbose_name = "site chrome"
