"""Annotation bodies: markdown in, sanitised HTML out (plain Python, no Django).

Two layers, so that a mistake in one is caught by the other: markdown-it-py renders CommonMark
with raw HTML turned off (a `<script>` typed in a note stays text), then nh3 keeps only the
tags and attributes listed here, drops every URL whose scheme is not http, https or mailto, and
adds rel="nofollow noopener noreferrer ugc" to links. Images are shown as links to the image:
a note must not make every reader's browser fetch a third-party URL.
"""

from __future__ import annotations

from html import escape, unescape

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "del", "s",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer ugc"

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _image_as_link(self, tokens, idx, options, env) -> str:  # noqa: ANN001 - markdown-it's renderer API
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or token.attrGet("src") or ""
    return f'<a href="{escape(token.attrGet("src") or "", quote=True)}">{escape(alt)}</a>'


_markdown.add_render_rule("image", _image_as_link)

def render_markdown(body: str) -> str:
    """The HTML for a note's markdown `body`; safe to insert into a page as it is.

    Invariant: the result contains no element outside ALLOWED_TAGS, no attribute outside
    ALLOWED_ATTRIBUTES (so no event handler, style or hx-* attribute) and no URL with a scheme
    outside URL_SCHEMES.
    """
    html = _markdown.render(body)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def plain_excerpt(body: str, length: int = 160) -> str:
    """The note as one line of plain text (for titles in lists and feeds), cut at `length`."""
    text = nh3.clean(_markdown.render(body), tags=set())
    text = " ".join(text.split())
    # nh3 leaves entities escaped; lists and feeds escape again, so undo the first escaping.
    text = unescape(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
