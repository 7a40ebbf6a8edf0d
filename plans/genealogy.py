"""Following one point through every version, over the links people stand behind."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from django.db.models import Prefetch

from plans.flow import Flow, FlowColumn, FlowEnd, FlowLink, layout
from plans.models import LineageLink, LinkStatus, PlanVersion, Point, VersionPair


@dataclass
class Step:
    """One version on the point's path: the points it reached there and how it got there."""

    version: PlanVersion
    points: list[Point] = field(default_factory=list)
    arrivals: list[LineageLink] = field(default_factory=list)
    unknown: bool = False


@dataclass
class Trace:
    point: Point
    steps: list[Step]
    versions: list[PlanVersion]
    pairs: list[VersionPair]
    links: list[LineageLink]
    reached: set[int]  # point pks on the path
    unknown_pairs: list[VersionPair]
    points: dict[int, Point]  # every point of the plan, by pk


def trace_point(point: Point) -> Trace:
    """Walk the standing links from `point` (and its sub-points) both ways, across every version.

    Six queries whatever the size of the plan: versions, points, pairs with their unknown sets,
    links with their points.
    """
    versions = list(PlanVersion.objects.filter(plan=point.version.plan_id).chronological())
    points = {p.pk: p for p in Point.objects.filter(version__plan=point.version.plan_id).order_by("order")}
    pairs = list(
        VersionPair.objects.filter(from_version__plan=point.version.plan_id)
        .select_related("from_version", "to_version")
        .prefetch_related(Prefetch("unknown_from_points", queryset=Point.objects.only("pk")),
                          Prefetch("unknown_to_points", queryset=Point.objects.only("pk")))
    )
    links = list(
        LineageLink.objects.filter(pair__in=pairs, status=LinkStatus.CONFIRMED)
        .prefetch_related(Prefetch("from_points", queryset=Point.objects.only("pk")),
                          Prefetch("to_points", queryset=Point.objects.only("pk")))
    )
    by_point: dict[int, list[LineageLink]] = {}
    for link in links:
        for p in [*link.from_points.all(), *link.to_points.all()]:
            by_point.setdefault(p.pk, []).append(link)
    children: dict[int, list[int]] = {}
    for p in points.values():
        if p.parent_id:
            children.setdefault(p.parent_id, []).append(p.pk)

    # A point is followed together with its sub-points; a sub-point reached also shows its parent.
    start = {point.pk, *children.get(point.pk, [])}
    reached: set[int] = set()
    used: dict[int, LineageLink] = {}
    queue = deque(start)
    while queue:
        pk = queue.popleft()
        if pk in reached:
            continue
        reached.add(pk)
        for link in by_point.get(pk, []):
            used[link.pk] = link
            for other in [*link.from_points.all(), *link.to_points.all()]:
                if other.pk not in reached:
                    queue.append(other.pk)

    steps = []
    for version in versions:
        here = [points[pk] for pk in reached if points[pk].version_id == version.pk]
        if not here:
            continue
        here.sort(key=lambda p: p.order)
        arrivals = [l for l in used.values() if any(p.pk in reached and points[p.pk].version_id == version.pk for p in l.to_points.all())]
        steps.append(Step(version, here, arrivals))
    unknown_pairs = [
        pair for pair in pairs
        if any(p.pk in reached for p in pair.unknown_from_points.all())
        and not any(l.pair_id == pair.pk for l in used.values())
    ]
    for step in steps:
        step.unknown = any(pair.to_version_id == step.version.pk for pair in unknown_pairs)
    return Trace(point, steps, versions, pairs, list(used.values()), reached, unknown_pairs, points)


def flow_diagram(trace: Trace) -> Flow:
    """The flow of top-level points through the versions on the point's path (and the pairs
    between them), with the point's own bands highlighted."""
    points = trace.points
    on_path = {step.version.pk for step in trace.steps}
    for pair in trace.unknown_pairs:
        on_path.add(pair.to_version_id)
    versions = [v for v in trace.versions if v.pk in on_path]

    def top(p: Point) -> Point:
        return points[p.parent_id] if p.parent_id else p

    columns = [
        FlowColumn(v.slug, v.label, tuple(p.number for p in points.values() if p.version_id == v.pk and not p.parent_id))
        for v in versions
    ]
    slugs = {v.pk: v.slug for v in versions}
    highlight = {(slugs[points[pk].version_id], top(points[pk]).number) for pk in trace.reached if points[pk].version_id in slugs}
    pairs = [p for p in trace.pairs if p.from_version_id in slugs and p.to_version_id in slugs]
    pair_ids = {p.pk for p in pairs}
    flow_links, ends = [], []
    all_links = LineageLink.objects.filter(pair__in=pair_ids, status=LinkStatus.CONFIRMED).select_related("pair").prefetch_related(
        Prefetch("from_points", queryset=Point.objects.only("pk", "parent_id", "number")),
        Prefetch("to_points", queryset=Point.objects.only("pk", "parent_id", "number")),
    )
    used = {l.pk for l in trace.links}
    for link in all_links:
        left = tuple(dict.fromkeys(top(points[p.pk]).number for p in link.from_points.all()))
        right = tuple(dict.fromkeys(top(points[p.pk]).number for p in link.to_points.all()))
        source, target = slugs[link.pair.from_version_id], slugs[link.pair.to_version_id]
        if right:
            flow_links.append(FlowLink(source, left, target, right, link.relation, link.pk in used))
        else:
            ends.extend(FlowEnd(source, key, "dropped", link.pk in used) for key in left)
    for pair in pairs:
        for p in pair.unknown_from_points.all():
            key = top(points[p.pk]).number
            ends.append(FlowEnd(slugs[pair.from_version_id], key, "unknown", (slugs[pair.from_version_id], key) in highlight))
    return layout(columns, flow_links, ends, highlight)
