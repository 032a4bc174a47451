"""Template tags every template can use without ``{% load %}`` (listed in TEMPLATES' builtins)."""

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from cop_site.forms import field_error_messages

register = template.Library()


@register.simple_tag
def elided_pages(page: Page) -> list:
    """Page numbers with gaps, so a long list does not link to hundreds of pages."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def error_messages(field: BoundField) -> list[str]:
    """``field``'s error messages as shown to people (see ``cop_site.forms``)."""
    return field_error_messages(field)


@register.filter(is_safe=True)
def page_title(title: str) -> SafeString:
    """A page's ``<title>``: the page's own title, then the site's name, said once.

    The home page is titled with the site's name alone, rather than the name twice over.
    """
    site_name = conditional_escape(settings.WAGTAIL_SITE_NAME)
    # The block arrives rendered, and so already escaped; only its spacing changes here.
    text = " ".join(str(title).split())
    escaped = mark_safe(text) if isinstance(title, SafeData) else conditional_escape(text)  # noqa: S308
    if not escaped or escaped == site_name:
        return site_name
    return mark_safe(f"{escaped} – {site_name}")  # noqa: S308
