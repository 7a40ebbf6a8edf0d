"""Loading what a comparison needs from the database, and caching what it computes.

The comparison itself is plain Python (`plans.comparison`); this adapter reads both versions'
points, the links people stand behind and the open fates, and keeps the computed result in
`ComparisonCache` until one of those inputs (or the engine's code) changes.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Q, Value

from plans.comparison import Comparison, PairFacts, PersonLink, PointInfo, compare, from_data, to_data
from plans.models import ComparisonCache, LineageLink, LinkStatus, PlanVersion, Point, VersionPair

_ENGINE_FILES = ("alignment.py", "wording.py", "comparison.py")
ENGINE_REVISION = hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in _ENGINE_FILES)
).hexdigest()[:16]

MIRROR = {"split": "merged", "merged": "split", "dropped": "added", "added": "dropped"}


@dataclass(frozen=True)
class PointRow:
    """The few fields of a point a comparison needs."""

    pk: int
    number: str
    parent_id: int | None
    text: str
    section_id: int | None


def versions_points(*versions: PlanVersion) -> list[list[PointRow]]:
    """The points of each version in document order, in one query."""
    found: dict[int, list[PointRow]] = {v.pk: [] for v in versions}
    rows = Point.objects.filter(version__in=versions).order_by("version_id", "order")
    for version_id, *fields in rows.values_list("version_id", "pk", "number", "parent_id", "text", "section_id"):
        found[version_id].append(PointRow(*fields))
    return [found[v.pk] for v in versions]


def is_ordered(points) -> bool:  # noqa: ANN001 - Points or PointRows
    """Placeholder numbering ("g1", "b2") carries no order, so nothing in it can move."""
    return all(p.number[:1].isdigit() for p in points)


@dataclass
class PairContext:
    """Everything the comparison of `old` → `new` depends on, as loaded from the database."""

    old: PlanVersion
    new: PlanVersion
    old_points: list[PointRow]
    new_points: list[PointRow]
    pair: VersionPair | None
    reversed: bool  # the curated pair runs new → old; its links are shown mirrored
    person_links: list[PersonLink]
    rejected: list[tuple[tuple[str, ...], tuple[str, ...]]]
    facts: PairFacts

    def infos(self, points: list[PointRow]) -> list[PointInfo]:
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


FATES = ("unknown_from_points", "unknown_to_points", "not_applicable_from_points")


def _tagged_union(models_and_tags, filters: dict, fields: tuple[str, ...]) -> list[tuple]:  # noqa: ANN001
    """One query over several many-to-many tables: each row comes with its table's tag last."""
    querysets = [
        model.objects.filter(**filters).annotate(tag=Value(tag)).values_list(*fields, "tag")
        for model, tag in models_and_tags
    ]
    return list(querysets[0].union(*querysets[1:], all=True).order_by())


def load_pair_context(old: PlanVersion, new: PlanVersion) -> PairContext:
    """Read both versions and the lineage between them (in either direction).

    Rows come as plain tuples (no model instances): this runs on every view of a comparison,
    cached or not, and must stay cheap. Five queries at most, whatever the number of points.
    """
    old_points, new_points = versions_points(old, new)
    pairs = {
        (p.from_version_id, p.to_version_id): p
        for p in VersionPair.objects.filter(
            Q(from_version=old, to_version=new) | Q(from_version=new, to_version=old)
        ).order_by()
    }
    pair = pairs.get((old.pk, new.pk))
    reversed_ = pair is None and (new.pk, old.pk) in pairs
    if reversed_:
        pair = pairs[(new.pk, old.pk)]
    person_links: list[PersonLink] = []
    rejected: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    facts = PairFacts()
    if pair is not None:
        sides: dict[tuple[int, str], list[tuple[int, str]]] = {}
        for link_id, order, number, side in _tagged_union(
            [(LineageLink.from_points.through, "from"), (LineageLink.to_points.through, "to")],
            {"lineagelink__pair": pair},
            ("lineagelink_id", "point__order", "point__number"),
        ):
            sides.setdefault((link_id, side), []).append((order, number))

        def numbers(link_id: int, side: str) -> tuple[str, ...]:
            return tuple(number for _, number in sorted(sides.get((link_id, side), [])))

        for pk, relation, moved, confidence, note, status in pair.links.order_by("pk").values_list(
            "pk", "relation", "moved", "confidence", "note", "status"
        ):
            left, right = numbers(pk, "from"), numbers(pk, "to")
            if reversed_:
                left, right, relation = right, left, MIRROR.get(relation, relation)
            if status == LinkStatus.REJECTED:
                rejected.append((left, right))
                continue
            person_links.append(PersonLink(pk, left, right, relation, moved and not reversed_, confidence, note))
        fates: dict[str, set[str]] = {name: set() for name in FATES}
        for number, name in _tagged_union(
            [(getattr(VersionPair, name).through, name) for name in FATES], {"versionpair": pair}, ("point__number",)
        ):
            fates[name].add(number)
        unknown_from, unknown_to, not_applicable = (frozenset(fates[name]) for name in FATES)
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


# Comparisons this process has already read or computed, by fingerprint: a hit skips the
# database cache row and its JSON. Entries never go stale (the fingerprint covers every input);
# the oldest are dropped beyond the limit.
_recent: OrderedDict[str, tuple[Comparison, float]] = OrderedDict()
RECENT_LIMIT = 32


def _remember(fingerprint: str, comparison: Comparison, compute_ms: float) -> None:
    _recent[fingerprint] = (comparison, compute_ms)
    _recent.move_to_end(fingerprint)
    while len(_recent) > RECENT_LIMIT:
        _recent.popitem(last=False)


def get_comparison(old: PlanVersion, new: PlanVersion, granularity: str) -> CachedComparison:
    """The comparison of `old` → `new`, from a cache when nothing it depends on has changed."""
    context = load_pair_context(old, new)
    fingerprint = context.fingerprint(granularity)
    if fingerprint in _recent:
        comparison, compute_ms = _recent[fingerprint]
        return CachedComparison(comparison, context, True, compute_ms)
    cached = ComparisonCache.objects.filter(old_version=old, new_version=new, granularity=granularity).first()
    if cached is not None and cached.fingerprint == fingerprint:
        comparison = from_data(cached.data)
        _remember(fingerprint, comparison, cached.compute_ms)
        return CachedComparison(comparison, context, True, cached.compute_ms)

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
    _remember(fingerprint, comparison, compute_ms)
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
