from django.urls import path

from cop_site import converters  # noqa: F401 (registers <id:…>)

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/profile/", views.profile_edit, name="profile_edit"),
    path("people/", views.directory, name="directory"),
    path("people/<id:pk>/", views.profile_detail, name="profile"),
    path("manage/verifications/", views.verification_queue, name="verification_queue"),
    path("manage/verifications/<id:pk>/", views.verify, name="verify"),
    path("manage/members/", views.members, name="members"),
    path("manage/members/<id:pk>/roles/", views.member_roles, name="member_roles"),
]
