"""Parse a numbered plan text, as a user pastes it from a news site, into a structured document.

Pure Python, standard library only (no Django), deterministic, and linear in the size of the
input.  The single entry point is :func:`parse_numbered_text`; it either returns a
:class:`ParsedDocument` or raises :class:`ParseError` naming the 1-based line at fault.

What the parser understands (one line at a time, after normalisation):

* **Top-level points** -- digits, then ``.`` or ``)``, then whitespace, then text:
  ``1. Text`` or ``12) Text``.  Leading indentation is fine.  ``**1.** Text`` (bold number)
  is accepted too.  Numbers must strictly increase; gaps are allowed.
* **Sub-points** -- a single letter as ``a.``, ``a)`` or ``(a)`` (either case) belongs to the
  last top-level point, and its number is the parent's number plus the lower-case letter
  (``10a``).  ``10a.``, ``10a)`` and ``10(a)`` name the parent explicitly, which must be the
  current top-level point.  Letters must run a, b, c... under each parent.
* **Continuation** -- any other line after a point belongs to that point: joined with a space
  when it directly continues, or with ``"\\n"`` after one or more blank lines.  Bullet lines
  (``-``, ``•``, ``*``) start a new line of their own.  A marker with no text (``3.``) takes
  its text from the very next line.
* **Headings** -- markdown (``# Title``), ALL CAPS lines, ``Section 2: Security`` /
  ``Part II - Territory`` / ``Chapter 3`` lines, and short plain lines (at most 80
  characters, not ending in ``.``, ``;`` or ``,``) that stand alone and are followed by a
  top-level point.  The first line of the file, if short and followed by a blank line, is a
  document title and also becomes a heading.  Except for markdown headings, a heading-like
  line directly under a point's text (no blank line between) is continuation text.
* **Noise** -- blank lines, trailing whitespace, any line-ending style, a BOM, zero-width
  spaces, non-breaking and other exotic spaces, and horizontal rules (``---``, ``***``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "MAX_LINE_LENGTH",
    "MAX_POINTS",
    "ParseError",
    "ParsedDocument",
    "ParsedPoint",
    "ParsedSection",
    "parse_numbered_text",
]

#: Longest accepted line, in characters (trailing whitespace not counted).
MAX_LINE_LENGTH = 5_000
#: Most points (top-level and sub-points together) one document may hold.
MAX_POINTS = 2_000
#: Longest line that can be a plain (unmarked) heading or a "Section 2: ..." heading.
MAX_HEADING_LENGTH = 80
#: Longest section key.
MAX_KEY_LENGTH = 80


# --------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedSection:
    """A heading in the pasted text.

    Invariants: ``key`` is a non-empty slug (lower-case letters, digits and single hyphens,
    no leading/trailing hyphen, at most 80 characters) unique within its document;
    ``title`` is the heading text without markdown ``#`` marks, wrapping ``**`` and trailing
    ``:``, and is non-empty; ``line`` is the 1-based line number of the heading.
    """

    key: str
    title: str
    line: int


@dataclass(frozen=True)
class ParsedPoint:
    """One numbered point or lettered sub-point.

    Invariants: ``number`` is a decimal number without leading zeros (``"10"``) for a
    top-level point, or that plus one lower-case letter (``"10a"``) for a sub-point;
    ``parent`` is the parent's number for a sub-point and ``None`` otherwise; ``text`` is
    non-empty with no leading or trailing whitespace, continuation lines are joined by a
    space, and paragraph breaks and bullet lines are separated by a single ``"\\n"``;
    ``section`` is the key of the heading the point sits under (a sub-point always shares
    its parent's section) or ``None`` before the first heading; ``line`` is the 1-based line
    on which the point's marker stands.
    """

    number: str
    text: str
    parent: str | None
    section: str | None
    line: int


@dataclass(frozen=True)
class ParsedDocument:
    """The structured form of a pasted plan.

    Invariants: ``points`` is non-empty and in document order (``line`` strictly increases);
    top-level numbers strictly increase; each sub-point directly follows its parent or the
    parent's previous sub-point, with letters a, b, c... in order; every number is unique;
    ``sections`` is in document order with unique keys, and every non-``None``
    ``ParsedPoint.section`` is one of those keys.  A section may be empty only if a later
    section has points (the last heading always has points after it).
    """

    sections: tuple[ParsedSection, ...]
    points: tuple[ParsedPoint, ...]


class ParseError(ValueError):
    """The text cannot be read as a numbered plan.

    ``line`` is the 1-based line the problem is on, or 0 for a problem with the whole text
    (such as empty input).  ``message`` is human-readable and starts with ``"line N: "``
    whenever ``line`` is not 0, e.g. ``"line 7: sub-point 'b' has no top-level point before
    it"``; ``str(error)`` is the same as ``message``.
    """

    line: int
    message: str

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.detail = message
        self.message = f"line {line}: {message}" if line > 0 else message
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[ParseError], tuple[int, str]]:
        return (type(self), (self.line, self.detail))


# --------------------------------------------------------------------------------------------
# Line normalisation and classification
# --------------------------------------------------------------------------------------------

# No-break, narrow no-break, figure, em/en and other typographic spaces, as web pages paste them.
_SPACE_LIKE = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"
_NORMALISE = {ord(ch): " " for ch in _SPACE_LIKE}
_NORMALISE[0xFEFF] = None  # byte order mark / zero-width no-break space
_NORMALISE[0x200B] = None  # zero-width space

# Optional "**" around a marker: "**1.** text".  b1 without b2 means the bold run continues
# into the text ("**1. Title.** text"), so the "**" is given back to the text.
_POINT_RE = re.compile(
    r"(?P<b1>\*\*)?(?P<num>\d{1,9})[.)](?P<b2>\*\*)?(?:\s+(?P<text>.*))?\Z"
)
_EXPLICIT_SUB_RE = re.compile(
    r"(?P<b1>\*\*)?(?P<num>\d{1,9})(?:(?P<l1>[A-Za-z])[.)]|\((?P<l2>[A-Za-z])\))"
    r"(?P<b2>\*\*)?(?:\s+(?P<text>.*))?\Z"
)
_LETTER_SUB_RE = re.compile(
    r"(?P<b1>\*\*)?(?:\((?P<l2>[A-Za-z])\)|(?P<l1>[A-Za-z])[.)])"
    r"(?P<b2>\*\*)?(?:\s+(?P<text>.*))?\Z"
)
_MARKDOWN_HEADING_RE = re.compile(r"#+(?:\s+(?P<title>.*?))?(?:\s+#+)?\Z")
_RULE_RE = re.compile(r"(?:[-*_=~]\s*){3,}\Z")
_BULLET_RE = re.compile(r"[-•*](?:\s|\Z)")
_SECTION_HEADING_RE = re.compile(
    r"(?:section|part|chapter)\s+"
    r"(?:\d{1,4}|[ivxlcdm]{1,8}|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s*[:.)\-\u2013\u2014]\s*(?P<rest>.*)|\s*)\Z",
    re.IGNORECASE,
)
_WRAPPING_BOLD_RE = re.compile(r"(\*\*|__)(?P<inner>.+)\1\Z")
_NON_SLUG_RE = re.compile(r"[\W_]+")

_BLANK, _POINT, _SUB, _MARKDOWN, _BULLET, _OTHER = range(6)


def _normalised_lines(text: str) -> list[str]:
    """Split ``text`` into stripped lines; raise ParseError for an over-long line."""
    lines = text.translate(_NORMALISE).splitlines()
    limit = MAX_LINE_LENGTH
    stripped = []
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if len(line) > limit:
            raise ParseError(
                index + 1,
                f"the line is {len(line):,} characters long; the limit is {limit:,} "
                "(is this really the text of a plan?)",
            )
        stripped.append(line.lstrip())
    return stripped


def _marker_text(match: re.Match[str]) -> str:
    text = match["text"] or ""
    if match["b1"] and not match["b2"] and text:
        text = "**" + text
    return text


def _classify(line: str) -> tuple:
    """Return ``(kind, *data)`` for one stripped line, independent of its context.

    ``(_POINT, number, text)``; ``(_SUB, explicit_parent_or_None, letter, text, raw_letter)``;
    ``(_MARKDOWN, title)``; ``(_BLANK,)``, ``(_BULLET,)`` or ``(_OTHER,)``.
    """
    if not line or _RULE_RE.match(line):
        return (_BLANK,)
    first = line[0]
    if first == "#":
        match = _MARKDOWN_HEADING_RE.match(line)
        if match:
            return (_MARKDOWN, match["title"] or "")
        return (_OTHER,)
    if first.isdigit() or first == "*":
        match = _POINT_RE.match(line)
        if match:
            return (_POINT, int(match["num"]), _marker_text(match))
        match = _EXPLICIT_SUB_RE.match(line)
        if match:
            raw_letter = match["l1"] or match["l2"]
            return (_SUB, int(match["num"]), raw_letter.lower(), _marker_text(match), raw_letter)
    if first.isascii() and (first.isalpha() or first in "(*"):
        match = _LETTER_SUB_RE.match(line)
        if match:
            raw_letter = match["l1"] or match["l2"]
            return (_SUB, None, raw_letter.lower(), _marker_text(match), raw_letter)
    if first in "-•*" and _BULLET_RE.match(line):
        return (_BULLET,)
    return (_OTHER,)


def _clean_title(line: str) -> str:
    """Drop wrapping bold and trailing colons from a heading."""
    title = line.strip()
    for _ in range(2):
        title = title.rstrip(": \t").strip()
        match = _WRAPPING_BOLD_RE.match(title)
        if match:
            title = match["inner"].strip()
    return title


def _is_all_caps(text: str) -> bool:
    """True when ``text`` has at least two cased letters and none of them is lower-case."""
    cased = 0
    for ch in text:
        if ch.islower():
            return False
        if ch.isupper():
            cased += 1
    return cased >= 2


def _has_heading_shape(title: str) -> bool:
    """Short, contains a letter or digit, and does not end like a sentence or clause."""
    return (
        0 < len(title) <= MAX_HEADING_LENGTH
        and not title.endswith((".", ";", ","))
        and any(ch.isalnum() for ch in title)
    )


def _is_section_style(line: str) -> bool:
    """``Section 2: Security``, ``Part II - Territory``, ``Chapter 3`` and the like."""
    if len(line) > MAX_HEADING_LENGTH or line.endswith((";", ",")):
        return False
    match = _SECTION_HEADING_RE.match(line)
    if not match:
        return False
    rest = (match["rest"] or "").strip()
    return not rest.endswith(".")


def _slugify(title: str) -> str:
    """Lower-case, hyphen-separated key; accents folded to ASCII, other scripts kept."""
    folded = []
    for ch in title.replace("'", "").replace("\u2019", ""):
        if not ch.isascii():
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            if base.isascii():
                ch = base
        folded.append(ch)
    slug = _NON_SLUG_RE.sub("-", "".join(folded).lower()).strip("-")
    slug = slug[:MAX_KEY_LENGTH].rstrip("-")
    return slug or "section"


# --------------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------------


class _OpenPoint:
    """A point whose text is still being collected."""

    __slots__ = ("number", "parent", "section", "line", "parts", "label")

    def __init__(
        self, number: str, parent: str | None, section: str | None, line: int, text: str
    ) -> None:
        self.number = number
        self.parent = parent
        self.section = section
        self.line = line
        self.parts = [text] if text else []
        self.label = f"sub-point {number}" if parent is not None else f"point {number}"


class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.kinds = [_classify(line) for line in lines]
        self.sections: list[ParsedSection] = []
        self.keys: set[str] = set()
        self.points: list[ParsedPoint] = []
        self.section_key: str | None = None
        # The first heading since the last point: a trailing heading with no points is an error.
        self.orphan_heading: ParsedSection | None = None
        self.last_heading_line = 0
        self.top_number: int | None = None
        self.top_line = 0
        self.last_letter: str | None = None
        self.current: _OpenPoint | None = None
        self.pending_break = False
        self.prev_blank = True  # the start of the file counts as a blank line
        self.point_count = 0

        count = len(lines)
        self.next_nonblank: list[int | None] = [None] * count
        following: int | None = None
        for index in range(count - 1, -1, -1):
            self.next_nonblank[index] = following
            if self.kinds[index][0] != _BLANK:
                following = index
        self.first_nonblank = following

    # -- driving loop ---------------------------------------------------------------------

    def run(self) -> ParsedDocument:
        if self.first_nonblank is None:
            raise ParseError(0, "the text has no numbered points")
        for index, line in enumerate(self.lines):
            self._line(index, line, self.kinds[index])
        self._close()
        if self.orphan_heading is not None:
            heading = self.orphan_heading
            raise ParseError(
                heading.line, f"the heading '{heading.title}' has no numbered points after it"
            )
        if not self.points:  # pragma: no cover - every path without points raises above
            raise ParseError(0, "the text has no numbered points")
        return ParsedDocument(sections=tuple(self.sections), points=tuple(self.points))

    def _line(self, index: int, line: str, kind: tuple) -> None:
        lineno = index + 1
        tag = kind[0]
        current = self.current

        if tag == _BLANK:
            if current is not None:
                if not current.parts:
                    self._no_text(current)
                self.pending_break = True
            self.prev_blank = True
            return

        if current is not None and not current.parts:
            # "3." alone: the text is on the next line, whatever that line looks like,
            # unless it is itself a point or a heading.
            if tag in (_POINT, _SUB, _MARKDOWN):
                self._no_text(current)
            current.parts.append(line)
        elif tag == _POINT:
            self._start_point(kind[1], kind[2], lineno)
        elif tag == _SUB:
            if self._is_lettered_caps_heading(kind, line):
                self._heading(line, lineno)
            else:
                self._start_sub_point(kind[1], kind[2], kind[3], lineno)
        elif tag == _MARKDOWN:
            self._heading(kind[1], lineno)
        elif tag == _BULLET:
            if current is None:
                self._stray_text(lineno)
            self._continue(line, "\n")
        elif current is not None and not self.prev_blank:
            self._continue(line, " ")
        elif _is_all_caps(line) or _is_section_style(line):
            self._heading(line, lineno)
        elif self._is_plain_heading(index, line):
            self._heading(line, lineno)
        elif current is not None:
            self._continue(line, " ")
        else:
            self._stray_text(lineno)
        self.prev_blank = False

    # -- headings --------------------------------------------------------------------------

    def _is_plain_heading(self, index: int, line: str) -> bool:
        """A short line standing alone, followed by a top-level point (or a document title).

        Only called when the line does not directly continue a point's text.
        """
        if not _has_heading_shape(_clean_title(line)):
            return False
        following = self.next_nonblank[index]
        if following is not None and self.kinds[following][0] == _POINT:
            return True
        # Document title: the first line, before any point, followed by a blank line.
        return (
            index == self.first_nonblank
            and index + 1 < len(self.lines)
            and self.kinds[index + 1][0] == _BLANK
        )

    def _is_lettered_caps_heading(self, kind: tuple, line: str) -> bool:
        """``I. SOVEREIGNTY`` / ``A. GENERAL PROVISIONS``: an upper-case letter marker with
        ALL CAPS text reads as a heading -- unless it directly continues a point, or it is
        exactly the sub-point letter expected next (``A) NATO`` under a point)."""
        _, explicit, letter, text, raw_letter = kind
        if explicit is not None or not raw_letter.isupper() or not _is_all_caps(text):
            return False
        if self.current is None:
            return True
        if not self.prev_blank:
            return False
        return letter != self._expected_letter()

    def _heading(self, raw_title: str, lineno: int) -> None:
        title = _clean_title(raw_title)
        if not title:
            raise ParseError(lineno, "the heading has no title")
        self._close()
        key = base = _slugify(title)
        suffix = 2
        while key in self.keys:
            key = f"{base}-{suffix}"
            suffix += 1
        self.keys.add(key)
        section = ParsedSection(key=key, title=title, line=lineno)
        self.sections.append(section)
        self.section_key = key
        self.last_heading_line = lineno
        if self.orphan_heading is None:
            self.orphan_heading = section

    # -- points ----------------------------------------------------------------------------

    def _count_point(self, lineno: int) -> None:
        self.point_count += 1
        if self.point_count > MAX_POINTS:
            raise ParseError(
                lineno,
                f"the text has more than {MAX_POINTS:,} points "
                "(is this really the text of a plan?)",
            )

    def _start_point(self, number: int, text: str, lineno: int) -> None:
        previous = self.top_number
        if previous is not None and number <= previous:
            if number == previous:
                raise ParseError(
                    lineno, f"point {number} is repeated (it is already on line {self.top_line})"
                )
            raise ParseError(lineno, f"point {number} comes after point {previous}")
        self._count_point(lineno)
        self._close()
        self.current = _OpenPoint(str(number), None, self.section_key, lineno, text)
        self.top_number = number
        self.top_line = lineno
        self.last_letter = None
        self.orphan_heading = None

    def _expected_letter(self) -> str:
        return "a" if self.last_letter is None else chr(ord(self.last_letter) + 1)

    def _start_sub_point(
        self, explicit: int | None, letter: str, text: str, lineno: int
    ) -> None:
        label = f"{explicit}{letter}" if explicit is not None else letter
        top = self.top_number
        if top is None:
            raise ParseError(lineno, f"sub-point '{label}' has no top-level point before it")
        if self.current is None:
            raise ParseError(
                lineno,
                f"sub-point '{label}' follows the heading on line {self.last_heading_line} "
                "instead of a top-level point",
            )
        if explicit is not None and explicit != top:
            raise ParseError(
                lineno, f"sub-point '{label}' does not belong to the current point {top}"
            )
        last = self.last_letter
        if last is None and letter != "a":
            raise ParseError(
                lineno, f"sub-point '{label}' is the first under point {top}; expected 'a'"
            )
        if last is not None and letter != chr(ord(last) + 1):
            if letter == last:
                problem = f"sub-point '{label}' is repeated under point {top}"
            elif last == "z":
                problem = f"sub-point '{label}' comes after 'z' under point {top}"
            else:
                problem = (
                    f"sub-point '{label}' comes after '{last}' under point {top}; "
                    f"expected '{chr(ord(last) + 1)}'"
                )
            raise ParseError(lineno, problem)
        self._count_point(lineno)
        self._close()
        self.current = _OpenPoint(f"{top}{letter}", str(top), self.section_key, lineno, text)
        self.last_letter = letter

    def _continue(self, line: str, separator: str) -> None:
        current = self.current
        assert current is not None
        current.parts.append("\n" if self.pending_break else separator)
        current.parts.append(line)
        self.pending_break = False

    def _close(self) -> None:
        current = self.current
        if current is None:
            return
        if not current.parts:
            self._no_text(current)
        self.points.append(
            ParsedPoint(
                number=current.number,
                text="".join(current.parts),
                parent=current.parent,
                section=current.section,
                line=current.line,
            )
        )
        self.current = None
        self.pending_break = False

    # -- errors ----------------------------------------------------------------------------

    def _no_text(self, point: _OpenPoint) -> None:
        raise ParseError(point.line, f"{point.label} has no text after its number")

    def _stray_text(self, lineno: int) -> None:
        if self.top_number is None:
            raise ParseError(
                lineno, "text before the first numbered point is not a heading or a point"
            )
        raise ParseError(
            lineno,
            f"text after the heading on line {self.last_heading_line} is not part of a "
            "numbered point",
        )


def parse_numbered_text(text: str) -> ParsedDocument:
    """Parse a pasted, numbered plan into sections and points.

    Input: the text exactly as pasted (any line endings, BOM, non-breaking spaces).
    Output: a :class:`ParsedDocument` whose invariants are documented on that class.
    Raises :class:`ParseError` (a ``ValueError``) naming the 1-based line of the first
    problem: an over-long line (checked before anything else), prose that is neither a
    heading nor part of a point, a sub-point without a top-level point, a repeated or
    decreasing number, an out-of-order sub-point letter, a marker without text, a heading
    with no points after it, or more than :data:`MAX_POINTS` points.  Empty or
    whitespace-only text raises with ``line == 0``.  Raises ``TypeError`` for non-``str``
    input.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_numbered_text() expects str, not {type(text).__name__}")
    return _Parser(_normalised_lines(text)).run()
