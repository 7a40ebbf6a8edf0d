"""Fetching article pages and feeds over HTTP (plain Python, no Django).

One attempt, no retries: the worker records a failure and an editor can ask again. Only http
and https, also after redirects; a body larger than MAX_BYTES is refused, not cut short.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import urlsplit

from articles.extraction import decode_html

TIMEOUT = 15  # seconds, for connecting and for each read
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "Redline/0.1 (article import)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/x-rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/plain",  # some servers send feeds as plain text
    "application/octet-stream",
)


class FetchError(Exception):
    """The URL could not be fetched as asked; the message is meant for the editor."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (never file:, ftp: or data:)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"{req.full_url}: redirected to a non-http(s) URL ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def fetch(
    url: str, accept: tuple[str, ...], *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
) -> tuple[bytes, Message]:
    """The body and headers of `url`, if its content type is one of `accept`.

    Raises FetchError for a non-http(s) URL, an HTTP error status, a timeout, a network error,
    another content type or a body over `max_bytes`.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accept)})
    try:
        with _opener.open(request, timeout=timeout) as response:
            headers = response.headers
            content_type = headers.get_content_type()
            if headers.get("Content-Type") and content_type not in accept:
                raise FetchError(f"{url}: not {describe(accept)} (the server sent {content_type})")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: too large ({int(length) // 1024} KB; the limit is {max_bytes // 1024} KB)")
            body = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url}: no answer within {timeout:g} seconds") from None
        raise FetchError(f"{url}: cannot be reached ({reason})") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as exc:  # reset connections, bad ports, malformed responses
        raise FetchError(f"{url}: the download failed ({exc})") from None
    if len(body) > max_bytes:
        raise FetchError(f"{url}: too large (over {max_bytes // 1024} KB)")
    return body, headers


def describe(accept: tuple[str, ...]) -> str:
    return "an HTML page" if accept == HTML_TYPES else "a feed"


def fetch_article_html(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> str:
    """The HTML of the page at `url`, decoded with the charset it declares. Raises FetchError."""
    body, headers = fetch(url, HTML_TYPES, timeout=timeout, max_bytes=max_bytes)
    if not body.strip():
        raise FetchError(f"{url}: the page is empty")
    return decode_html(body, headers.get_content_charset())


def fetch_feed(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the RSS or Atom feed at `url` (the XML parser reads its encoding). Raises FetchError."""
    body, _ = fetch(url, FEED_TYPES, timeout=timeout, max_bytes=max_bytes)
    return body
