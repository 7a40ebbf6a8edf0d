"""Word-level diffs (plans.wording)."""

import random
import unittest

from plans.wording import Segment, merge_diff, split_diff, unplaced, word_diff


def side(segments, op):
    return "".join(s.text for s in segments if s.op in ("equal", op))


class WordDiffTest(unittest.TestCase):
    def assert_round_trip(self, old, new, segments):
        self.assertEqual(side(segments, "delete"), old)
        self.assertEqual(side(segments, "insert"), new)
        for a, b in zip(segments, segments[1:]):
            self.assertNotEqual(a.op, b.op)
        self.assertTrue(all(s.text for s in segments))

    def test_identical_texts_are_one_equal_segment(self):
        self.assertEqual(word_diff("same words", "same words"), [Segment("equal", "same words")])
        self.assertEqual(word_diff("", ""), [])

    def test_it_replaces_whole_words_not_letters(self):
        segments = word_diff("Ukraine is capped at 600,000 troops.", "Ukraine is capped at 800,000 troops.")
        self.assertIn(Segment("delete", "600"), segments)
        self.assertIn(Segment("insert", "800"), segments)
        segments = word_diff("the army was capped", "the armies were capped")
        changed = [s.text for s in segments if s.op != "equal"]
        self.assertTrue(all(" " in t or t.isalpha() for t in changed))
        self.assertNotIn(Segment("delete", "y"), segments)

    def test_an_empty_side_is_a_pure_insert_or_delete(self):
        self.assertEqual(word_diff("", "new text"), [Segment("insert", "new text")])
        self.assertEqual(word_diff("old text", ""), [Segment("delete", "old text")])

    def test_whitespace_survives_the_round_trip_on_random_inputs(self):
        rng = random.Random(3)
        words = ["peace", "plan", "Ukraine", "600,000", "the", "of", "NATO", "—", "(", ")", "ü", "x"]
        spaces = [" ", "  ", "\n", "\t", " \n "]
        for _ in range(300):
            def text():
                parts = []
                for _ in range(rng.randint(0, 14)):
                    parts.append(rng.choice(words))
                    parts.append(rng.choice(spaces) if rng.random() < 0.8 else "")
                return "".join(parts)
            old = text()
            new = text() if rng.random() < 0.3 else old.replace("plan", "deal").replace(" the", "")
            self.assert_round_trip(old, new, word_diff(old, new))

    def test_many_distinct_words_are_encoded_without_clashes(self):
        old = " ".join(f"w{n}" for n in range(70000))
        new = old.replace("w3 ", "w3 extra ")
        self.assert_round_trip(old, new, word_diff(old, new))


class SplitAndMergeDiffTest(unittest.TestCase):
    OLD = "Crimea is recognised. Kherson is frozen along the line, and other areas are returned."

    def test_a_split_shows_for_each_part_what_came_from_the_old_text(self):
        parts = ["Crimea is recognised.", "Kherson is frozen along the contact line."]
        diffs = split_diff(self.OLD, parts)
        self.assertEqual(len(diffs), 2)
        for part, diff in zip(parts, diffs):
            self.assertEqual(side(diff, "insert"), part)
            self.assertEqual(side(diff, "delete"), self.OLD)
        self.assertEqual(diffs[0][0], Segment("equal", "Crimea is recognised."))
        self.assertTrue(any(s.op == "insert" and "contact" in s.text for s in diffs[1]))
        self.assertIn(Segment("equal", "Kherson is frozen along the "), diffs[1])

    def test_unplaced_marks_old_words_that_went_into_no_part(self):
        parts = ["Crimea is recognised.", "Kherson is frozen along the line."]
        marked = unplaced(self.OLD, split_diff(self.OLD, parts))
        self.assertEqual("".join(s.text for s in marked), self.OLD)
        dropped = "".join(s.text for s in marked if s.op == "delete")
        self.assertIn("other areas are returned", dropped)
        self.assertNotIn("Crimea", dropped)
        self.assertNotIn("Kherson", dropped)

    def test_a_merge_is_the_mirror_of_a_split(self):
        olds = ["Prisoners are exchanged all for all.", "Children go home."]
        new = "Prisoners are exchanged all for all and children go home with help."
        diffs = merge_diff(olds, new)
        for old, diff in zip(olds, diffs):
            self.assertEqual(side(diff, "delete"), old)
            self.assertEqual(side(diff, "insert"), new)
        marked = unplaced(new, diffs, side="new")
        self.assertEqual("".join(s.text for s in marked), new)
        added = "".join(s.text for s in marked if s.op == "insert")
        self.assertIn("with help", added)
        self.assertNotIn("Prisoners", added)

    def test_unplaced_rejects_an_unknown_side(self):
        with self.assertRaises(ValueError):
            unplaced("text", [], side="middle")


if __name__ == "__main__":
    unittest.main()
