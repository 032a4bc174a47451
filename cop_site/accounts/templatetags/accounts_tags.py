from django import template

register = template.Library()


@register.filter
def shares(profile, field: str) -> bool:
    """True when the profile's owner lets other members see `field`."""
    return profile is not None and profile.shares(field)
