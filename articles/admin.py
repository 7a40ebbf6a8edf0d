"""Curation of articles and their mentions in the admin."""

from django.contrib import admin

from articles.models import Article, Mention


class MentionInline(admin.StackedInline):
    model = Mention
    extra = 0
    fields = [("version", "origin", "status", "confidence"), "points", "claim"]
    autocomplete_fields = ["version", "points"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "language"]
    list_filter = ["language", "outlet", "published"]
    search_fields = ["title", "outlet", "url", "summary", "body"]
    date_hierarchy = "published"
    inlines = [MentionInline]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "version", "origin", "status", "confidence"]
    list_filter = ["status", "origin", "version"]
    search_fields = ["claim", "article__title"]
    list_select_related = ["article", "version"]
    autocomplete_fields = ["article", "version", "points"]
