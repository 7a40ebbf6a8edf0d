"""An editor confirms a found mention in one click; a reader goes from coverage to a point."""

import datetime
import re

from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from articles.matching import match_article
from articles.models import Article
from tests.browser.base import BrowserTestCase


class ArticleBrowserTests(BrowserTestCase):
    def sign_in(self, user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        self.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": self.live_server_url}])

    def test_an_editor_confirms_a_found_mention_in_place(self):
        article = Article.objects.create(
            url="https://example.org/a", canonical_url="https://example.org/a", outlet="Example",
            title="Kyiv pushes back", published=datetime.date(2025, 11, 22), language="en",
            body="Kyiv rejected point 7 of the 28-point plan, which would cap the army at 600,000 troops.",
        )
        match_article(article)
        self.sign_in(User.objects.create_user("ed", password="pw", is_staff=True))
        page = self.page
        page.goto(self.live_server_url + article.get_absolute_url())
        mention = page.locator(".mention--unconfirmed", has_text="Point 7").first
        expect(mention.locator(".origin--automatic")).to_contain_text("unconfirmed")
        expect(page.locator("mark.evidence").first).to_contain_text("point 7")
        page.evaluate("() => { window.__sameDocument = true; }")
        mention.get_by_role("button", name="Confirm").click()
        confirmed = page.locator(".mention--confirmed", has_text="Point 7")
        expect(confirmed.locator(".origin--automatic")).to_contain_text("confirmed")
        self.assertTrue(page.evaluate("() => window.__sameDocument === true"))
        self.assertEqual(article.mentions.get(points__number="7").status, "confirmed")
        self.screenshot("article-review")
        self.assertEqual(self.console_errors, [])

    def test_a_reader_goes_from_coverage_to_a_point(self):
        page = self.page
        page.goto(self.live_server_url + "/articles/coverage/")
        expect(page.locator("h1")).to_have_text("Which points the press discussed")
        page.locator("section[aria-labelledby='cov-us-28-point-draft'] svg a").first.click()
        expect(page).to_have_url(re.compile(r"/versions/us-28-point-draft/points/[^/]+/$"))
        expect(page.locator("#articles-heading")).to_contain_text("Articles that discuss it")
        expect(page.locator(".mention").first).to_be_visible()
        self.screenshot("coverage-to-point")
        self.assertEqual(self.console_errors, [])
