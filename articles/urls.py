from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("<int:pk>/", views.article_detail, name="detail"),
    path("add/", views.add_article, name="add"),
    path("fetches/<int:pk>/", views.fetch_status, name="fetch"),
    path("mentions/<int:pk>/confirm/", views.confirm_mention, name="confirm-mention"),
    path("mentions/<int:pk>/reject/", views.reject_mention, name="reject-mention"),
    path("coverage/", views.coverage, name="coverage"),
]
