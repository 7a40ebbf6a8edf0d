"""Pages for articles: the filterable list and one article with the points it discusses."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.forms import LANGUAGE_NAMES, ArticleFilterForm
from articles.highlight import highlight
from articles.models import Article, Mention, MentionOrigin
from plans.models import Point
from plans.permissions import is_editor

PAGE_SIZE = 20


@require_GET
@vary_on_headers("HX-Request")
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET)
    articles = Article.objects.order_by("-published", "pk")
    articles = form.filter(articles) if form.is_valid() else articles.none()
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    mentions = Mention.objects.visible().select_related("version").prefetch_related(
        Prefetch("points", queryset=Point.objects.order_by("order"))
    )
    page.object_list = list(page.object_list.prefetch_related(Prefetch("mentions", queryset=mentions)))
    query = request.GET.copy()
    query.pop("page", None)
    template = "articles/list.html#results" if request.htmx else "articles/list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "language_names": LANGUAGE_NAMES,
            "can_edit": is_editor(request.user),
        },
    )


def article_context(request: HttpRequest, article: Article) -> dict:
    """What the article page (and its mentions fragment) shows."""
    editor = is_editor(request.user)
    mentions = article.mentions.select_related("version").prefetch_related(
        Prefetch("points", queryset=Point.objects.order_by("order"))
    )
    if not editor:
        mentions = mentions.visible()
    mentions = sorted(mentions, key=lambda m: (m.origin != MentionOrigin.CURATED, m.version.date, -m.confidence, m.pk))
    visible = [m for m in mentions if m.status != "rejected"]
    text = article.body or article.summary
    evidence = [(m.evidence, m.pk) for m in visible if m.evidence]
    by_pk = {m.pk: m for m in visible}
    pieces = [(piece, [by_pk[k] for k in keys]) for piece, keys in highlight(text, evidence)]
    return {
        "article": article,
        "mentions": mentions,
        "pieces": pieces,
        "text_is_body": bool(article.body),
        "language_names": LANGUAGE_NAMES,
        "can_edit": editor,
        "unconfirmed": sum(1 for m in visible if m.status == "unconfirmed"),
    }


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    return render(request, "articles/detail.html", article_context(request, article))
