"""Storing article drafts: every field checked first, then written once each (never twice).

An article already stored under the same canonical URL, or with the same text under another
URL, is a duplicate: it is reported, not written. The same holds within one batch. Matching
(finding the points an article discusses) is the caller's next step: `schedule_matching`, after
the transaction has committed, so the worker sees the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.extraction import extract
from articles.fetching import FetchError
from articles.ingest import (
    DEFAULT_LANGUAGE,
    ArticleDraft,
    IngestError,
    canonical_url,
    http_url,
    language_code,
    text_fingerprint,
)
from articles.models import Article, ArticleFetch
from plans.loading import DatasetError, validate

Progress = Callable[[int, int], None]  # (drafts handled so far, total)

# Rows fetched per query when looking for duplicates: well under every backend's parameter limit.
CHUNK = 500


@dataclass
class StoreReport:
    """What `store_drafts` did: the articles it created, and the drafts it skipped as duplicates.

    Each duplicate is (draft, the article it repeats, why: "same URL" or "same text"); the
    article may be one created earlier in the same batch.
    """

    created: list[Article] = field(default_factory=list)
    duplicates: list[tuple[ArticleDraft, Article, str]] = field(default_factory=list)

    @property
    def created_ids(self) -> list[int]:
        return [article.pk for article in self.created]

    def summary(self) -> str:
        return f"{len(self.created)} created, {len(self.duplicates)} duplicates (skipped)"


def article_from_draft(draft: ArticleDraft, where: str, user: Any = None) -> Article:
    """An unsaved Article for `draft`, every field checked. Raises IngestError naming `where`."""
    url = http_url(draft.url, where)
    if not draft.title.strip():
        raise IngestError(f"{where}: the title is blank")
    if not draft.outlet.strip():
        raise IngestError(f"{where}: the outlet is blank")
    if not (draft.text.strip() or draft.summary.strip()):
        raise IngestError(f"{where}: no text and no summary")
    article = Article(
        url=url,
        canonical_url=canonical_url(url),
        text_hash=text_fingerprint(draft.text or draft.summary),
        outlet=draft.outlet.strip(),
        title=draft.title.strip(),
        published=draft.published,
        language=language_code(draft.language, where),
        summary=draft.summary.strip(),
        body=draft.text.strip(),
        added_by=user if user is not None and user.is_authenticated else None,
    )
    try:
        validate(article, where)
    except DatasetError as exc:
        raise IngestError(str(exc)) from None
    return article


class Known:
    """Articles already stored or created in this batch, by canonical URL and by text hash."""

    def __init__(self, candidates: Sequence[Article]) -> None:
        self.by_url: dict[str, Article] = {}
        self.by_text: dict[str, Article] = {}
        urls = sorted({a.canonical_url for a in candidates})
        hashes = sorted({a.text_hash for a in candidates if a.text_hash})
        for start in range(0, len(urls), CHUNK):
            for article in Article.objects.filter(canonical_url__in=urls[start : start + CHUNK]):
                self.by_url[article.canonical_url] = article
        for start in range(0, len(hashes), CHUNK):
            for article in Article.objects.filter(text_hash__in=hashes[start : start + CHUNK]).order_by("pk"):
                self.by_text.setdefault(article.text_hash, article)

    def duplicate_of(self, article: Article) -> tuple[Article, str] | None:
        if article.canonical_url in self.by_url:
            return self.by_url[article.canonical_url], "same URL"
        if article.text_hash and article.text_hash in self.by_text:
            return self.by_text[article.text_hash], "same text"
        return None

    def add(self, article: Article) -> None:
        self.by_url[article.canonical_url] = article
        if article.text_hash:
            self.by_text.setdefault(article.text_hash, article)


def find_duplicate(draft: ArticleDraft) -> tuple[Article, str] | None:
    """The stored article `draft` would repeat, and why ("same URL" or "same text"), or None.

    For forms that warn before saving; raises IngestError if the draft's URL is unusable.
    """
    candidate = Article(
        canonical_url=canonical_url(http_url(draft.url, draft.where or "url")),
        text_hash=text_fingerprint(draft.text or draft.summary),
    )
    return Known([candidate]).duplicate_of(candidate)


def store_drafts(
    drafts: Iterable[ArticleDraft], *, user: Any = None, progress: Progress | None = None
) -> StoreReport:
    """Store the drafts that are not duplicates, all in one transaction.

    Every draft is checked before anything is written: if one is invalid, IngestError names it
    and nothing is stored. `user` becomes `added_by`; `progress(done, total)` is called after
    each draft. Matching is not run: call `schedule_matching(report.created_ids)` after commit.
    """
    drafts = list(drafts)
    candidates = [
        article_from_draft(draft, draft.where or f"article {number}", user)
        for number, draft in enumerate(drafts, 1)
    ]
    report = StoreReport()
    with transaction.atomic():
        known = Known(candidates)
        for done, (draft, article) in enumerate(zip(drafts, candidates, strict=True), 1):
            duplicate = known.duplicate_of(article)
            if duplicate:
                report.duplicates.append((draft, *duplicate))
            else:
                article.save(force_insert=True)
                known.add(article)
                report.created.append(article)
            if progress:
                progress(done, len(drafts))
    return report


def store_fetched_article(fetch: ArticleFetch, html: str) -> tuple[Article, bool]:
    """Extract the article in `html` (fetched for `fetch`) and store it unless it is known.

    Returns (article, True) for a new article, (the stored one, False) for a duplicate. The
    date falls back to today when the page gives none; the language is the one the editor
    chose, else the page's, else "en". Raises FetchError (which the worker records on the
    fetch) when the page holds no article or its fields cannot be stored.
    """
    found = extract(html, fetch.url)
    if not found.has_article:
        raise FetchError(f"{fetch.url}: no article text found on the page ({found.word_count} words)")
    title_field = Article._meta.get_field("title")
    outlet_field = Article._meta.get_field("outlet")
    title = found.title or found.text.splitlines()[0]
    draft = ArticleDraft(
        url=fetch.url,
        title=title[: title_field.max_length],
        outlet=(found.outlet or "unknown")[: outlet_field.max_length],
        published=found.published or timezone.localdate(),
        language=language_code_or_none(fetch.language) or found.language or DEFAULT_LANGUAGE,
        text=found.text,
        where=fetch.url,
    )
    try:
        article = article_from_draft(draft, fetch.url, fetch.requested_by)
    except IngestError as exc:
        raise FetchError(str(exc)) from None
    duplicate = Known([article]).duplicate_of(article)
    if duplicate:
        return duplicate[0], False
    try:
        with transaction.atomic():
            article.save(force_insert=True)
    except IntegrityError:
        # Another worker stored the same page a moment ago.
        duplicate = Known([article]).duplicate_of(article)
        if duplicate is None:
            raise
        return duplicate[0], False
    return article, True


def language_code_or_none(value: str) -> str:
    try:
        return language_code(value, "language") if value else ""
    except IngestError:
        return ""
