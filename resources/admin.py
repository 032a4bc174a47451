"""The library's data in Django's data admin, for site admins running the site.

Resources and reading lists are Wagtail pages, edited in the Wagtail admin; appraisals and
ratings are made on the site, where the services keep each resource's band and averages
up to date, so here they can be looked up but not changed.
"""

from django.contrib import admin

from .models import Appraisal, Audience, KnowledgeSource, LearnerAppraisal, PCFDomain, Rating, Topic


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(KnowledgeSource, PCFDomain, Audience)
class FixedTermAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "sort_order"]


@admin.register(Appraisal)
class AppraisalAdmin(ReadOnlyAdmin):
    list_display = ["resource", "appraiser", "appraiser_role", "updated_at"]
    list_filter = ["appraiser_role"]
    search_fields = ["resource__title", "appraiser__email"]
    list_select_related = ["resource", "appraiser__profile"]


@admin.register(LearnerAppraisal)
class LearnerAppraisalAdmin(ReadOnlyAdmin):
    # A learner's appraisal and reflection are private to them: only that one exists.
    list_display = ["resource", "learner", "updated_at"]
    fields = ["resource", "learner", "created_at", "updated_at"]
    search_fields = ["resource__title", "learner__email"]
    list_select_related = ["resource", "learner__profile"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["resource", "user", "score", "updated_at"]
    list_filter = ["score"]
    search_fields = ["resource__title", "user__email"]
    list_select_related = ["resource", "user__profile"]
