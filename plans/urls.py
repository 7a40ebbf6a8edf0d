from django.urls import path

from plans import views
from plans.views import annotations

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
    # Annotations
    path("versions/<slug:slug>/points/<str:number>/notes/", annotations.add_annotation, name="annotation-add"),
    path("versions/<slug:slug>/points/<str:number>/notes/feed/", annotations.point_annotation_feed, name="point-annotation-feed"),
    path("notes/", annotations.recent_annotations, name="annotations"),
    path("notes/feed/", annotations.annotation_feed, name="annotation-feed"),
    path("notes/mine/", annotations.my_annotations, name="my-annotations"),
    path("notes/tags/", annotations.tag_list, name="tags"),
    path("notes/tags/<slug:slug>/", annotations.annotations_by_tag, name="annotations-by-tag"),
    path("notes/reports/", annotations.report_queue, name="reports"),
    path("notes/<int:pk>/", annotations.annotation_detail, name="annotation"),
    path("notes/<int:pk>/edit/", annotations.edit_annotation, name="annotation-edit"),
    path("notes/<int:pk>/reply/", annotations.reply_to_annotation, name="annotation-reply"),
    path("notes/<int:pk>/delete/", annotations.delete_annotation, name="annotation-delete"),
    path("notes/<int:pk>/hide/", annotations.hide_annotation, name="annotation-hide"),
    path("notes/<int:pk>/restore/", annotations.restore_annotation, name="annotation-restore"),
    path("notes/<int:pk>/report/", annotations.report_annotation, name="annotation-report"),
    path("notes/<int:pk>/reports/dismiss/", annotations.dismiss_reports, name="reports-dismiss"),
]
