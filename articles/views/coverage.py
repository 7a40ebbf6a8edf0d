"""Which points the press discussed most, per version and over time."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from articles.charts import bar_chart, time_chart, week_start
from articles.models import Mention, MentionStatus
from plans.models import PlanVersion, Point

TOP_POINTS = 12
TIME_SERIES = 6


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    """Four queries: versions, points, (point, article, status) and (version, article, date) rows."""
    versions = list(PlanVersion.objects.chronological().only("slug", "label", "date", "status"))
    points = {pk: (version_id, number, text) for pk, version_id, number, text in Point.objects.values_list("pk", "version_id", "number", "text")}
    through = Mention.points.through.objects.exclude(mention__status=MentionStatus.REJECTED)
    articles_by_point: dict[int, dict[int, bool]] = defaultdict(dict)  # point -> article -> confirmed?
    for point_id, article_id, status in through.values_list("point_id", "mention__article_id", "mention__status").distinct():
        confirmed = status == MentionStatus.CONFIRMED
        articles_by_point[point_id][article_id] = articles_by_point[point_id].get(article_id, False) or confirmed
    by_version: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for point_id, articles in articles_by_point.items():
        version_id = points[point_id][0]
        unconfirmed = sum(1 for confirmed in articles.values() if not confirmed)
        by_version[version_id].append((point_id, len(articles), unconfirmed))

    charts = []
    for version in versions:
        rows = sorted(by_version.get(version.pk, []), key=lambda r: (-r[1], points[r[0]][1]))[:TOP_POINTS]
        if not rows:
            continue
        point_url = reverse("plans:point", args=[version.slug, "_"])[:-2]
        items = [
            (points[pk][1], total, unconfirmed, f"{point_url}{points[pk][1]}/", points[pk][2][:140])
            for pk, total, unconfirmed in rows
        ]
        charts.append({"version": version, "chart": bar_chart(items), "points": len(by_version[version.pk])})

    per_week: dict[tuple, set[int]] = defaultdict(set)
    version_articles: dict[int, set[int]] = defaultdict(set)
    for version_id, article_id, published in (
        Mention.objects.visible().values_list("version_id", "article_id", "article__published").distinct()
    ):
        per_week[(week_start(published), version_id)].add(article_id)
        version_articles[version_id].add(article_id)
    busiest = sorted(version_articles, key=lambda v: -len(version_articles[v]))[:TIME_SERIES]
    labels = {v.pk: v.label for v in versions}
    series = [(str(v), labels[v]) for v in sorted(busiest, key=lambda v: next(i for i, x in enumerate(versions) if x.pk == v))]
    counts = {(week, str(v)): len(ids) for (week, v), ids in per_week.items() if v in busiest}
    timeline = time_chart(counts, series)
    return render(
        request,
        "articles/coverage.html",
        {"charts": charts, "timeline": timeline, "series": [(i, key, label) for i, (key, label) in enumerate(series)]},
    )
