"""The main text and metadata of a news page, found by trafilatura (plain Python, no Django).

We do not scrape pages by hand: trafilatura separates an article's text from menus, footers and
comments, and reads its title, site name and publication date from the usual markup (Open
Graph, JSON-LD, bylines). It works offline on an HTML string; fetching is `articles.fetching`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# A page with less text than this has no article we could use (an error page, a paywall stub,
# a bare menu, which trafilatura would otherwise hand back as "text").
MIN_WORDS = 25

LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.I)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
HTML_LANG = re.compile(r"""<html\b[^>]*?\s(?:xml:)?lang\s*=\s*["']?([\w-]+)""", re.I)
CONTENT_LANGUAGE = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]+content\s*=\s*["']?([\w-]+)""", re.I
)


@dataclass(frozen=True)
class Extracted:
    """What a page says about itself. Empty strings (or None for the date) where it says nothing.

    `url` is the page's own canonical link (or the URL it was fetched from), `outlet` its site
    name or, failing that, its host without "www.", `language` a lower-case ISO 639 code.
    """

    title: str
    text: str
    published: datetime.date | None
    outlet: str
    language: str
    url: str = ""

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def has_article(self) -> bool:
        return self.word_count >= MIN_WORDS


def language_code(value: str | None) -> str:
    """"en-GB" -> "en", "UK" -> "uk"; "" for anything that is not a language tag."""
    match = LANGUAGE.match((value or "").strip())
    return match.group(1).lower() if match else ""


def host_name(url: str | None) -> str:
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes of a page as text: the charset the server declared, else the page's <meta>, else UTF-8.

    Undecodable bytes become U+FFFD rather than failing: a stray byte must not lose an article.
    """
    candidates = [declared] if declared else []
    match = META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    for charset in candidates:
        try:
            return data.decode(charset.strip().lower().replace("utf8", "utf-8"))
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def page_language(html: str) -> str:
    """The language the page declares: <html lang>, else <meta http-equiv="content-language">."""
    head = html[:20_000]
    for pattern in (HTML_LANG, CONTENT_LANGUAGE):
        match = pattern.search(head)
        if match and language_code(match.group(1)):
            return language_code(match.group(1))
    return ""


def extract(html: str, url: str | None = None) -> Extracted:
    """Main text and metadata of the page `html` (fetched from `url`, if known).

    Never raises for odd markup: a page with nothing to extract gives an `Extracted` with empty
    text (check `has_article`). The text keeps paragraphs as lines; a first line repeating the
    title is dropped.
    """
    # Imported here: trafilatura takes a noticeable while to load, and web processes that only
    # enqueue fetches (importing this module through articles.fetching) never call it.
    import trafilatura

    if not html or not html.strip():
        return Extracted("", "", None, host_name(url), "", url or "")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
    )
    if document is None:
        return Extracted("", "", None, host_name(url), page_language(html), url or "")
    title = " ".join((document.title or "").split())
    lines = [" ".join(line.split()) for line in (document.text or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    page_url = document.url or url or ""
    published = None
    if document.date:
        try:
            published = datetime.date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    return Extracted(
        title=title,
        text="\n".join(lines),
        published=published,
        outlet=(document.sitename or "").strip() or host_name(page_url) or host_name(url),
        language=language_code(document.language) or page_language(html),
        url=page_url,
    )
