"""Evaluation sets and scoring (plans.evaluation), and the engine's minimum scores."""

import random
import unittest

from plans.alignment import Link, Unit, normalise
from plans.evaluation import (
    EvalPair,
    Report,
    default_aligner,
    evaluate,
    format_report,
    kind_counts,
    punctuate,
    real_pairs,
    reword,
    score_pair,
    synthetic_pairs,
    text_pool,
)


def truth_aligner(pair):
    """An aligner that returns the truth of ``pair`` (for testing the scorer)."""
    return lambda old, new, ordered=True: list(pair.truth)


class SyntheticSetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pairs = synthetic_pairs()

    def test_every_key_is_in_exactly_one_true_link(self):
        for pair in self.pairs:
            self.assertEqual(sorted(k for t in pair.truth for k in t.left),
                             sorted(u.key for u in pair.old))
            self.assertEqual(sorted(k for t in pair.truth for k in t.right),
                             sorted(u.key for u in pair.new))

    def test_it_is_reproducible_for_a_seed(self):
        self.assertEqual(synthetic_pairs(count=3, seed=5), synthetic_pairs(count=3, seed=5))
        self.assertNotEqual(synthetic_pairs(count=3, seed=5), synthetic_pairs(count=3, seed=6))

    def test_it_contains_every_kind_and_moves(self):
        counts = kind_counts(self.pairs)
        for kind in ("unchanged", "reworded", "split", "merged", "dropped", "added"):
            self.assertGreaterEqual(counts[kind], 20, kind)
        self.assertGreater(sum(t.moved for p in self.pairs for t in p.truth), 10)

    def test_unchanged_truth_means_equal_after_normalising(self):
        for pair in self.pairs:
            old = {u.key: u.text for u in pair.old}
            new = {u.key: u.text for u in pair.new}
            for t in pair.truth:
                if t.kind in ("unchanged", "reworded"):
                    same = normalise(old[t.left[0]]) == normalise(new[t.right[0]])
                    self.assertEqual(same, t.kind == "unchanged")

    def test_edits_do_what_they_say(self):
        rng = random.Random(1)
        for text in text_pool()[:50]:
            self.assertEqual(normalise(punctuate(text, rng)), normalise(text))
            self.assertNotEqual(normalise(reword(text, rng)), normalise(text))


class RealSetTest(unittest.TestCase):
    def test_unknown_and_not_applicable_points_are_left_out(self):
        pairs = {p.name: p for p in real_pairs()}
        e3 = pairs["us-28-point-draft -> e3-counterproposal"]
        self.assertNotIn("15", [u.key for u in e3.old])
        self.assertNotIn("15", [u.key for u in e3.new])
        companion = pairs["us-28-point-draft -> us-security-guarantee-draft-2025-11"]
        self.assertEqual([u.key for u in companion.old], ["5", "10"])

    def test_multi_point_links_get_their_kind_from_their_shape(self):
        pairs = {p.name: p for p in real_pairs()}
        truth = {(t.left, t.right): t.kind for t in pairs["us-28-point-draft -> e3-counterproposal"].truth}
        self.assertEqual(truth[(("21", "21a", "21b", "21c", "21d"), ("21",))], "merged")
        framework = {(t.left, t.right): t.kind
                     for t in pairs["us-28-point-draft -> ukraine-us-20-point-framework"].truth}
        self.assertEqual(framework[(("12", "12a", "12b", "12c", "12d", "12e", "12f"), ("8", "9"))],
                         "regrouped")

    def test_placeholder_numbered_versions_are_unordered(self):
        for pair in real_pairs():
            if "geneva" in pair.name:
                self.assertFalse(pair.ordered)
                self.assertFalse(any(t.moved for t in pair.truth))

    def test_curated_kinds_can_be_kept(self):
        pairs = {p.name: p for p in real_pairs(curated_kinds=True)}
        truth = {(t.left, t.right): t.kind for t in pairs["us-28-point-draft -> e3-counterproposal"].truth}
        self.assertEqual(truth[(("1",), ("1",))], "unchanged")


class ScoringTest(unittest.TestCase):
    def test_the_truth_scores_perfectly(self):
        pairs = synthetic_pairs(count=5) + real_pairs()
        report = Report()
        for pair in pairs:
            score_pair(pair, truth_aligner(pair)(pair.old, pair.new), report)
        self.assertEqual(report.overall.f1, 1.0)
        self.assertEqual(report.false_moves, 0)
        self.assertEqual(report.missed_moves, 0)

    def test_a_many_to_many_link_is_found_when_predictions_tile_it(self):
        old = (Unit("1", "a"), Unit("2", "b"))
        new = (Unit("1", "c"), Unit("2", "d"), Unit("3", "e"))
        pair = EvalPair("t", old, new, True, (Link(("1", "2"), ("1", "2", "3"), "regrouped", False, 1),))
        tiled = [Link(("1",), ("1", "3"), "split", False, 0.5), Link(("2",), ("2",), "reworded", False, 0.5)]
        report = Report()
        score_pair(pair, tiled, report)
        self.assertEqual((report.overall.tp, report.overall.fp, report.overall.fn), (1, 0, 0))
        leaking = [Link(("1",), ("1", "3"), "split", False, 0.5), Link(("2",), (), "dropped", False, 0.5),
                   Link((), ("2",), "added", False, 0.5)]
        report = Report()
        score_pair(pair, leaking, report)
        self.assertEqual((report.overall.tp, report.overall.fp, report.overall.fn), (0, 3, 1))

    def test_a_wrong_kind_and_a_false_move_are_errors(self):
        old, new = (Unit("1", "a"), Unit("2", "b")), (Unit("1", "a"), Unit("2", "b"))
        truth = (Link(("1",), ("1",), "unchanged", False, 1), Link(("2",), ("2",), "unchanged", False, 1))
        predicted = [Link(("1",), ("1",), "reworded", True, 0.9), truth[1]]
        report = Report()
        score_pair(EvalPair("t", old, new, True, truth), predicted, report)
        self.assertEqual((report.overall.tp, report.overall.fp, report.overall.fn), (1, 1, 1))
        self.assertEqual(report.false_moves, 1)
        self.assertIn("F1", format_report(report, "x"))


class EngineMinimumScoresTest(unittest.TestCase):
    """Floors slightly below the measured scores, so that a regression fails."""

    def test_synthetic_edits(self):
        report = evaluate(default_aligner, synthetic_pairs())
        self.assertGreaterEqual(report.overall.f1, 0.985, format_report(report))
        self.assertGreaterEqual(report.overall.precision, 0.98)
        for kind in ("unchanged", "reworded", "split", "merged", "dropped", "added"):
            self.assertGreaterEqual(report.per_kind[kind].recall, 0.95, kind)
        self.assertEqual(report.false_moves, 0)

    def test_real_curated_pairs(self):
        report = evaluate(default_aligner, real_pairs())
        self.assertGreaterEqual(report.overall.f1, 0.56, format_report(report))
        self.assertGreaterEqual(report.overall.recall, 0.70)
        self.assertGreaterEqual(report.per_kind["reworded"].recall, 0.75)
        self.assertEqual(report.false_moves, 0)


if __name__ == "__main__":
    unittest.main()
