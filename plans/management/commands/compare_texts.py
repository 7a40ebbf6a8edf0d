"""Compare two numbered texts without touching the database."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from plans.alignment import Unit, align
from plans.comparison import PointInfo, units
from plans.management.text_input import read_numbered_text


def read_points(path: Path) -> list[PointInfo]:
    return [PointInfo(p.number, p.text, p.parent) for p in read_numbered_text(path).points]


class Command(BaseCommand):
    help = (
        "Align two numbered texts (the format import_plan reads) point by point and print the links: "
        "unchanged, reworded, split, merged, dropped, added, and which moved. Nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("old", type=Path)
        parser.add_argument("new", type=Path)
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument(
            "--granularity", choices=["points", "sub-points"], default="points",
            help="Top-level points with sub-points folded in (default), or every sub-point on its own.",
        )
        parser.add_argument("--unordered", action="store_true", help="Numbering carries no order: never report moves.")

    def handle(self, *args: Any, old: Path, new: Path, format: str, granularity: str, unordered: bool, **options: Any) -> None:
        old_units: list[Unit] = units(read_points(old), granularity)
        new_units: list[Unit] = units(read_points(new), granularity)
        links = align(old_units, new_units, ordered=not unordered)
        if format == "json":
            payload = {
                "links": [
                    {"left": list(l.left), "right": list(l.right), "kind": l.kind, "moved": l.moved, "score": round(l.score, 3)}
                    for l in links
                ]
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        width = max([len(", ".join(l.left)) for l in links] + [3])
        for link in links:
            left = ", ".join(link.left) or "–"
            right = ", ".join(link.right) or "–"
            moved = "  moved" if link.moved else ""
            self.stdout.write(f"{left:>{width}} → {right:<{width}}  {link.kind:<9} {link.score:.2f}{moved}")
        counts: dict[str, int] = {}
        for link in links:
            counts[link.kind] = counts.get(link.kind, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        self.stdout.write(f"{len(links)} links: {summary}; {sum(l.moved for l in links)} moved")
