"""Small presentation helpers shared by the templates."""

from urllib.parse import urlsplit

from django import template

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
