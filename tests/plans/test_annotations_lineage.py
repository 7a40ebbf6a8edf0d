"""Which points show a note through lineage, and when an edit conflicts (plain Python)."""

import random
import unittest

from plans.annotating import INHERITED, INHERITED_FROM_SPLIT, Edge, edit_conflict, sources, successors


def edge(sources_: set[int], targets: set[int], relation: str = "reworded") -> Edge:
    return Edge(frozenset(sources_), frozenset(targets), relation)


class SuccessorTests(unittest.TestCase):
    # Version A: 1, 2 (with sub-point 21); version B: 10, 11, 12; version C: 20, 21.
    parents = {1: None, 2: None, 3: 2, 10: None, 11: None, 12: None, 20: None, 30: None}

    def test_a_note_follows_links_into_every_later_version(self):
        edges = [edge({1}, {10}), edge({10}, {20})]
        self.assertEqual(successors(1, edges, self.parents), {10: INHERITED, 20: INHERITED})

    def test_a_split_marks_every_part_and_what_follows_them(self):
        edges = [edge({1}, {10, 11}, "split"), edge({10}, {20})]
        self.assertEqual(
            successors(1, edges, self.parents),
            {10: INHERITED_FROM_SPLIT, 11: INHERITED_FROM_SPLIT, 20: INHERITED_FROM_SPLIT},
        )

    def test_a_plain_path_wins_over_a_split_one(self):
        edges = [edge({1}, {10, 11}, "split"), edge({1}, {20}), edge({10}, {20})]
        self.assertEqual(successors(1, edges, self.parents)[20], INHERITED)

    def test_a_note_on_a_point_follows_its_sub_points(self):
        self.assertEqual(successors(2, [edge({3}, {12})], self.parents), {12: INHERITED})

    def test_it_never_walks_backwards_or_into_unlinked_points(self):
        edges = [edge({1}, {10}), edge({2}, {11})]
        self.assertEqual(successors(10, edges, self.parents), {})
        self.assertNotIn(11, successors(1, edges, self.parents))

    def test_dropped_points_pass_nothing_on(self):
        self.assertEqual(successors(1, [edge({1}, set(), "dropped")], self.parents), {})

    def test_sources_is_the_inverse_of_successors_on_random_lineage(self):
        rng = random.Random(7)
        for _ in range(200):
            points = list(range(1, 13))
            parents = {p: (p - 1 if p % 4 == 0 else None) for p in points}
            edges = [
                edge(set(rng.sample(points, rng.randint(1, 2))), set(rng.sample(points, rng.randint(0, 3))),
                     rng.choice(["reworded", "split", "merged", "unchanged"]))
                for _ in range(rng.randint(1, 8))
            ]
            forward = {n: successors(n, edges, parents) for n in points}
            for p in points:
                expected = {n: kinds[p] for n, kinds in forward.items() if p in kinds and n != p}
                self.assertEqual(sources(p, edges, parents), expected)


class EditConflictTests(unittest.TestCase):
    def test_an_edit_from_the_stored_revision_does_not_conflict(self):
        self.assertIsNone(edit_conflict(3, 3, "old", "new"))

    def test_an_edit_from_an_older_revision_conflicts_and_keeps_both_texts(self):
        conflict = edit_conflict(2, 3, "theirs", "mine")
        self.assertEqual((conflict.theirs, conflict.yours, conflict.revision), ("theirs", "mine", 3))

    def test_two_people_writing_the_same_text_do_not_conflict(self):
        self.assertIsNone(edit_conflict(2, 3, "same text", "same text\n"))
