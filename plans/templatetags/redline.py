"""Small presentation helpers shared by the templates."""

from urllib.parse import quote, urlsplit

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from plans import permissions
from plans.markup import render_markdown

register = template.Library()


@register.filter
def source_host(url: str) -> str:
    """The site a source URL points to, without "www." (shown instead of long URLs)."""
    host = urlsplit(str(url)).hostname or str(url)
    return host.removeprefix("www.")


@register.filter
def language_name(code: str, names: dict[str, str]) -> str:
    return names.get(code, code)


@register.filter
def get_item(mapping: dict, key: str):  # noqa: ANN201
    return mapping.get(key)


_MARKS = {
    "delete": ('<del><span class="visually-hidden">[deleted: </span>', '<span class="visually-hidden">]</span></del>'),
    "insert": ('<ins><span class="visually-hidden">[inserted: </span>', '<span class="visually-hidden">]</span></ins>'),
}


@register.filter
def segments_html(segments) -> SafeString:  # noqa: ANN001 - a list of wording.Segment
    """A word diff as HTML: deletions and insertions marked with <del>/<ins> and a spoken label,
    so they do not rely on colour alone. Every text is escaped."""
    parts = []
    for seg in segments:
        opening, closing = _MARKS.get(seg.op, ("", ""))
        parts.append(f"{opening}{escape(seg.text)}{closing}")
    return mark_safe("".join(parts))


@register.filter
def blocks_html(blocks, point_url: str) -> SafeString:  # noqa: ANN001 - comparison.Block list
    """One side of a comparison row: each block's point numbers (linked) and its marked-up text.

    Written in Python rather than as nested template loops: a comparison has hundreds of these
    and this keeps the page within its time budget. Every text is escaped."""
    html = []
    for keys, segments in blocks:
        badges = "".join(
            f'<a class="point__number point__number--small" href="{escape(point_url)}{escape(quote(key))}/">{escape(key)}</a>'
            for key in keys
        )
        html.append(
            f'<div class="cmp-block"><p class="cmp-block__keys">{badges}</p>'
            f'<p class="cmp-block__text">{segments_html(segments)}</p></div>'
        )
    return mark_safe("".join(html))


@register.filter
def markdown(body: str) -> SafeString:
    """A note's markdown as sanitised HTML (see plans.markup: raw HTML off, then nh3)."""
    return mark_safe(render_markdown(body or ""))


@register.filter
def is_editor(user) -> bool:  # noqa: ANN001 - a User or AnonymousUser
    return permissions.is_editor(user)
