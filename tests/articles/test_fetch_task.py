"""Adding an article by URL: fetching over HTTP, and the background task run by a real worker.

Every URL is on a throwaway server on 127.0.0.1 started by the test (no outside network).
"""

from __future__ import annotations

import io
import unittest

from django.core.management import call_command
from django.test import TestCase, TransactionTestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.fetching import FetchError, fetch_article_html, fetch_feed
from articles.models import Article, ArticleFetch, FetchStatus, MentionOrigin
from articles.storing import store_fetched_article
from articles.tasks import fetch_article_task
from tests.articles.fixtures.local_server import FIXTURES, LocalServer


class FetchingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.server = LocalServer().__enter__()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.__exit__(None, None, None)

    def test_it_fetches_a_page_as_text(self) -> None:
        html = fetch_article_html(self.server.url("page.html"))
        self.assertIn("Kyiv studies the 28-point plan", html)

    def test_it_fetches_a_feed_as_bytes(self) -> None:
        self.assertEqual(fetch_feed(self.server.url("feed.atom")), (FIXTURES / "feed.atom").read_bytes())

    def test_an_http_error_is_a_fetch_error(self) -> None:
        with self.assertRaisesRegex(FetchError, r"missing\.html: the server answered 404 File not found"):
            fetch_article_html(self.server.url("missing.html"))

    def test_content_that_is_not_html_is_refused(self) -> None:
        with self.assertRaisesRegex(FetchError, r"not an HTML page \(the server sent application/json\)"):
            fetch_article_html(self.server.url("articles.json"))

    def test_a_slow_server_times_out(self) -> None:
        with self.assertRaisesRegex(FetchError, r"/slow: no answer within 0.3 seconds"):
            fetch_article_html(self.server.url("slow"), timeout=0.3)

    def test_a_body_over_the_size_cap_is_refused(self) -> None:
        with self.assertRaisesRegex(FetchError, r"/big: too large"):
            fetch_article_html(self.server.url("big"), max_bytes=10_000)

    def test_only_http_urls_are_fetched(self) -> None:
        for url in ("file:///etc/passwd", "ftp://example.com/a", "not a url"):
            with self.subTest(url=url), self.assertRaisesRegex(FetchError, "only http:// and https:// URLs"):
                fetch_article_html(url)

    def test_a_redirect_to_a_file_url_is_refused(self) -> None:
        with self.assertRaisesRegex(FetchError, "file:///etc/passwd.* not allowed"):
            fetch_article_html(self.server.url("redirect-to-file"))

    def test_a_closed_port_cannot_be_reached(self) -> None:
        closed = LocalServer().__enter__()
        url = closed.url("page.html")
        closed.__exit__(None, None, None)
        with self.assertRaisesRegex(FetchError, "cannot be reached"):
            fetch_article_html(url)


class StoreFetchedArticleTests(TestCase):
    def make_fetch(self, url: str = "https://harbour-ledger.example/world/kyiv", language: str = "") -> ArticleFetch:
        return ArticleFetch.objects.create(url=url, language=language)

    def test_it_stores_the_extracted_article(self) -> None:
        fetch = self.make_fetch()
        article, created = store_fetched_article(fetch, (FIXTURES / "page.html").read_text())
        self.assertTrue(created)
        self.assertEqual(article.url, fetch.url)
        self.assertEqual((article.outlet, article.language), ("Harbour Ledger", "en"))
        self.assertIn("point 7", article.body)

    def test_the_editors_language_wins_and_a_missing_date_is_today(self) -> None:
        html = (FIXTURES / "page.html").read_text()
        html = html.replace('<meta property="article:published_time" content="2025-11-22T08:30:00Z">', "")
        article, _ = store_fetched_article(self.make_fetch(language="uk"), html)
        self.assertEqual((article.language, article.published), ("uk", timezone.localdate()))

    def test_a_page_seen_before_is_a_duplicate(self) -> None:
        html = (FIXTURES / "page.html").read_text()
        first, _ = store_fetched_article(self.make_fetch(), html)
        again, created = store_fetched_article(self.make_fetch("https://elsewhere.example/copy"), html)
        self.assertEqual((again, created), (first, False))

    def test_a_page_without_text_is_a_fetch_error(self) -> None:
        with self.assertRaisesRegex(FetchError, "no article text found"):
            store_fetched_article(self.make_fetch(), (FIXTURES / "page_no_text.html").read_text())


class FetchTaskWorkerTests(TransactionTestCase):
    """The whole path: enqueue, a real `db_worker` run, then the fetch's status and the article.

    TransactionTestCase because the worker takes its tasks in transactions of its own; its
    database is flushed after each test, so the demo plan versions are loaded for matching.
    """

    def setUp(self) -> None:
        call_command("load_demo", stdout=io.StringIO())
        self.server = LocalServer().__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)

    def run_worker(self) -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0")

    def test_a_fetched_page_is_stored_and_matched(self) -> None:
        fetch = ArticleFetch.objects.create(url=self.server.url("page.html"))
        result = fetch_article_task.enqueue(fetch.pk)
        self.assertEqual(ArticleFetch.objects.get(pk=fetch.pk).status, FetchStatus.QUEUED)

        self.run_worker()

        fetch.refresh_from_db()
        self.assertEqual(fetch.status, FetchStatus.DONE, fetch.message)
        self.assertIsNotNone(fetch.finished_at)
        article = fetch.article
        assert article is not None
        self.assertEqual(article.title, "Kyiv studies the 28-point plan line by line")
        self.assertIn("600,000", article.body)
        keys = set(article.mentions.filter(origin=MentionOrigin.AUTOMATIC).values_list("version__slug", "match_key"))
        self.assertIn(("us-28-point-draft", "7"), keys)
        self.assertEqual(DBTaskResult.objects.get(pk=result.id).status, "SUCCESSFUL")

    def test_the_same_page_twice_is_a_duplicate(self) -> None:
        first = ArticleFetch.objects.create(url=self.server.url("page.html"))
        second = ArticleFetch.objects.create(url=self.server.url("page.html?utm_source=mail"))
        fetch_article_task.enqueue(first.pk)
        fetch_article_task.enqueue(second.pk)
        self.run_worker()
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual((first.status, second.status), (FetchStatus.DONE, FetchStatus.DUPLICATE))
        self.assertEqual(second.article, first.article)
        self.assertEqual(Article.objects.filter(title__startswith="Kyiv studies").count(), 1)

    def test_a_missing_page_ends_failed_with_a_message(self) -> None:
        fetch = ArticleFetch.objects.create(url=self.server.url("no-such-page.html"))
        fetch_article_task.enqueue(fetch.pk)
        before = Article.objects.count()
        self.run_worker()
        fetch.refresh_from_db()
        self.assertEqual(fetch.status, FetchStatus.FAILED)
        self.assertIn("404", fetch.message)
        self.assertIsNone(fetch.article)
        self.assertEqual(Article.objects.count(), before)

    def test_a_page_without_text_ends_failed_with_a_message(self) -> None:
        fetch = ArticleFetch.objects.create(url=self.server.url("page_no_text.html"))
        fetch_article_task.enqueue(fetch.pk)
        self.run_worker()
        fetch.refresh_from_db()
        self.assertEqual(fetch.status, FetchStatus.FAILED)
        self.assertIn("no article text found", fetch.message)
