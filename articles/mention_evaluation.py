"""Scoring :class:`articles.mentions.MentionFinder` against the curated mentions of articles.json.

Pure Python, standard library only.  For every article the finder reads ``title + summary`` with
the article's ``published`` date; its output is compared with the curated ``mentions``:

* point level - the set of (version, point) pairs.  Two matchings are reported:
  ``strict`` (same version, same point number) and ``lenient`` (a sub-point and its parent count as
  the same point: "21a" predicted for a curated "21", or "21" for "21a");
* version level - the set of versions a curated mention names with ``points: []`` (the article
  discusses the version as a whole) against the finder's ``point=None`` mentions;
* version detection - any mention of a version at all (curated: any mention; predicted: any).

Precision, recall and F1 are micro-averaged (pairs pooled) per language and overall.  Run
``python -m articles.mention_evaluation`` for a report.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from plans.evaluation import KindScore
from articles.mentions import DEMO_DATA_DIR, CatalogVersion, Mention, MentionFinder, load_catalog

__all__ = ["Scores", "ArticleResult", "Evaluation", "evaluate", "load_articles", "load_heldout",
           "evaluate_heldout", "prf", "format_report", "HELDOUT_PATH"]

HELDOUT_PATH = Path(__file__).resolve().parent / "eval_data" / "heldout_mentions.json"


# Pooled tp/fp/fn counts with precision, recall and F1: the same arithmetic as the alignment
# evaluation uses.
Scores = KindScore


def prf(predicted: Iterable, expected: Iterable) -> Scores:
    """Counts for two sets: true positives, false positives, false negatives."""
    p, e = set(predicted), set(expected)
    return Scores(tp=len(p & e), fp=len(p - e), fn=len(e - p))


@dataclass
class ArticleResult:
    """One article's comparison; pairs are (version slug, point number)."""

    url: str
    language: str
    expected_points: set[tuple[str, str]]
    predicted_points: set[tuple[str, str]]
    expected_versions: set[str]  # curated version-level (points == [])
    predicted_versions: set[str]  # point=None mentions
    mentions: list[Mention]

    @property
    def missed(self) -> set[tuple[str, str]]:
        return self.expected_points - self.predicted_points

    @property
    def extra(self) -> set[tuple[str, str]]:
        return self.predicted_points - self.expected_points


@dataclass
class Evaluation:
    """Scores by level and language ("all" = every language pooled)."""

    strict: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    lenient: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    version_level: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    version_detection: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    articles: list[ArticleResult] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("strict", "lenient", "version_level", "version_detection"):
            table = getattr(self, name)
            out[name] = {lang: s.as_dict() for lang, s in sorted(table.items())}
        return out


def load_articles(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The articles of ``articles.json`` (default: demo data)."""
    path = Path(path) if path is not None else DEMO_DATA_DIR / "articles.json"
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_heldout(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The held-out paragraphs (``eval_data/heldout_mentions.json``), in the shape of articles.json.

    They were written and labelled before the finder was tuned and are never used to tune it: their
    scores estimate how the finder does on texts it has not seen.
    """
    data = json.loads(Path(path or HELDOUT_PATH).read_text(encoding="utf-8"))
    return data["articles"] if isinstance(data, dict) else data


def evaluate_heldout(finder: MentionFinder | None = None,
                     versions: Sequence[CatalogVersion] | None = None) -> "Evaluation":
    """:func:`evaluate` on the held-out paragraphs."""
    versions = list(versions) if versions is not None else load_catalog()
    return evaluate(finder or MentionFinder(versions), load_heldout(), versions)


def _parents(versions: Sequence[CatalogVersion]) -> dict[tuple[str, str], str]:
    return {(v.slug, p.number): p.parent for v in versions for p in v.points if p.parent}


def _lenient(predicted: set[tuple[str, str]], expected: set[tuple[str, str]],
             parent: dict[tuple[str, str], str]) -> Scores:
    """Matching where a sub-point and its parent are interchangeable (one-to-one greedy)."""

    def family(pair: tuple[str, str]) -> set[tuple[str, str]]:
        fam = {pair}
        par = parent.get(pair)
        if par:
            fam.add((pair[0], par))
        return fam

    def related(a: tuple[str, str], b: tuple[str, str]) -> bool:
        return a == b or bool(family(a) & family(b))

    exp_left = set(expected)
    tp = fp = 0
    # exact matches first, then relatives
    for p in sorted(predicted, key=lambda x: x not in expected):
        if p in exp_left:
            exp_left.discard(p)
            tp += 1
            continue
        rel = [e for e in sorted(exp_left) if related(p, e)]
        if rel:
            exp_left.discard(rel[0])
            tp += 1
        elif any(related(p, e) for e in expected):
            pass  # a second sub-point of an already matched parent: neither right nor wrong
        else:
            fp += 1
    return Scores(tp=tp, fp=fp, fn=len(exp_left))


def evaluate(
    finder: MentionFinder | None = None,
    articles: Sequence[dict[str, Any]] | None = None,
    versions: Sequence[CatalogVersion] | None = None,
    *,
    min_confidence: float = 0.0,
) -> Evaluation:
    """Run the finder on every article (title + summary, published date) and score it.

    Inputs: a finder (default: built from the demo catalogue), articles (default: demo articles),
    the catalogue (for sub-point parents), a confidence cut-off for predictions.
    Output: an :class:`Evaluation` with pooled scores per language and per-article details.
    """
    versions = list(versions) if versions is not None else load_catalog()
    finder = finder or MentionFinder(versions)
    articles = articles if articles is not None else load_articles()
    parent = _parents(versions)
    ev = Evaluation()
    for art in articles:
        text = f"{art.get('title', '')}\n{art.get('summary', '')}"
        published = datetime.date.fromisoformat(art["published"]) if art.get("published") else None
        mentions = [m for m in finder.find(text, published=published) if m.confidence >= min_confidence]
        exp_pts = {(m["version"], str(p)) for m in art.get("mentions", []) for p in m.get("points") or []}
        exp_ver = {m["version"] for m in art.get("mentions", []) if not m.get("points")}
        exp_any = {m["version"] for m in art.get("mentions", [])}
        pred_pts = {(m.version, m.point) for m in mentions if m.point is not None}
        pred_ver = {m.version for m in mentions if m.point is None}
        pred_any = {m.version for m in mentions}
        lang = art.get("language", "?")
        for key in (lang, "all"):
            ev.strict[key].add(prf(pred_pts, exp_pts))
            ev.lenient[key].add(_lenient(pred_pts, exp_pts, parent))
            ev.version_level[key].add(prf(pred_ver, exp_ver))
            ev.version_detection[key].add(prf(pred_any, exp_any))
        ev.articles.append(ArticleResult(art.get("url", ""), lang, exp_pts, pred_pts, exp_ver,
                                         pred_ver, mentions))
    return ev


def format_report(ev: Evaluation, *, details: bool = False) -> str:
    """Plain-text table of the scores (and, with ``details``, per-article misses and extras)."""
    lines = []
    for name in ("strict", "lenient", "version_level", "version_detection"):
        lines.append(f"== {name}")
        lines.append(f"{'lang':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for lang, s in sorted(getattr(ev, name).items(), key=lambda kv: (kv[0] == "all", kv[0])):
            lines.append(f"{lang:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:4} {s.fn:4}")
    if details:
        for a in ev.articles:
            if a.missed or a.extra or a.expected_versions != a.predicted_versions:
                lines.append(f"-- [{a.language}] {a.url}")
                if a.missed:
                    lines.append(f"   missed: {sorted(a.missed)}")
                if a.extra:
                    lines.append(f"   extra:  {sorted(a.extra)}")
                if a.expected_versions != a.predicted_versions:
                    lines.append(f"   versions expected {sorted(a.expected_versions)} "
                                 f"predicted {sorted(a.predicted_versions)}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    import sys

    _versions = load_catalog()
    _finder = MentionFinder(_versions)
    print("#### demo articles (title + summary)")
    print(format_report(evaluate(_finder, None, _versions), details="-v" in sys.argv))
    print()
    print("#### held-out paragraphs (eval_data/heldout_mentions.json; never tuned on)")
    print(format_report(evaluate_heldout(_finder, _versions), details="-v" in sys.argv))
