from django.urls import path

from cop_site import converters  # noqa: F401 (registers <id:…>)

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.library, name="library"),
    path("how-we-rate-sources/", views.how_we_rate, name="how_we_rate"),
    path("my-appraisals/", views.my_appraisals, name="my_appraisals"),
    path("<id:pk>/appraise/", views.appraise, name="appraise"),
    path("<id:pk>/appraise/withdraw/", views.withdraw_appraisal, name="withdraw_appraisal"),
    path("<id:pk>/compare/", views.compare, name="compare"),
    path("<id:pk>/rate/", views.rate, name="rate"),
]
