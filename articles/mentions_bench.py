"""Throughput benchmark for :class:`articles.mentions.MentionFinder`.

``python -m articles.mentions_bench [n]`` prints articles per second over ``n`` texts (default
1000) of summary length, cycling through the demo articles, against every point of every version.
"""

from __future__ import annotations

import datetime
import json
import sys
import time

from articles.mentions import DEMO_DATA_DIR, MentionFinder, load_catalog

__all__ = ["benchmark"]


def benchmark(n: int = 1000) -> dict:
    """Run the finder on ``n`` demo texts (title + summary, with dates) on one core.

    Output: ``{"articles": n, "seconds": wall time of the finding only, "articles_per_second",
    "init_seconds": time to build the indexes, "mentions": total mentions found,
    "avg_words": mean words per text}``.
    """
    t0 = time.perf_counter()
    finder = MentionFinder(load_catalog())
    init = time.perf_counter() - t0
    articles = json.loads((DEMO_DATA_DIR / "articles.json").read_text(encoding="utf-8"))
    texts = [
        (f"{a['title']}\n{a['summary']}", datetime.date.fromisoformat(a["published"]))
        for a in articles
    ]
    total = 0
    words = 0
    start = time.perf_counter()
    for i in range(n):
        text, published = texts[i % len(texts)]
        total += len(finder.find(text, published=published))
        words += len(text.split())
    elapsed = time.perf_counter() - start
    return {
        "articles": n,
        "seconds": round(elapsed, 3),
        "articles_per_second": round(n / elapsed, 1) if elapsed else float("inf"),
        "init_seconds": round(init, 3),
        "mentions": total,
        "avg_words": round(words / n, 1) if n else 0.0,
    }


if __name__ == "__main__":  # pragma: no cover
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(benchmark(count))
