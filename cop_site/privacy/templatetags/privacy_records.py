"""Filters for "Records about you": what an audit entry says happened, and who did it, in
the words of the person it is about."""

from django import template

from cop_site.accounts.models import User

from ..audit_display import actor_for_subject, what_happened
from ..models import AuditEntry

register = template.Library()


@register.filter
def done_by(entry: AuditEntry, viewer: User) -> str:
    """ "you", the name of the member who did it, or "the site"."""
    return actor_for_subject(entry, viewer)


@register.filter
def happened(entry: AuditEntry) -> str:
    return what_happened(entry)
