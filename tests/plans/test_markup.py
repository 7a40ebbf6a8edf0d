"""Note bodies: markdown rendered, then sanitised; nothing executable survives."""

import re
import unittest
from html.parser import HTMLParser

from plans.markup import plain_excerpt, render_markdown


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of `html` as a browser would read it: (tag, {attribute: value})."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):  # noqa: ANN001, ANN202
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


class RenderMarkdownTests(unittest.TestCase):
    def test_it_renders_the_usual_markdown(self):
        html = render_markdown("**bold** and _it_\n\n- one\n- two\n\n> quoted\n\n`code`")
        self.assertIn("<strong>bold</strong>", html)
        self.assertIn("<em>it</em>", html)
        self.assertIn("<li>one</li>", html)
        self.assertIn("<blockquote>", html)
        self.assertIn("<code>code</code>", html)

    def test_links_keep_http_and_get_a_safe_rel(self):
        html = render_markdown("[text](https://example.org/a?b=1)")
        self.assertIn('href="https://example.org/a?b=1"', html)
        self.assertIn('rel="nofollow noopener noreferrer ugc"', html)

    def test_raw_html_stays_text(self):
        html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(1)">')
        self.assertNotIn("<script", html)
        self.assertNotIn("<img", html)
        self.assertIn("&lt;script&gt;", html)

    def test_dangerous_url_schemes_never_become_links(self):
        for body in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<javascript:alert(1)>",
            "[x]: javascript:alert(1)\n\n[x]",
        ]:
            with self.subTest(body=body):
                html = render_markdown(body)
                self.assertNotRegex(html, r"href=\"\s*(javascript|vbscript|data):", body)

    def test_a_quote_in_a_link_title_cannot_open_an_attribute(self):
        html = render_markdown('[a](https://example.org "t\\" onmouseover=\\"alert(1)")')
        (tag, attributes), *_ = [e for e in elements(html) if e[0] == "a"]
        self.assertEqual(set(attributes), {"href", "title", "rel"})
        self.assertEqual(attributes["title"], 't" onmouseover="alert(1)')

    def test_images_become_links_to_the_image_and_never_load(self):
        html = render_markdown('![a map](https://example.org/map.png) ![x](javascript:alert(1))')
        self.assertNotIn("<img", html)
        self.assertIn('<a href="https://example.org/map.png"', html)
        self.assertIn(">a map</a>", html)
        self.assertNotIn("javascript:", re.sub(r">[^<]*<", "><", html))

    def test_only_listed_attributes_survive(self):
        html = render_markdown('[a](https://example.org "t") <b onclick=x>b</b> *c*{: onclick=x}')
        for tag, attributes in elements(html):
            self.assertLessEqual(set(attributes), {"href", "rel", "title"}, tag)


class PlainExcerptTests(unittest.TestCase):
    def test_it_gives_one_line_of_text_without_markup(self):
        self.assertEqual(plain_excerpt("**Tom & Jerry**\n\n- said <x>"), "Tom & Jerry said <x>")

    def test_it_cuts_long_text_with_an_ellipsis(self):
        excerpt = plain_excerpt("word " * 100, length=20)
        self.assertEqual(len(excerpt), 20)
        self.assertTrue(excerpt.endswith("…"))
