from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("versions/<slug:slug>/", views.version_detail, name="version"),
    path("versions/<slug:slug>/points/<str:number>/", views.point_detail, name="point"),
    path("versions/<slug:slug>/points/<str:number>/genealogy/", views.genealogy, name="genealogy"),
    path("compare/", views.compare_versions, name="compare"),
    path("compare/links/confirm/", views.confirm_link, name="confirm-link"),
    path("compare/links/reject/", views.reject_link, name="reject-link"),
    path("compare/links/redraw/", views.redraw_link, name="redraw-link"),
]
