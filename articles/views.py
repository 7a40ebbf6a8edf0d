"""Pages for articles: the filterable list and one article with the points it discusses."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.forms import LANGUAGE_NAMES, ArticleFilterForm
from articles.models import Article, Mention
from plans.models import Point

PAGE_SIZE = 20


@require_GET
@vary_on_headers("HX-Request")
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET)
    articles = Article.objects.order_by("-published", "pk")
    if form.is_valid():
        articles = form.filter(articles)
    else:
        articles = articles.none()
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
        {"form": form, "page": page, "query": query.urlencode(), "language_names": LANGUAGE_NAMES},
    )


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    mentions = list(
        article.mentions.visible()
        .select_related("version")
        .prefetch_related(Prefetch("points", queryset=Point.objects.order_by("order")))
        .order_by("version__date", "pk")
    )
    return render(
        request,
        "articles/detail.html",
        {"article": article, "mentions": mentions, "language_names": LANGUAGE_NAMES},
    )
