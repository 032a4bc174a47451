from django import template

from ..credibility import Score

register = template.Library()


@register.filter
def score_label(score: str) -> str:
    try:
        return str(Score(score).label)
    except ValueError:
        return score
