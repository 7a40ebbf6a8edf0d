"""Automatic mentions: found, shown as unconfirmed, confirmed or rejected by editors only."""

import datetime
import io
import json

from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client, TestCase
from django.urls import reverse

from articles.matching import match_article
from articles.models import Article, Mention
from tests.files import write_text_file

TEXT = (
    "Kyiv rejected point 7 of the 28-point plan, which would cap Ukraine's army at 600,000 troops. "
    "Officials said the Zaporizhzhia nuclear plant clause also had to change before any signature."
)


def make_article(**fields) -> Article:
    values = {
        "url": "https://example.org/news/plan-analysis",
        "canonical_url": "https://example.org/news/plan-analysis",
        "outlet": "Example News",
        "title": "Kyiv pushes back on the 28-point plan",
        "published": datetime.date(2025, 11, 22),
        "language": "en",
        "body": TEXT,
    }
    values.update(fields)
    return Article.objects.create(**values)


class MatchingTests(TestCase):
    def test_it_stores_unconfirmed_mentions_with_evidence(self):
        article = make_article()
        report = match_article(article)
        self.assertGreater(report.created, 0)
        mention = article.mentions.get(points__number="7", version__slug="us-28-point-draft")
        self.assertEqual((mention.origin, mention.status), ("automatic", "unconfirmed"))
        self.assertIn("point 7", mention.evidence)
        self.assertGreater(mention.confidence, 0.5)

    def test_running_again_adds_nothing_and_a_rejected_mention_never_comes_back(self):
        article = make_article()
        match_article(article)
        count = article.mentions.count()
        rejected = article.mentions.get(points__number="7")
        rejected.status = "rejected"
        rejected.save()
        self.assertEqual(match_article(article).created, 0)
        self.assertEqual(article.mentions.count(), count)
        rejected.refresh_from_db()
        self.assertEqual(rejected.status, "rejected")

    def test_it_does_not_repeat_what_curators_already_linked(self):
        article = Article.objects.get(url="https://axy.media/world/putin-says-there-have-been-no-draft-peace-agreements-on-ukraine")
        match_article(article)
        automatic = article.mentions.filter(origin="automatic", version__slug="us-28-point-draft", points__number="21d")
        self.assertFalse(automatic.exists())

    def test_the_match_articles_command_is_safe_to_run_twice(self):
        out = io.StringIO()
        call_command("match_articles", stdout=out)
        call_command("match_articles", stdout=out)
        self.assertIn("0 new mentions stored", out.getvalue().splitlines()[-1])


class ReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        match_article(cls.article)
        cls.mention = cls.article.mentions.get(points__number="7")
        cls.editor = User.objects.create_user("ed", password="pw")
        cls.editor.groups.add(Group.objects.get_or_create(name="editors")[0])
        cls.reader = User.objects.create_user("reader", password="pw")

    def url(self, action: str) -> str:
        return reverse(f"articles:{action}-mention", args=[self.mention.pk])

    def test_readers_cannot_review(self):
        self.assertEqual(self.client.post(self.url("confirm")).status_code, 403)
        self.client.force_login(self.reader)
        self.assertEqual(self.client.post(self.url("reject")).status_code, 403)
        self.mention.refresh_from_db()
        self.assertEqual(self.mention.status, "unconfirmed")

    def test_an_editor_confirms_in_one_click_through_htmx(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.url("confirm"), headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertTrue(body.strip().startswith('<div class="layout-2col" id="article-main"'))
        self.mention.refresh_from_db()
        self.assertEqual((self.mention.status, self.mention.reviewed_by), ("confirmed", self.editor))

    def test_a_rejected_mention_disappears_for_readers(self):
        self.client.force_login(self.editor)
        self.client.post(self.url("reject"))
        self.client.logout()
        page = self.client.get(self.article.get_absolute_url())
        self.assertNotIn(self.mention, page.context["mentions"])
        point_page = self.client.get(reverse("plans:point", args=["us-28-point-draft", "7"]))
        self.assertNotIn(self.article.title, point_page.content.decode())

    def test_review_needs_csrf(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)
        self.assertEqual(client.post(self.url("confirm"), headers={"HX-Request": "true"}).status_code, 403)

    def test_the_article_page_highlights_evidence_linked_to_points(self):
        page = self.client.get(self.article.get_absolute_url())
        self.assertContains(page, '<mark class="evidence evidence--unconfirmed"')
        self.assertContains(page, reverse("plans:point", args=["us-28-point-draft", "7"]))
        self.assertContains(page, "unconfirmed")
        self.assertNotContains(page, "Confirm</button>")
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(self.article.get_absolute_url()), "Confirm</button>")


class InheritedMentionTests(TestCase):
    def test_an_article_on_an_earlier_point_shows_on_its_successor_as_inherited(self):
        # Curated: 28-point 21d became 20-point 14b; the AXY article discusses 21d.
        page = self.client.get(reverse("plans:point", args=["ukraine-us-20-point-framework", "14b"]))
        inherited = page.context["inherited_mentions"]
        titles = [m.article.title for m in inherited]
        self.assertIn("Putin says there have been no draft peace agreements on Ukraine", titles)
        mention = next(m for m in inherited if m.article.title.startswith("Putin says there have"))
        self.assertEqual([p.number for p in mention.inherited_from], ["21d"])
        self.assertContains(page, "Inherited")
        direct = [m.article.title for m in page.context["mentions"]]
        self.assertNotIn("Putin says there have been no draft peace agreements on Ukraine", direct)

    def test_the_point_page_query_count_does_not_grow_with_inherited_articles(self):
        # 13 + 2 for the annotations section (the plan's lineage, the threads).
        with self.assertNumQueries(14):
            self.client.get(reverse("plans:point", args=["ukraine-us-20-point-framework", "14b"]))
        with self.assertNumQueries(14):
            self.client.get(reverse("plans:point", args=["us-28-point-draft", "1"]))


class CoverageAndSearchTests(TestCase):
    def test_the_coverage_page_charts_points_per_version_and_weeks(self):
        with self.assertNumQueries(4):
            page = self.client.get(reverse("articles:coverage"))
        self.assertEqual(page.status_code, 200)
        charts = {c["version"].slug: c for c in page.context["charts"]}
        top = charts["us-28-point-draft"]["chart"].bars[0]
        self.assertEqual(top.value, max(b.value for b in charts["us-28-point-draft"]["chart"].bars))
        self.assertContains(page, "<svg", html=False)
        self.assertContains(page, reverse("plans:point", args=["us-28-point-draft", top.label]))
        self.assertTrue(page.context["timeline"].columns)

    def test_search_finds_words_in_title_and_summary(self):
        page = self.client.get(reverse("articles:list"), {"q": "Zaporizhzhia"})
        found = page.context["page"].object_list
        self.assertTrue(found)
        self.assertTrue(all("zaporizhzhia" in (a.title + a.summary + a.body).lower() for a in found))
        none = self.client.get(reverse("articles:list"), {"q": "xylophone"})
        self.assertEqual(none.context["page"].paginator.count, 0)


class FindMentionsCommandTests(TestCase):
    def run_command(self, *args: str) -> str:
        out = io.StringIO()
        call_command("find_mentions", write_text_file(self, TEXT), *args, stdout=out)
        return out.getvalue()

    def test_it_prints_json_and_stores_nothing(self):
        before = Mention.objects.count()
        payload = json.loads(self.run_command("--published", "2025-11-22"))
        found = {(m["version"], m["point"]) for m in payload["mentions"]}
        self.assertIn(("us-28-point-draft", "7"), found)
        first = payload["mentions"][0]
        self.assertEqual(set(first), {"version", "point", "confidence", "evidence", "reason"})
        self.assertEqual(Mention.objects.count(), before)

    def test_version_restricts_the_search(self):
        payload = json.loads(self.run_command("--version", "e3-counterproposal"))
        self.assertTrue(all(m["version"] == "e3-counterproposal" for m in payload["mentions"]))

    def test_an_unknown_version_is_refused(self):
        with self.assertRaisesMessage(CommandError, "No version 'nope'"):
            self.run_command("--version", "nope")
