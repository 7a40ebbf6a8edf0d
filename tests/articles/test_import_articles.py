"""`manage.py import_articles`: every format, duplicates, all-or-nothing, progress, matching."""

from __future__ import annotations

import datetime
import io
import json
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from articles.ingest import ArticleDraft, IngestError, canonical_url
from articles.models import Article, Mention, MentionOrigin
from articles.storing import find_duplicate, store_drafts
from articles.tasks import schedule_matching
from tests.articles.fixtures.local_server import LocalServer

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT = (
    "Negotiators in Geneva spent a second day on the draft peace framework, going through the "
    "clauses on security guarantees, the size of the armed forces and the future of the frozen "
    "assets, and said they expected to send a shorter text to the presidents by the end of the week."
)


def path(name: str) -> str:
    return str(FIXTURES / name)


def draft(number: int, **changes: object) -> ArticleDraft:
    values: dict[str, object] = {
        "url": f"https://river-post.example/n/{number}",
        "title": f"Report {number}",
        "outlet": "River Post",
        "published": datetime.date(2025, 11, 21),
        "language": "en",
        "text": f"Report number {number}. {TEXT}",
        "where": f"test: item {number}",
    }
    values.update(changes)
    return ArticleDraft(**values)  # type: ignore[arg-type]


class ImportCommandTestCase(TestCase):
    def run_import(self, *args: str) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("import_articles", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def assert_refused(self, message: str, *args: str) -> None:
        before = Article.objects.count()
        tasks_before = DBTaskResult.objects.count()
        with self.assertRaisesRegex(CommandError, message):
            self.run_import(*args)
        self.assertEqual(Article.objects.count(), before)
        self.assertEqual(DBTaskResult.objects.count(), tasks_before)


class ImportFormatsTests(ImportCommandTestCase):
    def test_it_imports_json(self) -> None:
        out, _ = self.run_import(path("articles.json"), "--no-match")
        self.assertIn("2 created, 0 duplicates (skipped)", out)
        article = Article.objects.get(canonical_url="https://coastal-tribune.example/news/geneva-talks-open")
        self.assertEqual((article.outlet, article.language), ("Coastal Tribune", "en"))
        self.assertEqual(article.published, datetime.date(2025, 11, 23))
        self.assertIn("point 7", article.body)
        self.assertEqual(article.summary, "")
        self.assertEqual(len(article.text_hash), 64)

    def test_it_imports_json_lines(self) -> None:
        out, _ = self.run_import(path("batch.jsonl"), "--no-match")
        self.assertIn("3 created", out)
        self.assertEqual(Article.objects.get(url="https://hill-gazette.example/uk/amnesty").language, "uk")

    def test_it_imports_an_html_page(self) -> None:
        out, _ = self.run_import(path("page.html"), "--no-match")
        self.assertIn("1 created", out)
        article = Article.objects.get(canonical_url="https://harbour-ledger.example/world/kyiv-studies-28-point-plan")
        self.assertEqual((article.title, article.outlet), ("Kyiv studies the 28-point plan line by line", "Harbour Ledger"))
        self.assertIn("600,000", article.body)

    def test_it_imports_rss_and_atom_files_together(self) -> None:
        out, _ = self.run_import(path("feed.rss"), path("feed.atom"), "--no-match")
        self.assertIn("4 created", out)
        self.assertEqual(Article.objects.filter(outlet="Donau Rundschau", language="de").count(), 1)
        self.assertEqual(Article.objects.filter(outlet="Steppe Wire").count(), 2)

    def test_it_imports_a_feed_from_a_url(self) -> None:
        with LocalServer() as server:
            out, _ = self.run_import(server.url("feed.rss"), "--no-match")
        self.assertIn("2 created", out)
        self.assertTrue(Article.objects.filter(url="https://steppe-wire.example/2025/11/elections").exists())

    def test_an_unreachable_feed_url_is_reported(self) -> None:
        with LocalServer() as server:
            self.assert_refused(r"feed-that-is-not-there\.xml: the server answered 404", server.url("feed-that-is-not-there.xml"))

    def test_a_feed_url_serving_html_is_reported(self) -> None:
        with LocalServer() as server:
            self.assert_refused(r"page\.html: not a feed \(the server sent text/html\)", server.url("page.html"))

    def test_an_unknown_format_or_missing_file_is_reported(self) -> None:
        self.assert_refused(r"nowhere\.json: cannot be read \(No such file or directory\)", path("nowhere.json"))
        self.assert_refused(r"local_server\.py: cannot tell the format", path("local_server.py"))

    def test_the_url_option_names_the_article_of_a_single_page(self) -> None:
        self.run_import(path("page.html"), "--url", "https://mirror.example/kyiv", "--no-match")
        self.assertTrue(Article.objects.filter(url="https://mirror.example/kyiv").exists())
        self.assert_refused("exactly one PATH", path("page.html"), path("feed.rss"), "--url", "https://mirror.example/kyiv")


class BrokenInputTests(ImportCommandTestCase):
    def test_broken_json_writes_nothing(self) -> None:
        self.assert_refused(r"broken\.json: not valid JSON \(line 4, column 3.*\)\. Nothing was imported\.", path("broken.json"))

    def test_a_broken_json_line_writes_nothing(self) -> None:
        self.assert_refused(r"broken\.jsonl: line 3: published '2025-13-01' is not a date", path("broken.jsonl"))

    def test_malformed_xml_writes_nothing(self) -> None:
        self.assert_refused(r"malformed\.xml: not well-formed XML", path("malformed.xml"))

    def test_a_feed_item_without_link_writes_nothing(self) -> None:
        self.assert_refused(r"feed_no_link\.xml: item 2: no link", path("feed_no_link.xml"))

    def test_a_page_without_text_writes_nothing(self) -> None:
        self.assert_refused(r"page_no_text\.html: no main text found", path("page_no_text.html"))

    def test_a_broken_file_after_good_ones_writes_nothing(self) -> None:
        self.assert_refused("broken.jsonl: line 3", path("articles.json"), path("feed.rss"), path("broken.jsonl"))

    def test_a_bad_item_at_the_end_of_a_long_file_leaves_the_database_unchanged(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            lines = [json.dumps(self.item(n)) for n in range(1, 120)]
            lines.append(json.dumps({**self.item(120), "title": "x" * 501}))  # over the column's length
            batch = Path(folder) / "long.jsonl"
            batch.write_text("\n".join(lines))
            self.assert_refused(r"long\.jsonl: line 120: title: Ensure this value has at most 500 characters", str(batch))

    @staticmethod
    def item(number: int) -> dict[str, str]:
        return {
            "url": f"https://river-post.example/long/{number}",
            "title": f"Report {number}",
            "outlet": "River Post",
            "published": "2025-11-21",
            "language": "en",
            "text": f"Report {number}. {TEXT}",
        }


class DuplicateTests(ImportCommandTestCase):
    def test_importing_the_same_file_twice_stores_nothing_new(self) -> None:
        self.run_import(path("articles.json"), path("feed.rss"), "--no-match")
        before = Article.objects.count()
        out, _ = self.run_import(path("articles.json"), path("feed.rss"), "--no-match")
        self.assertIn("0 created, 4 duplicates (skipped)", out)
        self.assertEqual(Article.objects.count(), before)

    def test_duplicates_are_listed_when_asked(self) -> None:
        self.run_import(path("articles.json"), "--no-match")
        out, _ = self.run_import(path("articles.json"), "--no-match", "--verbosity", "2")
        self.assertIn("skipped", out)
        self.assertIn("articles.json: item 1: same URL as article", out)

    def test_the_same_url_in_another_form_is_a_duplicate_against_the_database(self) -> None:
        store_drafts([draft(1, url="https://river-post.example/n/1")])
        variants = [
            "http://www.river-post.example/n/1/",
            "https://river-post.example/n/1?utm_source=twitter&utm_medium=social",
            "https://RIVER-POST.example/n/1#comments",
        ]
        report = store_drafts([draft(n, url=url) for n, url in enumerate(variants, 2)])
        self.assertEqual(report.created, [])
        self.assertEqual([why for _, _, why in report.duplicates], ["same URL"] * 3)

    def test_the_same_text_under_another_url_is_a_duplicate_against_the_database(self) -> None:
        stored = store_drafts([draft(1)]).created[0]
        copy = draft(1, url="https://aggregator.example/copied/77", title="Copied", outlet="Aggregator")
        copy = ArticleDraft(**{**copy.__dict__, "text": copy.text.upper().replace(".", " !")})
        report = store_drafts([copy])
        self.assertEqual(report.duplicates, [(copy, stored, "same text")])
        self.assertEqual(find_duplicate(copy), (stored, "same text"))

    def test_duplicates_within_one_batch_are_stored_once(self) -> None:
        first = draft(1)
        same_url = draft(2, url="https://www.river-post.example/n/1/?utm_campaign=x")
        same_text = draft(3, text=first.text)
        other = draft(4)
        report = store_drafts([first, same_url, same_text, other])
        self.assertEqual([a.url for a in report.created], [first.url, other.url])
        self.assertEqual(
            [(d.where, existing.url, why) for d, existing, why in report.duplicates],
            [("test: item 2", first.url, "same URL"), ("test: item 3", first.url, "same text")],
        )

    def test_short_texts_are_not_compared(self) -> None:
        report = store_drafts([draft(1, text="Talks went on."), draft(2, text="Talks went on.")])
        self.assertEqual(len(report.created), 2)

    def test_demo_articles_count_as_stored(self) -> None:
        demo = Article.objects.order_by("pk").first()
        assert demo is not None
        report = store_drafts([draft(1, url=demo.url.replace("https://", "http://"))])
        self.assertEqual(report.duplicates[0][1], demo)

    def test_an_invalid_draft_stops_the_batch_before_anything_is_written(self) -> None:
        before = Article.objects.count()
        with self.assertRaisesRegex(IngestError, "test: item 3: language 'english' is not a 2–3 letter code"):
            store_drafts([draft(1), draft(2), draft(3, language="english")])
        self.assertEqual(Article.objects.count(), before)
        self.assertFalse(Article.objects.filter(canonical_url=canonical_url(draft(1).url)).exists())


class ProgressAndMatchingTests(ImportCommandTestCase):
    def test_a_long_import_reports_progress_on_stderr(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            batch = Path(folder) / "long.jsonl"
            batch.write_text("\n".join(json.dumps(BrokenInputTests.item(n)) for n in range(1, 121)))
            out, err = self.run_import(str(batch), "--no-match")
        self.assertIn("120 created, 0 duplicates (skipped)", out)
        self.assertIn("Read 120 articles", err)
        self.assertEqual(
            [line.strip() for line in err.splitlines() if "/120" in line],
            ["50/120 articles", "100/120 articles", "120/120 articles"],
        )

    def test_a_short_import_prints_only_its_summary(self) -> None:
        out, err = self.run_import(path("articles.json"), "--no-match")
        self.assertEqual((out.strip(), err), ("2 created, 0 duplicates (skipped)", ""))

    def test_matching_is_queued_for_the_worker_by_default(self) -> None:
        out, _ = self.run_import(path("articles.json"))
        self.assertIn("Matching queued for 2 articles", out)
        queued = DBTaskResult.objects.filter(task_path="articles.tasks.match_article_task")
        created = set(Article.objects.filter(outlet__in=["Coastal Tribune", "Inland Courier"]).values_list("pk", flat=True))
        self.assertEqual({r.args_kwargs["args"][0] for r in queued}, created)

    def test_no_match_queues_nothing(self) -> None:
        self.run_import(path("articles.json"), "--no-match")
        self.assertFalse(DBTaskResult.objects.exists())

    def test_match_now_stores_automatic_mentions(self) -> None:
        out, _ = self.run_import(path("page.html"), "--match-now")
        self.assertIn("Matching:", out)
        self.assertFalse(DBTaskResult.objects.exists())
        article = Article.objects.get(title="Kyiv studies the 28-point plan line by line")
        keys = set(article.mentions.filter(origin=MentionOrigin.AUTOMATIC).values_list("version__slug", "match_key"))
        self.assertIn(("us-28-point-draft", "7"), keys)
        self.assertIn(("us-28-point-draft", "6"), keys)  # the 600,000 cap

    def test_schedule_matching_enqueues_one_task_per_article(self) -> None:
        ids = store_drafts([draft(1), draft(2)]).created_ids
        self.assertEqual(schedule_matching(ids), 2)
        self.assertEqual(DBTaskResult.objects.count(), 2)
        self.assertEqual(Mention.objects.filter(article_id__in=ids).count(), 0)
