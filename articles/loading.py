"""Writing articles and their curated mentions into the database (format of articles.json).

Same contract as `plans.loading`: raise `DatasetError` on the first problem, upsert by natural
key (article URL; mention by version, points and claim), touch rows only when they differ.
"""

from __future__ import annotations

from typing import Any

from articles.ingest import canonical_url, text_fingerprint
from articles.models import Article, Mention, MentionOrigin, MentionStatus
from plans.loading import DatasetError, LoadReport, parse_date, require, upsert
from plans.models import PlanVersion, Point


def load_articles(items: Any, report: LoadReport, where: str) -> None:
    if not isinstance(items, list):
        raise DatasetError(f"{where}: expected a list of articles")
    versions = {v.slug: v for v in PlanVersion.objects.all()}
    points = {
        (p.version.slug, p.number): p for p in Point.objects.select_related("version")
    }
    urls = [item.get("url") for item in items if isinstance(item, dict)]
    repeated = sorted({u for u in urls if urls.count(u) > 1})
    if repeated:
        raise DatasetError(f"{where}: article url repeated: {repeated[0]}")

    for index, item in enumerate(items):
        here = f"{where}: articles[{index}]"
        if not isinstance(item, dict):
            raise DatasetError(f"{here}: expected an object")
        url = require(item, "url", here)
        try:
            canonical = canonical_url(str(url))
        except ValueError:
            raise DatasetError(f"{here}: url must be an absolute http:// or https:// URL") from None
        article, outcome = upsert(
            Article,
            {"url": url},
            {
                "outlet": require(item, "outlet", here),
                "title": require(item, "title", here),
                "published": parse_date(require(item, "published", here), here),
                "language": require(item, "language", here),
                "summary": require(item, "summary", here),
                "canonical_url": canonical,
                "text_hash": text_fingerprint(item["summary"]),
            }, here)
        report.add("article", outcome)

        existing = {
            (m.version.slug, frozenset(p.number for p in m.points.all()), m.claim): m
            for m in article.mentions.filter(origin=MentionOrigin.CURATED)
            .select_related("version")
            .prefetch_related("points")
        }
        for m_index, mention in enumerate(item.get("mentions") or []):
            there = f"{here}: mentions[{m_index}]"
            slug = require(mention, "version", there)
            version = versions.get(slug)
            if version is None:
                raise DatasetError(f"{there}: version '{slug}' is not known")
            numbers = [str(n) for n in mention.get("points") or []]
            missing = [n for n in numbers if (slug, n) not in points]
            if missing:
                raise DatasetError(f"{there}: {slug} has no point {', '.join(missing)}")
            claim = require(mention, "claim", there)
            key = (slug, frozenset(numbers), claim)
            if key in existing:
                report.add("mention", "unchanged")
                continue
            row = Mention.objects.create(
                article=article,
                version=version,
                claim=claim,
                origin=MentionOrigin.CURATED,
                confidence=1.0,
                status=MentionStatus.CONFIRMED,
            )
            row.points.set([points[(slug, n)] for n in numbers])
            report.add("mention", "created")
