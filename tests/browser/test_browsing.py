"""A reader goes from the home page to a version and a point, and filters articles."""

import re

from playwright.sync_api import expect

from tests.browser.base import BrowserTestCase


class BrowsingTests(BrowserTestCase):
    def test_a_reader_goes_from_the_timeline_to_a_version_and_a_point(self):
        page = self.page
        page.goto(self.live_server_url + "/")
        expect(page.locator("h1")).to_contain_text("US-brokered peace plan")
        expect(page.locator(".timeline__item")).to_have_count(10)
        expect(page.locator(".timeline__item--reconstructed")).to_have_count(3)

        page.get_by_role("link", name="US 28-point draft peace plan (leaked)", exact=True).first.click()
        expect(page).to_have_url(re.compile(r"/versions/us-28-point-draft/$"))
        expect(page.locator("h1")).to_have_text("US 28-point draft peace plan (leaked)")
        # 28 points, with the four sub-points of point 10 nested inside it.
        expect(page.locator("ol.points > li.point:not(.point--sub)")).to_have_count(28)
        expect(page.locator("#point-10 .points--sub > li")).to_have_count(4)
        self.screenshot("version-28")

        page.locator("#point-21d").get_by_role("link", name="Details and lineage").click()
        expect(page).to_have_url(re.compile(r"/versions/us-28-point-draft/points/21d/$"))
        expect(page.locator("h1")).to_contain_text("Point 21d")
        expect(page.locator("blockquote.point-text")).to_contain_text("Donetsk")
        # Lineage: unknown in the reconstructed Geneva text, reworded and moved into the 20-point one.
        geneva = page.locator(".fate", has_text="after Geneva")
        expect(geneva).to_contain_text("Fate unknown")
        expect(geneva).not_to_contain_text("Dropped")
        twenty = page.locator(".fate", has_text="20-point framework")
        expect(twenty.locator(".relation--reworded")).to_be_visible()
        expect(twenty.locator(".relation--moved")).to_be_visible()
        expect(page.locator(".mention")).not_to_have_count(0)
        self.screenshot("point-21d")
        self.assertEqual(self.console_errors, [])

    def test_filters_update_the_article_list_in_place_and_keep_a_permalink(self):
        page = self.page
        page.goto(self.live_server_url + "/articles/")
        expect(page.locator(".results__count")).to_contain_text("43 articles")
        marker = page.evaluate("() => { window.__sameDocument = true; return true; }")
        self.assertTrue(marker)
        page.select_option("select[name=language]", "uk")
        expect(page.locator(".results__count")).to_contain_text("5 articles")
        expect(page).to_have_url(re.compile(r"language=uk"))
        # htmx swapped the fragment: the page was not reloaded.
        self.assertTrue(page.evaluate("() => window.__sameDocument === true"))
        page.fill("input[name=point]", "7")
        page.get_by_role("button", name="Filter").click()
        expect(page.locator(".notice--error")).to_contain_text("Choose a version")
        self.assertEqual(self.console_errors, [])
