from django import template
from django.core.paginator import Page

from ..credibility import Score

register = template.Library()


@register.simple_tag
def elided_pages(page: Page) -> list:
    """Page numbers with gaps, so a long library does not list hundreds of links."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def score_label(score: str) -> str:
    try:
        return str(Score(score).label)
    except ValueError:
        return score
