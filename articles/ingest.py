"""Reading articles to import, and the identity of articles (plain Python, no Django).

The same article is never stored twice: not under a second URL that differs only by tracking
parameters, scheme, "www." or a trailing slash, and not under a different URL with the same text.

Readers turn a file's content into `ArticleDraft`s: JSON (a list of objects, or an object with
an "articles" list), JSON Lines (one object a line), RSS 2.0 / RSS 1.0 / Atom feeds, and saved
HTML pages (main text by `articles.extraction`). Every field is checked here; a problem raises
`IngestError` naming the source and the item or line, so a caller can refuse the whole file.
Writing drafts into the database is `articles.storing`.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

# Query parameters that identify a campaign or a visitor, not a page.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|yclid|igshid|ref|ref_src|cmpid|ncid|ocid|at_\w+|s_cid)$", re.I)


def canonical_url(url: str) -> str:
    """A stable form of `url` for spotting duplicates.

    Lower-cases scheme and host, drops "www.", default ports, the fragment, tracking parameters
    and a trailing slash; sorts the remaining query. http and https count as the same page.
    Raises ValueError for anything that is not an absolute http(s) URL.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k))
    return urlunsplit(("https", host, path, urlencode(query), ""))


def text_fingerprint(text: str) -> str:
    """A hash of the words of `text`, blind to case, punctuation, spacing and Unicode forms.

    Empty for a text too short to identify an article (under 40 words): such texts say too
    little to call two articles the same.
    """
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    if len(words) < 40:
        return ""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


class IngestError(ValueError):
    """Input that cannot be imported; the message names the source and the item or line."""


@dataclass(frozen=True)
class ArticleDraft:
    """One article read from a file, feed or page, checked but not stored yet.

    `text` is the article's main text (stored as the body), `summary` our own summary if the
    source has one. At least one of them is non-empty. `where` names the source and item for
    messages ("feed.xml: item 3") and plays no part in equality.
    """

    url: str
    title: str
    outlet: str
    published: datetime.date
    language: str
    text: str
    summary: str = ""
    where: str = field(default="", compare=False)


LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$", re.I)
FORMATS = ("json", "jsonl", "html", "feed")
SUFFIXES = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
DEFAULT_LANGUAGE = "en"

# Namespaces of the feed formats and the extensions we read.
ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# -- field rules ------------------------------------------------------------------------------


def language_code(value: Any, where: str) -> str:
    """A lower-case 2–3 letter ISO 639 code; a region or script subtag is dropped ("en-GB" -> "en")."""
    match = LANGUAGE_TAG.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise IngestError(f"{where}: language {value!r} is not a 2–3 letter code (en, uk, ru, de…)")
    return match.group(1).lower()


def iso_date(value: Any, where: str, key: str = "published") -> datetime.date:
    """A date from "YYYY-MM-DD" or an ISO 8601 date-time (its date part, as written)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return datetime.date.fromisoformat(text)
            return datetime.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise IngestError(f"{where}: {key} {value!r} is not a date (YYYY-MM-DD)")


def feed_date(value: str, where: str, key: str) -> datetime.date:
    """A date as feeds write them: RFC 822 ("Fri, 21 Nov 2025 10:00:00 GMT") or ISO 8601."""
    text = " ".join(value.split())
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return iso_date(text, where, key)
    except IngestError:
        raise IngestError(f"{where}: {key} {value!r} is not a date (RFC 822 or ISO 8601)") from None


def http_url(value: Any, where: str) -> str:
    """An absolute http(s) URL, stripped of surrounding spaces."""
    if isinstance(value, str):
        try:
            canonical_url(value)
            return value.strip()
        except ValueError:
            pass
    raise IngestError(f"{where}: url {value!r} is not an absolute http(s) URL")


def one_line(text: str) -> str:
    return " ".join(text.split())


def tidy_text(text: str) -> str:
    """Spaces collapsed within lines, blank lines dropped: paragraphs one per line."""
    return "\n".join(line for line in (one_line(part) for part in text.splitlines()) if line)


class _TextOnly(HTMLParser):
    """The readable text of an HTML fragment (a feed's description), paragraphs as lines."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})
    SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return tidy_text("".join(parser.parts))


# -- JSON and JSON Lines ----------------------------------------------------------------------


def draft_from_item(item: Any, where: str) -> ArticleDraft:
    """Check one JSON object with url, title, outlet, published, language and text (or summary)."""
    if not isinstance(item, Mapping):
        raise IngestError(f"{where}: expected an object, got {type(item).__name__}")

    def string(key: str, required: bool = True) -> str:
        value = item.get(key)
        if value is None or value == "":
            if required:
                raise IngestError(f"{where}: '{key}' is missing")
            return ""
        if not isinstance(value, str):
            raise IngestError(f"{where}: '{key}' must be a string, got {type(value).__name__}")
        return value

    url = http_url(string("url"), where)
    title = one_line(string("title"))
    outlet = one_line(string("outlet"))
    published = iso_date(string("published"), where)
    language = language_code(string("language"), where)
    text = tidy_text(string("text", required=False))
    summary = string("summary", required=False).strip()
    if not title:
        raise IngestError(f"{where}: 'title' is blank")
    if not outlet:
        raise IngestError(f"{where}: 'outlet' is blank")
    if not text and not summary:
        raise IngestError(f"{where}: 'text' is missing (give the article's text, or a summary)")
    return ArticleDraft(url, title, outlet, published, language, text, summary, where=where)


def read_json(text: str, source: str) -> list[ArticleDraft]:
    """A JSON list of article objects, or an object holding them under "articles"."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if isinstance(document, Mapping) and "articles" in document:
        document = document["articles"]
    if not isinstance(document, list):
        raise IngestError(f"{source}: expected a list of articles (or an object with an 'articles' list)")
    return [draft_from_item(item, f"{source}: item {number}") for number, item in enumerate(document, 1)]


def read_json_lines(text: str, source: str) -> list[ArticleDraft]:
    """One article object a line; blank lines are skipped. Lines are counted from 1."""
    drafts = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}: line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(f"{where}: not valid JSON (column {exc.colno}: {exc.msg})") from None
        drafts.append(draft_from_item(item, where))
    return drafts


# -- RSS and Atom -----------------------------------------------------------------------------


def child_text(element: Element, *tags: str) -> str:
    """Text of the first of `tags` that `element` has with some text, else ""."""
    for tag in tags:
        child = element.find(tag)
        if child is not None and (child.text or "").strip():
            return child.text.strip()
    return ""


def parse_feed_xml(xml_bytes: bytes, source: str) -> Element:
    """The root element, refusing DTD entities (billion laughs, external entities) outright."""
    if not xml_bytes.strip():
        raise IngestError(f"{source}: the feed is empty")
    try:
        return parse_xml(xml_bytes, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        raise IngestError(f"{source}: not well-formed XML ({exc})") from None
    except DefusedXmlException as exc:
        raise IngestError(f"{source}: refused: the XML declares entities ({type(exc).__name__})") from None


def read_feed(xml_bytes: bytes, source: str, *, language: str | None = None) -> list[ArticleDraft]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, counted from 1.

    Each item needs a link, a title, a date (pubDate, dc:date, published or updated) and some
    text (content:encoded, description, content or summary; HTML is reduced to text). The
    outlet is the feed's title, else the item's host. The language is `language` if given,
    else the item's or feed's declared one, else "en".
    """
    root = parse_feed_xml(xml_bytes, source)
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise IngestError(f"{source}: an RSS feed without a <channel>")
        items = channel.findall("item")
        feed_title = child_text(channel, "title")
        feed_language = child_text(channel, "language", f"{DC}language")
        read_item = read_rss_item
    elif root.tag == f"{RDF}RDF":
        channel = root.find(f"{RSS1}channel")
        items = root.findall(f"{RSS1}item")
        feed_title = child_text(channel, f"{RSS1}title") if channel is not None else ""
        feed_language = child_text(channel, f"{DC}language") if channel is not None else ""
        read_item = read_rss_item
    elif root.tag == f"{ATOM}feed":
        items = root.findall(f"{ATOM}entry")
        feed_title = html_to_text(child_text(root, f"{ATOM}title"))
        feed_language = root.get(XML_LANG, "")
        read_item = read_atom_entry
    else:
        tag = root.tag.rsplit("}", 1)[-1]
        raise IngestError(f"{source}: not an RSS or Atom feed (its root element is <{tag}>)")

    fixed_language = language_code(language, f"{source}: --language") if language else ""
    if feed_language and not fixed_language:
        # A feed declaring a language we cannot read is broken as a whole, not item by item.
        feed_language = language_code(feed_language, f"{source}: feed")
    drafts = []
    for number, item in enumerate(items, 1):
        where = f"{source}: item {number}"
        fields = read_item(item, where)
        item_language = fields.pop("language")
        drafts.append(
            ArticleDraft(
                **fields,
                outlet=feed_title or host_of(fields["url"]),
                language=fixed_language
                or (language_code(item_language, where) if item_language else "")
                or feed_language
                or DEFAULT_LANGUAGE,
                where=where,
            )
        )
    return drafts


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def read_rss_item(item: Element, where: str) -> dict[str, Any]:
    """url, title, published, text and language of an RSS 2.0 or 1.0 item."""
    ns = RSS1 if item.tag == f"{RSS1}item" else ""
    link = child_text(item, f"{ns}link")
    if not link:
        guid = item.find("guid")
        if guid is not None and guid.get("isPermaLink", "true") != "false" and (guid.text or "").startswith("http"):
            link = guid.text.strip()
    if not link and ns:
        link = item.get(f"{RDF}about", "")
    if not link:
        raise IngestError(f"{where}: no link")
    title = html_to_text(child_text(item, f"{ns}title"))
    if not title:
        raise IngestError(f"{where}: no title")
    date = child_text(item, "pubDate", f"{DC}date")
    if not date:
        raise IngestError(f"{where}: no date (pubDate)")
    text = html_to_text(child_text(item, f"{CONTENT}encoded", f"{ns}description"))
    if not text:
        raise IngestError(f"{where}: no text (description)")
    return {
        "url": http_url(link, where),
        "title": title,
        "published": feed_date(date, where, "pubDate"),
        "text": text,
        "language": child_text(item, f"{DC}language"),
    }


def atom_text(element: Element | None) -> str:
    """Text of an Atom text construct: type text, html (escaped markup) or xhtml (inline markup)."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        return tidy_text("\n".join(part for part in element.itertext()))
    if kind == "html" or "html" in kind:
        return html_to_text(element.text or "")
    return tidy_text(element.text or "")


def read_atom_entry(entry: Element, where: str) -> dict[str, Any]:
    """url, title, published, text and language of an Atom entry."""
    links = [link for link in entry.findall(f"{ATOM}link") if link.get("href")]
    alternate = [link for link in links if link.get("rel", "alternate") == "alternate"]
    if not (alternate or links):
        raise IngestError(f"{where}: no link")
    link = (alternate or links)[0].get("href", "")
    title = one_line(atom_text(entry.find(f"{ATOM}title")))
    if not title:
        raise IngestError(f"{where}: no title")
    date = child_text(entry, f"{ATOM}published", f"{ATOM}updated")
    if not date:
        raise IngestError(f"{where}: no date (published or updated)")
    text = atom_text(entry.find(f"{ATOM}content")) or atom_text(entry.find(f"{ATOM}summary"))
    if not text:
        raise IngestError(f"{where}: no text (content or summary)")
    return {
        "url": http_url(link, where),
        "title": title,
        "published": feed_date(date, where, "published"),
        "text": text,
        "language": entry.get(XML_LANG, ""),
    }


# -- saved HTML pages -------------------------------------------------------------------------


def read_html(
    html: str, source: str, url: str | None = None, *, language: str | None = None
) -> list[ArticleDraft]:
    """The one article of a saved page, its main text found by `articles.extraction`.

    The URL is `url` if given, else the page's canonical link; the language `language`, else
    the page's declared one, else "en". A page with no main text, title, date or URL is refused:
    a file, unlike a fetched page, can be fixed and imported again.
    """
    from articles.extraction import extract  # trafilatura loads slowly; most callers never need it

    page_url = http_url(url, f"{source}: --url") if url else None
    found = extract(html, page_url)
    if not found.has_article:
        raise IngestError(f"{source}: no main text found in the page ({found.word_count} words)")
    page_url = page_url or found.url
    if not page_url:
        raise IngestError(f"{source}: the page names no URL of its own (no canonical link); give it with --url")
    if not found.title:
        raise IngestError(f"{source}: the page has no title")
    if found.published is None:
        raise IngestError(f"{source}: no publication date found in the page")
    return [
        ArticleDraft(
            url=http_url(page_url, source),
            title=found.title,
            outlet=found.outlet or host_of(page_url),
            published=found.published,
            language=language_code(language, f"{source}: --language") if language
            else found.language or DEFAULT_LANGUAGE,
            text=found.text,
            where=source,
        )
    ]


# -- telling formats apart --------------------------------------------------------------------


def detect_format(name: str, head_bytes: bytes) -> str:
    """"json", "jsonl", "html" or "feed", from the file name's suffix, else from its first bytes.

    `name` may be a path or a URL. Raises IngestError when neither tells.
    """
    path = urlsplit(name).path if "://" in name else name
    suffix = PurePosixPath(path.replace("\\", "/")).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = head_bytes.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head[:2048].lower()
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first, _, rest = head.partition(b"\n")
        if rest.lstrip().startswith(b"{"):
            try:
                json.loads(first)
                return "jsonl"
            except ValueError:
                pass
        return "json"
    if head.startswith(b"<"):
        if any(marker in lowered for marker in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if b"<html" in lowered or b"<!doctype html" in lowered:
            return "html"
        if head.startswith(b"<?xml"):
            return "feed"
    raise IngestError(
        f"{name}: cannot tell the format (expected .json, .jsonl, .html, or an RSS or Atom feed)"
    )


def read_source(
    name: str,
    data: bytes,
    *,
    fmt: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> list[ArticleDraft]:
    """Read `data` (the bytes of file or URL `name`) in format `fmt`, or the one it appears to be."""
    fmt = fmt or detect_format(name, data[:4096])
    if fmt == "feed":
        return read_feed(data, name, language=language)
    if fmt == "html":
        from articles.extraction import decode_html

        return read_html(decode_html(data), name, url, language=language)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    if fmt == "json":
        return read_json(text, name)
    if fmt == "jsonl":
        return read_json_lines(text, name)
    raise IngestError(f"{name}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")

