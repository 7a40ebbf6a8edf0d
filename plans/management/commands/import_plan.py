"""Import a new version of a plan from a plain numbered text (as copied from a news site)."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.text import slugify

from plans.loading import DatasetError, LoadReport, load_points, validate
from plans.models import Evidence, Plan, PlanVersion, Section, VersionStatus
from plans.management.text_input import read_numbered_text

EVIDENCE_FOR_STATUS = {
    VersionStatus.FULL_TEXT: Evidence.FULL_TEXT,
    VersionStatus.PARTIAL: Evidence.FULL_TEXT,
    VersionStatus.RECONSTRUCTED: Evidence.REPORTED,
}


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date '{value}' is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Import a version from a numbered text: '1.' or '1)' points, 'a.', '(a)' or 'a)' sub-points "
        "under the last point, continuation lines, and headings as sections. Nothing is written "
        "unless the whole file reads cleanly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="UTF-8 text file with the numbered points.")
        parser.add_argument("--plan", required=True, help="Slug of the plan the version belongs to.")
        parser.add_argument("--label", required=True, help='E.g. "20-point framework (draft)".')
        parser.add_argument("--date", required=True, type=iso_date, help="YYYY-MM-DD")
        parser.add_argument("--slug", help="Slug of the new version (default: from the label).")
        parser.add_argument("--parent", help="Slug of the version this one was derived from.")
        parser.add_argument("--status", default=VersionStatus.FULL_TEXT, choices=VersionStatus.values)
        parser.add_argument("--origin", default="", help="Who drafted or presented it.")
        parser.add_argument("--source", action="append", default=[], help="Source URL (repeatable).")

    def handle(self, *args: Any, file: Path, **opts: Any) -> None:
        document = read_numbered_text(file, ". Nothing was imported.")

        plan = Plan.objects.filter(slug=opts["plan"]).first()
        if plan is None:
            raise CommandError(f"No plan '{opts['plan']}'. Known plans: {', '.join(Plan.objects.values_list('slug', flat=True)) or 'none'}")
        slug = opts["slug"] or slugify(opts["label"])[:120]
        if not slug:
            raise CommandError("The label gives no usable slug; pass --slug.")
        if PlanVersion.objects.filter(slug=slug).exists():
            raise CommandError(f"A version '{slug}' already exists; pass another --slug.")
        parent = None
        if opts["parent"]:
            parent = PlanVersion.objects.filter(slug=opts["parent"]).first()
            if parent is None:
                raise CommandError(f"No version '{opts['parent']}' to use as --parent.")
        for url in opts["source"]:
            if not url.startswith(("http://", "https://")):
                raise CommandError(f"--source '{url}' is not an http(s) URL.")

        sources = [{"url": url} for url in opts["source"]]
        evidence = EVIDENCE_FOR_STATUS[opts["status"]]
        report = LoadReport()
        try:
            with transaction.atomic():
                version = PlanVersion(
                    plan=plan,
                    slug=slug,
                    label=opts["label"],
                    date=opts["date"],
                    origin=opts["origin"],
                    status=opts["status"],
                    parent=parent,
                    sources=sources,
                )
                validate(version, "--label/--slug/--origin")
                version.save()
                sections = {
                    s.key: Section.objects.create(version=version, key=s.key, title=s.title, order=i)
                    for i, s in enumerate(document.sections, start=1)
                }
                points = [
                    {
                        "number": p.number,
                        "parent": p.parent,
                        "section": p.section,
                        "text": p.text,
                        "evidence": evidence,
                        "sources": sources,
                    }
                    for p in document.points
                ]
                load_points(version, points, sections, report, str(file))
        except DatasetError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        subs = sum(1 for p in document.points if p.parent)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported '{version.label}' as {slug}: {len(document.points) - subs} points, "
                f"{subs} sub-points, {len(sections)} sections."
            )
        )
