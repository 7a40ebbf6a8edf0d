"""Marking the evidence sentences inside an article's text (plain Python, no Django)."""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence


def _loose(sentence: str) -> re.Pattern[str]:
    """A pattern for `sentence` that tolerates different runs of whitespace."""
    words = [re.escape(w) for w in sentence.split()]
    return re.compile(r"\s+".join(words))


def highlight(text: str, evidence: Sequence[tuple[str, Hashable]]) -> list[tuple[str, list[Hashable]]]:
    """Split `text` into pieces, each with the keys of the evidence sentences covering it.

    `evidence` pairs a sentence with a key (e.g. the mention it supports). A sentence found
    nowhere in the text is skipped; one found several times is marked each time. Pieces join
    back to `text` exactly; overlapping sentences give a piece with several keys.
    """
    marks: list[list[Hashable]] = [[] for _ in text]
    for sentence, key in evidence:
        if not sentence.strip():
            continue
        for match in _loose(sentence.strip()).finditer(text):
            for i in range(match.start(), match.end()):
                if key not in marks[i]:
                    marks[i].append(key)
    pieces: list[tuple[str, list[Hashable]]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[start]:
            pieces.append((text[start:i], marks[start]))
            start = i
    return pieces
