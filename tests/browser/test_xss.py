"""Stored XSS: a corpus of payloads in notes, tags, point texts and articles runs nothing.

Each page is loaded in Chromium with the payloads stored; a dialog, an event-handler attribute,
a script that is not ours, a javascript: URL or a dangerous element in the DOM fails the test.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import Group, User

from articles.models import Article
from plans.models import Annotation, Point, Tag
from tests.browser.base import BrowserTestCase
from tests.browser.seeding import reseed_annotations

PAYLOADS = [
    line for line in (Path(__file__).with_name("xss_payloads.txt")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]

# Returns what in the page could run code or was injected; empty when the page is clean.
FIND_INJECTIONS = """() => {
  const found = [];
  const dangerousUrl = /^[\\s\\u0000-\\u001f]*(javascript|vbscript|data:text\\/html)/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      if (name.startsWith('hx-on') || name.startsWith('data-hx')) found.push(`${el.tagName} ${name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name)
          && dangerousUrl.test(attr.value)) found.push(`${el.tagName} ${name}=${attr.value}`);
      if (name === 'hx-trigger' && attr.value.includes('load')) found.push(`${el.tagName} hx-trigger=load`);
      if (name === 'style') found.push(`${el.tagName} style`);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (!s.src || !new URL(s.src).pathname.startsWith('/static/')) found.push('script ' + s.outerHTML.slice(0, 60));
  }
  const forbidden = 'iframe, object, embed, base, meta[http-equiv], body style, template, marquee, xss, isindex, math, video, audio, input[autofocus], svg script, svg foreignObject, svg animate, svg set, svg use, img';
  for (const el of document.querySelectorAll(forbidden)) found.push('element ' + el.tagName);
  // Inside user content only the sanitiser's tags and attributes may appear.
  const allowed = new Set(['P','BR','STRONG','EM','CODE','PRE','BLOCKQUOTE','UL','OL','LI','A','HR','H1','H2','H3','H4','H5','H6','DEL','S','INS','SPAN']);
  for (const box of document.querySelectorAll('.note__body, .point-text, .point__text, .cmp-block__text, .tag, .mention__claim, .conflict__yours')) {
    for (const el of box.querySelectorAll('*')) {
      if (!allowed.has(el.tagName)) found.push('in content: ' + el.tagName);
      for (const attr of el.attributes) {
        if (!['href', 'title', 'rel', 'class', 'start'].includes(attr.name)) found.push(`in content: ${el.tagName} ${attr.name}`);
      }
    }
  }
  return found;
}"""


class StoredXssTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        reseed_annotations()
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.editor = User.objects.create_user("erin", "erin@example.org", "erin-password")
        self.editor.groups.add(Group.objects.get(name="editors"))
        author = User.objects.create_user("mallory", "mallory@example.org", "mallory-password")
        self.point = Point.objects.get(version__slug="us-28-point-draft", number="6")
        tags = [Tag.objects.create(slug=f"xss-{i}", name=payload[:60]) for i, payload in enumerate(PAYLOADS[:40])]
        for i, payload in enumerate(PAYLOADS):
            note = Annotation.objects.create(point=self.point, author=author, body=payload)
            note.tags.add(tags[i % len(tags)])
            if i % 10 == 0:
                Annotation.objects.create(point=self.point, author=author, parent=note, body=payload)
            if i % 25 == 0:
                Annotation.objects.filter(pk=note.pk).update(hidden=True, hidden_reason=payload)
        points = list(Point.objects.filter(version__slug="us-28-point-draft").exclude(pk=self.point.pk).order_by("order"))
        for point, payload in zip(points, PAYLOADS):
            Point.objects.filter(pk=point.pk).update(text=payload)
        for article, payload in zip(Article.objects.order_by("pk"), PAYLOADS[::-1]):
            Article.objects.filter(pk=article.pk).update(title=payload[:500], summary=payload)
        self.article_urls = [a.get_absolute_url() for a in Article.objects.order_by("pk")[:3]]

    def assert_clean(self, path: str) -> None:
        self.page.goto(self.live_server_url + path)
        self.page.wait_for_load_state("load")
        self.assertEqual(self.page.evaluate(FIND_INJECTIONS), [], path)
        self.assertEqual(self.dialogs, [], path)

    def sign_in(self) -> None:
        self.page.goto(self.live_server_url + "/accounts/login/")
        self.page.fill("input[name=username]", "erin")
        self.page.fill("input[name=password]", "erin-password")
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_url(self.live_server_url + "/")

    def test_the_corpus_is_large_enough(self):
        self.assertGreaterEqual(len(PAYLOADS), 100)

    def test_the_detector_notices_an_injected_handler(self):
        # The check above must be able to fail: a page with a real handler is reported.
        self.page.goto(self.live_server_url + "/")
        self.page.evaluate("() => { const i = document.createElement('img'); i.setAttribute('onerror', 'x'); document.body.append(i); }")
        self.assertNotEqual(self.page.evaluate(FIND_INJECTIONS), [])

    def test_no_payload_runs_for_a_reader(self):
        for path in [
            self.point.get_absolute_url(),
            "/versions/ukraine-us-20-point-framework/points/4/",  # the notes, inherited
            "/versions/us-28-point-draft/",
            "/versions/us-28-point-draft/points/1/",
            "/compare/?old=us-28-point-draft&new=ukraine-us-20-point-framework",
            "/compare/?old=us-28-point-draft&new=ukraine-us-20-point-framework&granularity=sub-points",
            "/notes/",
            "/notes/tags/",
            "/notes/tags/xss-0/",
            "/articles/",
            *self.article_urls,
            "/",
        ]:
            with self.subTest(path=path):
                self.assert_clean(path)

    def test_no_payload_runs_for_an_editor_or_through_htmx(self):
        self.sign_in()
        for path in [self.point.get_absolute_url(), "/notes/reports/", "/notes/mine/"]:
            self.assert_clean(path)
        # Payloads sent through the htmx forms are swapped in and still run nothing.
        page = self.page
        page.goto(self.live_server_url + self.point.get_absolute_url())
        for payload in PAYLOADS[:8]:
            page.locator("form.note-add textarea").fill(payload)
            with page.expect_response(lambda r: "/notes/" in r.url and r.request.method == "POST"):
                page.locator("form.note-add button[type=submit]").click()
        own = page.locator("article.note", has=page.locator("a", has_text="Edit")).first
        own.get_by_role("link", name="Edit").click()
        page.locator(".note-form textarea").fill(PAYLOADS[10])
        with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "POST"):
            page.locator(".note-form button[type=submit]").click()
        self.assertEqual(page.evaluate(FIND_INJECTIONS), [])
        self.assertEqual(self.dialogs, [])
        self.assertEqual(Annotation.objects.filter(author=self.editor).count(), 8)
