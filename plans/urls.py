from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("versions/<slug:slug>/", views.version_detail, name="version"),
    path("versions/<slug:slug>/points/<str:number>/", views.point_detail, name="point"),
]
