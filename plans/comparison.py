"""Building the rows of a side-by-side comparison of two versions (plain Python, no Django).

Inputs are the points of both versions, the links people made (curated from the data, made or
confirmed by editors) and what the sources leave unknown; the automatic aligner fills in every
point no person has linked. Output rows are ready for a template: each row has its old and new
points, a kind, a moved flag, where it came from (`curated` or `automatic`, with the score), and,
for curated rows, whether the automatic alignment would have linked those points differently.

Granularity: `points` compares top-level points with their sub-points folded in; `sub-points`
compares every numbered unit on its own (a point's lead-in text and each of its sub-points).
Links people made at sub-point level are projected onto top-level points for the `points` view
(several links touching the same points become one row, whose kind follows from its shape).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from plans.alignment import Link, Unit, align, mark_moves, normalise
from plans.wording import Segment, merge_diff, split_diff, unplaced, word_diff

GRANULARITIES = ("points", "sub-points")
# Kinds a row can have beyond the aligner's six: fates the sources leave open.
UNKNOWN = "unknown"
NOT_APPLICABLE = "not-applicable"
ROW_KINDS = ("unchanged", "reworded", "split", "merged", "dropped", "added", UNKNOWN, NOT_APPLICABLE)


@dataclass(frozen=True)
class PointInfo:
    """One numbered point as written: key ("10a"), parent key for a sub-point, its own text."""

    key: str
    text: str
    parent: str | None = None


@dataclass(frozen=True)
class PersonLink:
    """A link a person stands behind (curated data, or an editor's link or confirmation)."""

    id: int
    left: tuple[str, ...]
    right: tuple[str, ...]
    relation: str
    moved: bool = False
    confidence: str = "high"
    note: str = ""


@dataclass(frozen=True)
class PairFacts:
    """What the sources leave open for this pair; keys are point keys at sub-point level."""

    unknown_left: frozenset[str] = frozenset()
    unknown_right: frozenset[str] = frozenset()
    not_applicable_left: frozenset[str] = frozenset()
    # Points a companion document does not cover, when it is shown on the left.
    not_applicable_right: frozenset[str] = frozenset()


@dataclass
class Side:
    """The points of one side of a row at the chosen granularity, with their text."""

    keys: tuple[str, ...]
    texts: tuple[str, ...]


Block = tuple[tuple[str, ...], list[Segment]]


@dataclass
class Row:
    left: Side
    right: Side
    kind: str
    moved: bool
    origin: str  # "curated" or "automatic"
    score: float | None = None
    person_links: tuple[PersonLink, ...] = ()
    # Automatic links over the same points that differ from what a person linked.
    disagreements: tuple[Link, ...] = ()
    # What each side shows: (point keys, word-diff segments) per block; see `blocks`.
    left_blocks: list[Block] = field(default_factory=list)
    right_blocks: list[Block] = field(default_factory=list)
    # An editor rejected the automatic link between these points: shown unlinked.
    rejected: bool = False

    @property
    def changed(self) -> bool:
        return self.kind != "unchanged"

    @property
    def notes(self) -> list[str]:
        """The people's notes on this row, each once (grouped sub-point links often share one)."""
        return list(dict.fromkeys(link.note for link in self.person_links if link.note))

    @property
    def confidence(self) -> str:
        levels = [link.confidence for link in self.person_links]
        for level in ("low", "medium"):
            if level in levels:
                return level
        return "high"


@dataclass
class Comparison:
    rows: list[Row]
    granularity: str

    def counts(self) -> dict[str, int]:
        totals = {kind: 0 for kind in ROW_KINDS}
        for row in self.rows:
            totals[row.kind] += 1
        totals["moved"] = sum(1 for row in self.rows if row.moved)
        totals["disagreement"] = sum(1 for row in self.rows if row.disagreements)
        return totals


def units(points: Sequence[PointInfo], granularity: str) -> list[Unit]:
    """The units the aligner sees: top-level points with sub-points folded in, or every point."""
    if granularity == "sub-points":
        return [Unit(p.key, p.text) for p in points]
    folded: dict[str, list[str]] = {}
    order: list[str] = []
    for point in points:
        top = point.parent or point.key
        if top not in folded:
            folded[top] = []
            order.append(top)
        folded[top].append(point.text)
    return [Unit(key, " ".join(folded[key])) for key in order]


def top_key(points: Sequence[PointInfo]) -> dict[str, str]:
    return {p.key: p.parent or p.key for p in points}


def kind_for_shape(left: int, right: int, relations: set[str], texts_equal: bool) -> str:
    """The kind of a row from how many points it has on each side (projected links)."""
    if left and not right:
        return "dropped"
    if right and not left:
        return "added"
    if left == 1 and right > 1:
        return "split"
    if left > 1 and right == 1:
        return "merged"
    if left == 1 and right == 1 and (relations == {"unchanged"} or texts_equal):
        return "unchanged"
    return "reworded"


def _groups(links: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> list[tuple[set[str], set[str], list[int]]]:
    """Union links that share a point (on either side) into groups; keeps link indexes."""
    groups: list[tuple[set[str], set[str], list[int]]] = []
    for index, (left, right) in enumerate(links):
        merged = ({*left}, {*right}, [index])
        keep = []
        for group in groups:
            if group[0] & merged[0] or group[1] & merged[1]:
                merged[0].update(group[0])
                merged[1].update(group[1])
                merged[2].extend(group[2])
            else:
                keep.append(group)
        keep.append(merged)
        groups = keep
    return groups


def compare(
    old: Sequence[PointInfo],
    new: Sequence[PointInfo],
    person_links: Sequence[PersonLink] = (),
    facts: PairFacts = PairFacts(),
    *,
    granularity: str = "points",
    ordered: bool = True,
    aligner: Callable[..., list[Link]] = align,
    automatic: list[Link] | None = None,
    rejected: Iterable[tuple[Sequence[str], Sequence[str]]] = (),
) -> Comparison:
    """Rows of the comparison of `old` and `new` (points in document order).

    Every old and every new unit appears in exactly one row. Person links win: their points are
    taken first; the aligner then links what is left (unless the source leaves a point's fate
    unknown or out of scope, which gets its own row and is never shown as dropped or added).
    `automatic` may pass a cached full alignment of the units (else it is computed) — it is used
    to say where the automatic alignment disagrees with a person's link. An automatic link equal
    to one in `rejected` (left keys, right keys) is not proposed again: its points are shown
    unlinked, marked as rejected.
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}")
    old_units, new_units = units(old, granularity), units(new, granularity)
    old_text = {u.key: u.text for u in old_units}
    new_text = {u.key: u.text for u in new_units}
    old_pos = {u.key: i for i, u in enumerate(old_units)}
    new_pos = {u.key: i for i, u in enumerate(new_units)}
    if granularity == "points":
        lift_old, lift_new = top_key(old), top_key(new)
    else:
        lift_old = {p.key: p.key for p in old}
        lift_new = {p.key: p.key for p in new}

    def lift(keys: Iterable[str], table: dict[str, str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(table[k] for k in keys if k in table))

    rows: list[Row] = []
    taken_old: set[str] = set()
    taken_new: set[str] = set()

    # 1. People's links, projected to the granularity and grouped where they share points.
    projected = [(lift(l.left, lift_old), lift(l.right, lift_new)) for l in person_links]
    for left_set, right_set, indexes in _groups(projected):
        left = tuple(sorted(left_set, key=old_pos.__getitem__))
        right = tuple(sorted(right_set, key=new_pos.__getitem__))
        links = tuple(person_links[i] for i in sorted(indexes))
        # The kind follows the row's shape (two old points into one is a merge, whatever word
        # the source used); a person's "unchanged" is kept for a one-to-one row.
        kind = kind_for_shape(
            len(left), len(right), {l.relation for l in links},
            len(left) == 1 and len(right) == 1 and normalise(old_text[left[0]]) == normalise(new_text[right[0]]),
        )
        rows.append(_row(left, right, kind, any(l.moved for l in links), "curated", None, links, old_text, new_text))
        taken_old.update(left)
        taken_new.update(right)

    # 2. Open fates: unknown or out of scope, never dropped or added.
    for keys, table, side, kind in (
        (facts.unknown_left, lift_old, "left", UNKNOWN),
        (facts.not_applicable_left, lift_old, "left", NOT_APPLICABLE),
        (facts.unknown_right, lift_new, "right", UNKNOWN),
        (facts.not_applicable_right, lift_new, "right", NOT_APPLICABLE),
    ):
        taken = taken_old if side == "left" else taken_new
        for key in lift(sorted(keys), table):
            if key in taken:
                continue
            taken.add(key)
            one = (key,)
            rows.append(_row(one if side == "left" else (), one if side == "right" else (), kind, False, "curated", None, (), old_text, new_text))

    # 3. The aligner links the rest.
    full = automatic if automatic is not None else aligner(old_units, new_units, ordered=ordered)
    rest_old = [u for u in old_units if u.key not in taken_old]
    rest_new = [u for u in new_units if u.key not in taken_new]
    if taken_old or taken_new:
        rest_links = aligner(rest_old, rest_new, ordered=ordered) if (rest_old or rest_new) else []
    else:
        rest_links = full
    tombstones = {(frozenset(left), frozenset(right)) for left, right in rejected}
    for link in rest_links:
        if (frozenset(link.left), frozenset(link.right)) in tombstones:
            for key in link.left:
                rows.append(_row((key,), (), "dropped", False, "automatic", None, (), old_text, new_text))
                rows[-1].rejected = True
            for key in link.right:
                rows.append(_row((), (key,), "added", False, "automatic", None, (), old_text, new_text))
                rows[-1].rejected = True
            continue
        rows.append(_row(link.left, link.right, link.kind, False, "automatic", link.score, (), old_text, new_text))

    # 4. Where people linked, does the automatic alignment agree?
    by_old = {k: link for link in full for k in link.left}
    by_new = {k: link for link in full for k in link.right}
    for row in rows:
        if row.origin != "curated" or not row.person_links:
            continue
        seen = {id(by_old[k]): by_old[k] for k in row.left.keys if k in by_old}
        seen.update({id(by_new[k]): by_new[k] for k in row.right.keys if k in by_new})
        if any(set(l.left) != set(row.left.keys) or set(l.right) != set(row.right.keys) for l in seen.values()):
            row.disagreements = tuple(sorted(seen.values(), key=lambda l: (l.left, l.right)))

    _order_and_mark_moves(rows, old_pos, new_pos, ordered)
    return Comparison(rows=rows, granularity=granularity)


def _row(
    left: Sequence[str],
    right: Sequence[str],
    kind: str,
    moved: bool,
    origin: str,
    score: float | None,
    links: tuple[PersonLink, ...],
    old_text: dict[str, str],
    new_text: dict[str, str],
) -> Row:
    left_side = Side(tuple(left), tuple(old_text[k] for k in left))
    right_side = Side(tuple(right), tuple(new_text[k] for k in right))
    left_blocks, right_blocks = blocks(left_side, right_side)
    return Row(left_side, right_side, kind, moved, origin, score, links, (), left_blocks, right_blocks)


def _order_and_mark_moves(rows: list[Row], old_pos: dict[str, int], new_pos: dict[str, int], ordered: bool) -> None:
    """Sort rows in reading order and flag automatic rows that moved.

    Rows with old points go by their first old point; rows with only new points follow the row
    holding the new point just before them. Person-made rows keep the moved flag a person gave
    (or none); automatic rows are judged with `mark_moves` over all two-sided rows.
    """
    def first(keys: Sequence[str], pos: dict[str, int]) -> int:
        return min(pos[k] for k in keys)

    two_sided = [r for r in rows if r.left.keys and r.right.keys]
    two_sided.sort(key=lambda r: (first(r.left.keys, old_pos), first(r.right.keys, new_pos)))
    if ordered:
        flags = mark_moves([([old_pos[k] for k in r.left.keys], [new_pos[k] for k in r.right.keys]) for r in two_sided])
        for row, (moved, _ambiguous) in zip(two_sided, flags):
            if row.origin == "automatic":
                row.moved = moved
    else:
        for row in rows:
            row.moved = False

    left_rows = sorted((r for r in rows if r.left.keys), key=lambda r: (first(r.left.keys, old_pos), first(r.right.keys, new_pos) if r.right.keys else -1))
    right_only = sorted((r for r in rows if not r.left.keys), key=lambda r: first(r.right.keys, new_pos))
    ordered_rows: list[Row] = []
    pending = list(right_only)
    for row in left_rows:
        # New-only rows whose position comes before this row's first new point go first.
        if row.right.keys and not row.moved:
            here = first(row.right.keys, new_pos)
            while pending and first(pending[0].right.keys, new_pos) < here:
                ordered_rows.append(pending.pop(0))
        ordered_rows.append(row)
    ordered_rows.extend(pending)
    rows[:] = ordered_rows


def to_data(comparison: Comparison) -> dict:
    """A JSON-ready form of a comparison (for the database cache and the JSON output)."""

    def side(s: Side) -> dict:
        return {"keys": list(s.keys), "texts": list(s.texts)}

    return {
        "granularity": comparison.granularity,
        "rows": [
            {
                "left": side(r.left),
                "right": side(r.right),
                "kind": r.kind,
                "moved": r.moved,
                "origin": r.origin,
                "score": r.score,
                "rejected": r.rejected,
                "person_links": [
                    {"id": l.id, "left": list(l.left), "right": list(l.right), "relation": l.relation,
                     "moved": l.moved, "confidence": l.confidence, "note": l.note}
                    for l in r.person_links
                ],
                "disagreements": [
                    {"left": list(l.left), "right": list(l.right), "kind": l.kind, "moved": l.moved, "score": l.score}
                    for l in r.disagreements
                ],
                "blocks": [
                    [[list(keys), [[seg.op, seg.text] for seg in segments]] for keys, segments in side]
                    for side in (r.left_blocks, r.right_blocks)
                ],
            }
            for r in comparison.rows
        ],
    }


def _blocks(raw: list) -> list[Block]:
    return [(tuple(keys), [Segment(op, text) for op, text in segments]) for keys, segments in raw]


def from_data(data: dict) -> Comparison:
    """The inverse of `to_data`."""
    rows = [
        Row(
            left=Side(tuple(r["left"]["keys"]), tuple(r["left"]["texts"])),
            right=Side(tuple(r["right"]["keys"]), tuple(r["right"]["texts"])),
            kind=r["kind"],
            moved=r["moved"],
            origin=r["origin"],
            score=r["score"],
            person_links=tuple(
                PersonLink(l["id"], tuple(l["left"]), tuple(l["right"]), l["relation"], l["moved"], l["confidence"], l["note"])
                for l in r["person_links"]
            ),
            disagreements=tuple(
                Link(tuple(l["left"]), tuple(l["right"]), l["kind"], l["moved"], l["score"]) for l in r["disagreements"]
            ),
            left_blocks=_blocks(r["blocks"][0]),
            right_blocks=_blocks(r["blocks"][1]),
            rejected=r["rejected"],
        )
        for r in data["rows"]
    ]
    return Comparison(rows=rows, granularity=data["granularity"])


def blocks(left: Side, right: Side) -> tuple[list[Block], list[Block]]:
    """What each side of a row shows: (point keys, segments) per block.

    Old blocks hold `equal` and `delete` segments, new blocks `equal` and `insert`. A split shows
    the old point once (its words that went into no part marked deleted) and each new part with
    its own insertions; a merge is the mirror. Other two-sided rows diff their joined texts; a
    one-sided row shows its text as it is.
    """
    if not (left.keys and right.keys):
        return (
            [((k,), [Segment("equal", t)]) for k, t in zip(left.keys, left.texts)],
            [((k,), [Segment("equal", t)]) for k, t in zip(right.keys, right.texts)],
        )
    if len(left.keys) == 1 and len(right.keys) > 1:
        diffs = split_diff(left.texts[0], right.texts)
        return (
            [(left.keys, unplaced(left.texts[0], diffs, "old"))],
            [((k,), [s for s in part if s.op != "delete"]) for k, part in zip(right.keys, diffs)],
        )
    if len(left.keys) > 1 and len(right.keys) == 1:
        diffs = merge_diff(left.texts, right.texts[0])
        return (
            [((k,), [s for s in part if s.op != "insert"]) for k, part in zip(left.keys, diffs)],
            [(right.keys, unplaced(right.texts[0], diffs, "new"))],
        )
    diff = word_diff(" ".join(left.texts), " ".join(right.texts))
    return (
        [(left.keys, [s for s in diff if s.op != "insert"])],
        [(right.keys, [s for s in diff if s.op != "delete"])],
    )
