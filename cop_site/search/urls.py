from django.urls import path

from cop_site import converters  # noqa: F401 (registers <id:…>)

from . import autocomplete, saved_views, views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("tips/", views.tips, name="tips"),
    path("autocomplete/", autocomplete.autocomplete, name="autocomplete"),
    path("saved/", saved_views.saved_searches, name="saved"),
    path("saved/new/", saved_views.save_search, name="save"),
    path("saved/<id:pk>/", saved_views.edit_saved_search, name="saved_edit"),
    path("saved/<id:pk>/delete/", saved_views.delete_saved_search, name="saved_delete"),
]
