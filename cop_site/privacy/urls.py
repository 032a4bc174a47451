from django.urls import path

from cop_site import converters  # noqa: F401 (registers <id:…>)

from .views import erasure, exports, hub, records

app_name = "privacy"

urlpatterns = [
    path("your-data/", hub.your_data, name="your_data"),
    path("your-data/download/", exports.request_export, name="request_export"),
    path("your-data/download/<uuid:public_id>/", exports.download, name="download"),
    path("your-data/records/", records.records_about_you, name="records"),
    path("your-data/erase/", erasure.erase_own_account, name="erase"),
    path("manage/members/<id:pk>/erase/", erasure.erase_member_account, name="erase_member"),
]
