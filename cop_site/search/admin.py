from django.contrib import admin

from .models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "user", "alerts", "last_alerted_at", "created_at"]
    list_filter = ["alerts"]
    search_fields = ["name", "query_string", "user__email"]
    list_select_related = ["user", "user__profile"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"
