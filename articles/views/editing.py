"""Editors bring in articles (by URL through the worker, or pasted) and review found mentions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from articles.forms import FetchArticleForm, PasteArticleForm
from articles.ingest import ArticleDraft, IngestError
from articles.models import ArticleFetch, Mention, MentionOrigin, MentionStatus
from articles.storing import store_drafts
from articles.tasks import fetch_article_task, schedule_matching
from articles.views.browse import article_context
from plans.permissions import is_editor

FORBIDDEN = "Only editors can add articles or review mentions."


@require_http_methods(["GET", "POST"])
def add_article(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        return HttpResponseForbidden(FORBIDDEN)
    fetch_form, paste_form = FetchArticleForm(prefix="fetch"), PasteArticleForm(prefix="paste")
    if request.method == "POST" and "fetch-url" in request.POST:
        fetch_form = FetchArticleForm(request.POST, prefix="fetch")
        if fetch_form.is_valid():
            fetch = ArticleFetch.objects.create(
                url=fetch_form.cleaned_data["url"],
                language=fetch_form.cleaned_data["language"],
                requested_by=request.user,
            )
            fetch_article_task.enqueue(fetch.pk)
            return redirect("articles:fetch", pk=fetch.pk)
    elif request.method == "POST":
        paste_form = PasteArticleForm(request.POST, prefix="paste")
        if paste_form.is_valid():
            data = paste_form.cleaned_data
            draft = ArticleDraft(
                url=data["url"], title=data["title"], outlet=data["outlet"], published=data["published"],
                language=data["language"], text=data["text"], where="form",
            )
            try:
                report = store_drafts([draft], user=request.user)
            except IngestError as exc:
                paste_form.add_error(None, str(exc))
            else:
                if report.duplicates:
                    _, existing, why = report.duplicates[0]
                    paste_form.add_error(None, f"Already in the collection ({why}): “{existing.title}”.")
                else:
                    article = report.created[0]
                    schedule_matching(report.created_ids)
                    return redirect(article.get_absolute_url())
    recent = ArticleFetch.objects.select_related("article")[:8]
    return render(
        request,
        "articles/add.html",
        {"fetch_form": fetch_form, "paste_form": paste_form, "recent": recent},
        status=400 if (fetch_form.errors or paste_form.errors) else 200,
    )


def fetch_status(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_editor(request.user):
        return HttpResponseForbidden(FORBIDDEN)
    fetch = get_object_or_404(ArticleFetch.objects.select_related("article"), pk=pk)
    template = "articles/fetch.html#status" if request.htmx else "articles/fetch.html"
    response = render(request, template, {"fetch": fetch})
    if request.htmx and not fetch.pending:
        # Done: stop polling by answering with the final state only (no hx-trigger in it).
        response["HX-Trigger"] = "fetch-finished"
    return response


def _review(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    if not is_editor(request.user):
        return HttpResponseForbidden(FORBIDDEN)
    mention = get_object_or_404(Mention.objects.select_related("article"), pk=pk, origin=MentionOrigin.AUTOMATIC)
    mention.status = status
    mention.reviewed_by = request.user
    mention.reviewed_at = timezone.now()
    mention.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    if request.htmx:
        return render(request, "articles/detail.html#article-main", article_context(request, mention.article))
    return redirect(mention.article.get_absolute_url())


@require_POST
def confirm_mention(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, MentionStatus.CONFIRMED)


@require_POST
def reject_mention(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, MentionStatus.REJECTED)
