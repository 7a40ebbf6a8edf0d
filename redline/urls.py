from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Redline curation"
admin.site.site_title = "Redline"

urlpatterns = [
    path("", include("plans.urls")),
    path("articles/", include("articles.urls")),
    path("admin/", admin.site.urls),
]
