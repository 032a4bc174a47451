"""Filters for "Records about you": what an audit entry says happened, and who did it, in
the words of the person it is about."""

from django import template

from cop_site.accounts.models import User

from ..audit_display import THE_SITE, actor_for_subject, what_happened
from ..models import AuditEntry

register = template.Library()


@register.filter
def done_by(entry: AuditEntry, viewer: User) -> str:
    """ "You", the name of the member who did it, or "The site"."""
    return actor_for_subject(entry, viewer)


@register.filter
def done_by_in_sentence(entry: AuditEntry, viewer: User) -> str:
    """`done_by` in the middle of a sentence: "by you", "by the site", "by Amira Khan"."""
    who = actor_for_subject(entry, viewer)
    return who.lower() if who in ("You", THE_SITE) else who


@register.filter
def happened(entry: AuditEntry) -> str:
    return what_happened(entry)
