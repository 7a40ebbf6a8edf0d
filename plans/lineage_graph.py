"""The standing lineage of a plan as a graph, for walking from a point to where it came from."""

from __future__ import annotations

from django.db.models import Value

from plans.annotating import Edge, sources
from plans.models import LineageLink, LinkStatus, Point


def standing_lineage(plan_id: int) -> tuple[list[Edge], dict[int, int | None]]:
    """The plan's standing links as `Edge`s, and the parent of every point a link leads from
    (all `annotating.sources` needs). One query: both sides of every link, with their parents."""
    base = LineageLink.objects.filter(status=LinkStatus.CONFIRMED, pair__from_version__plan=plan_id).order_by()
    rows = (
        base.filter(from_points__isnull=False)
        .annotate(side=Value("from"))
        .values_list("pk", "relation", "from_points", "from_points__parent", "side")
        .union(
            base.filter(to_points__isnull=False)
            .annotate(side=Value("to"))
            .values_list("pk", "relation", "to_points", "to_points__parent", "side"),
            all=True,
        )
        .order_by()
    )
    sides: dict[int, tuple[str, set[int], set[int]]] = {}
    parents: dict[int, int | None] = {}
    for link_id, relation, point_id, parent_id, side in rows:
        _, froms, tos = sides.setdefault(link_id, (relation, set(), set()))
        (froms if side == "from" else tos).add(point_id)
        parents[point_id] = parent_id
    edges = [Edge(frozenset(froms), frozenset(tos), relation) for relation, froms, tos in sides.values()]
    return edges, parents


def inherited_from(point: Point) -> dict[int, str]:
    """The points `point` came from through standing links (pk -> "inherited" or
    "inherited-from-split"): their notes and articles show on `point` as inherited."""
    edges, parents = standing_lineage(point.version.plan_id)
    return sources(point.pk, edges, parents)
