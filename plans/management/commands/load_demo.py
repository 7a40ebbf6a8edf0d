"""Load the researched demo data: plan versions, curated lineage and press articles."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from articles.loading import load_articles
from plans.loading import DatasetError, LoadReport, load_lineage, load_plan_versions
from plans.models import Plan

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo_data"


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


class Command(BaseCommand):
    help = (
        "Load plan_versions.json, plan_lineage.json and articles.json from a folder (default: "
        "the demo data shipped with Redline) in one transaction. Running it twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=DEMO_DATA, help="Folder holding the three files.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when a plan is already in the database."
        )

    def handle(self, *args: Any, data: Path, if_empty: bool, **options: Any) -> None:
        if if_empty and Plan.objects.exists():
            self.stdout.write("Data already loaded; nothing to do.")
            return
        files = {name: data / f"{name}.json" for name in ("plan_versions", "plan_lineage", "articles")}
        docs = {name: read_json(path) for name, path in files.items()}
        report = LoadReport()
        try:
            with transaction.atomic():
                load_plan_versions(docs["plan_versions"], report, str(files["plan_versions"]))
                load_lineage(docs["plan_lineage"], report, str(files["plan_lineage"]))
                load_articles(docs["articles"], report, str(files["articles"]))
        except DatasetError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Done: {report.changed} rows created or updated."))
