from django.urls import path

from cop_site import converters  # noqa: F401 (registers <id:…>)

from .views import erasure, exports, hub, records

app_name = "privacy"

urlpatterns = [
    path("privacy/", hub.your_data, name="your_data"),
    path("privacy/download/", exports.request_export, name="request_export"),
    path("privacy/download/<uuid:public_id>/", exports.download, name="download"),
    path("privacy/records/", records.records_about_you, name="records"),
    path("privacy/erase/", erasure.erase_own_account, name="erase"),
    path("manage/members/<id:pk>/erase/", erasure.erase_member_account, name="erase_member"),
]
