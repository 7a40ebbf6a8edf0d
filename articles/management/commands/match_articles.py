"""Find and store the points articles discuss (as unconfirmed mentions), now, without the worker."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from articles.matching import match_articles
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Run mention matching over articles (default: all). New findings are stored as unconfirmed; "
        "what an editor confirmed or rejected is left as it is. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Article ids (default: every article).")

    def handle(self, *args: Any, ids: list[int], **options: Any) -> None:
        articles = Article.objects.filter(pk__in=ids) if ids else Article.objects.all()
        report = match_articles(articles.order_by("pk"))
        self.stdout.write(f"{report.created} new mentions stored; {report.kept} already known.")
