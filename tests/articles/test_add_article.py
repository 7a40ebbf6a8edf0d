"""Editors add articles by URL (through the worker) or by pasting; others cannot."""

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ArticleFetch

TEXT = " ".join(
    ["Negotiators in Geneva reworked the 28-point plan; point 7 on the army ceiling of 600,000 troops was rewritten."] * 4
)


class AddArticleTests(TestCase):
    url = reverse("articles:add")

    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_user("ed", password="pw", is_staff=True)
        cls.reader = User.objects.create_user("reader", password="pw")

    def paste(self, **overrides):
        data = {
            "paste-url": "https://example.org/geneva-rework?utm_source=x",
            "paste-title": "Geneva reworks the plan",
            "paste-outlet": "Example",
            "paste-published": "2025-11-24",
            "paste-language": "en",
            "paste-text": TEXT,
        }
        data.update(overrides)
        return self.client.post(self.url, data)

    def test_only_editors_see_the_page(self):
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.client.force_login(self.reader)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.paste().status_code, 403)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(self.url), "By pasting its text")

    def test_a_pasted_article_is_stored_and_queued_for_matching(self):
        self.client.force_login(self.editor)
        before = DBTaskResult.objects.count()
        response = self.paste()
        article = Article.objects.get(title="Geneva reworks the plan")
        self.assertRedirects(response, article.get_absolute_url())
        self.assertEqual(article.canonical_url, "https://example.org/geneva-rework")
        self.assertEqual(article.added_by, self.editor)
        self.assertEqual(DBTaskResult.objects.count(), before + 1)

    def test_the_same_article_pasted_twice_is_refused_with_a_message(self):
        self.client.force_login(self.editor)
        self.paste()
        response = self.paste(**{"paste-url": "https://www.example.org/other-address"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Already in the collection", status_code=400)
        self.assertEqual(Article.objects.filter(title="Geneva reworks the plan").count(), 1)

    def test_a_form_with_errors_is_shown_again_and_writes_nothing(self):
        self.client.force_login(self.editor)
        count = Article.objects.count()
        response = self.paste(**{"paste-text": "too short", "paste-published": "yesterday"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "at least 20 words", status_code=400)
        self.assertContains(response, "Enter a valid date", status_code=400)
        self.assertEqual(Article.objects.count(), count)

    def test_a_url_is_queued_for_the_worker_and_its_status_page_polls(self):
        self.client.force_login(self.editor)
        before = DBTaskResult.objects.count()
        response = self.client.post(self.url, {"fetch-url": "https://example.org/new-report", "fetch-language": ""})
        fetch = ArticleFetch.objects.get(url="https://example.org/new-report")
        self.assertRedirects(response, reverse("articles:fetch", args=[fetch.pk]))
        self.assertEqual(DBTaskResult.objects.count(), before + 1)
        page = self.client.get(reverse("articles:fetch", args=[fetch.pk]))
        self.assertContains(page, 'hx-trigger="every 2s"')
        fragment = self.client.get(reverse("articles:fetch", args=[fetch.pk]), headers={"HX-Request": "true"})
        self.assertNotIn("<html", fragment.content.decode())
        fetch.status = "failed"
        fetch.message = "The page answered 404."
        fetch.save()
        done = self.client.get(reverse("articles:fetch", args=[fetch.pk]), headers={"HX-Request": "true"})
        self.assertNotContains(done, "hx-trigger")
        self.assertContains(done, "The page answered 404.")

    def test_a_url_already_stored_is_refused_before_fetching(self):
        self.client.force_login(self.editor)
        existing = Article.objects.order_by("pk").first()
        response = self.client.post(self.url, {"fetch-url": existing.url + "?utm_medium=social"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Already in the collection", status_code=400)
        self.assertFalse(ArticleFetch.objects.exists())
