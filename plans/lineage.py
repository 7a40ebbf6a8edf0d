"""Reading curated lineage around one point: what it came from and what it became."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from plans.models import LineageLink, Point, VersionPair


@dataclass(frozen=True)
class PointFate:
    """The fate of a point across one version pair, seen from that point.

    `direction` is "earlier" (the pair leads into the point's version) or "later".
    `state` is "linked" (see `link`), "unknown" (the sources do not establish it),
    "not-applicable" (a companion or split-off document that does not cover it) or
    "not-recorded" (no curated link and not listed as unknown).
    """

    pair: VersionPair
    direction: str
    state: str
    link: LineageLink | None = None

    @property
    def other_version(self):  # noqa: ANN201 - a PlanVersion
        return self.pair.from_version if self.direction == "earlier" else self.pair.to_version

    @property
    def counterparts(self) -> list[Point]:
        if self.link is None:
            return []
        points = self.link.from_points.all() if self.direction == "earlier" else self.link.to_points.all()
        return sorted(points, key=lambda p: p.order)


def point_fates(point: Point) -> list[PointFate]:
    """Every curated pair touching the point's version, and what happened to the point in it.

    Five queries whatever the number of pairs or links: pairs, their unknown and not-applicable
    sets, and the curated links touching this point with the points on both sides.
    """
    pairs = list(
        VersionPair.objects.filter(Q(from_version=point.version_id) | Q(to_version=point.version_id))
        .select_related("from_version", "to_version")
        .prefetch_related(
            Prefetch("unknown_from_points", queryset=Point.objects.only("pk")),
            Prefetch("unknown_to_points", queryset=Point.objects.only("pk")),
            Prefetch("not_applicable_from_points", queryset=Point.objects.only("pk")),
        )
        .order_by("from_version__date", "to_version__date", "pk")
    )
    ordered_points = Point.objects.select_related("version").order_by("order")
    links = (
        LineageLink.objects.curated()
        .filter(pair__in=pairs)
        .filter(Q(from_points=point) | Q(to_points=point))
        .distinct()
        .prefetch_related(
            Prefetch("from_points", queryset=ordered_points),
            Prefetch("to_points", queryset=ordered_points),
        )
    )
    link_by_pair = {link.pair_id: link for link in links}
    fates = []
    for pair in pairs:
        earlier = pair.to_version_id == point.version_id
        direction = "earlier" if earlier else "later"
        link = link_by_pair.get(pair.pk)
        unknown = pair.unknown_to_points.all() if earlier else pair.unknown_from_points.all()
        if link is not None:
            state = "linked"
        elif any(p.pk == point.pk for p in unknown):
            state = "unknown"
        elif not earlier and any(p.pk == point.pk for p in pair.not_applicable_from_points.all()):
            state = "not-applicable"
        else:
            state = "not-recorded"
        fates.append(PointFate(pair=pair, direction=direction, state=state, link=link))
    return fates
