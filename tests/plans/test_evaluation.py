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
    SUCCESSOR_MISS_CAUSES,
    miss_causes,
    real_pairs,
    redraft_pairs,
    reword,
    scoped_pairs,
    score_pair,
    successor_pairs,
    synthetic_pairs,
    text_pool,
)
from plans.alignment import mark_moves


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


class SuccessorAndScopedPairsTest(unittest.TestCase):
    def test_the_real_set_splits_into_successor_and_scoped_pairs(self):
        real = {p.name for p in real_pairs()}
        successor = successor_pairs()
        scoped = scoped_pairs()
        self.assertEqual({p.name for p in successor} | {p.name for p in scoped}, real)
        self.assertTrue(all(p.scope is None for p in successor))
        self.assertEqual({p.scope for p in scoped}, {"companion", "split-off"})
        self.assertIn("berlin-statement-2025-12-15 -> paris-declaration-2026-01-06",
                      {p.name for p in successor})

    def test_every_classified_miss_names_a_true_link_of_a_successor_pair(self):
        truth = {(p.name, t.left, t.right) for p in successor_pairs() for t in p.truth}
        for key in SUCCESSOR_MISS_CAUSES:
            self.assertIn(key, truth)

    def test_the_engine_has_no_unclassified_miss_on_successor_pairs(self):
        causes = miss_causes(default_aligner)
        self.assertNotIn("unclassified", causes, causes.get("unclassified"))

    def test_reports_count_each_pair(self):
        pairs = successor_pairs()
        report = evaluate(default_aligner, pairs)
        self.assertEqual(list(report.per_pair), [p.name for p in pairs])
        self.assertEqual(sum(k.tp for k in report.per_pair.values()), report.overall.tp)
        self.assertIn(pairs[0].name, format_report(report, per_pair=True))


class RedraftSetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pairs = redraft_pairs()

    def test_it_has_six_realistic_pairs_of_8_to_30_points(self):
        self.assertGreaterEqual(len(self.pairs), 6)
        for pair in self.pairs:
            self.assertTrue(8 <= len(pair.old) <= 30 and 8 <= len(pair.new) <= 30, pair.name)

    def test_every_key_is_in_exactly_one_true_link(self):
        for pair in self.pairs:
            self.assertEqual(sorted(k for t in pair.truth for k in t.left), sorted(u.key for u in pair.old))
            self.assertEqual(sorted(k for t in pair.truth for k in t.right), sorted(u.key for u in pair.new))

    def test_moved_flags_follow_the_readme_definition(self):
        for pair in self.pairs:
            old_pos = {u.key: n for n, u in enumerate(pair.old)}
            new_pos = {u.key: n for n, u in enumerate(pair.new)}
            both = [t for t in pair.truth if t.left and t.right]
            flags = mark_moves([([old_pos[k] for k in t.left], [new_pos[k] for k in t.right]) for t in both])
            self.assertEqual([t.moved for t in both], [f[0] for f in flags], pair.name)

    def test_it_holds_every_kind_of_edit(self):
        counts = kind_counts(self.pairs)
        for kind in ("reworded", "split", "merged", "dropped", "added"):
            self.assertGreaterEqual(counts[kind], 3, kind)
        self.assertGreaterEqual(sum(t.moved for p in self.pairs for t in p.truth), 4)


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
        self.assertGreaterEqual(report.overall.precision, 0.985)
        for kind in ("unchanged", "reworded", "merged", "dropped", "added"):
            self.assertGreaterEqual(report.per_kind[kind].recall, 0.95, kind)
        self.assertGreaterEqual(report.per_kind["split"].recall, 0.92)
        self.assertEqual(report.false_moves, 0)

    def test_real_successor_pairs(self):
        report = evaluate(default_aligner, successor_pairs())
        self.assertGreaterEqual(report.overall.f1, 0.73, format_report(report, per_pair=True))
        self.assertGreaterEqual(report.overall.recall, 0.79)
        self.assertGreaterEqual(report.per_kind["reworded"].recall, 0.83)
        self.assertGreaterEqual(report.per_kind["merged"].recall, 0.40)
        self.assertEqual(report.false_moves, 0)

    def test_real_curated_pairs(self):
        report = evaluate(default_aligner, real_pairs())
        self.assertGreaterEqual(report.overall.f1, 0.66, format_report(report))
        self.assertGreaterEqual(report.overall.recall, 0.77)
        self.assertEqual(report.false_moves, 0)

    def test_held_out_redrafts(self):
        report = evaluate(default_aligner, redraft_pairs())
        self.assertGreaterEqual(report.overall.f1, 0.74, format_report(report, per_pair=True))
        self.assertGreaterEqual(report.overall.recall, 0.79)
        self.assertEqual(report.false_moves, 0)


if __name__ == "__main__":
    unittest.main()
