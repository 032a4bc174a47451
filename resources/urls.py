from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.library, name="library"),
    path("how-we-rate-sources/", views.how_we_rate, name="how_we_rate"),
    path("my-appraisals/", views.my_appraisals, name="my_appraisals"),
    path("<int:pk>/appraise/", views.appraise, name="appraise"),
    path("<int:pk>/appraise/withdraw/", views.withdraw_appraisal, name="withdraw_appraisal"),
    path("<int:pk>/compare/", views.compare, name="compare"),
    path("<int:pk>/rate/", views.rate, name="rate"),
]
