"""A reader compares two versions, filters to splits without a reload, and follows a point."""

import re

from playwright.sync_api import expect

from tests.browser.base import BrowserTestCase


class CompareBrowserTests(BrowserTestCase):
    def test_compare_filter_to_splits_and_open_a_genealogy(self):
        page = self.page
        page.goto(self.live_server_url + "/compare/")
        expect(page.locator(".cmp-head")).to_contain_text("US 28-point draft peace plan (leaked)")
        expect(page.locator(".cmp-head")).to_contain_text("after Geneva")
        expect(page.locator(".cmp-row--unknown").first).to_contain_text("Fate unknown")

        # One click to the 28 → 20 comparison, swapped in by htmx with a permalink.
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator("a.preset", has_text="20-point framework").first.click()
        expect(page).to_have_url(re.compile(r"new=ukraine-us-20-point-framework"))
        expect(page.locator(".cmp-head")).to_contain_text("20-point framework")
        expect(page.locator("del").first).to_be_visible()
        expect(page.locator("ins").first).to_be_visible()
        self.screenshot("compare-28-20")

        page.select_option("select[name=kind]", "split")
        expect(page).to_have_url(re.compile(r"kind=split"))
        rows = page.locator(".cmp-row")
        expect(rows).not_to_have_count(0)
        for index in range(rows.count()):
            expect(rows.nth(index).locator(".cmp-mid .relation").first).to_have_text("Split")
        self.assertTrue(page.evaluate("() => window.__sameDocument === true"))
        split = rows.first
        expect(split.locator(".cmp-side--new .cmp-block")).not_to_have_count(1)  # one row spans its parts

        # Reloading the permalink shows the same filtered view.
        page.reload()
        expect(page.locator("select[name=kind]")).to_have_value("split")

        split.locator(".cmp-side--old .point__number").first.click()
        expect(page).to_have_url(re.compile(r"/versions/us-28-point-draft/points/\d+/$"))
        page.get_by_role("link", name="Follow it through every version").click()
        expect(page.locator("h1")).to_contain_text("through every version")
        expect(page.locator(".genealogy__step")).not_to_have_count(0)
        expect(page.locator("svg.flow .band--highlight").first).to_be_attached()
        self.screenshot("genealogy")
        self.assertEqual(self.console_errors, [])
