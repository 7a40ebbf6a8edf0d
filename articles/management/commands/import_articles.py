"""Import news articles from JSON, JSON Lines, saved HTML pages and RSS/Atom feeds (files or URLs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from articles.fetching import FetchError, fetch_feed
from articles.ingest import FORMATS, ArticleDraft, IngestError, read_source
from articles.matching import match_articles
from articles.models import Article
from articles.storing import StoreReport, store_drafts
from articles.tasks import schedule_matching

PROGRESS_EVERY = 50


class Command(BaseCommand):
    help = (
        "Import articles from files (JSON, JSON Lines, HTML pages, RSS or Atom feeds) and from feed "
        "URLs. Everything is read and checked first, then written in one transaction: a broken "
        "file writes nothing. An article already stored (same canonical URL, or same text) is "
        "skipped. New articles are matched to plan points by the worker unless told otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="A file, or an http(s) URL of a feed."
        )
        parser.add_argument(
            "--format", choices=FORMATS, dest="fmt",
            help="Read every PATH in this format (default: from the file name, else its content).",
        )
        parser.add_argument(
            "--url", help="URL of the article in an HTML file without a canonical link (one PATH only)."
        )
        parser.add_argument(
            "--language", help="Language code for every feed item or page (overrides what they declare)."
        )
        matching = parser.add_mutually_exclusive_group()
        matching.add_argument(
            "--no-match", action="store_true", help="Do not look for the points the articles discuss."
        )
        matching.add_argument(
            "--match-now", action="store_true", help="Match here and now instead of in the worker."
        )

    def handle(self, *args: Any, paths: list[str], **opts: Any) -> None:
        if opts["url"] and len(paths) != 1:
            raise CommandError("--url names the article of a single HTML file: give exactly one PATH.")
        verbosity = opts["verbosity"]
        drafts: list[ArticleDraft] = []
        for path in paths:
            found = self.read(path, opts)
            if verbosity >= 2:
                self.stderr.write(f"{path}: {len(found)} article{'' if len(found) == 1 else 's'}")
            drafts.extend(found)

        total = len(drafts)
        if verbosity >= 1 and total >= PROGRESS_EVERY:
            self.stderr.write(f"Read {total} articles from {len(paths)} source(s); storing…")

        def progress(done: int, total: int) -> None:
            if verbosity >= 1 and total >= PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
                self.stderr.write(f"  {done}/{total} articles")

        try:
            with transaction.atomic():
                report = store_drafts(drafts, progress=progress)
        except IngestError as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from None

        self.stdout.write(report.summary())
        if verbosity >= 2:
            self.describe_duplicates(report)
        self.match(report, opts)

    def read(self, path: str, opts: dict[str, Any]) -> list[ArticleDraft]:
        """The drafts in one file or feed URL; a CommandError that names it if it cannot be read."""
        fmt = opts["fmt"]
        try:
            if path.lower().startswith(("http://", "https://")):
                if fmt not in (None, "feed"):
                    raise CommandError(
                        f"{path}: only feeds can be imported from a URL (add single pages in the app)."
                    )
                data = fetch_feed(path)
                fmt = "feed"
            else:
                data = Path(path).read_bytes()
            return read_source(path, data, fmt=fmt, url=opts["url"], language=opts["language"])
        except FetchError as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from None
        except IsADirectoryError:
            raise CommandError(f"{path}: is a directory; give the files in it. Nothing was imported.") from None
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read ({exc.strerror}). Nothing was imported.") from None
        except IngestError as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from None

    def describe_duplicates(self, report: StoreReport) -> None:
        for draft, existing, why in report.duplicates:
            where = draft.where or draft.url
            self.stdout.write(f"  skipped {where}: {why} as article {existing.pk} ({existing.title})")

    def match(self, report: StoreReport, opts: dict[str, Any]) -> None:
        ids = report.created_ids
        if not ids or opts["no_match"]:
            return
        if opts["match_now"]:
            found = match_articles(Article.objects.filter(pk__in=ids).order_by("pk"))
            self.stdout.write(f"Matching: {found.created} mentions found")
        else:
            schedule_matching(ids)
            self.stdout.write(f"Matching queued for {len(ids)} articles (run: manage.py db_worker)")
