"""How resources are classified: topics (edited by educators) and the fixed lists.

PCF domains, knowledge sources and audiences are fixed lists loaded by a data
migration; their slugs appear in bookmarked library URLs, so they never change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceFormat(models.TextChoices):
    ARTICLE = "article", _("Article")
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    VIDEO = "video", _("Video")
    PODCAST = "podcast", _("Podcast")
    TOOLKIT = "toolkit", _("Toolkit")
    LEGISLATION = "legislation", _("Legislation")
    ELEARNING = "e-learning", _("E-learning")


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, max_length=500)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FixedTerm(models.Model):
    """A term from a fixed list. Rows come from a migration, never from editors."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.name


class PCFDomain(FixedTerm):
    """One of the nine domains of BASW's Professional Capabilities Framework."""

    class Meta(FixedTerm.Meta):
        verbose_name = "PCF domain"


class KnowledgeSource(FixedTerm):
    """One of the five sources of social care knowledge in SCIE's Knowledge Review 3."""

    class Meta(FixedTerm.Meta):
        verbose_name = "knowledge source"


class Audience(FixedTerm):
    """Who a resource is mainly for, by stage of career."""

    class Meta(FixedTerm.Meta):
        verbose_name = "audience"
