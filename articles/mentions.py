"""Mention detection: which points of which plan version does a text talk about?

Pure Python (standard library only, no Django).  The entry point is :class:`MentionFinder`, built
once from a catalogue of :class:`CatalogVersion` objects (all indexes are computed in
``__init__``) and then queried with :meth:`MentionFinder.find` for any number of texts.

How a text is read
------------------
1. The text is split into sentences (abbreviations, initials, decimal/thousand separators and
   Cyrillic are handled) and each sentence into clauses at ``;`` and ``:``.
2. Every sentence is scanned for

   * *version cues*: how the press names a version - its point count ("28-point", "28 points",
     "28-пунктний", "28 пунктів", "28-Punkte-Plan", "28 de puncte", "from 28 to 19 points") and
     the distinctive words of its label ("counter-proposal", "Geneva", "Paris Declaration",
     "Berlin statement", "prosperity plan", ...), the latter weaker and fading with the time
     elapsed since the version appeared;
   * *explicit references*: "point 7", "points 7 and 12", "points 3-5", "item 12", "clause 10a",
     "пункт 7"/"пункті 7"/"14-го пункта", "Punkt 7", "punctul 7";
   * *figures*: 600,000 / 800 000 / $100 billion / €100bn / 100 days / 50% / ten years, normalised
     to (value, kind) keys;
   * *names*: proper names of the catalogue (Zaporizhzhia, Donbas, Crimea, NATO, Article 5, ...),
     folded to one canonical form through a small table of spellings and transliterations;
   * *content words*: lower-cased, stop words removed, lightly stemmed, with a small generic table
     of negotiation vocabulary folded into concepts (army/troops/forces, cap/limit/ceiling,
     amnesty/pardon, truce/ceasefire, station/deploy/host, reaffirm/confirm/uphold, ...).
3. Each clause is compared with every point sharing a feature with it (inverted indexes).  A
   point's score adds the rarity weights (IDF over all points of the catalogue) of the figures and
   names it shares with the clause, a figure or name counting only for the best-matching point of
   each version that contains it, and a tf-idf cosine of the content words (the paraphrase score).
   The paraphrase score is also taken over the items of an enumeration inside the clause ("a
   600,000 cap, a NATO ban and an amnesty": split at commas, dashes and conjunctions; each item
   alone and with its neighbour) and over sliding windows, so that one provision of a long list is
   not drowned by the others; such a part must share at least two words and either enough weight
   in absolute terms or most of a short point's weight.  A match resting on a name alone needs a
   higher score than other matches.  A heading point ("Territorial arrangements:") is matched by a
   clause on its topic that none of its sub-points explains; a sub-point found does not by itself
   make its heading discussed.
4. Version attribution.  An article mostly follows the versions it names; a sentence follows the
   versions it names itself, otherwise those of the closest preceding sentence that named any,
   otherwise all versions the article names.  A sentence about what an earlier text held ("the
   clause was removed", "no longer", "the earlier draft") also reads the ancestors of those
   versions, and one naming "the US draft/plan/version" the earliest US-labelled version.  A point
   match is kept in those versions; a figure or
   name that none of them contains goes to a version the article names elsewhere, otherwise to the
   latest version that existed when the article was published (the ``published`` date also rules
   out versions that appeared later, with a short grace period for pre-publication reports).
5. One :class:`Mention` per (version, point) with the best evidence; version-level mentions
   (``point=None``) for versions named by a strong cue.

Confidence is calibrated by kind: explicit references 0.85-0.97, figures 0.6-0.9, names 0.5-0.85,
paraphrases 0.3-0.75, version-level 0.45-0.9; a match outside the versions the text names is
discounted.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

__all__ = [
    "CatalogPoint",
    "CatalogVersion",
    "Mention",
    "MentionFinder",
    "REASONS",
    "DEMO_DATA_DIR",
    "load_catalog",
    "split_sentences",
    "stem",
    "extract_figures",
    "extract_explicit_refs",
]

DEMO_DATA_DIR = Path(__file__).resolve().parent.parent / "plans" / "demo_data"

REASONS = ("explicit", "figure", "name", "paraphrase", "version")

# --------------------------------------------------------------------------------------------
# Data classes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogPoint:
    """One numbered point of a plan version.

    ``number`` is the point's label as a string ("7", "10a", "g2"); ``text`` its wording.
    ``parent`` (optional) is the number of the point a sub-point belongs to.
    """

    number: str
    text: str
    parent: str | None = None


def _count_names_from_label(label: str) -> tuple[int, ...]:
    """Point counts a label gives the version itself ("28-point draft", "(19 points)").

    A count that refers to another document ("companion to the 28-point plan",
    "counter-proposal to the 28-point plan") is not the version's own name and is skipped.
    """
    found: list[int] = []
    for m in re.finditer(r"(\d{1,3})[\s-]+points?\b", label, re.IGNORECASE):
        before = label[max(0, m.start() - 12): m.start()].lower()
        if re.search(r"\b(to|of|on|with|from) the\s*$", before):
            continue
        n = int(m.group(1))
        if n not in found:
            found.append(n)
    return tuple(found)


@dataclass(frozen=True)
class CatalogVersion:
    """One version (draft, counter-proposal, companion document...) of the plan.

    ``slug`` identifies it, ``label`` is its human name, ``date`` when it appeared (leak,
    publication or presentation), ``points`` its points in document order.
    ``point_count_names``: the point counts the press uses to name it, e.g. ``(28,)`` for the
    28-point draft; when empty it is derived from the label ("28-point", "(19 points)").
    ``aliases``: optional extra names ("Witkoff plan"); matched case-insensitively as strong cues.
    ``parent``: optional slug of the version it derives from (lineage); a text contrasting a version
    with its parent or child is read with both in mind.
    """

    slug: str
    label: str
    date: datetime.date
    points: tuple[CatalogPoint, ...]
    point_count_names: tuple[int, ...] = ()
    aliases: tuple[str, ...] = ()
    parent: str | None = None

    def __post_init__(self) -> None:
        if not self.point_count_names:
            object.__setattr__(self, "point_count_names", _count_names_from_label(self.label))


@dataclass(frozen=True)
class Mention:
    """A detected mention.

    ``version``: slug; ``point``: point number, or ``None`` when the text discusses the version as a
    whole; ``confidence`` in [0, 1]; ``evidence``: the sentence of the text that supports it
    (verbatim, whitespace-normalised); ``reason``: one of ``REASONS`` - "explicit" (the text cites
    the point number), "figure" (a distinctive figure), "name" (a distinctive name), "paraphrase"
    (wording close to the point), "version" (version-level mention, or a point implied by a text
    that states it reproduces the whole version).
    """

    version: str
    point: str | None
    confidence: float
    evidence: str
    reason: str


# --------------------------------------------------------------------------------------------
# Catalogue loading
# --------------------------------------------------------------------------------------------


def load_catalog(path: str | Path | None = None) -> list[CatalogVersion]:
    """Read ``plan_versions.json`` (default: the demo data) into :class:`CatalogVersion` objects.

    Output keeps the file's order; every point keeps its number, text and parent.
    """
    path = Path(path) if path is not None else DEMO_DATA_DIR / "plan_versions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    versions = data["versions"] if isinstance(data, dict) else data
    out: list[CatalogVersion] = []
    for v in versions:
        points = tuple(
            CatalogPoint(number=str(p["number"]), text=p["text"], parent=p.get("parent"))
            for p in v.get("points", [])
        )
        out.append(
            CatalogVersion(
                slug=v["slug"],
                label=v["label"],
                date=datetime.date.fromisoformat(v["date"]),
                points=points,
                point_count_names=tuple(v.get("point_count_names") or ()),
                aliases=tuple(v.get("aliases") or ()),
                parent=v.get("parent"),
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# Sentence splitting
# --------------------------------------------------------------------------------------------

_ABBREVIATIONS = {
    # English
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gen", "col", "lt", "gov", "pres",
    "jr", "sr", "vs", "etc", "e.g", "i.e", "cf", "no", "nos", "art", "para", "approx", "inc",
    "ltd", "co", "corp", "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "fig", "vol", "p", "pp", "bn", "mln",
    # Ukrainian / Russian
    "ст", "п", "пп", "т", "тис", "тыс", "млн", "млрд", "грн", "руб", "р", "г", "гг", "ім", "им",
    "див", "см", "напр", "проф", "д", "пр", "вул", "ул", "обл", "м", "ін", "др",
    # German / Romanian
    "bzw", "z.b", "nr", "abs", "ca", "vgl", "dt", "hr", "fr", "mio", "mrd", "sog", "d.h", "u.a",
    "dl", "dna", "str",
}

_SENT_END = re.compile(r"([.!?…]+)([\"'”»)\]]*)\s+")
_UPPER_START = re.compile(r"[\"'“«(\[]*[A-ZА-ЯЁІЇЄҐ0-9ĂÂÎȘȚÄÖÜ]")


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    Input: any text (English, Ukrainian, Russian, German, Romanian).  Output: the non-empty
    sentences in order, whitespace-normalised; joining them back gives the text's words in the same
    order.  A full stop ends a sentence only when followed by whitespace and a capital letter, digit
    or opening quote, and not preceded by a known abbreviation or a single-letter initial
    ("Donald J. Trump"); "600,000", "$1.5 billion" and "U.S. officials" stay whole.  Line breaks
    always end a sentence.
    """
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n|\r?\n", text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for m in _SENT_END.finditer(block):
            end = m.end()
            if not _UPPER_START.match(block, end):
                continue
            punct = m.group(1)
            if punct.startswith("."):
                word_m = re.search(r"([\w.]+)$", block[start: m.start()])
                word = word_m.group(1).lower() if word_m else ""
                if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
                    continue
                if len(word) == 1 and word.isalpha() and word.upper() == word_m.group(1):
                    continue  # initial: "Donald J. Trump"
            sentence = block[start: m.start() + len(m.group(1)) + len(m.group(2))].strip()
            if sentence:
                sentences.append(sentence)
            start = end
        tail = block[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def _clauses(sentence: str) -> list[str]:
    """Clauses of a sentence: split at ';' and at ':' (lists), keeping only substantive parts."""
    parts = [p.strip() for p in re.split(r"[;:]\s+", sentence)]
    return [p for p in parts if len(p) > 2]


_LIST_SEP = re.compile(
    r"\s*,\s+(?:and|or|while|whereas|but|as well as|plus|instead of|rather than)\s+"
    r"|\s*,\s+|\s+[-–—]\s+"
    r"|\s+(?:and|as well as|plus|while|whereas|but|instead of|rather than|alongside)\s+"
    r"|\s+(?:і|та|й|а також|и|а|но|und|sowie|aber|während|și|iar)\s+",
    re.IGNORECASE | re.UNICODE,
)


def _list_items(clause: str) -> list[str]:
    """Items of an enumeration inside a clause: split at commas, dashes and coordinating or
    contrasting conjunctions ("a 600,000 cap, a NATO ban and an amnesty").  Numbers written with
    thousands separators stay whole; empty items are dropped."""
    protected = re.sub(r"(?<=\d),(?=\d{3})", "\u00a7", clause)
    return [p.replace("\u00a7", ",") for p in _LIST_SEP.split(protected) if p and p.strip()]


# --------------------------------------------------------------------------------------------
# Words: tokens, stop words, light stemming, synonyms
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

_STOP_EN = set(
    """a about above after again against all almost also although am among an and any are as at
    be because been before being below between both but by can could did do does doing down during
    each either else even ever every few for from further had has have having he her here hers him
    his how however i if in into is it its itself just least less let like made make many may me
    might more most much must my neither no nor not now of off often on once one only or other
    others otherwise our ours out over own per perhaps rather same several shall she should since
    so some such than that the their theirs them themselves then there these they this those though
    through thus to too under until up upon us very via was we were what whatever when where
    whereas whether which while who whom whose why will with within without would yet you your
    said says say saying told according reported reports report reportedly article outlet also
    including include includes included new would could since still already well way ways
    s t mr ms per cent percent first second third another other whole part parts
    plan plans point points item items provision provisions clause clauses paragraph text draft
    drafts version versions document documents proposal proposals framework""".split()
)
# Small stop lists for the other languages: enough not to match on function words.
_STOP_OTHER = set(
    """і й та але або що як це цей ця ці той та ті на в у з із зі до по за від для про при над під
    не ні так же ж би б вже ще його її їх він вона воно вони ми ви я також який яка яке які де коли
    и а но или что как это этот эта эти тот те на в во с со к ко до по за от для про при над под не
    ни так же бы уже еще его ее их он она оно они мы вы я также который которая которое которые где
    когда der die das den dem des ein eine einer eines einem einen und oder aber dass als wie auf in
    im an am zu zum zur von vom mit bei nach aus für über unter nicht auch noch schon sich er sie es
    wir ihr ist sind war wurde werden wird hat haben si sau dar că ca pe în la de din cu pentru
    despre un o unui unei al ale ai nu și este sunt fost va vor""".split()
)
_STOP = _STOP_EN | _STOP_OTHER

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
}

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_CYR_ENDINGS = sorted(
    """ами ями ого ему ому ими ыми ах ях ов ев ей ий ый ой ая яя ое ее ие ые ую юю ом ем ам ям
    их ых ів ій ої ою ею ям ові еві а я о е и ы у ю і ї є ь""".split(),
    key=len,
    reverse=True,
)
_DE_ENDINGS = ("ungen", "ung", "en", "er", "es", "em", "e", "n", "s")


def _stem_en(w: str) -> str:
    if len(w) <= 3:
        return w
    # British -> American spellings, so both sides meet.
    if len(w) > 5:
        w = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", w)
        w = re.sub(r"our(s)?$", r"or\1", w) if not w.endswith(("four", "hours", "hour")) else w
        if w.endswith("ence") and w[:-4] in ("def", "off", "pret"):
            w = w[:-4] + "ense"
        if w.endswith("tre"):
            w = w[:-3] + "ter"
        if w.endswith("tres"):
            w = w[:-4] + "ters"
    # Step 1: plurals / third person.
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    # Step 2: -ed / -ing.
    for suf in ("ing", "ed"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: -len(suf)]
            if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            if base.endswith("i"):
                base = base[:-1] + "y"
            w = base
            break
    # Step 3: derivational suffixes.
    for suf, rep in (
        ("ational", "ate"), ("ization", "ize"), ("ations", ""), ("ation", ""),
        ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("ments", ""), ("ment", ""),
        ("ness", ""), ("ities", ""), ("ity", ""), ("ally", "al"), ("ly", ""),
    ):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)] + rep
            break
    # Step 4: trailing e's, then "-at" of verbs in -ate (negotiate/negotiation -> negoti).
    stripped = w.rstrip("e")
    if len(stripped) >= 3:
        w = stripped
    if w.endswith("at") and len(w) >= 7:
        w = w[:-2]
    return w


_IRREGULAR = {
    "led": "lead", "given": "give", "gave": "give", "made": "make", "held": "hold", "left": "leave",
    "taken": "take", "took": "take", "brought": "bring", "kept": "keep", "sought": "seek",
    "paid": "pay", "met": "meet", "won": "win", "lost": "lose", "began": "begin", "begun": "begin",
    "drawn": "draw", "drew": "draw", "shown": "show", "seen": "see", "saw": "see", "spent": "spend",
    "written": "write", "wrote": "write", "chosen": "choose", "rose": "rise", "risen": "rise",
    "struck": "strike", "stricken": "strike", "sent": "send", "broke": "break", "broken": "break",
    "fought": "fight", "bound": "bind", "ran": "run", "gone": "go", "went": "go", "done": "do",
    "did": "do", "meant": "mean", "told": "tell", "thought": "think", "built": "build",
    "rebuilt": "rebuild", "sold": "sell", "bought": "buy", "forbidden": "forbid",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light, language-aware stem of one word (lower-cased).

    English: plural, -ed/-ing, a few derivational suffixes, British spellings folded to American.
    Cyrillic: the longest matching inflection ending is removed (the stem keeps >= 4 letters).
    German/Romanian Latin words: a few endings removed.  Deterministic; idempotent enough for
    matching (both sides of a comparison go through the same function).
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        w = _IRREGULAR[w]
    if _CYRILLIC.search(w):
        for end in _CYR_ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 4:
                return w[: -len(end)]
        return w
    if any(c in w for c in "äöüßăâîșțş"):
        for end in _DE_ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 4:
                return w[: -len(end)]
        return w
    return _stem_en(w)


# Domain synonyms folded to one concept (keys are surface words; stemmed at import time).
# Domain synonyms folded to one concept (keys are surface words; stemmed at import time).  A small
# generic table of negotiation vocabulary: how the press rewords the provisions of any peace text.
_SYNONYM_GROUPS = {
    "forc": "army armies military troops troop soldiers soldier personnel forces force servicemen",
    "limit": "cap caps capped capping ceiling ceilings limit limits limited limiting "
             "restriction restrictions restrict restricted",
    "rebuild": "rebuild rebuilding rebuilt reconstruction reconstruct recovery rehabilitation "
               "restoration",
    "frozen": "frozen freeze immobilised immobilized blocked",
    "ceasefire": "ceasefire truce armistice cease-fire",
    "attack": "attack attacks invade invades invaded invasion aggression assault",
    "withdraw": "withdraw withdrawal withdraws withdrawn pull-out pullout pullback pullbacks "
                "leave leaves redeployment retreat",
    "monitor": "monitor monitoring monitored monitors verification surveillance observe observed",
    "elect": "election elections electoral vote voting ballot polls",
    "membership": "membership accession accede join joining joins admitted admit "
                  "admission",
    "prisoner": "prisoner prisoners pow pows captives",
    "detain": "detained detainee detainees detention hostages hostage",
    "power": "electricity power energy",
    "plant": "plant station npp",
    "territor": "territory territories territorial land lands",
    "compensat": "compensation compensate compensated reparations reimburse reimbursed",
    "sovereign": "sovereign sovereignty",
    "guarantee": "guarantee guarantees guaranteed assurances",
    "amnesty": "amnesty amnesties pardon pardons impunity",
    "sanction": "sanction sanctions",
    "asset": "asset assets funds reserves",
    "children": "children child kids minors",
    "nuclear": "nuclear atomic",
    "referendum": "referendum plebiscite",
    "affirm": "affirm affirmed affirms reaffirm reaffirmed reaffirms confirm confirmed confirms "
              "reconfirm reconfirmed uphold upheld honour honoured honor honored",
    "robust": "robust reliable dependable solid firm strong ironclad",
    "deploy": "deploy deployed deployment station stationed stationing base based host hosted "
              "hosts",
    "aircraft": "aircraft jets jet fighters warplanes planes",
    "neutral": "neutral neutrality non-aligned",
    "constitution": "constitution constitutional constitutionally",
    "lift": "lift lifting lifted ease easing eased relief",
    "phase": "phase phases phased stages staged gradual gradually step-by-step incremental",
    "language": "language languages linguistic",
    "religion": "religion religions religious church churches faith",
    "exchange": "exchange exchanges exchanged swap swaps swapped",
    "recogniz": "recognition recognise recognised recognize recognized acknowledge acknowledged",
    "profit": "profit profits income revenue revenues proceeds earnings",
    "recur": "recur recurrence repeat repetition relapse renewal",
    "renounc": "renounce renounced renunciation abandon abandoned forgo forswear",
    "agreement": "agreement agreements accord accords pact pacts",
}
_SYNONYM: dict[str, str] = {}


def _init_synonyms() -> None:
    for concept, words in _SYNONYM_GROUPS.items():
        for w in words.split():
            _SYNONYM[_stem_en(w)] = concept
            _SYNONYM[w] = concept


_init_synonyms()


def _content_stems(text: str) -> list[str]:
    """Content-word stems of ``text`` (stop words, numbers and 1-2 letter words dropped)."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        low = tok.lower()
        if low in _STOP or len(low) <= 2 or low.isdigit() or low in _NUMBER_WORDS:
            continue
        if low in _SYNONYM:
            out.append(_SYNONYM[low])
            continue
        s = stem(low)
        out.append(_SYNONYM.get(s, s))
    return out


# --------------------------------------------------------------------------------------------
# Names: spelling variants and transliterations
# --------------------------------------------------------------------------------------------

# canonical -> regex alternatives (matched case-insensitively, on word boundaries; a trailing
# "\w*" lets inflected forms through).  General transliteration variants and common names only.
_NAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "zaporizhzhia": (
        r"zapori[zž]h?[zž]?h?i?a\w*", r"zaporo[zž]h?[zž]?h?[iy]?[ae]\w*", r"zaporizh\w*",
        r"zaporozh\w*", r"saporischschja", r"saporoschje", r"zaporojie", r"zaporijia",
        r"запоріж\w*", r"запорізьк\w*", r"запорож\w*", r"заес", r"заэс", r"znpp",
    ),
    "donbas": (r"donbass?", r"донбас\w*", r"donbas\w*"),
    "donetsk": (r"donetsk\w*", r"donezk\w*", r"donețk\w*", r"donetk\w*", r"донецьк\w*", r"донецк\w*"),
    "luhansk": (r"luhansk\w*", r"lugansk\w*", r"luhans'k", r"луганськ\w*", r"луганск\w*"),
    "crimea": (r"crimea\w*", r"crimee[a]?\w*", r"krim\b", r"krym\w*", r"крим\b", r"криму\b",
               r"кримськ\w*", r"крым\w*"),
    "kherson": (r"kherson\w*", r"cherson\w*", r"herson\w*", r"херсон\w*"),
    "nato": (r"nato", r"нато", r"otan"),
    "article5": (r"article[\s-]*5", r"articolul\s*5", r"artikel[\s-]*5", r"статт[яіею]\s*5",
                 r"стать[яиеюей]\s*5"),
    "iaea": (r"iaea", r"магате", r"магатэ", r"iaeo", r"aiea"),
    "dnipro": (r"dnipro\w*", r"dnieper\w*", r"dnjepr\w*", r"nipru\w*", r"дніпр\w*", r"днепр\w*"),
    "kakhovka": (r"kakhovk\w*", r"kachowk\w*", r"kahovk\w*", r"каховк\w*"),
    "kinburn": (r"kinburn\w*", r"кінбурн\w*", r"кинбурн\w*"),
    "enerhodar": (r"enerhodar\w*", r"energodar\w*", r"енергодар\w*", r"энергодар\w*"),
    "g8": (r"g[\s-]?8", r"group of eight", r"велик\w* вісімк\w*", r"больш\w* восьм[её]рк\w*"),
    "black sea": (r"black sea", r"чорн\w* мор\w*", r"черн\w* мор\w*", r"schwarz\w* meer\w*",
                  r"marea neagr\w*"),
    "peace council": (r"peace council", r"board of peace", r"рад\w* миру", r"совет\w* мира",
                      r"friedensrat\w*", r"consiliul\w* pentru pace", r"consiliul\w* p[aă]cii"),
    "coalition of the willing": (r"coalition of the willing", r"коаліці\w* охочих",
                                 r"коалици\w* желающих", r"koalition der willigen"),
    "world bank": (r"world bank", r"світов\w* банк\w*", r"всемирн\w* банк\w*", r"weltbank\w*"),
    "blackrock": (r"blackrock",),
    "poland": (r"poland", r"polish", r"польщ\w*", r"польш\w*", r"polen", r"polonia"),
    "congress": (r"congress\w*", r"конгрес\w*", r"kongress\w*"),
    "verkhovna rada": (r"verkhovna rada", r"rada", r"верховн\w* рад\w*"),
    "duma": (r"state duma", r"duma", r"держдум\w*", r"госдум\w*"),
    "start": (r"new start", r"start i\b", r"start treaty", r"снв"),
    "kharkiv": (r"kharkiv\w*", r"kharkov\w*", r"харків\w*", r"харьков\w*", r"charkiw"),
    "sumy": (r"sumy", r"суми", r"сумы", r"сумськ\w*", r"сумск\w*"),
    "mykolaiv": (r"mykolaiv\w*", r"nikolaev\w*", r"миколаїв\w*", r"николаев\w*"),
    "dnipropetrovsk": (r"dnipropetrovsk\w*", r"дніпропетровськ\w*", r"днепропетровск\w*"),
}
# Larger names that imply smaller ones (geography): Donbas = Donetsk + Luhansk regions.
_NAME_IMPLIES: dict[str, tuple[tuple[str, float], ...]] = {
    "donbas": (("donetsk", 0.8), ("luhansk", 0.5)),
}
_NAME_STOP = {
    # capitalised words that are not distinctive names
    "ukraine", "ukrainian", "ukrainians", "ukraine's", "russia", "russian", "russians", "russia's",
    "united", "states", "us", "usa", "america", "american", "europe", "european", "eu", "the",
    "a", "an", "in", "on", "at", "by", "of", "if", "as", "to", "for", "with", "once", "only",
    "every", "each", "both", "all", "after", "under", "should", "outside", "with", "in", "across",
    "after", "aim", "position",
    # actors of the story rather than topics of a point (people, capitals)
    "washington", "kyiv", "moscow", "kremlin", "trump", "donald", "zelensky", "putin", "president",
    # generic parts of multi-word names
    "union", "federation", "kingdom", "white", "house", "central", "western", "eastern", "english",
    "eur", "usd", "abc", "assumed",
    # the negotiating powers themselves
    "france", "germany", "britain", "kingdom",
}


def _build_name_regex() -> tuple[re.Pattern[str], list[str]]:
    parts = []
    names = []
    for i, (canon, alts) in enumerate(_NAME_VARIANTS.items()):
        parts.append(f"(?P<n{i}>" + "|".join(alts) + ")")
        names.append(canon)
    pattern = r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])"
    return re.compile(pattern, re.IGNORECASE | re.UNICODE), names


_NAME_RE, _NAME_CANON = _build_name_regex()


def _table_names(text: str) -> dict[str, float]:
    """Canonical names from the variant table found in ``text`` -> weight factor (1.0 direct)."""
    found: dict[str, float] = {}
    for m in _NAME_RE.finditer(text):
        canon = _NAME_CANON[int(m.lastgroup[1:])]
        if canon == "verkhovna rada" and m.group(0).lower() == "rada" and not m.group(0)[0].isupper():
            continue
        found[canon] = 1.0
        for implied, w in _NAME_IMPLIES.get(canon, ()):
            found[implied] = max(found.get(implied, 0.0), w)
    return found


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|січ\w*|лют\w*|берез\w*|квіт\w*|травн\w*|черв\w*"
    r"|лип\w*|серп\w*|верес\w*|жовт\w*|листопад\w*|груд\w*|январ\w*|феврал\w*|март\w*|апрел\w*"
    r"|ма[яй]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|januar|februar"
    r"|märz|mai|juni|juli|oktober|dezember|ianuarie|februarie|martie|aprilie|iunie|iulie"
    r"|noiembrie|decembrie"
)
_SCALE = [
    (r"trillion|trn|трлн|трильйон\w*|триллион\w*|billion\w*|bn|млрд\.?|мільярд\w*|миллиард\w*"
     r"|milliarde\w*|mrd\.?|miliard\w*", 1e9),
    (r"million\w*|mln|mn|млн\.?|мільйон\w*|миллион\w*|mio\.?|milioan\w*|milion\w*", 1e6),
    (r"thousand|тис\.?|тисяч\w*|тыс\.?|тысяч\w*|tausend|mii", 1e3),
]
_SCALE_RE = [(re.compile(r"\s*(?:" + p + r")(?![\w])", re.IGNORECASE), v) for p, v in _SCALE]
_TRILLION_RE = re.compile(r"\s*(?:trillion|trn|трлн|трильйон\w*|триллион\w*)", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"\s*(?:dollars?|usd|euros?|eur|€|\$|доларів|долари|долар\w*|доллар\w*|євро|евро|dolari|"
    r"dollar|pounds?|£)(?![\w])",
    re.IGNORECASE,
)
_UNIT_AFTER = [
    (re.compile(r"\s*(?:%|per\s?cent|відсот\w*|процент\w*|prozent|la sută)", re.IGNORECASE), "percent"),
    (re.compile(r"[\s-]*(?:days?|днів|дні|день|дней|дня|tage\w*|tag\b|zile|zi\b)", re.IGNORECASE), "days"),
    (re.compile(r"[\s-]*(?:years?|років|роки|рік|року|лет|года|год\b|jahre\w*|jahr\b|ani\b|an\b)",
                re.IGNORECASE), "years"),
    (re.compile(r"[\s-]*(?:months?|місяц\w*|месяц\w*|monate\w*|monat\b|luni\b)", re.IGNORECASE), "months"),
]
_NUM_RE = re.compile(
    r"(?<![\w.,])(?P<cur>(?:US)?\$|€|£|EUR\s?|USD\s?)?"
    r"(?P<num>\d{1,3}(?:(?:,|\u00a0|\u202f| |\.)\d{3})+(?![\d])|\d+(?:[.,]\d+)?)"
    r"(?![\d])",
    re.UNICODE,
)
_NUMWORD_RE = re.compile(
    r"\b(" + "|".join(_NUMBER_WORDS) + r")(?=[\s-]+(?:years?|days?|months?|per\s?cent|percent)\b)",
    re.IGNORECASE,
)
_POINTWORD = (
    r"points?|items?|paragraphs?|clauses?|provisions?|пункт\w*|punkt\w*|ziffer\w*|punct\w*|"
    r"puncte\w*|положен\w*"
)
_COUNT_AFTER = re.compile(r"[\s-]*(?:" + _POINTWORD + r")\b", re.IGNORECASE)
_LIST_JOIN = re.compile(
    r"\s*(?:,|-|–|—|to|or|and|або|чи|і|та|до|или|и|до|oder|und|bis|sau|și|la)\s*(?=[$€£]?\d)",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(r"\s*(?:" + _MONTHS + r")\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"(?:" + _MONTHS + r")\.?\s*$", re.IGNORECASE)


def _parse_number(raw: str) -> float | None:
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[, .]\d{3})+", s):
        return float(re.sub(r"[, .]", "", s))
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _fmt_key(value: float, kind: str) -> tuple[str, float]:
    return (kind, round(value, 6))


def extract_figures(text: str) -> list[tuple[str, float]]:
    """Figures of ``text`` as ``(kind, value)`` keys.

    Kinds: "money" (value in units, currency ignored: "$100 billion" -> 1e11), "percent"
    ("50%", "50 per cent", "50:50", "50/50" -> 50), "days", "years", "months" ("100 days",
    "ten years", "15-year"), "count" (bare numbers >= 1000: "600,000", "800 000", "600 тисяч").
    Ignored: calendar years, dates ("27 November"), point counts ("28 points") and point numbers
    ("point 7"), small bare numbers.  A bare number in a list takes the unit of the list's last
    member ("30, 40 or 50 years", "60-90 days").  Order of first appearance, no duplicates.
    """
    text = _NUMWORD_RE.sub(lambda m: str(_NUMBER_WORDS[m.group(1).lower()]), text)
    items: list[dict] = []
    for m in _NUM_RE.finditer(text):
        value = _parse_number(m.group("num"))
        if value is None:
            continue
        pos = m.end()
        rest = text[pos: pos + 40]
        item = {"start": m.start(), "end": pos, "value": value, "kind": None,
                "currency": bool(m.group("cur")), "skip": False}
        # ratio 50:50 / 50/50
        rm = re.match(r"\s*[:/]\s*(\d+)(?![\d])", rest)
        if rm and m.group("num") == rm.group(1):
            item["kind"], item["value"] = "percent", value
            item["end"] = pos + rm.end()
            items.append(item)
            continue
        scale = 1.0
        for rx, mult in _SCALE_RE:
            sm = rx.match(rest)
            if sm:
                scale = mult * (1000.0 if _TRILLION_RE.match(rest) else 1.0)
                pos += sm.end()
                rest = text[pos: pos + 40]
                break
        cm = _CURRENCY_AFTER.match(rest)
        if cm:
            item["currency"] = True
            pos += cm.end()
            rest = text[pos: pos + 40]
        item["end"] = pos
        item["value"] = value * scale
        item["scaled"] = scale != 1.0
        if item["currency"]:
            item["kind"] = "money"
        else:
            for rx, kind in _UNIT_AFTER:
                if rx.match(rest):
                    item["kind"] = kind
                    break
        before = text[max(0, m.start() - 30): m.start()]
        if _COUNT_AFTER.match(rest) and not item["kind"]:
            item["skip"] = True  # "28 points"
        if re.search(r"(?:" + _POINTWORD + r")\s*(?:no\.?|№|nr\.?)?\s*$", before, re.IGNORECASE):
            item["skip"] = True  # "point 7"
        if _MONTH_AFTER.match(rest) or _MONTH_BEFORE.search(before):
            item["skip"] = True  # dates
        if re.match(r"\s*[-–]\s*(?:го|й|ий|th|st|nd|rd)\b", rest):
            item["skip"] = True  # ordinals
        items.append(item)
    # A bare number in a list takes the unit of the next member ("30, 40 or 50 years").
    for i in range(len(items) - 2, -1, -1):
        it, nxt = items[i], items[i + 1]
        if it["kind"] or it["skip"] or nxt["skip"] or not nxt["kind"]:
            continue
        gap = text[it["end"]: nxt["start"]]
        if _LIST_JOIN.fullmatch(gap + "0") or re.fullmatch(
            r"\s*(?:,|-|–|—|to|or|and|або|чи|і|та|до|или|и|oder|und|bis|sau|și|la|,\s*or|,\s*and)\s*",
            gap, re.IGNORECASE,
        ):
            it["kind"] = nxt["kind"]
            if nxt.get("scaled") and not it.get("scaled"):
                it["value"] *= nxt["value"] / max(1.0, _base_value(nxt))
    out: list[tuple[str, float]] = []
    for it in items:
        if it["skip"]:
            continue
        kind, value = it["kind"], it["value"]
        if kind is None:
            if value >= 1000 and not (1900 <= value <= 2100 and float(value).is_integer()):
                kind = "count"
            else:
                continue
        if kind == "years" and 1900 <= value <= 2100:
            continue
        key = _fmt_key(value, kind)
        if key not in out:
            out.append(key)
    return out


def _base_value(item: dict) -> float:
    # value before scaling is not kept; approximate the scale from magnitude bands
    v = item["value"]
    for mult in (1e12, 1e9, 1e6, 1e3):
        if v >= mult:
            return v / mult
    return v


# --------------------------------------------------------------------------------------------
# Explicit point references and point counts
# --------------------------------------------------------------------------------------------

_PNUM = r"\d{1,2}(?:\s?\(?[a-z]\)?(?![\w]))?"
_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
_EXPLICIT_AFTER = re.compile(
    r"(?<![\w-])(?P<word>" + _POINTWORD + r")\s*(?:no\.?|№|nr\.?|number)?\s*"
    r"(?P<nums>" + _PNUM + r"(?:\s*(?:,|&|\band\b|\bor\b|\bto\b|-|–|—|\bі\b|\bта\b|\bй\b|\bи\b|"
    r"\bили\b|\bабо\b|\bund\b|\boder\b|\bbis\b|\bși\b|\bsi\b|\bsau\b)\s*" + _PNUM + r")*)"
    r"(?![\w,.]*\d)(?!\s*[-–]?\s*(?:" + _POINTWORD + r"))",
    re.IGNORECASE | re.UNICODE,
)
_EXPLICIT_BEFORE = re.compile(
    r"(?<![\w-])(?P<num>\d{1,2})(?:\s?[-–]?\s?(?:го|й|ий|ому|му|м|ом|ем|ем|th|st|nd|rd)\b|\.)\s*"
    r"(?:" + _POINTWORD + r")(?![\w-]*\s*(?:plan|план|deal))",
    re.IGNORECASE | re.UNICODE,
)
_EXPLICIT_ORDWORD = re.compile(
    r"\b(?P<ord>" + "|".join(_ORD_WORDS) + r")\s+(?:point|item|paragraph|clause|provision)\b",
    re.IGNORECASE,
)


def extract_explicit_refs(text: str) -> list[str]:
    """Point numbers explicitly cited in ``text``, in order, without duplicates.

    "point 7" -> ["7"]; "points 7 and 12" -> ["7", "12"]; "points 3-5" -> ["3", "4", "5"];
    "clause 10a" / "point 10(a)" -> ["10a"]; "пункт 7", "пункті 7", "14-го пункта", "Punkt 7",
    "punctul 7", "the fifth point" are recognised.  Counts ("28 points", "28-point plan") are not
    references; "Article 5" is not a point.
    """
    out: list[str] = []

    def add(n: str) -> None:
        n = re.sub(r"[\s()]", "", n).lower()
        if n and n not in out:
            out.append(n)

    for m in _EXPLICIT_AFTER.finditer(text):
        nums = m.group("nums")
        tokens = re.findall(_PNUM + r"|-|–|—|\bto\b|\bbis\b|\bдо\b", nums, re.IGNORECASE)
        prev: str | None = None
        pending_range = False
        for tok in tokens:
            if tok.lower() in ("-", "–", "—", "to", "bis", "до"):
                pending_range = True
                continue
            if pending_range and prev is not None and prev.isdigit() and tok.strip().isdigit():
                a, b = int(prev), int(tok)
                if a < b <= a + 30:
                    for k in range(a + 1, b + 1):
                        add(str(k))
                    prev = tok
                    pending_range = False
                    continue
            add(tok)
            prev = re.sub(r"[\s()]", "", tok)
            pending_range = False
    for m in _EXPLICIT_BEFORE.finditer(text):
        add(m.group("num"))
    for m in _EXPLICIT_ORDWORD.finditer(text):
        add(str(_ORD_WORDS[m.group("ord").lower()]))
    return out


_COUNT_RE = re.compile(
    r"(?<![\w.,])(?P<nums>\d{1,3}(?:\s*(?:to|and|or|instead of|rather than|from|до|з|із|на|auf|zu|"
    r"von|la|de la|vs\.?|,)\s*\d{1,3})*)\s*(?:-|–|\s)?\s*(?:"
    r"points?|provisions?|items?|paragraphs?|clauses?|"
    r"пункт\w*|положен\w*|punkt\w*|puncte\w*|de puncte)(?![\w])",
    re.IGNORECASE | re.UNICODE,
)
_COUNT_TRAIL_RE = re.compile(
    r"(?:points?|provisions?|пункт\w*|punkt\w*|puncte)\s+(?:instead of|rather than|not|from|"
    r"замість|вместо|statt|anstelle von|în loc de)\s+(?:the\s+)?(?P<num>\d{1,3})(?![\w])",
    re.IGNORECASE | re.UNICODE,
)
_COUNT_FROM_RE = re.compile(
    r"(?:from|з|із|с|von|de la)\s+(?P<a>\d{1,3})\s+(?:to|до|auf|zu|la)\s+(?P<b>\d{1,3})\s*"
    r"(?:-|\s)?(?:points?|provisions?|пункт\w*|punkt\w*|puncte)",
    re.IGNORECASE | re.UNICODE,
)


def _point_counts(text: str) -> set[int]:
    """Point counts used as names in ``text``: "28-point", "28 points", "from 28 to 19 points"."""
    found: set[int] = set()
    for m in _COUNT_RE.finditer(text):
        # "points 28" style is handled by the explicit regex; here the number precedes the word.
        before = text[max(0, m.start() - 12): m.start()].lower()
        if re.search(r"(?:point|пункт|punkt|punct)\w*\s*$", before):
            continue
        for n in re.findall(r"\d{1,3}", m.group("nums")):
            found.add(int(n))
    for m in _COUNT_TRAIL_RE.finditer(text):
        found.add(int(m.group("num")))
    for m in _COUNT_FROM_RE.finditer(text):
        found.add(int(m.group("a")))
        found.add(int(m.group("b")))
    return found


# --------------------------------------------------------------------------------------------
# Version cues from labels
# --------------------------------------------------------------------------------------------

# Words too generic to name a version by themselves.
_LABEL_GENERIC = {
    "us", "usa", "ukraine", "russia", "peace", "plan", "draft", "point", "points", "framework",
    "agreement", "document", "the", "of", "on", "to", "and", "for", "after", "by", "with",
    "published", "presented", "war", "ending", "end", "version", "text", "us-ukraine",
    "ukraine-us", "russia-ukraine", "updated", "refined", "joint", "leaders", "commitments",
    "security", "guarantee", "guarantees", "security-guarantee", "zelensky", "european",
    "uk", "france", "germany", "uk-france-germany", "recovery", "companion", "the", "about",
    "billion", "coalition", "willing", "declaration", "statement",
}
# Document-kind words: they strengthen a neighbouring name ("Geneva framework", "Paris
# Declaration", "Berlin statement", "European counter-proposal").
_DOC_WORDS = re.compile(
    r"\b(?:plan|framework|text|document|version|draft|proposal|counter-?proposal|statement|"
    r"declaration|agreement|deal|points?|provisions?|list|paper|план\w*|документ\w*|текст\w*|"
    r"заяв\w*|декларац\w*|пропозиц\w*|предложен\w*|угод\w*|соглашен\w*|пункт\w*|"
    r"erklärung|plan\w*|dokument\w*|vorschlag\w*|punkte\w*|declarați\w*|planul)\b",
    re.IGNORECASE | re.UNICODE,
)
# Transliterations of place names used in labels, so label cues work in other languages.
_PLACE_VARIANTS = {
    "geneva": r"geneva|genf|geneve|genève|geneva|женев\w*|geneva",
    "berlin": r"berlin\w*|берлін\w*|берлин\w*",
    "paris": r"paris\w*|париж\w*|parisul",
    "telegraph": r"telegraph",
}
# Words that send a sentence back to an earlier text: "the clause was removed", "no longer",
# "the earlier draft".  Such a sentence is read with the ancestors of its versions in mind.
_PAST_CUE = re.compile(
    r"\b(?:earlier|previous(?:ly)?|former(?:ly)?|originally|no longer|removed|dropped|deleted|"
    r"scrapped|struck(?: out)?|disappeared|omitted|replaced|used to|раніше|попередн\w*|"
    r"прибра\w*|вилуч\w*|ранее|прежн\w*|убра\w*|исключ\w*|früher\w*|gestrichen|entfernt|"
    r"bisherig\w*|anterior\w*|eliminat\w*)\b",
    re.IGNORECASE | re.UNICODE,
)
_ORIGIN_CUE = re.compile(
    r"\b(?:original|initial|leaked|first draft|earlier draft|first version|первоначальн\w*|"
    r"оригінальн\w*|початков\w*|первісн\w*|перш\w* версі\w*|ursprünglich\w*|inițial\w*)\b",
    re.IGNORECASE | re.UNICODE,
)
# Kind phrases a label may carry, with their translations (matched as cues for that label).
_KIND_PHRASES = {
    "counter-proposal": r"counter-?proposals?|counter-?plan|контрпропозиц\w*|контрпредложен\w*|"
                        r"gegenvorschl\w*|gegenentwurf\w*|contrapropuner\w*",
    "prosperity": r"prosperity|процвітан\w*|процветан\w*|wohlstand\w*|prosperitate\w*|prosperit\w*",
    "bilateral": r"bilateral\w*|двосторонн\w*|двусторонн\w*|bilateral\w*|bilaterale",
    "reconstruction": r"reconstruction|відбудов\w*|восстановлен\w*|wiederaufbau\w*|reconstrucți\w*",
    "declaration": r"declaration|декларац\w*|erklärung|declarați\w*",
    "statement": r"statement|заяв\w*|erklärung|declarați\w*",
    "leaked": r"leaked|leak|злит\w*|утекш\w*|утечк\w*|geleakt\w*",
    "security-guarantee": r"security[\s-]+guarantees?|гаранті\w* безпеки|гаранти\w* безопасности|"
                          r"sicherheitsgarantie\w*|garanți\w* de securitate",
    "european": r"europe(?:an|ans)?|європейськ\w*|европейск\w*|europäisch\w*|europe(?:an|ni)\w*",
    "coalition": r"coalition of the willing|коаліці\w* охочих|коалици\w* желающих|"
                 r"koalition der willigen",
}


# Kind words that are themselves generic document words: weak cues unless another term joins them.
_GENERIC_KINDS = {"statement", "declaration"}
# "the US draft", "Washington's plan", "the American version": the text of that origin the
# others respond to (the earliest eligible version whose label starts with that origin).
_ORIGIN_DOC = re.compile(
    r"\b(?:US|U\.S\.|American|Washington's|Trump's|американськ\w*|американск\w*|"
    r"amerikanisch\w*|US-amerikanisch\w*|american\w*)\s+(?:[\w-]+\s+)?(?:draft|plan|version|text|"
    r"proposal|outline|document|проект\w*|план\w*|верс\w*|текст\w*|entwurf\w*|plan\w*|"
    r"versiun\w*)\b",
    re.UNICODE,
)


@dataclass
class _VersionCue:
    slug: str
    date: datetime.date
    counts: tuple[int, ...]
    terms: list[tuple[re.Pattern[str], float, bool]] = field(default_factory=list)  # (rx, w, place)
    aliases: list[re.Pattern[str]] = field(default_factory=list)


def _label_terms(label: str) -> list[tuple[str, str, bool]]:
    """Distinctive terms of a label as (key, regex, is_place).

    Proper names (capitalised words) not in the generic list and kind phrases known to
    ``_KIND_PHRASES``.  Parenthesised text is kept ("(UK-France-Germany)" yields nothing new
    because those names are generic; "(published by The Telegraph)" yields "telegraph").
    """
    terms: list[tuple[str, str, bool]] = []
    low = label.lower()
    for key, rx in _KIND_PHRASES.items():
        if re.search(r"(?<![\w])(?:" + rx + r")", low):
            terms.append((key, rx, False))
    for tok in re.findall(r"[A-Z][\w'-]*", label):
        t = tok.lower()
        t = t[:-2] if t.endswith("'s") else t
        if t in _LABEL_GENERIC or t in _KIND_PHRASES or len(t) < 2:
            continue
        if any(t == k or t in k.split("-") for k, _, _ in terms):
            continue
        rx = _PLACE_VARIANTS.get(t, re.escape(t))
        terms.append((t, rx, t in _PLACE_VARIANTS))
    return terms


# --------------------------------------------------------------------------------------------
# The finder
# --------------------------------------------------------------------------------------------


@dataclass
class _PointIndex:
    version: int
    number: str
    parent: str | None
    stems: frozenset[str]
    norm: float  # sqrt(sum idf^2) of stems
    figures: frozenset[tuple[str, float]]
    names: dict[str, float]


@dataclass
class _Feature:
    """Features of one clause (or sentence)."""

    stems: frozenset[str]
    norm: float
    figures: set[tuple[str, float]]
    names: dict[str, float]
    windows: list[tuple[frozenset[str], float]] = field(default_factory=list)


@dataclass
class _Candidate:
    vidx: int
    pidx: int
    score: float
    reason: str
    sentence: int


GRACE_DAYS = 3  # a report may describe a version a few days before its official date
THRESHOLD = 0.40  # minimal combined score for a point match
PARA_THRESHOLD = 0.30  # minimal cosine for a paraphrase-only match
OUTSIDE_MIN_RARITY = 0.6  # a feature must be this rare to pull in a version not named
STRONG_PARAPHRASE = 0.6  # a paraphrase this close stands on its own outside the named versions
WINDOW = 8
CLAUSE_SIDE = 0.5
INCLUDE_PARENTS = False  # a sub-point found does not by itself make its heading discussed
WINDOW_DOT = 2.0  # a window/list item must share this much weight, in units of the mean idf^2
WINDOW_COVER = 0.6  # ... or hold this share of the point's weight (short points)
HEADER_COVERAGE = 0.5  # share of a heading's weight a clause must hold to discuss the heading
NAME_MARGIN = 0.08  # a match resting on a name needs this much more than THRESHOLD


class MentionFinder:
    """Detects plan points and versions discussed in a text.

    Build once per catalogue (indexes precomputed); :meth:`find` is then pure and thread-safe.
    """

    def __init__(self, versions: Sequence[CatalogVersion]):
        self.versions: tuple[CatalogVersion, ...] = tuple(versions)
        self._slug_index = {v.slug: i for i, v in enumerate(self.versions)}
        self._children: dict[int, list[int]] = defaultdict(list)
        for i, v in enumerate(self.versions):
            if v.parent in self._slug_index:
                self._children[self._slug_index[v.parent]].append(i)
        self._root = min(range(len(self.versions)), key=lambda i: self.versions[i].date) if self.versions else None
        # Catalogue proper names: capitalised words of point texts never written in lower case.
        texts = [p.text for v in self.versions for p in v.points]
        lower_words: set[str] = set()
        cap_words: set[str] = set()
        for t in texts:
            for sent in re.split(r"(?<=[.:;!?(])\s+|^\(", t):
                for k, tok in enumerate(_TOKEN.findall(sent)):
                    if not tok[0].isupper():
                        lower_words.add(tok.lower())
                    elif k > 0:
                        cap_words.add(tok.lower())
        table_tokens = {w for canon in _NAME_VARIANTS for w in canon.split()}
        self._catalog_names = {
            w for w in cap_words - lower_words
            if w not in _NAME_STOP and w not in _STOP and len(w) > 2 and w not in table_tokens
        }
        # Point features.
        raw: list[tuple[int, CatalogPoint, list[str], set, dict]] = []
        for vi, v in enumerate(self.versions):
            for p in v.points:
                names = self._names(p.text)
                # Wording for paraphrase: without parenthesised asides (editorial notes, variants).
                wording = re.sub(r"\s*\([^()]*\)", "", p.text) or p.text
                stems = set(_content_stems(wording)) - set(names)
                raw.append((vi, p, sorted(stems), set(extract_figures(p.text)), names))
        n = max(1, len(raw))
        self._n_points = n
        stem_df: dict[str, int] = defaultdict(int)
        fig_df: dict[tuple[str, float], int] = defaultdict(int)
        name_df: dict[str, int] = defaultdict(int)
        for _, _, stems, figs, names in raw:
            for s in stems:
                stem_df[s] += 1
            for f in figs:
                fig_df[f] += 1
            for nm in names:
                name_df[nm] += 1
        self._idf = {s: math.log((n + 1) / (df + 0.5)) for s, df in stem_df.items()}
        self._idf2 = {s: w * w for s, w in self._idf.items()}
        mean_idf2 = sum(self._idf2.values()) / max(1, len(self._idf2))
        self._min_window_dot = WINDOW_DOT * mean_idf2
        self._default_idf = math.log((n + 1) / 0.5)
        self._fig_w = {f: self._rarity(df, n) for f, df in fig_df.items()}
        self._name_w = {nm: self._rarity(df, n) for nm, df in name_df.items() if df <= max(3, 0.2 * n)}
        self._points: list[_PointIndex] = []
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        self._by_fig: dict[tuple[str, float], list[int]] = defaultdict(list)
        self._by_name: dict[str, list[int]] = defaultdict(list)
        self._by_version: dict[int, list[int]] = defaultdict(list)
        self._number_index: dict[tuple[int, str], int] = {}
        for pidx, (vi, p, stems, figs, names) in enumerate(raw):
            norm = math.sqrt(sum(self._idf[s] ** 2 for s in stems)) or 1.0
            names = {k: w for k, w in names.items() if k in self._name_w}
            self._points.append(_PointIndex(vi, p.number, p.parent, frozenset(stems), norm,
                                            frozenset(figs), names))
            for s in stems:
                self._by_stem[s].append(pidx)
            for f in figs:
                self._by_fig[f].append(pidx)
            for nm in names:
                self._by_name[nm].append(pidx)
            self._by_version[vi].append(pidx)
            self._number_index[(vi, p.number.lower())] = pidx
        # Heading points: points with sub-points whose own wording is only an introduction (":").
        self._kids: dict[int, list[int]] = {}
        for pidx, (vi, p, _, _, _) in enumerate(raw):
            if p.parent:
                head = self._number_index.get((vi, p.parent.lower()))
                if head is not None and raw[head][1].text.rstrip().endswith(":"):
                    self._kids.setdefault(head, []).append(pidx)
        # Version cues.
        self._cues: list[_VersionCue] = []
        term_versions: dict[str, int] = defaultdict(int)
        label_terms = [_label_terms(v.label) for v in self.versions]
        for terms in label_terms:
            for key, _, _ in terms:
                term_versions[key] += 1
        for vi, v in enumerate(self.versions):
            cue = _VersionCue(v.slug, v.date, tuple(v.point_count_names))
            for key, rx, is_place in label_terms[vi]:
                w = 1.0 / term_versions[key]
                if key in _GENERIC_KINDS:
                    w *= 0.6  # "statement" alone names no particular statement
                cue.terms.append((re.compile(r"(?<![\w])(?:" + rx + r")(?![\w])", re.IGNORECASE), w, is_place))
            for alias in v.aliases:
                cue.aliases.append(re.compile(r"(?<![\w])" + re.escape(alias) + r"(?![\w])", re.IGNORECASE))
            self._cues.append(cue)
        self._count_to_versions: dict[int, list[int]] = defaultdict(list)
        for vi, v in enumerate(self.versions):
            for c in v.point_count_names:
                self._count_to_versions[c].append(vi)
        us = [i for i, v in enumerate(self.versions) if re.match(r"(?:US|U\.S\.)\s", v.label)]
        self._us_root = min(us, key=lambda i: (self.versions[i].date, i)) if us else None
        # Top-level points per version (for whole-text enumerations).
        self._top_level = {
            vi: [pidx for pidx in self._by_version[vi] if not self._points[pidx].parent]
            for vi in range(len(self.versions))
        }

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _sim(dot: float, clause_norm: float, point_norm: float) -> float:
        """Weighted overlap: the share of the clause's weight found in the point (exponent
        ``CLAUSE_SIDE``) times the share of the point's weight found in the clause (the rest).
        With exponent 0.5 this is the tf-idf cosine; higher values favour short clauses that a
        long point contains."""
        cov_c = dot / (clause_norm * clause_norm)
        cov_p = dot / (point_norm * point_norm)
        return (cov_c ** CLAUSE_SIDE) * (cov_p ** (1.0 - CLAUSE_SIDE))

    @staticmethod
    def _rarity(df: int, n: int) -> float:
        """IDF scaled to (0, 1]: 1 for a feature found in a single point."""
        if n <= 1:
            return 1.0
        return max(0.05, min(1.0, math.log((n + 1) / (df + 0.5)) / math.log((n + 1) / 1.5)))

    def _names(self, text: str) -> dict[str, float]:
        names = _table_names(text)
        for tok in _TOKEN.findall(text):
            low = tok.lower()
            if low in self._catalog_names and tok[0].isupper():
                names.setdefault(low, 1.0)
        return names

    def _known_stems(self, text: str, names: dict[str, float]) -> list[str]:
        """Content stems of ``text`` that occur in the catalogue, in order ("re-" verbs folded)."""
        out = []
        for s in _content_stems(text):
            if s in names:
                continue
            if s not in self._idf and s.startswith("re") and s[2:] in self._idf and len(s) >= 6:
                s = s[2:]
            if s in self._idf:
                out.append(s)
        return out

    def _stem_norm(self, stems: Iterable[str]) -> float:
        return math.sqrt(sum([self._idf2[s] for s in stems])) or 1.0

    def _features(self, text: str, *, windows: bool = False) -> _Feature:
        """Features of a clause; with ``windows``, also the items of an enumeration it contains
        (see :func:`_list_items`, each alone and with its neighbour) and sliding windows of its
        content words, each scored on its own so that one provision in a long list is not
        drowned by the others."""
        names = {k: w for k, w in self._names(text).items() if k in self._name_w}
        items = _list_items(text) if windows else []
        if len(items) > 1:
            # the separators are punctuation and conjunctions (stop words): the items' stems,
            # joined, are the clause's stems
            item_stems = [self._known_stems(it, names) for it in items]
            ordered = [s for its in item_stems for s in its]
        else:
            item_stems = []
            ordered = self._known_stems(text, names)
        stems = frozenset(ordered)
        feat = _Feature(stems, self._stem_norm(stems), set(extract_figures(text)), names)
        if not windows or len(ordered) < 3:
            return feat
        seen: set[frozenset[str]] = {stems}
        if item_stems:
            groups = item_stems + [a + b for a, b in zip(item_stems, item_stems[1:])]
            for g in groups:
                ws = frozenset(g)
                if len(ws) >= 2 and ws not in seen:
                    seen.add(ws)
                    feat.windows.append((ws, self._stem_norm(ws)))
        if len(ordered) > WINDOW:
            step = max(1, WINDOW // 2)
            for i in range(0, len(ordered) - WINDOW + step, step):
                ws = frozenset(ordered[i: i + WINDOW])
                if ws not in seen:
                    seen.add(ws)
                    feat.windows.append((ws, self._stem_norm(ws)))
        return feat

    def _cue_strengths(self, sentence: str, published: datetime.date | None,
                       eligible: set[int]) -> dict[int, float]:
        """Version -> naming strength in one sentence (>= 1.0: the sentence names the version)."""
        out: dict[int, float] = defaultdict(float)
        counts = _point_counts(sentence)
        for c in counts:
            for vi in self._count_to_versions.get(c, ()):
                if vi in eligible:
                    out[vi] += 1.5
        has_doc = bool(_DOC_WORDS.search(sentence))
        for vi in eligible:
            cue = self._cues[vi]
            for rx in cue.aliases:
                if rx.search(sentence):
                    out[vi] += 1.5
            total = 0.0
            for rx, w, is_place in cue.terms:
                m = rx.search(sentence)
                if not m:
                    continue
                if is_place:
                    # a place names a document only next to a document word, and fades with time
                    before = sentence[: m.start()].split()[-5:]
                    after = sentence[m.end():].split()[:5]
                    window = " ".join(before + after)
                    w *= 1.0 if _DOC_WORDS.search(window) else 0.55
                    if published is not None:
                        age = (published - cue.date).days
                        if age > 30:
                            w *= max(0.3, 1.0 - (age - 30) / 60.0)
                total += w
            if total:
                out[vi] += total * (1.15 if has_doc else 0.9)
        if self._root is not None and self._root in eligible and _ORIGIN_CUE.search(sentence):
            out[self._root] += 1.0
        return dict(out)

    # ---------------------------------------------------------------- scoring

    def _score_clause(self, feat: _Feature, allowed: set[int]) -> dict[int, tuple[float, str]]:
        """Point index -> (score, reason) for one clause, over points of ``allowed`` versions."""
        cand: set[int] = set()
        for s in feat.stems:
            cand.update(self._by_stem.get(s, ()))
        for f in feat.figures:
            cand.update(self._by_fig.get(f, ()))
        for nm in feat.names:
            cand.update(self._by_name.get(nm, ()))
        if not cand:
            return {}
        para: dict[int, float] = {}
        for pidx in cand:
            pt = self._points[pidx]
            if pt.version not in allowed:
                continue
            shared = feat.stems & pt.stems
            if shared:
                idf2 = self._idf2
                dot = sum([idf2[s] for s in shared])
                sim = self._sim(dot, feat.norm, pt.norm)
                if len(shared) >= 2:
                    pt_norm2 = pt.norm * pt.norm
                    for ws, wnorm in feat.windows:
                        wshared = ws & pt.stems
                        if len(wshared) >= 2:
                            wdot = sum([idf2[s] for s in wshared])
                            if wdot >= self._min_window_dot or wdot >= WINDOW_COVER * pt_norm2:
                                sim = max(sim, self._sim(wdot, wnorm, pt.norm))
                para[pidx] = sim
            else:
                para[pidx] = 0.0
        # Attribute each figure/name to the best-matching point of each version holding it.
        bonus: dict[int, float] = defaultdict(float)
        kind: dict[int, str] = {}
        for feats, index, weights, label, factor in (
            (feat.figures, self._by_fig, self._fig_w, "figure", 1.0),
            (feat.names.keys(), self._by_name, self._name_w, "name", 0.8),
        ):
            for f in feats:
                holders = [p for p in index.get(f, ()) if p in para]
                by_version: dict[int, list[int]] = defaultdict(list)
                for p in holders:
                    by_version[self._points[p].version].append(p)
                for plist in by_version.values():
                    best = max(plist, key=lambda p: (para[p], -plist.index(p)))
                    w = weights[f] * factor
                    if label == "name":
                        w *= min(feat.names[f], self._points[best].names.get(f, 1.0))
                    bonus[best] += w
                    if label == "figure" or kind.get(best) != "figure":
                        if w >= 0.25:
                            kind[best] = label if kind.get(best) != "figure" else "figure"
        out: dict[int, tuple[float, str]] = {}
        for pidx, p_score in para.items():
            b = bonus.get(pidx, 0.0)
            score = p_score + b
            if b == 0.0 and p_score < PARA_THRESHOLD:
                continue
            if score < THRESHOLD:
                continue
            reason = kind.get(pidx, "paraphrase") if b >= 0.25 else "paraphrase"
            if reason == "name" and score < THRESHOLD + NAME_MARGIN:
                continue  # one common name with little else in common: not enough
            out[pidx] = (score, reason)
        # A heading point ("Territorial arrangements:") is the topic of its sub-points: a clause on
        # the topic that none of its sub-points explains discusses the heading itself.
        if HEADER_COVERAGE < 1.0:
            for pidx in para:
                kids = self._kids.get(pidx)
                if not kids or pidx in out or any(k in out for k in kids):
                    continue
                pt = self._points[pidx]
                shared = feat.stems & pt.stems
                cov_p = sum([self._idf2[s] for s in shared]) / (pt.norm * pt.norm)
                if cov_p >= HEADER_COVERAGE:
                    out[pidx] = (THRESHOLD + 0.05, "paraphrase")
        return out

    # ---------------------------------------------------------------- public API

    def find(
        self,
        text: str,
        *,
        published: datetime.date | None = None,
        version: str | None = None,
    ) -> list[Mention]:
        """Mentions of catalogue points/versions in ``text``.

        Inputs: ``text`` (title and/or body, any language), ``published`` (the text's date: versions
        that appeared more than ``GRACE_DAYS`` later are not considered, and it breaks ties towards
        the latest version existing at that date), ``version`` (restrict to this slug; unknown slug
        -> no mentions).
        Output: at most one :class:`Mention` per (version, point), point-level mentions first by
        document order of versions and points, then version-level ones; confidence in [0, 1];
        evidence is a sentence of ``text``.
        """
        if not text or not self.versions:
            return []
        if version is not None:
            if version not in self._slug_index:
                return []
            eligible = {self._slug_index[version]}
        else:
            eligible = set(range(len(self.versions)))
            if published is not None:
                limit = published + datetime.timedelta(days=GRACE_DAYS)
                eligible = {i for i in eligible if self.versions[i].date <= limit}
                if not eligible:
                    return []
        sentences = split_sentences(text)
        if not sentences:
            return []
        cues = [self._cue_strengths(s, published, eligible) for s in sentences]
        named = [{vi for vi, w in c.items() if w >= 1.0} for c in cues]
        article_focus: set[int] = set().union(*named) if named else set()
        if version is not None:
            article_focus = set(eligible)
        elif published is not None:
            # Within the grace period a version counts only if the text names it.
            eligible = {i for i in eligible
                        if self.versions[i].date <= published or i in article_focus}
        # Local focus per sentence: its own named versions, else the previous local focus.
        local: list[set[int]] = []
        current = set(article_focus)
        for nm in named:
            if nm:
                current = nm
            local.append(set(current))

        best: dict[tuple[int, str | None], tuple[float, str, str]] = {}

        def keep(vi: int, number: str | None, conf: float, evidence: str, reason: str) -> None:
            key = (vi, number)
            conf = max(0.0, min(1.0, conf))
            prev = best.get(key)
            if prev is None or conf > prev[0]:
                best[key] = (conf, evidence, reason)

        def date_rank(vi: int) -> tuple:
            d = self.versions[vi].date
            return (d, vi)

        for si, sentence in enumerate(sentences):
            focus = local[si] & eligible
            if focus and _PAST_CUE.search(sentence):
                focus |= self._ancestors(focus) & eligible
            if self._us_root in eligible and _ORIGIN_DOC.search(sentence):
                focus.add(self._us_root)  # for this sentence only
            # Explicit references.
            refs = extract_explicit_refs(sentence)
            if refs:
                sent_feat = self._features(sentence)
                for ref in refs:
                    holders = [vi for vi in eligible if (vi, ref) in self._number_index]
                    if not holders:
                        continue
                    in_focus = [vi for vi in holders if vi in focus]
                    in_article = [vi for vi in holders if vi in article_focus]
                    if in_focus:
                        chosen, conf = in_focus, 0.95
                    elif in_article:
                        chosen, conf = in_article, 0.85
                    else:
                        chosen, conf = [max(holders, key=date_rank)], 0.7
                    if len(chosen) > 1:
                        # Several named versions have this number: prefer the wording that fits.
                        scored = []
                        for vi in chosen:
                            pt = self._points[self._number_index[(vi, ref)]]
                            shared = sent_feat.stems & pt.stems
                            sim = sum(self._idf[s] ** 2 for s in shared) / (sent_feat.norm * pt.norm)
                            scored.append((sim, vi))
                        top = max(scored)[0]
                        chosen = [vi for sim, vi in scored if sim >= top - 0.02]
                        conf -= 0.05 * (len(chosen) - 1)
                    for vi in chosen:
                        number = self._points[self._number_index[(vi, ref)]].number
                        keep(vi, number, conf, sentence, "explicit")
            # Figures, names, paraphrases - per clause.
            clauses = _clauses(sentence)
            if len(clauses) > 1:
                clauses.append(sentence)
            for clause in clauses:
                feat = self._features(clause, windows=True)
                if not feat.stems and not feat.figures and not feat.names:
                    continue
                scored = self._score_clause(feat, eligible)
                if not scored:
                    continue
                clause_feats = set(feat.figures) | set(feat.names)
                self._attribute(scored, focus, article_focus, sentence, keep, date_rank, clause_feats)

        # A sub-point discussed means its point is discussed too ("21a" -> "21").
        if INCLUDE_PARENTS:
            for (vi, number), (conf, evidence, reason) in list(best.items()):
                pidx = self._number_index.get((vi, (number or "").lower()))
                parent = self._points[pidx].parent if pidx is not None else None
                if parent:
                    keep(vi, parent, conf * 0.9, evidence, reason)

        # Whole-text enumerations: "relays the full 28-point text", "the remaining points".
        self._enumerations(sentences, named, best, keep)

        # Version-level mentions: a named version none of whose points was found, or one the text
        # keeps naming (>= 3 sentences).
        with_points = {vi for (vi, number) in best if number is not None}
        for vi in eligible:
            strengths = [c.get(vi, 0.0) for c in cues]
            strong = [i for i, w in enumerate(strengths) if w >= 1.0]
            if not strong or (vi in with_points and len(strong) < 3):
                continue
            top = max(strong, key=lambda i: strengths[i])
            n_sent = len(strong)
            conf = 0.45 + 0.15 * min(3, n_sent) + (0.1 if strengths[top] >= 1.5 else 0.0)
            keep(vi, None, min(0.9, conf), sentences[top], "version")

        order = {vi: i for i, vi in enumerate(range(len(self.versions)))}
        point_order = {(self._points[p].version, self._points[p].number): p for p in range(len(self._points))}
        mentions = [
            Mention(self.versions[vi].slug, number, round(conf, 3), evidence, reason)
            for (vi, number), (conf, evidence, reason) in best.items()
        ]
        mentions.sort(key=lambda m: (
            m.point is None,
            order[self._slug_index[m.version]],
            point_order.get((self._slug_index[m.version], m.point), 10**6),
        ))
        return mentions

    def _attribute(self, scored, focus, article_focus, sentence, keep, date_rank,
                   clause_feats: set) -> None:
        """Keep clause matches in the right versions (see module docstring, step 4).

        Matches in the sentence's focus versions are kept.  Other versions only get a match that
        the focus cannot explain - a rare figure/name none of the focus points holds, or a very
        close paraphrase - and then only one version: one the article names, else a parent or
        child of the versions it names, else the latest version existing at the date.  When the
        article names no version at all every match competes, for one version per clause.
        """
        by_version: dict[int, list[tuple[int, float, str]]] = defaultdict(list)
        for pidx, (score, reason) in scored.items():
            by_version[self._points[pidx].version].append((pidx, score, reason))

        def emit(vi: int, items, factor: float) -> None:
            for pidx, score, reason in items:
                keep(vi, self._points[pidx].number, self._confidence(score, reason) * factor,
                     sentence, reason)

        in_focus = [vi for vi in by_version if vi in focus]
        for vi in in_focus:
            emit(vi, by_version[vi], 1.0)
        if focus:
            covered = self._covered_features(in_focus, scored, clause_feats)
            pool = {}
            for vi, items in by_version.items():
                if vi in focus:
                    continue
                strong = [it for it in items
                          if self._is_strong(it, covered, clause_feats, bool(in_focus))]
                if strong:
                    pool[vi] = strong
            factor = 0.85
        else:
            pool = dict(by_version)
            factor = 0.8
        if not pool:
            return

        def best_of(cands: list[int]) -> int:
            return max(cands, key=lambda v: (max(s for _, s, _ in pool[v]), date_rank(v)))

        named_pool = [vi for vi in pool if vi in article_focus]
        if named_pool:
            vi = best_of(named_pool)
            emit(vi, pool[vi], factor)
            return
        kin = self._lineage(article_focus | focus)
        kin_pool = [vi for vi in pool if vi in kin]
        if kin_pool:
            vi = best_of(kin_pool)
            emit(vi, pool[vi], factor * 0.95)
            return
        latest = max(pool, key=date_rank)
        best_score = max(max(s for _, s, _ in items) for items in pool.values())
        latest_score = max(s for _, s, _ in pool[latest])
        vi = latest if latest_score >= best_score - 0.15 else best_of(list(pool))
        emit(vi, pool[vi], factor * 0.9)

    def _ancestors(self, versions: set[int]) -> set[int]:
        """Every version ``versions`` derive from (parents, grandparents...), excluding them."""
        out: set[int] = set()
        todo = list(versions)
        while todo:
            parent = self._slug_index.get(self.versions[todo.pop()].parent or "")
            if parent is not None and parent not in out and parent not in versions:
                out.add(parent)
                todo.append(parent)
        return out

    def _lineage(self, versions: set[int]) -> set[int]:
        """Parents and children of ``versions`` (excluding them)."""
        out: set[int] = set()
        for vi in versions:
            parent = self.versions[vi].parent
            if parent in self._slug_index:
                out.add(self._slug_index[parent])
            out.update(self._children.get(vi, ()))
        return out - versions

    def _is_strong(self, item, covered: set, clause_feats: set, focus_matched: bool) -> bool:
        """A match that stands on its own outside the focus versions: a rare figure/name the
        focus does not explain, or a very close paraphrase of a clause the focus does not match."""
        pidx, score, reason = item
        if reason == "paraphrase":
            return not focus_matched and score >= STRONG_PARAPHRASE
        pt = self._points[pidx]
        for f in (set(pt.figures) | set(pt.names)) & clause_feats - covered:
            w = self._fig_w.get(f) if isinstance(f, tuple) else self._name_w.get(f)
            if w is not None and w >= OUTSIDE_MIN_RARITY:
                return True
        return False

    def _covered_features(self, versions: list[int], scored, clause_feats: set) -> set:
        """Figures/names of the clause already explained by points of the focus versions."""
        covered: set = set()
        for pidx in scored:
            pt = self._points[pidx]
            if pt.version in versions:
                covered |= (set(pt.figures) | set(pt.names)) & clause_feats
        return covered

    @staticmethod
    def _confidence(score: float, reason: str) -> float:
        if reason == "figure":
            return 0.6 + 0.3 * min(1.0, (score - THRESHOLD) / 1.0)
        if reason == "name":
            return 0.5 + 0.35 * min(1.0, (score - THRESHOLD) / 1.0)
        return 0.3 + 0.45 * min(1.0, (score - PARA_THRESHOLD) / 0.5)

    _ENUM_RE = re.compile(
        r"\b(?:full|whole|complete|entire|all)\b[^.;]{0,30}?\b(?:\d{1,3}[\s-]*)?(?:points?|text|list)\b"
        r"|\b(?:remaining|rest of the)\s+(?:\d{1,3}\s+)?points?\b"
        r"|\b(?:всі|усі|все|повний|полный|повн\w+|полн\w+)\s+(?:\d{1,3}\s+)?(?:пункт\w*|текст\w*)"
        r"|\b(?:alle|vollständig\w*)\s+(?:\d{1,3}\s+)?(?:punkte|text)",
        re.IGNORECASE | re.UNICODE,
    )

    def _enumerations(self, sentences, named, best, keep) -> None:
        """A text that says it reproduces a version in full, and demonstrably lists many of its
        points (>= 6 matched), is taken to discuss all its top-level points."""
        enum_sentences = [i for i, s in enumerate(sentences) if self._ENUM_RE.search(s)]
        if not enum_sentences:
            return
        for vi, top in self._top_level.items():
            if not top:
                continue
            matched = {num for (v, num) in best if v == vi and num is not None}
            top_matched = {self._points[p].number for p in top} & (
                matched | {self._points[p].parent for p in self._by_version[vi]
                           if self._points[p].number in matched and self._points[p].parent})
            if len(top_matched) < max(6, len(top) // 3):
                continue
            for i in enum_sentences:
                near = set().union(*(named[j] for j in range(max(0, i - 1), min(len(named), i + 1))))
                if vi in near or len(top_matched) >= len(top) // 2:
                    for p in top:
                        keep(vi, self._points[p].number, 0.35, sentences[i], "version")
                    break


def iter_pairs(mentions: Iterable[Mention]) -> set[tuple[str, str | None]]:
    """(version, point) pairs of mentions; handy for comparisons."""
    return {(m.version, m.point) for m in mentions}
