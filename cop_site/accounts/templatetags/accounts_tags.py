from django import template

register = template.Library()


@register.filter
def shares(profile, field: str) -> bool:
    """True when the profile's owner lets other members see `field`."""
    return profile is not None and profile.shares(field)


@register.simple_tag(takes_context=True)
def mfa_setup_next(context) -> str:
    """The page the member was opening when sent to set up two-factor authentication,
    once they have it (see ``cop_site.accounts.mfa``)."""
    from cop_site.accounts.mfa import mfa_setup_next as next_page

    request = context.get("request")
    return next_page(request) if request is not None else ""
