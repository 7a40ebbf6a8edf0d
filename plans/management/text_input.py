"""Reading the text files management commands are given, with messages a person can act on."""

from pathlib import Path

from django.core.management.base import CommandError

from plans.numbered_text import ParsedDocument, ParseError, parse_numbered_text


def read_text_file(path: Path) -> str:
    """The file's UTF-8 text, or a CommandError saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: is not UTF-8 text") from None


def read_numbered_text(path: Path, suffix: str = "") -> ParsedDocument:
    """A numbered text parsed, or a CommandError naming the file and the line at fault."""
    try:
        return parse_numbered_text(read_text_file(path))
    except ParseError as exc:
        raise CommandError(f"{path}: {exc.message}{suffix}") from None
