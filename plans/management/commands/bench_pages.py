"""Time the pages (server side, through Django's test client) and compare with difflib.HtmlDiff."""

import difflib
import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.signals import request_started
from django.db import connection, reset_queries
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import compare_service
from plans.models import ComparisonCache, PlanVersion

OLD, NEW = "us-28-point-draft", "ukraine-us-20-point-framework"


def median_ms(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class Command(BaseCommand):
    help = "Print server-side timings and query counts of the main pages (needs the demo data loaded)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args: Any, runs: int, **options: Any) -> None:
        if not PlanVersion.objects.filter(slug__in=[OLD, NEW]).count() == 2:
            raise CommandError("Load the demo data first: python manage.py load_demo")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # Count queries per request: stop Django clearing the log when each request starts.
        request_started.disconnect(reset_queries)
        # Requests go through the WSGI handler gunicorn calls (the test client would add the cost
        # of recording every rendered template's context).
        handler = WSGIHandler()
        factory = RequestFactory()
        compare_url = f"{reverse('plans:compare')}?old={OLD}&new={NEW}"

        def get(url: str) -> None:
            htmx = {"HX-Request": "true"} if "fragment" in url else {}
            environ = factory.get(url.replace("&fragment", ""), headers=htmx).environ
            status: list[str] = []
            b"".join(handler(environ, lambda s, h, exc_info=None: status.append(s)))
            if not status[0].startswith("200"):
                raise CommandError(f"{url} answered {status[0]}")

        def cold() -> None:
            ComparisonCache.objects.all().delete()
            compare_service._recent.clear()
            get(compare_url)

        pages = [
            ("home", reverse("plans:home")),
            ("version (28-point draft)", reverse("plans:version", args=[OLD])),
            ("point (28-point 21d)", reverse("plans:point", args=[OLD, "21d"])),
            ("genealogy (28-point 21d)", reverse("plans:genealogy", args=[OLD, "21d"])),
            ("articles", reverse("articles:list")),
            ("compare 28 → 20, warm cache", compare_url),
            ("compare 28 → 20, sub-points, warm", compare_url + "&granularity=sub-points"),
            ("compare 28 → 20, htmx fragment, warm", compare_url + "&fragment"),
            ("compare 28 → 20, only splits, warm", compare_url + "&kind=split"),
        ]
        self.stdout.write(f"{'page':42} {'median ms':>10} {'queries':>8}")
        for name, url in pages:
            get(url)  # warm caches
            with CaptureQueriesContext(connection) as queries:
                get(url)
            self.stdout.write(f"{name:42} {median_ms(lambda: get(url), runs):10.2f} {len(queries):8d}")
        cold_ms = median_ms(cold, max(3, runs // 5))
        self.stdout.write(f"{'compare 28 → 20, cold (recomputed)':42} {cold_ms:10.2f}")
        get(compare_url)
        warm = median_ms(lambda: get(compare_url), runs)

        old = [p.text for p in PlanVersion.objects.get(slug=OLD).points.order_by("order")]
        new = [p.text for p in PlanVersion.objects.get(slug=NEW).points.order_by("order")]
        html_diff = median_ms(lambda: difflib.HtmlDiff(wrapcolumn=80).make_file(old, new), runs)
        self.stdout.write(f"{'difflib.HtmlDiff on the same two texts':42} {html_diff:10.2f}")
        self.stdout.write(
            f"ratio compare page (warm) / HtmlDiff: {warm / html_diff:.2f}; "
            f"cold compare page / HtmlDiff: {cold_ms / html_diff:.2f}"
        )
        request_started.connect(reset_queries)
