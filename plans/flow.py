"""Layout of an alluvial-style flow picture of points across versions (plain Python, no Django).

Columns are versions in reading order; each column stacks its top-level points; bands join the
points a link connects, coloured by relation. The result is coordinates only: a template draws
the SVG, so every label is escaped there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

NODE_H = 11
NODE_GAP = 3
NODE_W = 14
COLUMN_GAP = 190
TOP = 46
LEFT = 10
STUB = 36


@dataclass(frozen=True)
class FlowColumn:
    key: str            # version slug
    label: str
    points: tuple[str, ...]  # top-level point keys in order


@dataclass(frozen=True)
class FlowLink:
    from_column: str
    from_points: tuple[str, ...]
    to_column: str
    to_points: tuple[str, ...]
    relation: str
    highlight: bool = False


@dataclass(frozen=True)
class FlowEnd:
    """A point whose flow stops in a pair: dropped, or fate unknown."""

    column: str
    point: str
    state: str  # "dropped" | "unknown"
    highlight: bool = False


@dataclass
class Node:
    column: str
    point: str
    x: float
    y: float
    highlight: bool = False

    @property
    def mid(self) -> float:
        return self.y + NODE_H / 2


@dataclass
class Band:
    path: str
    relation: str
    highlight: bool
    title: str


@dataclass
class ColumnLabel:
    x: float
    label: str
    lines: tuple[str, ...]


@dataclass
class Flow:
    width: float
    height: float
    nodes: list[Node] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    stubs: list[Band] = field(default_factory=list)
    labels: list[ColumnLabel] = field(default_factory=list)


def _wrap(text: str, width: int = 26, lines: int = 2) -> tuple[str, ...]:
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return tuple(out)


def layout(
    columns: Sequence[FlowColumn],
    links: Sequence[FlowLink],
    ends: Sequence[FlowEnd] = (),
    highlight: set[tuple[str, str]] | None = None,
) -> Flow:
    """Place nodes and bands. `highlight` holds (column, point) pairs to emphasise."""
    highlight = highlight or set()
    flow = Flow(width=0, height=0)
    position: dict[tuple[str, str], Node] = {}
    tallest = 0
    for index, column in enumerate(columns):
        x = LEFT + index * COLUMN_GAP
        flow.labels.append(ColumnLabel(x, column.label, _wrap(column.label)))
        for row, point in enumerate(column.points):
            node = Node(column.key, point, x, TOP + row * (NODE_H + NODE_GAP), (column.key, point) in highlight)
            position[(column.key, point)] = node
            flow.nodes.append(node)
        tallest = max(tallest, len(column.points))
    for link in links:
        for a in link.from_points:
            for b in link.to_points:
                start, end = position.get((link.from_column, a)), position.get((link.to_column, b))
                if start is None or end is None:
                    continue
                x1, x2 = start.x + NODE_W, end.x
                bend = (x2 - x1) / 2
                path = (
                    f"M{x1:.1f},{start.mid:.1f} C{x1 + bend:.1f},{start.mid:.1f} "
                    f"{x2 - bend:.1f},{end.mid:.1f} {x2:.1f},{end.mid:.1f}"
                )
                title = f"{link.from_column} {a} → {link.to_column} {b}: {link.relation}"
                flow.bands.append(Band(path, link.relation, link.highlight, title))
    for end in ends:
        node = position.get((end.column, end.point))
        if node is None:
            continue
        x1 = node.x + NODE_W
        path = f"M{x1:.1f},{node.mid:.1f} L{x1 + STUB:.1f},{node.mid:.1f}"
        flow.stubs.append(Band(path, end.state, end.highlight, f"{end.column} {end.point}: {end.state}"))
    # Highlighted bands last, so they are drawn on top.
    flow.bands.sort(key=lambda b: b.highlight)
    flow.width = LEFT * 2 + max(len(columns) - 1, 0) * COLUMN_GAP + NODE_W + STUB + 150
    flow.height = TOP + tallest * (NODE_H + NODE_GAP) + 10
    return flow
