"""Evidence highlighting and chart layouts (plain Python)."""

import datetime
import unittest

from articles.charts import bar_chart, time_chart, week_start
from articles.highlight import highlight


class HighlightTests(unittest.TestCase):
    def test_pieces_join_back_to_the_text_and_carry_their_keys(self):
        text = "First sentence. Point 7 caps the army at 600,000.  Last one."
        pieces = highlight(text, [("Point 7 caps the army at 600,000.", "m1")])
        self.assertEqual("".join(p for p, _ in pieces), text)
        self.assertEqual([p for p, keys in pieces if keys], ["Point 7 caps the army at 600,000."])

    def test_whitespace_differences_still_match(self):
        pieces = highlight("The army is\ncapped at 600,000.", [("The army is capped at 600,000.", 1)])
        self.assertEqual(pieces, [("The army is\ncapped at 600,000.", [1])])

    def test_overlapping_evidence_gets_both_keys_and_missing_evidence_is_skipped(self):
        text = "Alpha beta gamma delta."
        pieces = highlight(text, [("Alpha beta gamma", "a"), ("gamma delta.", "b"), ("not there", "c")])
        self.assertIn(("gamma", ["a", "b"]), pieces)
        self.assertNotIn("c", [k for _, keys in pieces for k in keys])

    def test_regex_characters_in_evidence_are_literal(self):
        pieces = highlight("Cost: $100 (billion) [est.]", [("$100 (billion) [est.]", 1)])
        self.assertIn(("$100 (billion) [est.]", [1]), pieces)


class ChartTests(unittest.TestCase):
    def test_bars_scale_to_the_largest_value_and_split_unconfirmed(self):
        chart = bar_chart([("7", 10, 4, "/p/7/", "t"), ("8", 5, 0, "/p/8/", "t")])
        first, second = chart.bars
        self.assertAlmostEqual(first.width, second.width * 2)
        self.assertAlmostEqual(first.confirmed_width, first.width * 0.6)
        self.assertLess(first.y, second.y)
        self.assertEqual(chart.ticks[0][1], 0)

    def test_weekly_columns_stack_series_and_fill_empty_weeks(self):
        monday = datetime.date(2025, 11, 17)
        counts = {(monday, "a"): 2, (monday, "b"): 1, (monday + datetime.timedelta(days=21), "a"): 3}
        chart = time_chart(counts, [("a", "A"), ("b", "B")])
        self.assertEqual(len(chart.columns), 4)  # three weeks apart: four columns, two empty
        first = chart.columns[0]
        self.assertEqual([s[0] for s in first.stacks], ["a", "b"])
        self.assertAlmostEqual(first.stacks[1][1] + first.stacks[1][2], first.stacks[0][1])
        self.assertEqual(chart.columns[1].stacks, ())
        self.assertEqual(week_start(datetime.date(2025, 11, 20)), monday)
