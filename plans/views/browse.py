"""Pages for plans: the home timeline, one version, one point."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Article, Mention
from plans.compare_service import is_ordered
from plans.lineage import point_fates
from plans.lineage_graph import inherited_from
from plans.models import Plan, PlanVersion, Point, Section, VersionPair
from plans.views.annotations import annotation_section

LATEST_ARTICLES = 6


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    versions = list(
        PlanVersion.objects.with_point_counts().select_related("parent").chronological()
    )
    plans = list(Plan.objects.all())
    for plan in plans:
        plan.timeline = [v for v in versions if v.plan_id == plan.pk]
    latest = (
        Article.objects.annotate(mention_count=Count("mentions", distinct=True))
        .order_by("-published", "pk")[:LATEST_ARTICLES]
    )
    return render(
        request,
        "plans/home.html",
        {"plans": plans, "latest_articles": latest, "article_count": Article.objects.count()},
    )


@dataclass
class SectionGroup:
    section: Section | None
    points: list[Point] = field(default_factory=list)


def group_points(points: list[Point], sections: list[Section]) -> list[SectionGroup]:
    """Nest sub-points under their parents (`point.children`) and group top-level points by section.

    Points arrive in document order; a group is opened each time the section changes, so a
    version whose sections interleave still reads in its own order.
    """
    children: dict[int, list[Point]] = {}
    for point in points:
        if point.parent_id is not None:
            children.setdefault(point.parent_id, []).append(point)
    groups: list[SectionGroup] = []
    for point in points:
        point.children = children.get(point.pk, [])
        if point.parent_id is not None:
            continue
        if not groups or groups[-1].section != point.section:
            groups.append(SectionGroup(point.section))
        groups[-1].points.append(point)
    return groups


@require_GET
def version_detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_object_or_404(PlanVersion.objects.select_related("plan", "parent"), slug=slug)
    sections = list(version.sections.all())
    points = list(
        version.points.select_related("section")
        .annotate(article_count=Count("mentions__article", filter=~Q(mentions__status="rejected"), distinct=True))
        .order_by("order")
    )
    pairs = list(
        VersionPair.objects.filter(Q(from_version=version) | Q(to_version=version))
        .select_related("from_version", "to_version")
        .annotate(link_count=Count("links", distinct=True))
    )
    article_count = (
        Article.objects.filter(mentions__version=version).exclude(mentions__status="rejected").distinct().count()
    )
    return render(
        request,
        "plans/version.html",
        {
            "version": version,
            "groups": group_points(points, sections),
            "top_level_total": sum(1 for p in points if p.parent_id is None),
            "sub_point_total": sum(1 for p in points if p.parent_id is not None),
            "placeholder_numbering": not is_ordered(points),
            "earlier_pairs": [p for p in pairs if p.to_version_id == version.pk],
            "later_pairs": [p for p in pairs if p.from_version_id == version.pk],
            "children": list(version.children.all()),
            "article_count": article_count,
        },
    )


@require_GET
def point_detail(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    point = get_object_or_404(
        Point.objects.select_related("version__plan", "parent", "section"),
        version__slug=slug,
        number=number,
    )
    neighbours = list(
        point.version.points.filter(parent__isnull=True).only("pk", "number", "order", "version_id")
    )
    top = point.parent or point
    index = next(i for i, p in enumerate(neighbours) if p.pk == top.pk)
    # Articles about the points this one came from show here too, marked as inherited.
    earlier = inherited_from(point)
    mentions = list(
        Mention.objects.visible()
        .filter(points__in=[point.pk, *earlier])
        .select_related("article", "version")
        .prefetch_related(Prefetch("points", queryset=Point.objects.order_by("order")))
        .order_by("-article__published", "pk")
        .distinct()
    )
    for mention in mentions:
        via = [p for p in mention.points.all() if p.pk in earlier]
        mention.inherited_from = via if not any(p.pk == point.pk for p in mention.points.all()) else []
    return render(
        request,
        "plans/point.html",
        {
            "point": point,
            "version": point.version,
            "sub_points": list(point.sub_points.order_by("order")),
            "previous": neighbours[index - 1] if index > 0 else None,
            "next": neighbours[index + 1] if index + 1 < len(neighbours) else None,
            "mentions": [m for m in mentions if not m.inherited_from],
            "inherited_mentions": [m for m in mentions if m.inherited_from],
            "fates": point_fates(point),
            "placeholder_numbering": not is_ordered([point]),
            **annotation_section(request, point, inherited=earlier),
        },
    )
