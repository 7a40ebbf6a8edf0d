"""Annotations' rules in plain Python (no Django): how notes follow lineage, and edit conflicts.

Lineage arrives as `Edge`s (a standing link: the points it leads from, the points it leads to,
and its relation), points as a map from each point to its parent (None for a top-level point).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DIRECT = "direct"
INHERITED = "inherited"
INHERITED_FROM_SPLIT = "inherited-from-split"


@dataclass(frozen=True)
class Edge:
    sources: frozenset[int]
    targets: frozenset[int]
    relation: str

    @property
    def splits(self) -> bool:
        return self.relation == "split" or len(self.targets) > 1


def _index(edges: Iterable[Edge], side: str) -> dict[int, list[Edge]]:
    by_point: dict[int, list[Edge]] = {}
    for edge in edges:
        for pk in getattr(edge, side):
            by_point.setdefault(pk, []).append(edge)
    return by_point


def _best(kinds: dict[int, set[bool]]) -> dict[int, str]:
    # A point reached both through a split and without one inherits plainly.
    return {pk: INHERITED if False in via_split else INHERITED_FROM_SPLIT for pk, via_split in kinds.items()}


def successors(point: int, edges: Iterable[Edge], parents: Mapping[int, int | None]) -> dict[int, str]:
    """The points of later versions that show a note made on `point`, each with how it inherits.

    A note follows the links out of its point and out of the point's sub-points (it is about the
    whole provision), then onwards from every point it reached, the same way. A point reached
    only through a split (or any link with several targets) inherits "from a split". The
    note's own point is not in the result.
    """
    out = _index(edges, "sources")
    children: dict[int, list[int]] = {}
    for pk, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    reached: dict[int, set[bool]] = {}
    seen: set[tuple[int, bool]] = set()
    queue = deque([(point, False)])
    while queue:
        pk, via_split = queue.popleft()
        if (pk, via_split) in seen:
            continue
        seen.add((pk, via_split))
        for source in [pk, *children.get(pk, [])]:
            for edge in out.get(source, []):
                for target in edge.targets:
                    state = via_split or edge.splits
                    if target != point:
                        reached.setdefault(target, set()).add(state)
                    queue.append((target, state))
    return _best(reached)


def sources(point: int, edges: Iterable[Edge], parents: Mapping[int, int | None]) -> dict[int, str]:
    """The points whose notes `point` shows as inherited, each with how: the inverse of
    `successors`, so `sources(p)[n] == successors(n)[p]` for every pair of points."""
    into = _index(edges, "targets")
    reached: dict[int, set[bool]] = {}
    seen: set[tuple[int, bool]] = set()
    queue = deque([(point, False)])
    while queue:
        pk, via_split = queue.popleft()
        if (pk, via_split) in seen:
            continue
        seen.add((pk, via_split))
        for edge in into.get(pk, []):
            state = via_split or edge.splits
            for source in edge.sources:
                # A link out of a sub-point carries its parent's notes too.
                for origin in {source, parents.get(source)} - {None}:
                    if origin != point:
                        reached.setdefault(origin, set()).add(state)
                    queue.append((origin, state))
    return _best(reached)


@dataclass(frozen=True)
class EditConflict:
    """Someone saved the note after `yours` was started from an older revision."""

    theirs: str
    yours: str
    revision: int  # the stored revision: resubmitting with it overwrites deliberately


def edit_conflict(
    base_revision: int, stored_revision: int, stored_body: str, submitted_body: str
) -> EditConflict | None:
    """Whether saving `submitted_body`, written from `base_revision`, would overwrite someone's
    change: None when the revisions agree or when both people wrote the same text."""
    if base_revision == stored_revision or stored_body.strip() == submitted_body.strip():
        return None
    return EditConflict(theirs=stored_body, yours=submitted_body, revision=stored_revision)
