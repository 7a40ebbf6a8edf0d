"""Background work, run by the database-backed worker (`manage.py db_worker`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.tasks import task
from django.utils import timezone

from articles.fetching import FetchError, fetch_article_html
from articles.matching import match_article
from articles.models import Article, ArticleFetch, FetchStatus
from articles.storing import store_fetched_article

logger = logging.getLogger(__name__)


@task()
def match_article_task(article_id: int) -> int:
    """Find the points an article discusses; returns how many new mentions were stored."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    return match_article(article).created


def schedule_matching(article_ids: Iterable[int]) -> int:
    """Enqueue `match_article_task` for each article; returns how many were enqueued.

    Call it after the transaction that stored the articles has committed.
    """
    count = 0
    for article_id in article_ids:
        match_article_task.enqueue(article_id)
        count += 1
    return count


def _failed(fetch: ArticleFetch, message: str) -> str:
    ArticleFetch.objects.filter(pk=fetch.pk).update(status=FetchStatus.FAILED, message=message, finished_at=timezone.now())
    return "failed"


@task()
def fetch_article_task(fetch_id: int) -> str:
    """Fetch the page of an ArticleFetch, extract its main text, store the article, match it."""
    fetch = ArticleFetch.objects.filter(pk=fetch_id).first()
    if fetch is None:
        return "missing"
    ArticleFetch.objects.filter(pk=fetch.pk).update(status=FetchStatus.RUNNING)
    try:
        html = fetch_article_html(fetch.url)
        article, created = store_fetched_article(fetch, html)
    except FetchError as exc:
        return _failed(fetch, str(exc))
    except Exception:
        # Never leave a request "fetching" for ever; the worker's log has the traceback.
        logger.exception("fetching %s failed", fetch.url)
        _failed(fetch, "Something went wrong while reading this page. Try again, or paste its text.")
        raise
    status = FetchStatus.DONE if created else FetchStatus.DUPLICATE
    message = "" if created else "This article is already in the collection."
    ArticleFetch.objects.filter(pk=fetch.pk).update(
        status=status, article=article, message=message, finished_at=timezone.now()
    )
    if created:
        match_article(article)
    return status
