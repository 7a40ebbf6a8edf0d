"""A reader signs in, adds a note, edits it and replies, all in place through htmx."""

import re

from django.contrib.auth.models import User
from playwright.sync_api import expect

from plans.models import Annotation
from tests.browser.base import BrowserTestCase
from tests.browser.seeding import reseed_annotations

POINT = "/versions/us-28-point-draft/points/6/"


class AnnotationBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        reseed_annotations()

    def sign_in(self, username: str, password: str) -> None:
        page = self.page
        page.goto(f"{self.live_server_url}/accounts/login/?next={POINT}")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.locator("main button[type=submit]").click()
        expect(page).to_have_url(re.compile(re.escape(POINT) + "$"))

    def test_add_edit_and_reply_in_place_through_htmx(self):
        User.objects.create_user("alice", "alice@example.org", "alice-password")
        self.sign_in("alice", "alice-password")
        page = self.page
        page.evaluate("() => { window.__sameDocument = true; }")
        section = page.locator("#annotations")

        # A blank note (spaces pass the browser's check): the form comes back with its error, in place.
        section.locator("form.note-add textarea").fill("   ")
        section.locator("form.note-add button[type=submit]").click()
        expect(section.locator(".field-error")).to_contain_text("required")

        section.locator("form.note-add textarea").fill("The cap is **too low**.")
        section.locator("form.note-add label", has_text="Armed forces").click()
        section.locator("form.note-add button[type=submit]").click()
        note = section.locator("article.note").first
        expect(note.locator(".note__body strong")).to_have_text("too low")
        expect(note.locator(".tag")).to_have_text("Armed forces")
        saved = Annotation.objects.get()

        note.get_by_role("link", name="Edit").click()
        editor = page.locator(f"#annotation-{saved.pk} textarea")
        expect(editor).to_have_value("The cap is **too low**.")
        editor.fill("The cap is _far_ too low.")
        page.locator(f"#annotation-{saved.pk} button[type=submit]").click()
        expect(page.locator(f"#annotation-{saved.pk} .note__body em")).to_have_text("far")
        expect(page.locator(f"#annotation-{saved.pk} .note__edited").first).to_be_visible()

        page.locator(f"#annotation-{saved.pk}").get_by_role("link", name="Reply").click()
        page.locator(f"#reply-slot-{saved.pk} textarea").fill("And compare point 4 of the 20-point text.")
        page.locator(f"#reply-slot-{saved.pk} button[type=submit]").click()
        reply = page.locator(f"#annotation-{saved.pk} .note--reply")
        expect(reply).to_contain_text("compare point 4")
        self.screenshot("annotations-thread")

        self.assertTrue(page.evaluate("() => window.__sameDocument === true"))
        saved.refresh_from_db()
        self.assertEqual((saved.body, saved.revision), ("The cap is _far_ too low.", 2))
        self.assertEqual(Annotation.objects.get(parent=saved).body, "And compare point 4 of the 20-point text.")
        # The note follows the lineage: 28-point 6 became point 4 of the 20-point framework.
        page.goto(self.live_server_url + "/versions/ukraine-us-20-point-framework/points/4/")
        expect(page.locator(".inherited-note")).to_contain_text("far")
        self.assertEqual(self.console_errors, [])
