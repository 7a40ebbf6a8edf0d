"""Rows of a comparison: people's links win, open fates stay open, the aligner fills the rest."""

import unittest

from plans.alignment import Link
from plans.comparison import PairFacts, PersonLink, PointInfo, compare, from_data, to_data

OLD = [
    PointInfo("1", "Ukraine's sovereignty is confirmed."),
    PointInfo("2", "Ukraine's armed forces are limited to 600,000 personnel."),
    PointInfo("3", "Territorial arrangements:"),
    PointInfo("3a", "Crimea is recognised as Russian de facto.", "3"),
    PointInfo("3b", "The front line is frozen in Kherson and Zaporizhzhia.", "3"),
    PointInfo("4", "Full amnesty is granted to all parties for acts committed during the war."),
    PointInfo("5", "Elections are held in Ukraine within 100 days of signing."),
]
NEW = [
    PointInfo("1", "Ukraine's sovereignty is confirmed by every signatory."),
    PointInfo("2", "Elections are held in Ukraine within 100 days of signing the agreement."),
    PointInfo("3", "Ukraine keeps armed forces of 800,000 personnel in peacetime."),
    PointInfo("4", "Territory: the front line is the starting point of talks."),
]


def kinds(comparison):
    return [(row.left.keys, row.right.keys, row.kind, row.origin) for row in comparison.rows]


class CompareTests(unittest.TestCase):
    def test_every_unit_appears_in_exactly_one_row(self):
        for granularity in ("points", "sub-points"):
            comparison = compare(OLD, NEW, granularity=granularity)
            old_keys = [k for row in comparison.rows for k in row.left.keys]
            new_keys = [k for row in comparison.rows for k in row.right.keys]
            self.assertEqual(sorted(new_keys), sorted(p.key for p in NEW))
            expected_old = [p.key for p in OLD if granularity == "sub-points" or p.parent is None]
            self.assertEqual(sorted(old_keys), sorted(expected_old))

    def test_sub_points_are_folded_into_their_point(self):
        comparison = compare(OLD, NEW, granularity="points")
        row = next(r for r in comparison.rows if "3" in r.left.keys)
        self.assertIn("Crimea", row.left.texts[0])
        self.assertIn("Zaporizhzhia", row.left.texts[0])

    def test_a_persons_link_wins_and_the_aligner_fills_the_rest(self):
        people = [PersonLink(7, ("4",), (), "dropped", note="Amnesty clause removed.")]
        comparison = compare(OLD, NEW, people)
        row = next(r for r in comparison.rows if r.left.keys == ("4",))
        self.assertEqual((row.kind, row.origin, row.notes), ("dropped", "curated", ["Amnesty clause removed."]))
        others = [r for r in comparison.rows if r is not row]
        self.assertTrue(all(r.origin == "automatic" for r in others))
        self.assertIn((("1",), ("1",), "reworded", "automatic"), kinds(comparison))

    def test_links_on_sub_points_are_projected_and_grouped_at_point_level(self):
        people = [
            PersonLink(1, ("3a",), ("4",), "reworded"),
            PersonLink(2, ("3b",), ("4",), "reworded"),
        ]
        points = compare(OLD, NEW, people, granularity="points")
        self.assertIn((("3",), ("4",), "reworded", "curated"), kinds(points))
        subs = compare(OLD, NEW, people, granularity="sub-points")
        self.assertIn((("3a", "3b"), ("4",), "merged", "curated"), kinds(subs))

    def test_the_kind_follows_the_shape_of_a_persons_link(self):
        people = [PersonLink(1, ("2", "5"), ("3",), "reworded")]
        comparison = compare(OLD, NEW, people)
        self.assertIn((("2", "5"), ("3",), "merged", "curated"), kinds(comparison))

    def test_unknown_fates_are_never_dropped_or_added(self):
        facts = PairFacts(unknown_left=frozenset({"4"}), unknown_right=frozenset({"2"}))
        comparison = compare(OLD, NEW, [], facts)
        self.assertIn((("4",), (), "unknown", "curated"), kinds(comparison))
        self.assertIn(((), ("2",), "unknown", "curated"), kinds(comparison))
        self.assertNotIn("4", [k for r in comparison.rows if r.kind == "dropped" for k in r.left.keys])

    def test_it_says_where_the_automatic_alignment_disagrees(self):
        people = [PersonLink(1, ("1",), ("2",), "reworded")]  # deliberately wrong
        comparison = compare(OLD, NEW, people)
        row = next(r for r in comparison.rows if r.origin == "curated")
        self.assertTrue(row.disagreements)
        self.assertIn(("1",), [link.left for link in row.disagreements])
        agreeing = compare(OLD, NEW, [PersonLink(1, ("1",), ("1",), "reworded")])
        self.assertFalse(next(r for r in agreeing.rows if r.origin == "curated").disagreements)

    def test_a_rejected_automatic_link_is_not_proposed_again(self):
        comparison = compare(OLD, NEW, rejected=[(("1",), ("1",))])
        rows = [r for r in comparison.rows if "1" in r.left.keys or "1" in r.right.keys]
        self.assertEqual({(r.kind, r.rejected) for r in rows}, {("dropped", True), ("added", True)})

    def test_moves_are_found_for_automatic_rows_and_never_in_unordered_versions(self):
        comparison = compare(OLD, NEW)
        moved = {(r.left.keys, r.right.keys) for r in comparison.rows if r.moved}
        self.assertTrue(moved)
        self.assertFalse(any(r.moved for r in compare(OLD, NEW, ordered=False).rows))

    def test_a_persons_moved_flag_is_kept(self):
        people = [PersonLink(1, ("5",), ("2",), "reworded", moved=True)]
        row = next(r for r in compare(OLD, NEW, people).rows if r.origin == "curated")
        self.assertTrue(row.moved)

    def test_rows_read_in_document_order(self):
        comparison = compare(OLD, NEW, granularity="sub-points")
        firsts = [OLD_KEYS.index(r.left.keys[0]) for r in comparison.rows if r.left.keys]
        self.assertEqual(firsts, sorted(firsts))

    def test_it_round_trips_through_json(self):
        people = [PersonLink(3, ("4",), (), "dropped", confidence="low", note="n")]
        comparison = compare(OLD, NEW, people, PairFacts(unknown_right=frozenset({"2"})))
        again = from_data(to_data(comparison))
        self.assertEqual(to_data(again), to_data(comparison))
        self.assertEqual(again.counts(), comparison.counts())

    def test_unknown_granularity_is_refused(self):
        with self.assertRaises(ValueError):
            compare(OLD, NEW, granularity="words")


OLD_KEYS = [p.key for p in OLD]


class BlocksTests(unittest.TestCase):
    def test_a_reworded_pair_shows_deletions_left_and_insertions_right(self):
        comparison = compare(OLD, NEW, [PersonLink(1, ("1",), ("1",), "reworded")])
        row = next(r for r in comparison.rows if r.origin == "curated")
        left, right = row.left_blocks, row.right_blocks
        self.assertEqual({s.op for s in left[0][1]}, {"equal"} | ({"delete"} & {s.op for s in left[0][1]}))
        self.assertIn("insert", {s.op for s in right[0][1]})
        self.assertEqual("".join(s.text for s in right[0][1]), NEW[0].text)
        self.assertEqual("".join(s.text for s in left[0][1]), OLD[0].text)

    def test_a_split_shows_each_part_with_its_own_words(self):
        old = [PointInfo("1", "Sanctions are lifted in stages. Russia returns to the G8.")]
        new = [PointInfo("1", "Sanctions are lifted in stages."), PointInfo("2", "Russia is invited back to the G8.")]
        row = compare(old, new, [PersonLink(1, ("1",), ("1", "2"), "split")]).rows[0]
        left, right = row.left_blocks, row.right_blocks
        self.assertEqual(row.kind, "split")
        self.assertEqual([b[0] for b in right], [("1",), ("2",)])
        self.assertEqual("".join(s.text for s in right[1][1]), new[1].text)
        self.assertEqual("".join(s.text for s in left[0][1]), old[0].text)
        self.assertNotIn("insert", {s.op for s in left[0][1]})

    def test_a_row_without_a_counterpart_shows_plain_text(self):
        row = Link(("4",), (), "dropped", False, 1.0)
        self.assertEqual(row.kind, "dropped")
        comparison = compare(OLD, NEW, [PersonLink(1, ("4",), (), "dropped")])
        dropped = next(r for r in comparison.rows if r.origin == "curated")
        left, right = dropped.left_blocks, dropped.right_blocks
        self.assertEqual(right, [])
        self.assertEqual(left[0][1][0].op, "equal")
