"""Print which points of which versions a text discusses, without storing anything."""

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.matching import build_catalog
from articles.mentions import MentionFinder
from plans.management.text_input import read_text_file


class Command(BaseCommand):
    help = "Find the points a text discusses (explicit references, figures, names, paraphrase). Stores nothing."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):  # noqa: ANN201
        # --version names a plan version here; it replaces Django's "show the version" option.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument("--version", dest="version_slug", help="Only look for points of this version.")
        parser.add_argument("--published", help="The text's date (YYYY-MM-DD): versions after it are excluded.")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, file: str, version_slug: str | None, published: str | None, format: str, **options: Any) -> None:
        text = sys.stdin.read() if file == "-" else read_text_file(Path(file))
        date = None
        if published:
            try:
                date = datetime.date.fromisoformat(published)
            except ValueError:
                raise CommandError(f"--published '{published}' is not a date (YYYY-MM-DD)") from None
        catalog = build_catalog()
        if version_slug and version_slug not in {v.slug for v in catalog}:
            raise CommandError(f"No version '{version_slug}'. Known: {', '.join(v.slug for v in catalog)}")
        found = MentionFinder(catalog).find(text, published=date, version=version_slug)
        if format == "json":
            payload = {
                "mentions": [
                    {"version": m.version, "point": m.point, "confidence": round(m.confidence, 3), "evidence": m.evidence, "reason": m.reason}
                    for m in found
                ]
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for m in found:
            self.stdout.write(f"{m.version:42} {m.point or '(whole version)':>16}  {m.confidence:.2f}  {m.reason:<10} {m.evidence[:90]}")
        self.stdout.write(f"{len(found)} mentions")
