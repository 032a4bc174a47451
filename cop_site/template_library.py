"""Template tags every template can use without ``{% load %}`` (listed in TEMPLATES' builtins)."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def elided_pages(page: Page) -> list:
    """Page numbers with gaps, so a long list does not link to hundreds of pages."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
