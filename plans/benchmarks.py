"""Benchmarks of the comparison engine: ``python -m plans.benchmarks``.

Pure Python (no Django).  Every measurement is one function returning plain
numbers, so more can be added (page timings, for instance) and called from
elsewhere; :func:`main` prints them all.

Figures printed: median time to align the 28-point draft with the 20-point
framework; median time to align synthetic documents of 100, 1,000 and 5,000
points (with the ratio between sizes); word_diff throughput; the evaluation
scores on the synthetic set, the real successor and scoped pairs, the
held-out redrafts and all real pairs together.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Callable, Sequence

from plans.alignment import Unit, align
from plans.evaluation import (
    format_report,
    evaluate,
    default_aligner,
    load_versions,
    real_pairs,
    redraft_pairs,
    reword,
    scoped_pairs,
    successor_pairs,
    synthetic_pairs,
    text_pool,
)
from plans.wording import word_diff


def median_time(func: Callable[[], object], runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``func``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def version_units(slug: str) -> list[Unit]:
    """The points of one demo version as units."""
    version = load_versions()[slug]
    return [Unit(p["number"], p["text"]) for p in version["points"]]


def bench_demo_pair(runs: int = 21) -> float:
    """Median seconds to align the 28-point draft with the 20-point framework."""
    old = version_units("us-28-point-draft")
    new = version_units("ukraine-us-20-point-framework")
    return median_time(lambda: align(old, new), runs)


def synthetic_documents(size: int, seed: int = 7) -> tuple[list[Unit], list[Unit]]:
    """Two versions of a ``size``-point document for timing.

    Points are 12-40 words drawn from the words of the demo texts (weighted by
    their frequency, so the vocabulary is realistic and shared).  The new version
    keeps 60% of the points, rewords 20%, and drops, adds, splits, merges
    or moves the rest.
    """
    rng = random.Random(seed * 1_000_003 + size)
    words = " ".join(text_pool()).split()

    def fresh() -> str:
        text = " ".join(rng.choice(words) for _ in range(rng.randint(12, 40)))
        return text[0].upper() + text[1:] + "."

    old_texts = [fresh() for _ in range(size)]
    new_texts: list[str] = []
    k = 0
    while k < size:
        roll = rng.random()
        text = old_texts[k]
        if roll < 0.60:
            new_texts.append(text)
        elif roll < 0.80:
            new_texts.append(reword(text, rng))
        elif roll < 0.85:
            pass  # dropped
        elif roll < 0.90:
            new_texts.append(fresh())
            new_texts.append(text)
        elif roll < 0.94:
            cut = len(text.split()) // 2
            new_texts.append(" ".join(text.split()[:cut]))
            new_texts.append(" ".join(text.split()[cut:]))
        elif roll < 0.97 and k + 1 < size:
            new_texts.append(text + " " + old_texts[k + 1])
            k += 1
        else:
            new_texts.insert(rng.randint(0, len(new_texts)), text)
        k += 1
    old = [Unit(str(n + 1), t) for n, t in enumerate(old_texts)]
    new = [Unit(str(n + 1), t) for n, t in enumerate(new_texts)]
    return old, new


def bench_synthetic(size: int, runs: int) -> float:
    """Median seconds to align two synthetic ``size``-point documents."""
    old, new = synthetic_documents(size)
    return median_time(lambda: align(old, new), runs)


def bench_word_diff(runs: int = 5) -> tuple[float, float]:
    """word_diff throughput: (diffs per second, old+new characters per second).

    Diffs every demo point text against a reworded version of itself.
    """
    rng = random.Random(11)
    pairs = [(t, reword(t, rng)) for t in text_pool()]
    chars = sum(len(a) + len(b) for a, b in pairs)

    def run() -> None:
        for a, b in pairs:
            word_diff(a, b)

    seconds = median_time(run, runs)
    return len(pairs) / seconds, chars / seconds


def bench_evaluation() -> dict[str, str]:
    """The evaluation reports (synthetic, real and held-out sets) as formatted text."""
    return {
        "synthetic": format_report(evaluate(default_aligner, synthetic_pairs()), "Synthetic set"),
        "successor": format_report(
            evaluate(default_aligner, successor_pairs()), "Real successor pairs (no scope)", per_pair=True
        ),
        "scoped": format_report(
            evaluate(default_aligner, scoped_pairs()), "Real scoped pairs (companion, split-off)", per_pair=True
        ),
        "redrafts": format_report(
            evaluate(default_aligner, redraft_pairs()), "Held-out redrafts (never tuned on)", per_pair=True
        ),
        "real": format_report(evaluate(default_aligner, real_pairs()), "All real curated pairs"),
        "real (curated kinds)": format_report(
            evaluate(default_aligner, real_pairs(curated_kinds=True)),
            "Real curated pairs, curated unchanged/reworded labels kept",
        ),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, skip 5,000 points")
    args = parser.parse_args(argv)
    quick = args.quick

    demo = bench_demo_pair(5 if quick else 21)
    print(f"28-point draft vs 20-point framework: median {demo * 1000:.2f} ms")

    sizes = [(100, 5 if quick else 11), (1000, 3 if quick else 5)]
    if not quick:
        sizes.append((5000, 3))
    previous = None
    for size, runs in sizes:
        seconds = bench_synthetic(size, runs)
        ratio = f" ({seconds / previous[1]:.1f}x the {previous[0]:,}-point time)" if previous else ""
        print(f"synthetic {size:,} x ~{size:,} points: median {seconds * 1000:.1f} ms over {runs} runs{ratio}")
        previous = (size, seconds)

    per_second, chars = bench_word_diff(3 if quick else 5)
    print(f"word_diff: {per_second:,.0f} diffs/s, {chars / 1e6:.2f} M characters/s")

    for text in bench_evaluation().values():
        print(text)


if __name__ == "__main__":
    main()
