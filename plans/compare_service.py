"""Loading what a comparison needs from the database, and caching what it computes.

The comparison itself is plain Python (`plans.comparison`); this adapter reads both versions'
points, the links people stand behind and the open fates, and keeps the computed result in
`ComparisonCache` until one of those inputs (or the engine's code) changes.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Prefetch

from plans.comparison import Comparison, PairFacts, PersonLink, PointInfo, compare, from_data, to_data
from plans.models import ComparisonCache, LineageLink, LinkStatus, PlanVersion, Point, VersionPair

_ENGINE_FILES = ("alignment.py", "wording.py", "comparison.py")
ENGINE_REVISION = hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in _ENGINE_FILES)
).hexdigest()[:16]

MIRROR = {"split": "merged", "merged": "split", "dropped": "added", "added": "dropped"}


def is_ordered(points: list[Point]) -> bool:
    """Placeholder numbering ("g1", "b2") carries no order, so nothing in it can move."""
    return all(p.number[:1].isdigit() for p in points)


@dataclass
class PairContext:
    """Everything the comparison of `old` → `new` depends on, as loaded from the database."""

    old: PlanVersion
    new: PlanVersion
    old_points: list[Point]
    new_points: list[Point]
    pair: VersionPair | None
    reversed: bool  # the curated pair runs new → old; its links are shown mirrored
    person_links: list[PersonLink]
    rejected: list[tuple[tuple[str, ...], tuple[str, ...]]]
    facts: PairFacts

    def infos(self, points: list[Point]) -> list[PointInfo]:
        parents = {p.pk: p.number for p in points}
        return [PointInfo(p.number, p.text, parents.get(p.parent_id)) for p in points]

    def fingerprint(self, granularity: str) -> str:
        payload = {
            "engine": ENGINE_REVISION,
            "granularity": granularity,
            "old": [(p.number, p.parent_id, p.text) for p in self.old_points],
            "new": [(p.number, p.parent_id, p.text) for p in self.new_points],
            "links": [(l.id, l.left, l.right, l.relation, l.moved, l.confidence, l.note) for l in self.person_links],
            "rejected": sorted(self.rejected),
            "facts": [sorted(self.facts.unknown_left), sorted(self.facts.unknown_right),
                      sorted(self.facts.not_applicable_left), sorted(self.facts.not_applicable_right)],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def load_pair_context(old: PlanVersion, new: PlanVersion) -> PairContext:
    """Read both versions and the lineage between them (in either direction). Nine queries."""
    old_points = list(old.points.order_by("order"))
    new_points = list(new.points.order_by("order"))
    pairs = {
        (p.from_version_id, p.to_version_id): p
        for p in VersionPair.objects.filter(from_version__in=[old, new], to_version__in=[old, new])
        .prefetch_related(
            Prefetch("unknown_from_points", queryset=Point.objects.only("number")),
            Prefetch("unknown_to_points", queryset=Point.objects.only("number")),
            Prefetch("not_applicable_from_points", queryset=Point.objects.only("number")),
        )
    }
    pair = pairs.get((old.pk, new.pk))
    reversed_ = pair is None and (new.pk, old.pk) in pairs
    if reversed_:
        pair = pairs[(new.pk, old.pk)]
    person_links: list[PersonLink] = []
    rejected: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    facts = PairFacts()
    if pair is not None:
        numbers = Point.objects.only("number", "order").order_by("order")
        links = pair.links.prefetch_related(
            Prefetch("from_points", queryset=numbers), Prefetch("to_points", queryset=numbers)
        ).order_by("pk")
        for link in links:
            left = tuple(p.number for p in link.from_points.all())
            right = tuple(p.number for p in link.to_points.all())
            relation = link.relation
            if reversed_:
                left, right, relation = right, left, MIRROR.get(relation, relation)
            if link.status == LinkStatus.REJECTED:
                rejected.append((left, right))
                continue
            person_links.append(
                PersonLink(link.pk, left, right, relation, link.moved and not reversed_, link.confidence, link.note)
            )
        unknown_from = frozenset(p.number for p in pair.unknown_from_points.all())
        unknown_to = frozenset(p.number for p in pair.unknown_to_points.all())
        not_applicable = frozenset(p.number for p in pair.not_applicable_from_points.all())
        if reversed_:
            facts = PairFacts(unknown_to, unknown_from, frozenset(), not_applicable)
        else:
            facts = PairFacts(unknown_from, unknown_to, not_applicable, frozenset())
    return PairContext(old, new, old_points, new_points, pair, reversed_, person_links, rejected, facts)


@dataclass
class CachedComparison:
    comparison: Comparison
    context: PairContext
    from_cache: bool
    compute_ms: float


def get_comparison(old: PlanVersion, new: PlanVersion, granularity: str) -> CachedComparison:
    """The comparison of `old` → `new`, from the cache when nothing it depends on has changed."""
    context = load_pair_context(old, new)
    fingerprint = context.fingerprint(granularity)
    cached = ComparisonCache.objects.filter(old_version=old, new_version=new, granularity=granularity).first()
    if cached is not None and cached.fingerprint == fingerprint:
        return CachedComparison(from_data(cached.data), context, True, cached.compute_ms)

    started = time.perf_counter()
    comparison = compare(
        context.infos(context.old_points),
        context.infos(context.new_points),
        context.person_links,
        context.facts,
        granularity=granularity,
        ordered=is_ordered(context.old_points) and is_ordered(context.new_points),
        rejected=context.rejected,
    )
    compute_ms = (time.perf_counter() - started) * 1000
    values = {"fingerprint": fingerprint, "data": to_data(comparison), "compute_ms": compute_ms}
    try:
        with transaction.atomic():
            ComparisonCache.objects.update_or_create(
                old_version=old, new_version=new, granularity=granularity, defaults=values
            )
    except IntegrityError:
        # Another request stored the same comparison a moment ago; ours is just as good.
        pass
    return CachedComparison(comparison, context, False, compute_ms)
