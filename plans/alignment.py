"""Point-level alignment of two versions of a numbered document.

Pure Python (standard library only): no Django imports, so the engine can be
tested and benchmarked on its own.

Vocabulary (see ``demo_data/README.md``): every point of the old version and
every point of the new version ends up in exactly one :class:`Link`, whose
``kind`` is one of

* ``unchanged`` -- one old point, one new point, same text up to whitespace,
  punctuation and letter case (see :func:`normalise`);
* ``reworded``  -- one old point, one new point, different wording;
* ``split``     -- one old point became two or more new points;
* ``merged``    -- two or more old points became one new point;
* ``dropped``   -- an old point with no counterpart (``right`` is empty);
* ``added``     -- a new point with no counterpart (``left`` is empty).

Method, in short
----------------
1. Each point becomes a set of features: light-stemmed content words
   (lower-cased, stop words removed, common suffixes stripped, cut to six
   letters), bigrams of neighbouring content words, numbers with their
   digit-group separators removed, and three kinds of paraphrase-tolerant
   features: concepts from a small hand-written lexicon of generic negotiation
   vocabulary (:data:`CONCEPTS`: army/troops/armed forces, truce/ceasefire...),
   number shapes that survive a changed figure (order of magnitude, and the word
   after the figure: "600,000 troops" and "800,000 troops" share "N troops"),
   and acronyms spelt out ("the United States" gets the feature of "US" when
   the pair uses that acronym).  Every feature is weighted by its inverse
   document frequency over the points of both versions; numbers and names
   (capitalised words inside a sentence, acronyms) weigh more, bigrams,
   concepts and number shapes less.
2. Candidate pairs come from an inverted index over the features that are rare
   enough to be informative, so large documents never score all pairs.  For each
   candidate pair we compute the weighted cosine, the cosine over words only
   (no bigrams: bigrams penalise paraphrase twice) and both containments
   ("how much of A's weight is found in B").
3. A global greedy assignment (best score first, which makes every accepted
   pair the mutual best of what is left) builds the confident one-to-one links.
4. Splits and merges: a point whose text is covered by the union of several
   counterparts, each of which is mostly contained in it, becomes a split (or,
   mirrored, a merge).  In an ordered document a reworded piece needs only a
   lower containment when it lies next to a piece already taken (its
   neighbours are candidates even if they share little wording).  Proposals
   are applied best first.
5. Moves need support from words: a moved 1:1 link whose cosine without the
   figures stays below the strong level is undone (figures such as "24 hours"
   recur across unrelated clauses).  Weaker 1:1 links (word cosine) are then
   made best first, but in an ordered document a weak link that would count as
   moved is undone: a move is a strong claim and needs strong evidence.
6. The points left over between two consecutive in-order links (a "gap", as in
   a line diff) are aligned as two sequences (Needleman-Wunsch style, as a
   weighted longest increasing subsequence): the chosen pairs never cross and
   maximise the sum of ``word cosine - threshold``, where the threshold is low
   for a pair in matching position of a gap with as many old as new points and
   rises with the distance of positions and the imbalance of the gap.  So a
   weakly similar pair in place is preferred over a drop plus an addition, but
   position never creates a link without shared features.  Split/merge
   detection runs once more.
7. List headers ("Territorial arrangements:" followed by 21a, 21b...) that
   found no counterpart join the link their sub-points went into, with the
   sub-points left unlinked that share wording with it.
8. Whatever is left is dropped (old) or added (new).  Moves are then computed
   with :func:`mark_moves`, exactly as the README defines them.

No constant is fitted to a particular document: the thresholds are round,
generic similarity levels (chosen on synthetic edits, then checked on the
curated demo pairs) and are documented where they are defined; the held-out
redrafts of ``plans/eval_data`` are only used to report scores.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

__all__ = [
    "KINDS",
    "Link",
    "Unit",
    "align",
    "features",
    "mark_moves",
    "normalise",
]

KINDS = ("unchanged", "reworded", "split", "merged", "dropped", "added")


@dataclass(frozen=True)
class Unit:
    """One point of a document version.

    ``key`` is the point number as written ("10a"); keys must be unique within
    one document.  ``text`` is the point's wording.
    """

    key: str
    text: str


@dataclass(frozen=True)
class Link:
    """One relation between old and new points.

    Invariants: ``left`` holds old keys in old-document order and ``right`` new
    keys in new-document order; ``unchanged``/``reworded`` have one key on each
    side, ``split`` one old and at least two new, ``merged`` at least two old and
    one new, ``dropped`` an empty ``right``, ``added`` an empty ``left``.
    ``moved`` can only be true for links with keys on both sides.  ``score`` is in
    0..1: the similarity for linked points (1.0 when unchanged), and for dropped or
    added points the confidence that no counterpart exists (1 - best similarity).
    """

    left: tuple[str, ...]
    right: tuple[str, ...]
    kind: str
    moved: bool
    score: float


# ---------------------------------------------------------------------------
# Text normalisation and features
# ---------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Return the comparison key used to decide "unchanged".

    Input: any text.  Output: the text after Unicode NFKC normalisation and case
    folding, keeping only letters and digits (every whitespace, punctuation or
    symbol character is removed).  Two texts with equal keys differ only in
    whitespace, punctuation or letter case, so a 1:1 link between them is
    ``unchanged``; "600,000" and "600000" compare equal, as do "well-known" and
    "well known".
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be been
    before being below between both but by can could did do does doing down
    during each either every few for from further had has have having he her here
    hers him his how i if in into is it its itself just may me might more most
    must my neither no nor not now of off on once only or other our ours out over
    own same shall she should so some such than that the their theirs them then
    there these they this those through to too under until up upon us very was we
    were what when where whether which while who whom whose why will with within
    without would yet you your
    """.split()
)

# Suffixes stripped before the stem is cut to _STEM_LENGTH letters; together
# this is a crude but language-agnostic-ish "prefix stemmer" for English.
_SUFFIXES = ("ings", "ing", "edly", "ied", "ies", "ed", "es", "s", "ly")
_STEM_LENGTH = 6

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SENTENCE_END_RE = re.compile(r"[.!?:;(]\s*$")

# Feature weights (multipliers on the inverse document frequency).
_NUMBER_BOOST = 2.0
_NAME_BOOST = 1.5
_BIGRAM_FACTOR = 0.6


def _stem(word: str) -> str:
    """Lower-case, possessive-free, suffix-stripped prefix of ``word``."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    word = word.replace("\u2019", "'")
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                if suffix == "s" and word.endswith(("ss", "us", "is")):
                    break
                word = word[: -len(suffix)]
                break
    word = word[:_STEM_LENGTH]
    if len(word) > 3:
        word = word.rstrip("e")
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]
    return word


# A small, hand-written concept lexicon of generic negotiation vocabulary.
# Each group lists interchangeable words or short phrases (matched on their
# stems, so inflections follow); a point containing any of them gets the
# group's concept feature ("~" + first word) besides its ordinary stems.  The
# groups are general English usage in agreements, not taken from any document
# this engine is evaluated on.
CONCEPTS: tuple[tuple[str, ...], ...] = (
    ("military", "army", "armed forces", "troops", "soldiers", "forces", "servicemen", "personnel"),
    ("sanctions", "restrictive measures", "embargo", "punitive measures"),
    ("ceasefire", "truce", "cessation of hostilities", "armistice", "pause in fighting"),
    ("hostilities", "fighting", "combat", "military operations", "warfare"),
    ("guarantee", "assurance", "guarantor"),
    ("election", "vote", "ballot", "polls", "referendum"),
    ("territory", "land", "lands", "region", "regions", "area", "zone", "district", "province"),
    ("reconstruction", "recovery", "rebuilding", "rebuild", "reconstruct", "restoration"),
    ("amnesty", "pardon"),
    ("prisoner", "detainee", "captive", "detained", "prisoners of war"),
    ("release", "liberate", "liberation"),
    ("withdraw", "withdrawal", "pull back", "pullback", "retreat", "pull out"),
    ("agreement", "accord", "treaty", "deal", "pact"),
    ("negotiations", "talks", "dialogue", "discussions", "consultations"),
    ("monitor", "monitoring", "observer", "observe", "verify", "verification", "supervise", "oversight"),
    ("violation", "breach", "infringement", "infraction"),
    ("aid", "assistance", "relief", "support"),
    ("invasion", "invade", "attack", "assault", "aggression", "offensive"),
    ("weapons", "arms", "weaponry", "armaments"),
    ("border", "frontier", "boundary", "front line", "line of contact", "contact line"),
    ("sovereignty", "sovereign", "independence"),
    ("recognise", "recognize", "recognition", "acknowledge"),
    ("funds", "funding", "financing", "finance", "money"),
    ("increase", "raise", "rise", "boost", "expand"),
    ("reduce", "reduction", "cut", "decrease"),
    ("begin", "start", "commence", "launch"),
    ("cease", "stop", "terminate", "halt"),
    ("committee", "commission", "working group"),
    ("population", "civilians", "residents", "inhabitants"),
    ("children", "minors"),
    ("exchange", "swap"),
    ("compensation", "reparations", "indemnity"),
    ("annual", "yearly", "per year", "per annum"),
)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100,
}
_SCALE_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_NUMBER_FACTOR = 0.5  # weight of the number-shape features relative to a plain word
_CONCEPT_FACTOR = 0.7  # weight of a concept feature relative to a plain word


@dataclass(frozen=True)
class _Tokens:
    features: frozenset[str]
    names: frozenset[str]
    acronyms: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()


def _concept_tables() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    single: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for group in CONCEPTS:
        concept = "~" + group[0]
        for entry in group:
            stems = tuple(
                _stem(w) for w in entry.split() if w not in STOP_WORDS
            )
            if len(stems) == 1:
                single.setdefault(stems[0], concept)
            elif stems:
                phrases.setdefault(stems, concept)
    return single, phrases


def _number_value(raw: str) -> float | None:
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _tokenise(text: str) -> _Tokens:
    """Split ``text`` into features: stems, bigrams of stems, numbers and concepts.

    Besides the stems and their bigrams, a point gets the concept feature of
    every lexicon entry it contains (:data:`CONCEPTS`) and, for every figure,
    two "shape" features that survive a change of the figure itself: its order
    of magnitude ("#e5" for 600,000; "million"/"billion" count) and the word
    that follows it ("#~troop" for "600,000 troops").  ``initials`` holds the
    initials of runs of capitalised words ("United States" -> "us"), which
    :class:`_Aligner` turns into a feature when some point of the pair uses
    that acronym.
    """
    text = unicodedata.normalize("NFKC", text)
    stems: list[str] = []
    feats: set[str] = set()
    names: set[str] = set()
    acronyms: set[str] = set()
    initials: set[str] = set()
    run: list[str] = []  # capitalised words in a row (for initials)
    pending_number: int | None = None  # magnitude of the last figure, awaiting its unit
    previous_end = 0

    def close_run() -> None:
        if len(run) >= 2:
            initials.add("".join(w[0] for w in run).casefold())
        run.clear()

    for match in _TOKEN_RE.finditer(text):
        raw = match.group()
        between = text[previous_end:match.start()]
        previous_end = match.end()
        if any(ch in between for ch in ",.;:()"):
            close_run()
        if raw[0].isdigit():
            close_run()
            number = "#" + raw.replace(",", "")
            feats.add(number)
            stems.append(number)
            value = _number_value(raw)
            if value is not None and value >= 1:
                pending_number = len(str(int(value)))
                feats.add(f"#e{pending_number}")
            continue
        lower = raw.casefold()
        core = raw[:-2] if raw.endswith(("'s", "\u2019s")) else raw
        is_acronym = len(core) >= 2 and core.isupper()
        if raw[0].isupper() and not is_acronym and (run or lower not in STOP_WORDS):
            run.append(raw)
        elif lower not in ("of", "and", "for", "the") or not run:
            close_run()
        if lower in _SCALE_WORDS and pending_number is not None:
            feats.discard(f"#e{pending_number}")
            pending_number += _SCALE_WORDS[lower]
            feats.add(f"#e{pending_number}")
            continue
        if lower in STOP_WORDS and not is_acronym:
            continue
        if lower in _NUMBER_WORDS:
            pending_number = len(str(_NUMBER_WORDS[lower]))
            feats.add(f"#e{pending_number}")
        stem = _stem(lower)
        if len(stem) < 2 and not is_acronym:
            continue
        if pending_number is not None:
            feats.add("#~" + stem)
            pending_number = None
        feats.add(stem)
        stems.append(stem)
        concept = _CONCEPT_SINGLE.get(stem)
        if concept:
            feats.add(concept)
        if is_acronym:
            acronyms.add(stem)
        if is_acronym or (
            raw[0].isupper()
            and match.start() > 0
            and not _SENTENCE_END_RE.search(text, 0, match.start())
        ):
            names.add(stem)
    close_run()
    for first, second in zip(stems, stems[1:]):
        feats.add(first + " " + second)
        concept = _CONCEPT_PHRASES.get((first, second))
        if concept:
            feats.add(concept)
    for first, second, third in zip(stems, stems[1:], stems[2:]):
        concept = _CONCEPT_PHRASES.get((first, second, third))
        if concept:
            feats.add(concept)
    return _Tokens(frozenset(feats), frozenset(names), frozenset(acronyms), frozenset(initials))


_CONCEPT_SINGLE, _CONCEPT_PHRASES = _concept_tables()


def features(text: str) -> frozenset[str]:
    """Return the (unweighted) feature set :func:`align` uses for ``text``.

    Exposed for tests and diagnostics.  Stems are lower-case word prefixes,
    bigrams contain one space, numbers start with ``#``.
    """
    return _tokenise(text).features


# ---------------------------------------------------------------------------
# Moves
# ---------------------------------------------------------------------------


def mark_moves(
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]],
) -> list[tuple[bool, bool]]:
    """Flag moved links, following the README's definition.

    Input: one ``(old_positions, new_positions)`` pair per link that has points
    on both sides; positions are indexes into the old and new document.  The
    first (smallest) old positions must be distinct, and so must the first new
    positions (true whenever every point is in exactly one link).

    Output: one ``(moved, ambiguous)`` tuple per input pair, in input order.
    Links are sorted by their first old point and the order of their first new
    points is read; the longest order-preserving chains (longest increasing
    subsequences) are the "stay in place" explanations.  A link that lies on no
    longest chain is moved and not ambiguous.  When several longest chains exist
    (two swapped neighbours), one is chosen so that the earliest old points stay
    in place -- the lexicographically smallest chain by old order -- and every
    link outside it that lies on some other longest chain is moved *and*
    ambiguous.  Links on the chosen chain are never moved.
    """
    count = len(pairs)
    if count == 0:
        return []
    order = sorted(range(count), key=lambda k: (min(pairs[k][0]), min(pairs[k][1])))
    values = [min(pairs[k][1]) for k in order]

    # Longest increasing subsequence ending at each index (left to right).
    end_len = _lis_lengths(values)
    # ... and starting at each index (right to left on negated values).
    start_len = _lis_lengths([-v for v in reversed(values)])[::-1]
    best = max(end_len)
    on_some = [end_len[i] + start_len[i] - 1 == best for i in range(count)]

    # Greedy lexicographically smallest longest chain: among the candidates
    # still able to complete a longest chain, always take the earliest index.
    # Indexes with the same start_len (and on some chain) carry strictly
    # decreasing values, so the first one after the previous pick is the one
    # with the largest value; if it does not fit, none does.
    levels: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        if on_some[i]:
            levels[start_len[i]].append(i)
    chosen: set[int] = set()
    previous = -1
    previous_value = -math.inf
    for needed in range(best, 0, -1):
        level = levels[needed]
        pos = bisect_right(level, previous)
        while pos < len(level) and values[level[pos]] <= previous_value:
            pos += 1  # defensive: cannot happen with distinct values
        index = level[pos]
        chosen.add(index)
        previous, previous_value = index, values[index]

    result: list[tuple[bool, bool]] = [(False, False)] * count
    for rank, k in enumerate(order):
        if rank in chosen:
            result[k] = (False, False)
        elif on_some[rank]:
            result[k] = (True, True)
        else:
            result[k] = (True, False)
    return result


def _lis_lengths(values: Sequence[float]) -> list[int]:
    """Length of the longest strictly increasing subsequence ending at each index."""
    tails: list[float] = []
    lengths: list[int] = []
    for value in values:
        pos = bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
        else:
            tails[pos] = value
        lengths.append(pos + 1)
    return lengths


# ---------------------------------------------------------------------------
# Alignment
# ---------------------------------------------------------------------------

# Thresholds.  All are plain similarity levels on 0..1, not fitted to any data.
_STRONG = 0.30  # cosine needed for a 1:1 link anywhere in the document
_SURE = 0.60  # cosine at which a 1:1 link stands even when moved and carried by figures
_GAP = 0.10  # cosine needed for a 1:1 link that keeps the document order
_LONE = 0.04  # cosine needed for a pair in matching position inside a gap
_DENSE_GAP = 400  # gaps with up to this many pairs are scored on all pairs
_PIECE = 0.50  # share of a piece's weight that must be found in the whole
_PIECE_NEAR = 0.25  # the same for a piece next to another piece (ordered documents)
_NEAR = 2  # neighbours of a 1:1 partner considered as further pieces
_COVER_NEAR = 0.35  # cover needed when a piece was accepted by adjacency
_GAIN = 0.04  # share of the whole's weight a further piece must newly cover
_COVER = 0.50  # share of the whole's weight the pieces must cover together
_CANDIDATES = 8  # candidate counterparts kept per point (each direction)
_MIN_POSTING_CAP = 24  # features this rare are always used to find candidates


class _Aligner:
    """State of one :func:`align` call (kept in one object for readability)."""

    def __init__(self, old: Sequence[Unit], new: Sequence[Unit], ordered: bool) -> None:
        self.old = old
        self.new = new
        self.ordered = ordered
        old_tokens = [_tokenise(u.text) for u in old]
        new_tokens = [_tokenise(u.text) for u in new]
        # An acronym used anywhere in the pair is also a feature of every point
        # spelling it out ("US" / "the United States").
        acronyms: set[str] = set()
        for tok in old_tokens + new_tokens:
            acronyms |= tok.acronyms
        self.old_feats = [t.features | (t.initials & acronyms) for t in old_tokens]
        self.new_feats = [t.features | (t.initials & acronyms) for t in new_tokens]

        df: dict[str, int] = defaultdict(int)
        names: set[str] = set()
        for fs in self.old_feats + self.new_feats:
            for f in fs:
                df[f] += 1
        for tok in old_tokens + new_tokens:
            names |= tok.names | tok.acronyms
        total = len(old) + len(new)
        w2: dict[str, float] = {}
        for f, d in df.items():
            idf = math.log((total + 1) / (d + 0.5))
            if idf < 0.05:
                idf = 0.05
            if f[0] == "#":
                idf *= _NUMBER_FACTOR if f[1] in "e~" else _NUMBER_BOOST
            elif f[0] == "~":
                idf *= _CONCEPT_FACTOR
            elif " " in f:
                idf *= _BIGRAM_FACTOR
            elif f in names:
                idf *= _NAME_BOOST
            w2[f] = idf * idf
        self.w2 = w2
        self.old_norm = [sum(w2[f] for f in fs) or 1e-12 for fs in self.old_feats]
        self.new_norm = [sum(w2[f] for f in fs) or 1e-12 for fs in self.new_feats]
        # Containment is measured on single words and numbers only: bigrams are
        # broken by the cut of a split and by small insertions.
        self.old_word_norm = [
            sum(w2[f] for f in fs if " " not in f) or 1e-12 for fs in self.old_feats
        ]
        self.new_word_norm = [
            sum(w2[f] for f in fs if " " not in f) or 1e-12 for fs in self.new_feats
        ]
        # List headers (see absorb_headers) never join a link by adjacency alone.
        self.old_headers = {h for h, _ in _children(old)}
        self.new_headers = {h for h, _ in _children(new)}
        self.old_norm_key = [normalise(u.text) for u in old]
        self.new_norm_key = [normalise(u.text) for u in new]

        # pair -> (cosine, share of old found in new, share of new found in old, word cosine)
        self.pair_cache: dict[tuple[int, int], tuple[float, float, float, float]] = {}
        self.old_cands: list[list[int]] = [[] for _ in old]
        self.new_cands: list[list[int]] = [[] for _ in new]

    # -- similarity ---------------------------------------------------------

    def pair(self, i: int, j: int) -> tuple[float, float, float, float]:
        """(cosine, containment of old i in new j, containment of new j in old i, word cosine).

        Cosine is over all features; containments ("share of one side's weight
        found in the other") and the word cosine over single words, numbers and
        concepts only.  Bigrams make the cosine precise for near-copies but
        penalise paraphrase twice, so weak evidence is judged on words.
        """
        key = (i, j)
        hit = self.pair_cache.get(key)
        if hit is not None:
            return hit
        a, b = self.old_feats[i], self.new_feats[j]
        if len(a) > len(b):
            a, b = b, a
        w2 = self.w2
        inter = inter_words = 0.0
        for f in a:
            if f in b:
                inter += w2[f]
                if " " not in f:
                    inter_words += w2[f]
        na, nb = self.old_norm[i], self.new_norm[j]
        value = (
            inter / math.sqrt(na * nb),
            inter_words / self.old_word_norm[i],
            inter_words / self.new_word_norm[j],
            inter_words / math.sqrt(self.old_word_norm[i] * self.new_word_norm[j]),
        )
        self.pair_cache[key] = value
        return value

    def find_candidates(self) -> None:
        """Fill old_cands/new_cands from an inverted index over rare features."""
        n_old, n_new = len(self.old), len(self.new)
        if not n_old or not n_new:
            return
        cap = max(_MIN_POSTING_CAP, int(math.sqrt(max(n_old, n_new))))
        postings: dict[str, list[int]] = defaultdict(list)
        for j, fs in enumerate(self.new_feats):
            for f in fs:
                postings[f].append(j)
        w2 = self.w2
        new_norm = self.new_norm
        per_new: list[list[tuple[float, int]]] = [[] for _ in range(n_new)]
        keep = 3 * _CANDIDATES  # per old point, offered to the new side
        for i, fs in enumerate(self.old_feats):
            acc: dict[int, float] = defaultdict(float)
            for f in fs:
                plist = postings.get(f)
                if plist is None or len(plist) > cap:
                    continue
                weight = w2[f]
                for j in plist:
                    acc[j] += weight
            if not acc:
                continue
            # Rank by overlap / sqrt(norm of new); the old norm is a constant here.
            scored = heapq.nsmallest(
                keep, ((-inter / math.sqrt(new_norm[j]), j) for j, inter in acc.items())
            )
            self.old_cands[i] = [j for _, j in scored[:_CANDIDATES]]
            scale = math.sqrt(self.old_norm[i])
            for s, j in scored:
                per_new[j].append((s / scale, i))
        for j, lst in enumerate(per_new):
            lst.sort()
            self.new_cands[j] = [i for _, i in lst[:_CANDIDATES]]
        # Make the relation symmetric so both passes see the same pairs.
        for i, js in enumerate(self.old_cands):
            for j in js:
                if i not in self.new_cands[j]:
                    self.new_cands[j].append(i)
        for j, is_ in enumerate(self.new_cands):
            for i in is_:
                if j not in self.old_cands[i]:
                    self.old_cands[i].append(j)

    def candidate_pairs(self) -> list[tuple[int, int]]:
        return [(i, j) for i, js in enumerate(self.old_cands) for j in js]

    def position_gap(self, i: int, j: int) -> float:
        """Distance of relative positions; a tie-breaker only."""
        return abs((i + 0.5) / len(self.old) - (j + 0.5) / len(self.new))

    # -- main procedure -------------------------------------------------------

    def run(self) -> list[Link]:
        self.find_candidates()
        # groups: list of (old indexes, new indexes); membership maps.
        self.old_group: list[int | None] = [None] * len(self.old)
        self.new_group: list[int | None] = [None] * len(self.new)
        self.groups: list[tuple[list[int], list[int]] | None] = []

        self.greedy_one_to_one(self.candidate_pairs(), _STRONG)
        self.expand()
        self.undo_unsupported_moves()
        self.weak_links()
        for _ in range(8):  # each round can only shrink the gaps
            if not self.fill_gaps():
                break
        self.expand()
        if self.undo_unsupported_moves():
            self.fill_gaps()
            self.undo_unsupported_moves()
        self.absorb_headers()
        return self.build_links()

    def word_support(self, i: int, j: int) -> float:
        """The part of the cosine of (i, j) that comes from words, not figures."""
        a, b = self.old_feats[i], self.new_feats[j]
        shared = sum(self.w2[f] for f in a & b if f[0] != "#")
        return shared / math.sqrt(self.old_norm[i] * self.new_norm[j])

    def undo_unsupported_moves(self) -> bool:
        """Undo moved 1:1 links whose words alone do not reach _STRONG (unless near-copies); True if any.

        A move is a strong claim.  Figures recur across unrelated clauses ("24
        hours", "30 days") far more than distinctive wording does, so a link
        that would be reported as moved must be strong on its words alone.
        """
        if not self.ordered:
            return False
        live = [(gid, g) for gid, g in enumerate(self.groups) if g is not None]
        flags = mark_moves([(g[0], g[1]) for _, g in live])
        undone = False
        for (gid, (olds, news)), (moved, _) in zip(live, flags):
            if moved and len(olds) == 1 and len(news) == 1:
                i, j = olds[0], news[0]
                # A near-copy stands wherever it went: a short point with a figure has little
                # word weight, but "Elections within 100 days" moved is still the same point.
                if self.word_support(i, j) < _STRONG and self.pair(i, j)[0] < _SURE:
                    self.remove_group(gid)
                    undone = True
        return undone

    def absorb_headers(self) -> None:
        """Join an unlinked list header to the link its sub-points went into.

        A header is a point whose text ends with a colon and that is followed by
        its sub-points: the next points whose keys extend its key with a
        non-digit ("21" -> "21a", "21.1"; see :func:`_children`).  Its own words
        are mostly a title ("Territorial arrangements:"), so it rarely finds a
        counterpart of its own.  When it is unlinked, some of its sub-points are
        linked, all of them into one link with a single point X on the other
        side, and the header shares at least one feature with X, the header
        joins that link, with its unlinked sub-points that share a feature with
        X: the sub-points and their header became X together (a merge, or
        mirrored, a split).
        """
        for forward in (True, False):
            units = self.old if forward else self.new
            own_group = self.old_group if forward else self.new_group
            for h, children in _children(units):
                if own_group[h] is not None:
                    continue
                gids = {own_group[c] for c in children} - {None}
                if len(gids) != 1:
                    continue
                gid = gids.pop()
                group = self.groups[gid]
                assert group is not None
                olds, news = group
                others = news if forward else olds
                if len(others) != 1:
                    continue
                x = others[0]

                def evidence(p: int) -> float:
                    return self.pair(p, x)[3] if forward else self.pair(x, p)[3]

                if evidence(h) <= 0:
                    continue
                # Unlinked sub-points that share wording with X went the same way.
                joining = [h] + [c for c in children if own_group[c] is None and evidence(c) > 0]
                self.remove_group(gid)
                if forward:
                    self.add_group(olds + joining, news)
                else:
                    self.add_group(olds, news + joining)

    def weak_links(self) -> None:
        """Link weaker 1:1 pairs (word cosine >= _GAP) anywhere, unless that claims a move.

        Best first over the candidate pairs.  In an ordered document a move is a
        strong claim, so a weak link that ends up moved (see :func:`mark_moves`,
        computed over all links) is undone and its points are left to the gap
        pass.
        """
        first_new = len(self.groups)
        self.greedy_one_to_one(self.candidate_pairs(), _GAP, measure=3)
        if not self.ordered or len(self.groups) == first_new:
            return
        live = [(gid, g) for gid, g in enumerate(self.groups) if g is not None]
        flags = mark_moves([(g[0], g[1]) for _, g in live])
        for (gid, _), (moved, _) in zip(live, flags):
            if moved and gid >= first_new:
                self.remove_group(gid)

    def add_group(self, olds: list[int], news: list[int]) -> None:
        gid = len(self.groups)
        self.groups.append((sorted(olds), sorted(news)))
        for i in olds:
            self.old_group[i] = gid
        for j in news:
            self.new_group[j] = gid

    def remove_group(self, gid: int) -> None:
        group = self.groups[gid]
        assert group is not None
        for i in group[0]:
            self.old_group[i] = None
        for j in group[1]:
            self.new_group[j] = None
        self.groups[gid] = None

    def greedy_one_to_one(
        self, pairs: Iterable[tuple[int, int]], threshold: float, measure: int = 0
    ) -> None:
        """Link free pairs best first; each accepted pair is mutually best of the rest.

        ``measure`` indexes :meth:`pair`'s result: 0 the cosine, 3 the word cosine.
        """
        scored = []
        for i, j in pairs:
            if self.old_group[i] is not None or self.new_group[j] is not None:
                continue
            cos = self.pair(i, j)[measure]
            if cos >= threshold:
                scored.append((-round(cos, 12), self.position_gap(i, j), i, j))
        scored.sort()
        for _, _, i, j in scored:
            if self.old_group[i] is None and self.new_group[j] is None:
                self.add_group([i], [j])

    def gaps(self) -> list[tuple[list[int], list[int]]]:
        """Free old and new points grouped by the gap between in-order links.

        For an ordered pair, the links that are not moved form a chain; the free
        points lying after chain link k-1 and before chain link k (in both
        documents) share gap k.  Without order, all free points share one gap.
        """
        free_old = [i for i in range(len(self.old)) if self.old_group[i] is None]
        free_new = [j for j in range(len(self.new)) if self.new_group[j] is None]
        if not self.ordered:
            return [(free_old, free_new)] if free_old and free_new else []
        live = [g for g in self.groups if g is not None]
        flags = mark_moves([(g[0], g[1]) for g in live])
        anchors = sorted((min(g[0]), min(g[1])) for g, (moved, _) in zip(live, flags) if not moved)
        old_starts = [-1] + [a[0] for a in anchors]
        new_starts = [-1] + [a[1] for a in anchors]
        gaps_old: dict[int, list[int]] = defaultdict(list)
        gaps_new: dict[int, list[int]] = defaultdict(list)
        for i in free_old:
            gaps_old[bisect_right(old_starts, i)].append(i)
        for j in free_new:
            gaps_new[bisect_right(new_starts, j)].append(j)
        return [(olds, gaps_new[k]) for k, olds in sorted(gaps_old.items()) if gaps_new.get(k)]

    def fill_gaps(self) -> bool:
        """Link weaker 1:1 pairs that keep the document order; True if any was made.

        Without order, the free points form one gap and pairs with word cosine
        >= _GAP are linked best first.  With order, each gap (the free points
        between two consecutive in-order links) is aligned like two sequences
        (Needleman-Wunsch with free gaps): the chosen pairs never cross, and
        together they maximise the sum of ``word cosine - threshold``.  The
        threshold depends on position: _LONE for a pair at the same relative
        place in a gap holding as many old as new points (a block rewritten in
        place, as a line diff sees it, e.g. the only old and only new point of
        a gap), rising linearly to _GAP for pairs half a gap or more apart.  In
        a gap with m old and n new points the lowering is scaled by
        min(m, n) / max(m, n): there at least |m - n| points are dropped, added,
        split or merged, so position says less.  So position only decides how much
        lexical evidence is enough, and a weak pair in matching position wins
        over a drop plus an addition, but never over a better-matching order.
        """
        before = sum(g is not None for g in self.groups)
        if not self.ordered:
            pairs: list[tuple[int, int]] = []
            for olds, news in self.gaps():
                pairs.extend(self.gap_pairs(olds, news))
            self.greedy_one_to_one(pairs, _GAP, measure=3)
        else:
            for olds, news in self.gaps():
                for i, j in self.align_gap(olds, news):
                    self.add_group([i], [j])
        return sum(g is not None for g in self.groups) > before

    def gap_pairs(self, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
        """All pairs of a small gap; the candidate pairs of a large one."""
        if len(olds) * len(news) <= _DENSE_GAP:
            return [(i, j) for i in olds for j in news]
        news_set = set(news)
        return [(i, j) for i in olds for j in self.old_cands[i] if j in news_set]

    def align_gap(self, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
        """The best non-crossing set of pairs inside one gap (see :meth:`fill_gaps`).

        A weighted longest-increasing-subsequence over the scored pairs, with a
        Fenwick tree of prefix maxima over new positions: O(P log n) for P
        pairs, so large gaps (scored on candidate pairs only) stay cheap.
        """
        m, n = len(olds), len(news)
        balance = min(m, n) / max(m, n)
        rank_new = {j: r for r, j in enumerate(news)}
        rank_old = {i: r for r, i in enumerate(olds)}
        scored: list[tuple[int, int, float]] = []  # (old rank, new rank, weight)
        for i, j in self.gap_pairs(olds, news):
            a, b = rank_old[i], rank_new[j]
            shift = abs((a + 0.5) / m - (b + 0.5) / n)
            in_place = balance * max(0.0, 1.0 - 2 * shift)
            threshold = _GAP - (_GAP - _LONE) * in_place
            weight = self.pair(i, j)[3] - threshold
            if weight > 0:
                scored.append((a, b, weight))
        if not scored:
            return []
        scored.sort(key=lambda t: (t[0], -t[1]))
        # tree[k]: best (total, index) over chains ending at new rank < k (1-based).
        tree: list[tuple[float, int]] = [(0.0, -1)] * (n + 1)
        best_total: list[float] = []
        back: list[int] = []

        def query(k: int) -> tuple[float, int]:
            best = (0.0, -1)
            while k > 0:
                if tree[k][0] > best[0]:
                    best = tree[k]
                k -= k & -k
            return best

        def update(k: int, value: tuple[float, int]) -> None:
            k += 1
            while k <= n:
                if value[0] > tree[k][0]:
                    tree[k] = value
                k += k & -k

        # Pairs of one old point are sorted by decreasing new rank, so a chain
        # never holds two pairs of the same old point.
        for idx, (a, b, w) in enumerate(scored):
            prev_total, prev_idx = query(b)
            best_total.append(prev_total + w)
            back.append(prev_idx)
            update(b, (prev_total + w, idx))
        end = max(range(len(scored)), key=lambda k: (best_total[k], -k))
        chosen: list[tuple[int, int]] = []
        while end >= 0:
            a, b, _ = scored[end]
            chosen.append((olds[a], news[b]))
            end = back[end]
        return chosen[::-1]

    def expand(self) -> None:
        """Detect splits (old -> several new) and merges (several old -> new)."""
        proposals = []
        for i in range(len(self.old)):
            prop = self.propose(i, forward=True)
            if prop:
                proposals.append(prop)
        for j in range(len(self.new)):
            prop = self.propose(j, forward=False)
            if prop:
                proposals.append(prop)
        proposals.sort(key=lambda p: (-round(p[0], 12), p[1], p[2]))
        for score, direction, whole, pieces, partner_gid in proposals:
            # Re-check that everything involved is still as when proposed.
            if direction == 0:
                whole_gid = self.old_group[whole]
                piece_gids = [self.new_group[j] for j in pieces]
            else:
                whole_gid = self.new_group[whole]
                piece_gids = [self.old_group[i] for i in pieces]
            if whole_gid != partner_gid:
                continue
            if any(g is not None and g != partner_gid for g in piece_gids):
                continue
            if partner_gid is not None:
                self.remove_group(partner_gid)
            if direction == 0:
                self.add_group([whole], list(pieces))
            else:
                self.add_group(list(pieces), [whole])

    def propose(self, whole: int, forward: bool):
        """Best split (forward) or merge proposal for one point, or None.

        A proposal is (score, direction, whole, pieces, partner group id).  The
        point's current 1:1 partner, if any, is the first piece; further pieces
        must be unlinked, mostly contained in the whole, and newly cover part of
        it.
        """
        if forward:
            gid = self.old_group[whole]
            whole_feats = _words(self.old_feats[whole])
            whole_norm = self.old_word_norm[whole]
            cands = self.old_cands[whole]
            piece_feats = self.new_feats
            piece_group = self.new_group

            def containment(p: int) -> float:
                return self.pair(whole, p)[2]
        else:
            gid = self.new_group[whole]
            whole_feats = _words(self.new_feats[whole])
            whole_norm = self.new_word_norm[whole]
            cands = self.new_cands[whole]
            piece_feats = self.old_feats
            piece_group = self.old_group

            def containment(p: int) -> float:
                return self.pair(p, whole)[1]

        partner: int | None = None
        if gid is not None:
            group = self.groups[gid]
            assert group is not None
            olds, news = group
            if len(olds) != 1 or len(news) != 1:
                return None  # already part of a split or merge
            partner = news[0] if forward else olds[0]

        count = len(piece_group)
        pool = set(p for p in cands if piece_group[p] is None)
        if self.ordered and partner is not None:
            # Neighbours of the partner are candidates even when their wording
            # shares too little with the whole to be among its candidates.
            for p in range(max(0, partner - _NEAR), min(count, partner + _NEAR + 1)):
                if piece_group[p] is None:
                    pool.add(p)
        scored = sorted(((containment(p), p) for p in pool), key=lambda cp: (-cp[0], cp[1]))
        strong = [(c, p) for c, p in scored if c >= _PIECE]
        headers = self.new_headers if forward else self.old_headers
        near = [(c, p) for c, p in scored if _PIECE_NEAR <= c < _PIECE and p not in headers]
        if not self.ordered:
            near = []
        if partner is None and not strong:
            return None
        w2 = self.w2
        pieces: list[int] = []
        covered: set[str] = set()
        covered_weight = 0.0
        contains: list[float] = []

        def take(c: float, p: int) -> bool:
            nonlocal covered, covered_weight
            new = (whole_feats & piece_feats[p]) - covered
            gain = sum(w2[f] for f in new)
            if gain / whole_norm < _GAIN:
                return False
            pieces.append(p)
            contains.append(c)
            covered |= new
            covered_weight += gain
            return True

        if partner is not None:
            pieces.append(partner)
            contains.append(containment(partner))
            covered = set(whole_feats & piece_feats[partner])
            covered_weight = sum(w2[f] for f in covered)
        first_cover = covered_weight / whole_norm
        for c, p in strong:
            take(c, p)
        # Reworded pieces: less of their wording is found in the whole, so they
        # are accepted only next to a piece already taken (in their document).
        used_near = False
        changed = bool(pieces)
        while changed and near:
            changed = False
            for c, p in list(near):
                if any(abs(p - q) == 1 for q in pieces) and take(c, p):
                    near.remove((c, p))
                    used_near = changed = True
                    break
        if len(pieces) < 2:
            return None
        cover = covered_weight / whole_norm
        if cover < (_COVER_NEAR if used_near else _COVER):
            return None
        if partner is not None and containment(partner) < _PIECE and cover < first_cover + 2 * _GAIN:
            return None
        score = 0.5 * (cover + sum(contains) / len(contains))
        return (score, 0 if forward else 1, whole, tuple(sorted(pieces)), gid)

    # -- output ---------------------------------------------------------------

    def group_score(self, olds: list[int], news: list[int]) -> float:
        if len(olds) == 1 and len(news) == 1:
            return self.pair(olds[0], news[0])[0]
        if len(olds) == 1:
            whole, pieces = olds[0], news
            feats_whole, norm = _words(self.old_feats[whole]), self.old_word_norm[whole]
            union = set().union(*(self.new_feats[j] for j in pieces))
            contains = [self.pair(whole, j)[2] for j in pieces]
        else:
            whole, pieces = news[0], olds
            feats_whole, norm = _words(self.new_feats[whole]), self.new_word_norm[whole]
            union = set().union(*(self.old_feats[i] for i in pieces))
            contains = [self.pair(i, whole)[1] for i in pieces]
        cover = sum(self.w2[f] for f in feats_whole & union) / norm
        return 0.5 * (cover + sum(contains) / len(contains))

    def best_similarity_old(self, i: int) -> float:
        return max((self.pair(i, j)[0] for j in self.old_cands[i]), default=0.0)

    def best_similarity_new(self, j: int) -> float:
        return max((self.pair(i, j)[0] for i in self.new_cands[j]), default=0.0)

    def build_links(self) -> list[Link]:
        live = [g for g in self.groups if g is not None]
        if self.ordered:
            flags = mark_moves([(g[0], g[1]) for g in live])
        else:
            flags = [(False, False)] * len(live)
        entries: list[tuple[tuple[int, int], Link]] = []
        for (olds, news), (moved, _ambiguous) in zip(live, flags):
            if len(olds) == 1 and len(news) == 1:
                i, j = olds[0], news[0]
                if self.old_norm_key[i] == self.new_norm_key[j]:
                    kind, score = "unchanged", 1.0
                else:
                    kind, score = "reworded", self.pair(i, j)[0]
            else:
                kind = "split" if len(olds) == 1 else "merged"
                score = self.group_score(olds, news)
            link = Link(
                left=tuple(self.old[i].key for i in olds),
                right=tuple(self.new[j].key for j in news),
                kind=kind,
                moved=moved,
                score=_clip(score),
            )
            entries.append(((olds[0], news[0]), link))
        for i in range(len(self.old)):
            if self.old_group[i] is None:
                link = Link((self.old[i].key,), (), "dropped", False, _clip(1 - self.best_similarity_old(i)))
                entries.append(((i, -1), link))
        entries.sort(key=lambda e: e[0])
        return _place_added(entries, self)


def _place_added(entries: list[tuple[tuple[int, int], Link]], aligner: _Aligner) -> list[Link]:
    """Insert each added point right after the link holding the preceding new point."""
    added_after: dict[int, list[Link]] = defaultdict(list)  # new index -> added links after it
    for j in range(len(aligner.new)):
        if aligner.new_group[j] is None:
            score = _clip(1 - aligner.best_similarity_new(j))
            added_after[j - 1].append(Link((), (aligner.new[j].key,), "added", False, score))
    new_index_of = {u.key: j for j, u in enumerate(aligner.new)}
    # Flatten consecutive additions: an addition after another addition chains.
    result: list[Link] = []

    def emit_after(new_index: int) -> None:
        for link in added_after.get(new_index, []):
            result.append(link)
            emit_after(new_index_of[link.right[0]])

    emit_after(-1)
    for (_, _), link in entries:
        result.append(link)
        if link.right:
            # The additions following any of this link's new points come after it.
            for key in link.right:
                emit_after(new_index_of[key])
    return result


def _children(units: Sequence[Unit]) -> list[tuple[int, list[int]]]:
    """List headers and their sub-points: (header index, sub-point indexes).

    A header's text ends with a colon; its sub-points are the points right
    after it whose keys are its key followed by a non-digit ("10" -> "10a",
    "10.1", "10-b").  Headers without such sub-points are not listed.
    """
    result = []
    for h, unit in enumerate(units):
        if not unit.text.rstrip().endswith(":"):
            continue
        key = unit.key
        children = []
        for c in range(h + 1, len(units)):
            other = units[c].key
            if len(other) > len(key) and other.startswith(key) and not other[len(key)].isdigit():
                children.append(c)
            else:
                break
        if children:
            result.append((h, children))
    return result


def _words(feats: frozenset[str]) -> frozenset[str]:
    """The single-word and number features of a feature set (no bigrams)."""
    return frozenset(f for f in feats if " " not in f)


def _clip(value: float) -> float:
    return 0.0 if value < 0 else 1.0 if value > 1 else value


def align(old: Sequence[Unit], new: Sequence[Unit], *, ordered: bool = True) -> list[Link]:
    """Align two versions of a numbered document point by point.

    Inputs: ``old`` and ``new`` are the points of each version in document
    order, with keys unique within each version (``ValueError`` otherwise).
    ``ordered=False`` declares that at least one side's numbering is a placeholder
    (``g1``..``g5``) without meaningful order: no link is then ``moved``, and
    position is not used at all.

    Output: a list of :class:`Link` such that every old key and every new key
    occurs in exactly one link.  Order: links are sorted by their first old
    point (dropped points included); ties cannot occur.  An ``added`` link comes
    right after the link holding the new point that precedes it (additions
    before the first new point come first), so reading the ``right`` keys in
    list order gives the new document order wherever the links are in order.
    The result depends only on the input (no randomness, no hashing order).

    ``moved`` follows the README: see :func:`mark_moves`.
    """
    for name, units in (("old", old), ("new", new)):
        keys = [u.key for u in units]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate keys in {name} document")
    aligner = _Aligner(old, new, ordered)
    return aligner.run()
