"""Word-level differences between point texts, built on diff-match-patch.

Pure Python (no Django).  Texts are cut into tokens -- runs of word characters,
runs of whitespace, and single other characters (punctuation) -- each distinct
token is mapped to one private character, diff-match-patch diffs the two
character strings (so it never splits a word), the result gets a semantic
cleanup, and the characters are mapped back to tokens.

Round-trip invariant of every diff returned here: joining the text of the
``equal`` and ``delete`` segments gives the old text exactly, and joining the
``equal`` and ``insert`` segments gives the new text exactly (whitespace
included).  Adjacent segments never share the same op, and no segment is
empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from diff_match_patch import diff_match_patch

__all__ = [
    "Segment",
    "merge_diff",
    "split_diff",
    "unplaced",
    "word_diff",
]

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_OPS = {0: EQUAL, 1: INSERT, -1: DELETE}

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    """A run of text with one edit operation.

    ``op`` is ``"equal"`` (in both texts), ``"delete"`` (only in the old text)
    or ``"insert"`` (only in the new text); ``text`` is never empty.
    """

    op: str
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _code_point(index: int) -> str:
    """The index-th usable character, skipping the surrogate range."""
    code = index + 1
    if code >= 0xD800:
        code += 0x800
    return chr(code)


def word_diff(old: str, new: str) -> list[Segment]:
    """Diff ``old`` against ``new`` word by word.

    Inputs: two texts.  Output: segments in reading order with the round-trip
    invariant of this module (equal+delete == old, equal+insert == new).
    Deterministic; diff-match-patch runs without a time limit, so the result
    never depends on machine speed.
    """
    if old == new:
        return [Segment(EQUAL, old)] if old else []
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in _tokens(text):
            char = vocabulary.get(token)
            if char is None:
                char = _code_point(len(tokens))
                vocabulary[token] = char
                tokens.append(token)
            out.append(char)
        return "".join(out)

    encoded_old, encoded_new = encode(old), encode(new)
    decode = {char: token for token, char in vocabulary.items()}
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encoded_old, encoded_new, False)
    dmp.diff_cleanupSemantic(diffs)
    segments: list[Segment] = []
    for op, chars in diffs:
        if not chars:
            continue
        text = "".join(decode[c] for c in chars)
        _append(segments, _OPS[op], text)
    return segments


def _append(segments: list[Segment], op: str, text: str) -> None:
    """Append a segment, merging with the previous one when the op is the same."""
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def split_diff(old: str, parts: Sequence[str]) -> list[list[Segment]]:
    """Show how one old point was split into several new ``parts``.

    Output: one diff per part, in the order of ``parts``: ``word_diff(old,
    part)``.  In the diff of part k, ``equal`` segments are the old text that went
    into part k, ``insert`` segments are part k's own new words, and ``delete``
    segments are old text that did not go into part k (it may have gone into
    another part).  Each diff keeps the module's round-trip invariant, so a page
    can render part k either on its own (equal + insert) or against the whole old
    text (equal + delete).  To see which old words went into no part at all,
    pass the result to :func:`unplaced`.
    """
    return [word_diff(old, part) for part in parts]


def merge_diff(olds: Sequence[str], new: str) -> list[list[Segment]]:
    """Show how several old points were merged into one ``new`` point.

    The mirror of :func:`split_diff`: one diff per old point, in the order of
    ``olds``, each equal to ``word_diff(olds[k], new)``.  In the diff of old point
    k, ``equal`` segments are the text of old point k that reached the new point,
    ``delete`` segments are old point k's words that did not, and ``insert``
    segments are new text not taken from old point k (it may come from another
    old point).  :func:`unplaced` with ``side="new"`` gives the new words that
    came from no old point.
    """
    return [word_diff(old, new) for old in olds]


def unplaced(text: str, diffs: Sequence[Sequence[Segment]], side: str = "old") -> list[Segment]:
    """Mark which parts of a shared text are covered by none of ``diffs``.

    For a split, ``text`` is the old point and ``diffs`` the result of
    :func:`split_diff` (``side="old"``); for a merge, ``text`` is the new point and
    ``diffs`` the result of :func:`merge_diff` (``side="new"``).  Output: segments
    whose texts join to ``text``; ``equal`` marks text that appears as ``equal``
    in at least one diff, and the rest is marked ``delete`` (old words that went
    into no part) or ``insert`` (new words that came from no old point).
    Whitespace between two covered words counts as covered.
    """
    if side not in ("old", "new"):
        raise ValueError("side must be 'old' or 'new'")
    skip = INSERT if side == "old" else DELETE
    uncovered_op = DELETE if side == "old" else INSERT
    covered = [False] * len(text)
    for diff in diffs:
        pos = 0
        for seg in diff:
            if seg.op == skip:
                continue
            if seg.op == EQUAL:
                for k in range(pos, min(pos + len(seg.text), len(text))):
                    covered[k] = True
            pos += len(seg.text)
    # Whitespace-only runs take the status of their surroundings when both agree.
    k = 0
    while k < len(text):
        if text[k].isspace() and not covered[k]:
            end = k
            while end < len(text) and text[end].isspace():
                end += 1
            if k > 0 and end < len(text) and covered[k - 1] and covered[end]:
                for m in range(k, end):
                    covered[m] = True
            k = end
        else:
            k += 1
    segments: list[Segment] = []
    for ch, flag in zip(text, covered):
        _append(segments, EQUAL if flag else uncovered_op, ch)
    return segments
