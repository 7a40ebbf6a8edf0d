"""The point-to-point graph of standing lineage links, for walking ancestors and descendants."""

from __future__ import annotations

from collections import deque

from django.db.models import Value

from plans.models import LineageLink, LinkStatus


def standing_edges(plan_id: int) -> list[tuple[int, int]]:
    """(earlier point pk, later point pk) for every standing link of a plan. One query.

    Links with points on one side only (dropped, added) give no edge.
    """
    base = LineageLink.objects.filter(status=LinkStatus.CONFIRMED, pair__from_version__plan=plan_id).order_by()
    sides = (
        base.filter(from_points__isnull=False)
        .annotate(side=Value("from"))
        .values_list("pk", "from_points", "side")
        .union(
            base.filter(to_points__isnull=False).annotate(side=Value("to")).values_list("pk", "to_points", "side"),
            all=True,
        )
        .order_by()
    )
    olds: dict[int, list[int]] = {}
    news: dict[int, list[int]] = {}
    for link_id, point_id, side in sides:
        (olds if side == "from" else news).setdefault(link_id, []).append(point_id)
    return [(a, b) for link_id, froms in olds.items() for a in froms for b in news.get(link_id, [])]


def ancestors(point_id: int, edges: list[tuple[int, int]]) -> dict[int, int]:
    """Every point the given one descends from, with the number of steps back (1 = direct)."""
    back: dict[int, list[int]] = {}
    for a, b in edges:
        back.setdefault(b, []).append(a)
    found: dict[int, int] = {}
    queue = deque([(point_id, 0)])
    while queue:
        current, depth = queue.popleft()
        for earlier in back.get(current, []):
            if earlier not in found and earlier != point_id:
                found[earlier] = depth + 1
                queue.append((earlier, depth + 1))
    return found
