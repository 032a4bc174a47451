from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/profile/", views.profile_edit, name="profile_edit"),
    path("people/", views.directory, name="directory"),
    path("people/<int:pk>/", views.profile_detail, name="profile"),
    path("manage/verifications/", views.verification_queue, name="verification_queue"),
    path("manage/verifications/<int:pk>/", views.verify, name="verify"),
    path("manage/members/", views.members, name="members"),
    path("manage/members/<int:pk>/roles/", views.member_roles, name="member_roles"),
]
