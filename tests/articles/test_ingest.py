"""Reading articles to import: each format, broken inputs, identity rules. Pure: no database."""

from __future__ import annotations

import datetime
import json
import unittest
from pathlib import Path

from articles.extraction import decode_html, extract
from articles.ingest import (
    ArticleDraft,
    IngestError,
    canonical_url,
    detect_format,
    read_feed,
    read_html,
    read_json,
    read_json_lines,
    read_source,
    text_fingerprint,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LONG_TEXT = (
    "The draft plan caps the armed forces of Ukraine at six hundred thousand personnel and asks "
    "Kyiv to write into its constitution that it will not join the alliance, while Europe would "
    "station fighter jets in Poland and the frozen assets would pay for reconstruction after the war."
)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def item(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "url": "https://river-post.example/a/1",
        "title": "A report",
        "outlet": "River Post",
        "published": "2025-11-21",
        "language": "en",
        "text": "Some text about the plan.",
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


class CanonicalUrlTests(unittest.TestCase):
    def test_it_drops_tracking_parameters_www_and_trailing_slash(self) -> None:
        self.assertEqual(
            canonical_url("HTTP://WWW.Example.com/news/plan/?utm_source=x&b=2&a=1&fbclid=y#top"),
            "https://example.com/news/plan?a=1&b=2",
        )

    def test_it_treats_http_and_https_alike_and_keeps_real_parameters(self) -> None:
        self.assertEqual(canonical_url("http://example.com/a?id=7"), canonical_url("https://example.com/a?id=7"))
        self.assertNotEqual(canonical_url("https://example.com/a?id=7"), canonical_url("https://example.com/a?id=8"))

    def test_it_keeps_non_default_ports_and_drops_default_ones(self) -> None:
        self.assertEqual(canonical_url("https://example.com:443/a"), "https://example.com/a")
        self.assertEqual(canonical_url("http://example.com:8080/a"), "https://example.com:8080/a")

    def test_it_refuses_what_is_not_an_http_url(self) -> None:
        for bad in ("ftp://example.com/a", "example.com/a", "/relative", "mailto:x@example.com"):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                canonical_url(bad)


class TextFingerprintTests(unittest.TestCase):
    def test_it_ignores_case_punctuation_spacing_and_unicode_forms(self) -> None:
        variant = LONG_TEXT.upper().replace(",", " ;").replace(" ", "\n  ")
        self.assertEqual(text_fingerprint(LONG_TEXT), text_fingerprint(variant))
        self.assertEqual(text_fingerprint("ﬁ " + LONG_TEXT), text_fingerprint("fi " + LONG_TEXT))

    def test_it_tells_different_texts_apart(self) -> None:
        self.assertNotEqual(text_fingerprint(LONG_TEXT), text_fingerprint(LONG_TEXT + " Talks went on."))

    def test_it_is_empty_for_short_texts(self) -> None:
        self.assertEqual(text_fingerprint("Talks went on in Geneva."), "")
        self.assertEqual(len(text_fingerprint(LONG_TEXT)), 64)


class JsonTests(unittest.TestCase):
    def test_it_reads_a_json_list(self) -> None:
        drafts = read_json(fixture("articles.json").decode(), "articles.json")
        self.assertEqual(len(drafts), 2)
        first, second = drafts
        self.assertEqual(first.outlet, "Coastal Tribune")
        self.assertEqual(first.published, datetime.date(2025, 11, 23))
        self.assertIn("point 7", first.text)
        self.assertEqual(second.published, datetime.date(2025, 11, 24))  # from an ISO date-time
        self.assertEqual(second.language, "en")  # "en-US" reduced to its language
        self.assertEqual(first.where, "articles.json: item 1")

    def test_it_reads_an_object_holding_articles(self) -> None:
        drafts = read_json(json.dumps({"articles": [item()]}), "a.json")
        self.assertEqual([d.title for d in drafts], ["A report"])

    def test_it_takes_a_summary_instead_of_text(self) -> None:
        draft = read_json_lines(json.dumps(item(text=None, summary="Our summary.")), "s.jsonl")[0]
        self.assertEqual((draft.text, draft.summary), ("", "Our summary."))

    def test_broken_json_names_the_file_and_position(self) -> None:
        with self.assertRaisesRegex(IngestError, r"^broken\.json: not valid JSON \(line 4, column 3"):
            read_json(fixture("broken.json").decode(), "broken.json")

    def test_it_wants_a_list(self) -> None:
        with self.assertRaisesRegex(IngestError, "a.json: expected a list of articles"):
            read_json('{"url": "https://example.com/a"}', "a.json")

    def test_each_field_rule_names_the_item(self) -> None:
        cases = [
            (item(url=None), "item 1: 'url' is missing"),
            (item(url="example.com/a"), "item 1: url 'example.com/a' is not an absolute http"),
            (item(title=""), "item 1: 'title' is missing"),
            (item(outlet=None), "item 1: 'outlet' is missing"),
            (item(published="21/11/2025"), "item 1: published '21/11/2025' is not a date"),
            (item(published=20251121), "item 1: 'published' must be a string"),
            (item(language="english"), "item 1: language 'english' is not a 2–3 letter code"),
            (item(text=None), "item 1: 'text' is missing"),
        ]
        for data, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(IngestError, f"^x.json: {message}"):
                read_json(json.dumps([data]), "x.json")
        with self.assertRaisesRegex(IngestError, "x.json: item 2: expected an object, got str"):
            read_json(json.dumps([item(), "not an object"]), "x.json")


class JsonLinesTests(unittest.TestCase):
    def test_it_reads_one_article_a_line_skipping_blank_lines(self) -> None:
        drafts = read_json_lines(fixture("batch.jsonl").decode(), "batch.jsonl")
        self.assertEqual([d.outlet for d in drafts], ["River Post", "River Post", "Hill Gazette"])
        self.assertEqual(drafts[2].language, "uk")
        self.assertEqual(drafts[2].where, "batch.jsonl: line 4")  # line 2 is blank

    def test_a_bad_line_names_its_number(self) -> None:
        with self.assertRaisesRegex(IngestError, r"^broken\.jsonl: line 3: published '2025-13-01' is not a date"):
            read_json_lines(fixture("broken.jsonl").decode(), "broken.jsonl")

    def test_a_line_that_is_not_json_names_its_number(self) -> None:
        text = json.dumps(item()) + "\n{not json}\n"
        with self.assertRaisesRegex(IngestError, r"^b\.jsonl: line 2: not valid JSON"):
            read_json_lines(text, "b.jsonl")


class FeedTests(unittest.TestCase):
    def test_it_reads_rss(self) -> None:
        first, second = read_feed(fixture("feed.rss"), "feed.rss")
        self.assertEqual(first.url, "https://steppe-wire.example/2025/11/guarantees?utm_medium=rss")
        self.assertEqual(first.outlet, "Steppe Wire")
        self.assertEqual(first.language, "en")
        self.assertEqual(first.published, datetime.date(2025, 11, 21))
        self.assertIn("modelled on Article 5 of the NATO treaty", first.text)
        self.assertNotIn("<", first.text)
        # content:encoded wins over the teaser in description.
        self.assertIn("within 100 days", second.text)
        self.assertNotIn("teaser", second.text)

    def test_it_reads_atom(self) -> None:
        first, second = read_feed(fixture("feed.atom"), "feed.atom")
        self.assertEqual((first.language, first.outlet), ("de", "Donau Rundschau"))
        self.assertEqual(first.published, datetime.date(2025, 11, 23))  # published, not updated
        self.assertIn("600.000", first.text)
        self.assertEqual(second.title, "Geneva: 19 points remain")  # type="html" title
        self.assertEqual(second.url, "https://donau-rundschau.example/en/geneva-19")  # not rel="self"
        self.assertEqual(second.language, "en")  # the entry's xml:lang
        self.assertEqual(second.published, datetime.date(2025, 11, 24))  # from updated
        self.assertEqual(second.text, "After Geneva the framework was cut to 19 points.")

    def test_a_language_given_overrides_the_feeds(self) -> None:
        drafts = read_feed(fixture("feed.atom"), "feed.atom", language="uk")
        self.assertEqual({d.language for d in drafts}, {"uk"})

    def test_malformed_xml_is_refused_with_its_position(self) -> None:
        with self.assertRaisesRegex(IngestError, r"^malformed\.xml: not well-formed XML \(mismatched tag: line 8"):
            read_feed(fixture("malformed.xml"), "malformed.xml")

    def test_an_item_without_link_is_named(self) -> None:
        with self.assertRaisesRegex(IngestError, r"^feed_no_link\.xml: item 2: no link$"):
            read_feed(fixture("feed_no_link.xml"), "feed_no_link.xml")

    def test_an_item_with_a_bad_date_is_named(self) -> None:
        xml = fixture("feed.rss").replace(b"Sat, 22 Nov 2025 09:00:00 GMT", b"next Tuesday")
        with self.assertRaisesRegex(IngestError, r"^feed.rss: item 2: pubDate 'next Tuesday' is not a date"):
            read_feed(xml, "feed.rss")

    def test_entity_expansion_is_refused(self) -> None:
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<rss><channel><title>&b;</title></channel></rss>"
        )
        with self.assertRaisesRegex(IngestError, "bomb.xml: refused: the XML declares entities"):
            read_feed(bomb, "bomb.xml")

    def test_other_xml_is_not_a_feed(self) -> None:
        with self.assertRaisesRegex(IngestError, r"x.xml: not an RSS or Atom feed \(its root element is <svg>\)"):
            read_feed(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "x.xml")

    def test_an_empty_feed_has_no_articles(self) -> None:
        self.assertEqual(read_feed(b"<rss><channel><title>T</title></channel></rss>", "empty.xml"), [])


class HtmlTests(unittest.TestCase):
    def test_it_extracts_the_main_text_and_metadata(self) -> None:
        (draft,) = read_html(fixture("page.html").decode(), "page.html")
        self.assertEqual(draft.url, "https://www.harbour-ledger.example/world/kyiv-studies-28-point-plan")
        self.assertEqual(draft.title, "Kyiv studies the 28-point plan line by line")
        self.assertEqual(draft.outlet, "Harbour Ledger")
        self.assertEqual(draft.published, datetime.date(2025, 11, 22))
        self.assertEqual(draft.language, "en")
        self.assertIn("point 7", draft.text)
        self.assertIn("600,000", draft.text)
        for boilerplate in ("Sport", "All rights reserved", "Privacy"):
            self.assertNotIn(boilerplate, draft.text)

    def test_a_url_given_wins_over_the_canonical_link(self) -> None:
        (draft,) = read_html(fixture("page.html").decode(), "page.html", url="https://mirror.example/p")
        self.assertEqual(draft.url, "https://mirror.example/p")

    def test_a_page_without_text_is_refused(self) -> None:
        with self.assertRaisesRegex(IngestError, r"^page_no_text\.html: no main text found in the page"):
            read_html(fixture("page_no_text.html").decode(), "page_no_text.html")

    def test_a_page_without_url_or_date_is_refused(self) -> None:
        html = fixture("page.html").decode()
        no_link = html.replace('<link rel="canonical" href="https://www.harbour-ledger.example/world/kyiv-studies-28-point-plan">', "")
        with self.assertRaisesRegex(IngestError, "names no URL of its own"):
            read_html(no_link, "page.html")
        no_date = html.replace('<meta property="article:published_time" content="2025-11-22T08:30:00Z">', "")
        with self.assertRaisesRegex(IngestError, "no publication date found"):
            read_html(no_date, "page.html")

    def test_extraction_falls_back_to_the_host_for_the_outlet(self) -> None:
        html = fixture("page.html").decode().replace('<meta property="og:site_name" content="Harbour Ledger">', "")
        html = html.replace("| Harbour Ledger", "")
        found = extract(html, "https://www.wire.example/x")
        self.assertEqual(found.outlet, "harbour-ledger.example")  # the canonical link's host

    def test_extraction_of_nothing_is_empty(self) -> None:
        found = extract("", "https://www.wire.example/x")
        self.assertEqual((found.text, found.outlet, found.has_article), ("", "wire.example", False))

    def test_pages_are_decoded_by_their_declared_charset(self) -> None:
        page = '<html><head><meta charset="windows-1251"></head><body>Київ</body></html>'
        self.assertIn("Київ", decode_html(page.encode("windows-1251")))
        self.assertIn("Київ", decode_html(page.encode("utf-8"), "utf-8"))


class DetectFormatTests(unittest.TestCase):
    def test_the_suffix_decides(self) -> None:
        for name, fmt in [
            ("a.json", "json"), ("a.JSONL", "jsonl"), ("a.ndjson", "jsonl"), ("a.htm", "html"),
            ("a.rss", "feed"), ("a.atom", "feed"), ("a.xml", "feed"),
            ("https://example.com/feed.xml?x=1", "feed"),
        ]:
            with self.subTest(name=name):
                self.assertEqual(detect_format(name, b""), fmt)

    def test_otherwise_the_content_decides(self) -> None:
        for head, fmt in [
            (b"  [{}]", "json"),
            (b'{"articles": []}', "json"),
            (b'{"a": 1}\n{"a": 2}\n', "jsonl"),
            (b"\xef\xbb\xbf<?xml version='1.0'?><rss>", "feed"),
            (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
            (b"<!DOCTYPE html><html>", "html"),
        ]:
            with self.subTest(head=head):
                self.assertEqual(detect_format("download", head), fmt)

    def test_unknown_content_is_refused(self) -> None:
        with self.assertRaisesRegex(IngestError, "notes.txt: cannot tell the format"):
            detect_format("notes.txt", b"Just some notes")

    def test_read_source_refuses_text_that_is_not_utf8(self) -> None:
        with self.assertRaisesRegex(IngestError, "a.json: not UTF-8 text"):
            read_source("a.json", '[{"title": "Київ"}]'.encode("utf-16"))

    def test_drafts_compare_by_content_not_by_where(self) -> None:
        a = ArticleDraft("https://e.example/a", "T", "O", datetime.date(2025, 1, 1), "en", "x", where="a")
        b = ArticleDraft("https://e.example/a", "T", "O", datetime.date(2025, 1, 1), "en", "x", where="b")
        self.assertEqual(a, b)
