"""Finding the points an article discusses and storing them as unconfirmed mentions.

The finder itself is plain Python (`articles.mentions`); this adapter builds its catalogue from
the database and writes what it finds. An editor's verdict is final: a mention an editor
rejected (or confirmed) is never added again or changed when matching runs again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from articles.mentions import CatalogPoint, CatalogVersion, MentionFinder
from articles.models import Article, Mention, MentionOrigin, MentionStatus
from plans.models import PlanVersion, Point


def build_catalog() -> list[CatalogVersion]:
    """Every version with its points, as the finder wants them. Two queries."""
    versions = list(PlanVersion.objects.select_related("parent").order_by("date", "pk"))
    points: dict[int, list[CatalogPoint]] = {v.pk: [] for v in versions}
    numbers = dict(Point.objects.values_list("pk", "number"))
    for version_id, number, text, parent_id in Point.objects.order_by("version", "order").values_list(
        "version_id", "number", "text", "parent_id"
    ):
        points[version_id].append(CatalogPoint(number, text, numbers.get(parent_id)))
    return [
        CatalogVersion(v.slug, v.label, v.date, tuple(points[v.pk]), parent=v.parent.slug if v.parent else None)
        for v in versions
    ]


def finder() -> MentionFinder:
    return MentionFinder(build_catalog())


def article_text(article: Article) -> str:
    return "\n".join(part for part in (article.title, article.body or article.summary) if part)


@dataclass
class MatchReport:
    created: int = 0
    kept: int = 0  # already there (any status), left as it was


def match_article(article: Article, mention_finder: MentionFinder | None = None) -> MatchReport:
    """Add the automatic mentions found in `article` that are not stored yet (any status)."""
    mention_finder = mention_finder or finder()
    found = mention_finder.find(article_text(article), published=article.published)
    versions = {v.slug: v for v in PlanVersion.objects.all()}
    points = {
        (slug, number): pk
        for slug, number, pk in Point.objects.values_list("version__slug", "number", "pk")
    }
    existing = set(
        article.mentions.filter(origin=MentionOrigin.AUTOMATIC).values_list("version__slug", "match_key")
    )
    # Curated mentions already say what the article discusses: don't repeat them as guesses.
    curated = set(
        article.mentions.filter(origin=MentionOrigin.CURATED).values_list("version__slug", "points__number")
    )
    report = MatchReport()
    with transaction.atomic():
        for mention in found:
            key = mention.point or ""
            if (mention.version, key) in existing or (mention.version, mention.point) in curated:
                report.kept += 1
                continue
            if mention.version not in versions or (mention.point and (mention.version, mention.point) not in points):
                continue
            row = Mention.objects.create(
                article=article,
                version=versions[mention.version],
                origin=MentionOrigin.AUTOMATIC,
                status=MentionStatus.UNCONFIRMED,
                confidence=round(min(max(mention.confidence, 0.0), 1.0), 3),
                evidence=mention.evidence,
                reason=mention.reason,
                match_key=key,
            )
            if mention.point:
                row.points.set([points[(mention.version, mention.point)]])
            existing.add((mention.version, key))
            report.created += 1
    return report


def match_articles(articles: Iterable[Article]) -> MatchReport:
    total = MatchReport()
    shared = finder()
    for article in articles:
        report = match_article(article, shared)
        total.created += report.created
        total.kept += report.kept
    return total
