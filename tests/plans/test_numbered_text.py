"""Tests for plans.numbered_text (pure Python; run with ``-p no:django``)."""

from __future__ import annotations

import dataclasses
import pickle
import random
import time
import unittest
from unittest import mock

from plans import numbered_text
from plans.numbered_text import (
    ParsedDocument,
    ParsedPoint,
    ParsedSection,
    ParseError,
    parse_numbered_text,
)


def lines(*rows: str) -> str:
    """Join rows with "\\n" so that row N of the call is line N of the text."""
    return "\n".join(rows) + "\n"


REALISTIC_PLAN = lines(
    "Draft framework for a lasting peace",  # 1
    "",  # 2
    "Sovereignty",  # 3
    "",  # 4
    "1. The sovereignty and independence of Ukraine will be confirmed by all parties.",  # 5
    "",  # 6
    "2. The parties will conclude a comprehensive non-aggression agreement. All",  # 7
    "ambiguities of the last thirty years will be considered settled.",  # 8
    "",  # 9
    "SECURITY GUARANTEES",  # 10
    "",  # 11
    "3. Ukraine will receive reliable security guarantees, consisting of:",  # 12
    "   a) a guarantee from the United States, mirroring the collective-defence",  # 13
    "      commitment it gives its allies;",  # 14
    "   b) a commitment by European states to support Ukraine's armed forces;",  # 15
    "   c) a standing mechanism for monitoring the ceasefire",  # 16
    "      along the entire line of contact;",  # 17
    "   d) a clause voiding the guarantees if Ukraine launches an unprovoked attack.",  # 18
    "",  # 19
    "4. The size of the Ukrainian armed forces will be capped in peacetime.",  # 20
    "",  # 21
    "Part III: Territory",  # 22
    "",  # 23
    "6. Territorial arrangements will follow the current line of contact.",  # 24
    "",  # 25
    "7. Neither side will change these arrangements by force.",  # 26
    "   - Any violation voids the guarantees in point 3.",  # 27
    "   - Disputes go to a joint commission.",  # 28
    "",  # 29
    "## Sanctions",  # 30
    "",  # 31
    "8. Sanctions will be lifted in stages, case by case.",  # 32
    "",  # 33
    "9. Frozen assets will be invested in reconstruction.",  # 34
    "",  # 35
    "Elections",  # 36
    "",  # 37
    "10. Ukraine will hold elections within 100 days of signing.",  # 38
)


class ParseErrorAssertions(unittest.TestCase):
    def assertRejected(self, text: str, line: int, *fragments: str) -> ParseError:
        with self.assertRaises(ParseError) as caught:
            parse_numbered_text(text)
        error = caught.exception
        self.assertEqual(error.line, line, error.message)
        if line:
            self.assertTrue(error.message.startswith(f"line {line}: "), error.message)
        for fragment in fragments:
            self.assertIn(fragment, error.message)
        return error

    def numbers(self, text: str) -> list[str]:
        return [point.number for point in parse_numbered_text(text).points]

    def texts(self, text: str) -> list[str]:
        return [point.text for point in parse_numbered_text(text).points]


class TopLevelPointTests(ParseErrorAssertions):
    def test_it_parses_points_with_a_full_stop_marker(self) -> None:
        document = parse_numbered_text(lines("1. First point.", "2. Second point."))
        self.assertEqual(
            document,
            ParsedDocument(
                sections=(),
                points=(
                    ParsedPoint("1", "First point.", parent=None, section=None, line=1),
                    ParsedPoint("2", "Second point.", parent=None, section=None, line=2),
                ),
            ),
        )

    def test_it_parses_points_with_a_parenthesis_marker(self) -> None:
        self.assertEqual(self.numbers(lines("1) One", "2) Two", "3. Three")), ["1", "2", "3"])

    def test_it_accepts_leading_whitespace_before_a_marker(self) -> None:
        document = parse_numbered_text(lines("   1. Indented", "\t2) Tabbed"))
        self.assertEqual([p.text for p in document.points], ["Indented", "Tabbed"])

    def test_it_accepts_multi_digit_numbers(self) -> None:
        self.assertEqual(self.numbers(lines("9. Nine", "10. Ten", "128. Many")), ["9", "10", "128"])

    def test_it_allows_gaps_between_numbers(self) -> None:
        self.assertEqual(self.numbers(lines("1. One", "4. Four", "20. Twenty")), ["1", "4", "20"])

    def test_it_drops_leading_zeros_from_numbers(self) -> None:
        self.assertEqual(self.numbers(lines("01. One", "02. Two")), ["1", "2"])

    def test_it_needs_whitespace_after_the_marker(self) -> None:
        document = parse_numbered_text(
            lines("1. Troops are capped at", "1.5 million", "2)No space")
        )
        self.assertEqual(
            [p.text for p in document.points], ["Troops are capped at 1.5 million 2)No space"]
        )

    def test_it_does_not_accept_a_space_before_the_marker(self) -> None:
        self.assertEqual(self.texts(lines("1. One", "2 . Two")), ["One 2 . Two"])

    def test_it_strips_bold_markers_around_the_number(self) -> None:
        document = parse_numbered_text(lines("**1.** Sovereignty is confirmed.", "**2)** Next."))
        self.assertEqual([p.number for p in document.points], ["1", "2"])
        self.assertEqual(document.points[0].text, "Sovereignty is confirmed.")

    def test_it_keeps_a_bold_run_that_continues_into_the_text(self) -> None:
        document = parse_numbered_text(lines("**1. Sovereignty.** It is confirmed."))
        self.assertEqual(document.points[0].text, "**Sovereignty.** It is confirmed.")

    def test_it_keeps_bold_titles_inside_the_text(self) -> None:
        document = parse_numbered_text(lines("1. **Sovereignty.** It is confirmed."))
        self.assertEqual(document.points[0].text, "**Sovereignty.** It is confirmed.")

    def test_it_rejects_a_decreasing_number(self) -> None:
        error = self.assertRejected(lines("5. Five", "7. Seven", "5. Five again"), 3)
        self.assertEqual(error.message, "line 3: point 5 comes after point 7")

    def test_it_rejects_a_repeated_number(self) -> None:
        error = self.assertRejected(lines("1. One", "", "2. Two", "", "2. Two again"), 5)
        self.assertEqual(error.message, "line 5: point 2 is repeated (it is already on line 3)")

    def test_it_rejects_a_number_lower_than_an_earlier_one_across_sections(self) -> None:
        text = lines("## A", "1. One", "7. Seven", "", "## B", "", "3. Three")
        self.assertRejected(text, 7, "point 3 comes after point 7")

    def test_it_joins_the_text_from_the_next_line_when_the_marker_stands_alone(self) -> None:
        document = parse_numbered_text(
            lines("1. One", "3.", "Three is on its own line", "and wraps.")
        )
        self.assertEqual(document.points[1].number, "3")
        self.assertEqual(document.points[1].text, "Three is on its own line and wraps.")
        self.assertEqual(document.points[1].line, 2)

    def test_it_rejects_a_marker_with_no_text_followed_by_a_blank_line(self) -> None:
        error = self.assertRejected(lines("1. One", "2. Two", "3.", "", "Text too late"), 3)
        self.assertEqual(error.message, "line 3: point 3 has no text after its number")

    def test_it_rejects_a_marker_with_no_text_followed_by_another_point(self) -> None:
        self.assertRejected(lines("1. One", "2)", "3. Three"), 2, "point 2 has no text")

    def test_it_rejects_a_marker_with_no_text_followed_by_a_markdown_heading(self) -> None:
        self.assertRejected(lines("1. One", "2.", "## Next", "3. Three"), 2, "point 2 has no text")

    def test_it_rejects_a_marker_with_no_text_at_the_end_of_the_file(self) -> None:
        self.assertRejected("1. One\n2.", 2, "point 2 has no text")


class SubPointTests(ParseErrorAssertions):
    def test_it_parses_lettered_sub_points_in_each_style(self) -> None:
        document = parse_numbered_text(
            lines("10. Guarantees:", "a. first", "(b) second", "c) third", "11. Next")
        )
        self.assertEqual(
            [(p.number, p.parent, p.text) for p in document.points],
            [
                ("10", None, "Guarantees:"),
                ("10a", "10", "first"),
                ("10b", "10", "second"),
                ("10c", "10", "third"),
                ("11", None, "Next"),
            ],
        )
        self.assertEqual([p.line for p in document.points], [1, 2, 3, 4, 5])

    def test_it_accepts_upper_case_letters_and_lower_cases_the_number(self) -> None:
        self.assertEqual(
            self.numbers(lines("2. Two", "A) first", "(B) second", "C. third")),
            ["2", "2a", "2b", "2c"],
        )

    def test_it_accepts_indented_sub_points_separated_by_blank_lines(self) -> None:
        self.assertEqual(
            self.numbers(lines("1. One", "", "    a) first", "", "    b) second")),
            ["1", "1a", "1b"],
        )

    def test_it_parses_explicit_sub_point_numbers_in_each_style(self) -> None:
        document = parse_numbered_text(lines("10. Ten", "10a. first", "10b) second", "10(c) third"))
        self.assertEqual(
            [(p.number, p.parent) for p in document.points],
            [("10", None), ("10a", "10"), ("10b", "10"), ("10c", "10")],
        )

    def test_it_mixes_explicit_and_plain_sub_point_markers(self) -> None:
        self.assertEqual(self.numbers(lines("4. Four", "a) one", "4b. two", "(c) three")),
                         ["4", "4a", "4b", "4c"])

    def test_it_restarts_letters_under_each_point(self) -> None:
        self.assertEqual(
            self.numbers(lines("1. One", "a) x", "b) y", "2. Two", "a) z")),
            ["1", "1a", "1b", "2", "2a"],
        )

    def test_it_attaches_continuation_lines_to_nested_sub_points(self) -> None:
        document = parse_numbered_text(
            lines(
                "1. The parties agree:",  # 1
                "   a) to a ceasefire",  # 2
                "      along the line of contact;",  # 3
                "",  # 4
                "      monitored jointly;",  # 5
                "   b) to exchange prisoners:",  # 6
                "      - all for all",  # 7
                "      - civilians first",  # 8
                "2. Next point",  # 9
                "   continues here.",  # 10
            )
        )
        self.assertEqual(
            [(p.number, p.text, p.line) for p in document.points],
            [
                ("1", "The parties agree:", 1),
                ("1a", "to a ceasefire along the line of contact;\nmonitored jointly;", 2),
                ("1b", "to exchange prisoners:\n- all for all\n- civilians first", 6),
                ("2", "Next point continues here.", 9),
            ],
        )

    def test_it_rejects_a_sub_point_before_any_point(self) -> None:
        error = self.assertRejected(lines("## Security", "", "b) too early", "1. One"), 3)
        self.assertEqual(error.message, "line 3: sub-point 'b' has no top-level point before it")

    def test_it_rejects_an_explicit_sub_point_before_any_point(self) -> None:
        self.assertRejected(
            lines("3a. too early", "3. Three"), 1, "sub-point '3a' has no top-level"
        )

    def test_it_rejects_an_explicit_sub_point_of_another_point(self) -> None:
        error = self.assertRejected(lines("1. One", "2. Two", "1a. belongs elsewhere"), 3)
        self.assertEqual(
            error.message, "line 3: sub-point '1a' does not belong to the current point 2"
        )

    def test_it_rejects_an_explicit_sub_point_of_a_missing_point(self) -> None:
        self.assertRejected(lines("9. Nine", "10a. point 10 is missing"), 2, "current point 9")

    def test_it_rejects_a_gap_in_sub_point_letters(self) -> None:
        error = self.assertRejected(lines("1. One", "a) x", "b) y", "d) skipped c"), 4)
        self.assertEqual(
            error.message, "line 4: sub-point 'd' comes after 'b' under point 1; expected 'c'"
        )

    def test_it_rejects_a_repeated_sub_point_letter(self) -> None:
        error = self.assertRejected(lines("1. One", "", "a) x", "", "a) again"), 5)
        self.assertEqual(error.message, "line 5: sub-point 'a' is repeated under point 1")

    def test_it_rejects_a_letter_going_backwards(self) -> None:
        text = lines("1. One", "a) x", "b) y", "c) z", "b) back")
        self.assertRejected(text, 5, "comes after 'c'")

    def test_it_rejects_a_first_sub_point_that_is_not_a(self) -> None:
        error = self.assertRejected(lines("1. One", "2. Two", "(c) first"), 3)
        self.assertEqual(
            error.message, "line 3: sub-point 'c' is the first under point 2; expected 'a'"
        )

    def test_it_rejects_an_explicit_sub_point_letter_out_of_order(self) -> None:
        self.assertRejected(lines("6. Six", "6a. x", "6c. y"), 3, "sub-point '6c'", "expected 'b'")

    def test_it_rejects_a_sub_point_directly_after_a_heading(self) -> None:
        error = self.assertRejected(lines("1. One", "", "## Security", "", "a) orphan"), 5)
        self.assertIn("follows the heading on line 3", error.message)

    def test_it_rejects_a_sub_point_with_no_text(self) -> None:
        self.assertRejected(lines("1. One", "a)", "", "b) x"), 2, "sub-point 1a has no text")

    def test_it_takes_a_sub_point_text_from_the_next_line(self) -> None:
        document = parse_numbered_text(lines("1. One", "(a)", "on the next line"))
        self.assertEqual(document.points[1].text, "on the next line")

    def test_it_reads_an_upper_case_lettered_all_caps_line_as_a_heading(self) -> None:
        document = parse_numbered_text(
            lines("I. SOVEREIGNTY", "", "1. One", "", "V. ELECTIONS", "", "2. Two")
        )
        self.assertEqual([s.title for s in document.sections], ["I. SOVEREIGNTY", "V. ELECTIONS"])
        self.assertEqual([p.section for p in document.points], ["i-sovereignty", "v-elections"])

    def test_it_still_reads_an_expected_all_caps_sub_point_as_a_sub_point(self) -> None:
        document = parse_numbered_text(lines("1. Guarantees from:", "", "A) NATO", "", "B) EU"))
        self.assertEqual([p.number for p in document.points], ["1", "1a", "1b"])
        self.assertEqual(document.sections, ())

    def test_it_counts_sub_points_towards_the_point_limit(self) -> None:
        with mock.patch.object(numbered_text, "MAX_POINTS", 3):
            self.assertEqual(len(parse_numbered_text(lines("1. x", "a) y", "b) z")).points), 3)
            self.assertRejected(lines("1. x", "a) y", "b) z", "c) w"), 4, "more than 3 points")


class ContinuationTests(ParseErrorAssertions):
    def test_it_joins_a_wrapped_line_with_a_space(self) -> None:
        self.assertEqual(
            self.texts(lines("1. The parties will", "   conclude an agreement.")),
            ["The parties will conclude an agreement."],
        )

    def test_it_keeps_a_paragraph_break_as_a_newline(self) -> None:
        self.assertEqual(
            self.texts(lines("1. First paragraph.", "", "Second paragraph", "wraps.", "2. Two")),
            ["First paragraph.\nSecond paragraph wraps.", "Two"],
        )

    def test_it_collapses_several_blank_lines_into_one_break(self) -> None:
        self.assertEqual(self.texts(lines("1. One.", "", "", "", "More.")), ["One.\nMore."])

    def test_it_keeps_each_bullet_style_on_its_own_line(self) -> None:
        self.assertEqual(
            self.texts(lines("1. Conditions:", "- first", "• second", "* third")),
            ["Conditions:\n- first\n• second\n* third"],
        )

    def test_it_joins_wrapped_bullet_text_with_a_space(self) -> None:
        self.assertEqual(
            self.texts(
                lines("1. Conditions:", "  - a long bullet", "    that wraps", "  - another")
            ),
            ["Conditions:\n- a long bullet that wraps\n- another"],
        )

    def test_it_does_not_add_text_from_blank_lines_after_the_last_point(self) -> None:
        self.assertEqual(self.texts("1. One.\n\n\n   \n"), ["One."])

    def test_it_rejects_a_bullet_before_the_first_point(self) -> None:
        self.assertRejected(lines("- stray bullet", "1. One"), 1, "before the first numbered point")

    def test_it_treats_a_short_line_not_followed_by_a_point_as_continuation(self) -> None:
        self.assertEqual(
            self.texts(lines("1. One.", "", "Security matters", "", "for everyone.")),
            ["One.\nSecurity matters\nfor everyone."],
        )

    def test_it_treats_a_short_line_ending_like_a_sentence_as_continuation(self) -> None:
        for ending in (".", ";", ","):
            with self.subTest(ending=ending):
                document = parse_numbered_text(lines("1. One", "", f"Short{ending}", "", "2. Two"))
                self.assertEqual(document.sections, ())
                self.assertEqual(document.points[0].text, f"One\nShort{ending}")

    def test_it_treats_a_line_longer_than_80_characters_as_continuation(self) -> None:
        long_line = "Word " * 16 + "x"  # 81 characters
        self.assertEqual(len(long_line), 81)
        document = parse_numbered_text(lines("1. One", "", long_line, "", "2. Two"))
        self.assertEqual(document.sections, ())
        self.assertEqual(document.points[0].text, "One\n" + long_line)


class HeadingTests(ParseErrorAssertions):
    def test_it_reads_markdown_headings_of_any_level(self) -> None:
        document = parse_numbered_text(
            lines("# Plan", "## Security", "1. One", "### Territory ###", "2. Two")
        )
        self.assertEqual(
            document.sections,
            (
                ParsedSection(key="plan", title="Plan", line=1),
                ParsedSection(key="security", title="Security", line=2),
                ParsedSection(key="territory", title="Territory", line=4),
            ),
        )
        self.assertEqual([p.section for p in document.points], ["security", "territory"])

    def test_it_reads_a_markdown_heading_directly_after_a_point(self) -> None:
        document = parse_numbered_text(lines("1. One", "## Next", "2. Two"))
        self.assertEqual([s.title for s in document.sections], ["Next"])
        self.assertEqual(document.points[0].text, "One")

    def test_it_does_not_read_a_hashtag_as_a_heading(self) -> None:
        self.assertEqual(self.texts(lines("1. One", "#peace")), ["One #peace"])

    def test_it_rejects_a_markdown_heading_without_a_title(self) -> None:
        self.assertRejected(lines("1. One", "", "##", "2. Two"), 3, "the heading has no title")

    def test_it_reads_all_caps_headings(self) -> None:
        document = parse_numbered_text(
            lines("SOVEREIGNTY", "1. One", "", "SECURITY GUARANTEES (PHASE 1)", "2. Two")
        )
        self.assertEqual(
            [(s.key, s.title, s.line) for s in document.sections],
            [
                ("sovereignty", "SOVEREIGNTY", 1),
                ("security-guarantees-phase-1", "SECURITY GUARANTEES (PHASE 1)", 4),
            ],
        )

    def test_it_reads_section_part_and_chapter_headings(self) -> None:
        document = parse_numbered_text(
            lines(
                "Section 1: Sovereignty",  # 1
                "1. One",  # 2
                "",  # 3
                "Part II - Territory",  # 4
                "",  # 5
                "2. Two",  # 6
                "",  # 7
                "Chapter 3",  # 8
                "3. Three",  # 9
                "",  # 10
                "part four \u2013 sanctions relief phased over time",  # 11
                "4. Four",  # 12
            )
        )
        self.assertEqual(
            [(s.key, s.title) for s in document.sections],
            [
                ("section-1-sovereignty", "Section 1: Sovereignty"),
                ("part-ii-territory", "Part II - Territory"),
                ("chapter-3", "Chapter 3"),
                ("part-four-sanctions-relief-phased-over-time",
                 "part four \u2013 sanctions relief phased over time"),
            ],
        )
        self.assertEqual(
            [p.section for p in document.points],
            ["section-1-sovereignty", "part-ii-territory", "chapter-3",
             "part-four-sanctions-relief-phased-over-time"],
        )

    def test_it_reads_a_short_standalone_line_before_a_point_as_a_heading(self) -> None:
        document = parse_numbered_text(
            lines("Security guarantees", "", "1. One", "", "Territory", "2. Two")
        )
        self.assertEqual(
            document.sections,
            (
                ParsedSection(key="security-guarantees", title="Security guarantees", line=1),
                ParsedSection(key="territory", title="Territory", line=5),
            ),
        )

    def test_it_reads_a_short_line_after_a_paragraph_break_before_a_point_as_a_heading(
        self,
    ) -> None:
        document = parse_numbered_text(lines("1. One", "", "Elections", "", "", "2. Two"))
        self.assertEqual([s.title for s in document.sections], ["Elections"])
        self.assertEqual(document.points[0].text, "One")
        self.assertEqual(document.points[1].section, "elections")

    def test_it_drops_a_trailing_colon_and_wrapping_bold_from_headings(self) -> None:
        document = parse_numbered_text(
            lines("Security guarantees:", "1. One", "", "**Territory:**", "2. Two",
                  "", "## Sanctions:", "3. Three")
        )
        self.assertEqual(
            [s.title for s in document.sections], ["Security guarantees", "Territory", "Sanctions"]
        )

    def test_it_treats_heading_like_lines_directly_after_a_point_as_continuation(self) -> None:
        for line in ("Territory", "TERRITORY", "Part II - Territory", "Section 3: Territory"):
            with self.subTest(line=line):
                document = parse_numbered_text(lines("1. One", line, "", "2. Two"))
                self.assertEqual(document.sections, ())
                self.assertEqual(document.points[0].text, f"One {line}")

    def test_it_treats_heading_like_lines_directly_after_continuation_text_as_continuation(
        self,
    ) -> None:
        document = parse_numbered_text(lines("1. One", "wraps", "ELECTIONS", "2. Two"))
        self.assertEqual(document.points[0].text, "One wraps ELECTIONS")

    def test_it_reads_a_document_title_as_a_heading(self) -> None:
        document = parse_numbered_text(
            lines("The 28-point plan in full", "", "Section 1: Sovereignty", "", "1. One")
        )
        self.assertEqual(
            [(s.key, s.line) for s in document.sections],
            [("the-28-point-plan-in-full", 1), ("section-1-sovereignty", 3)],
        )
        self.assertEqual(document.points[0].section, "section-1-sovereignty")

    def test_it_reads_a_title_after_leading_blank_lines(self) -> None:
        document = parse_numbered_text(lines("", "", "Peace plan", "", "1. One"))
        self.assertEqual(document.sections, (ParsedSection("peace-plan", "Peace plan", 3),))

    def test_it_allows_an_empty_section_followed_by_another_heading(self) -> None:
        document = parse_numbered_text(lines("## Preamble", "", "## Part one", "1. One"))
        self.assertEqual([s.key for s in document.sections], ["preamble", "part-one"])
        self.assertEqual(document.points[0].section, "part-one")

    def test_it_assigns_points_to_the_section_above_them(self) -> None:
        document = parse_numbered_text(
            lines("1. Before", "", "## Security", "2. x", "a) y", "3. z", "## Territory", "4. w")
        )
        self.assertEqual(
            [(p.number, p.section) for p in document.points],
            [("1", None), ("2", "security"), ("2a", "security"), ("3", "security"),
             ("4", "territory")],
        )

    def test_it_derives_slug_keys_from_titles(self) -> None:
        document = parse_numbered_text(
            lines(
                "## Ukraine\u2019s  Sovereignty & Borders!",
                "1. x",
                "## R\u00e9gion autonome \u2013 \u00e9tape 2",
                "2. y",
                "## \u0412\u0438\u0431\u043e\u0440\u0438",
                "3. z",
                "## ***",
                "4. w",
            )
        )
        self.assertEqual(
            [s.key for s in document.sections],
            [
                "ukraines-sovereignty-borders",
                "region-autonome-etape-2",
                "\u0432\u0438\u0431\u043e\u0440\u0438",
                "section",
            ],
        )

    def test_it_caps_key_length(self) -> None:
        document = parse_numbered_text(lines("# " + "word " * 40, "1. x"))
        key = document.sections[0].key
        self.assertLessEqual(len(key), 80)
        self.assertFalse(key.endswith("-"))

    def test_it_deduplicates_section_keys(self) -> None:
        document = parse_numbered_text(
            lines("## Security", "1. x", "## Security", "2. y", "## SECURITY", "3. z",
                  "## Security 2", "4. w")
        )
        self.assertEqual(
            [s.key for s in document.sections],
            ["security", "security-2", "security-3", "security-2-2"],
        )
        self.assertEqual([p.section for p in document.points],
                         ["security", "security-2", "security-3", "security-2-2"])

    def test_it_rejects_a_heading_at_the_end_of_the_file(self) -> None:
        error = self.assertRejected(lines("1. One", "", "## Annex", ""), 3)
        self.assertEqual(
            error.message, "line 3: the heading 'Annex' has no numbered points after it"
        )

    def test_it_names_the_first_of_several_trailing_headings(self) -> None:
        self.assertRejected(lines("1. One", "", "ANNEX", "", "## Notes"), 3, "'ANNEX'")

    def test_it_rejects_a_file_that_is_only_a_heading(self) -> None:
        self.assertRejected("# Peace plan", 1, "has no numbered points after it")

    def test_it_rejects_prose_before_the_first_point(self) -> None:
        error = self.assertRejected(
            lines("Peace plan", "", "The following text was published today.", "", "1. One"), 3
        )
        self.assertEqual(
            error.message,
            "line 3: text before the first numbered point is not a heading or a point",
        )

    def test_it_rejects_a_short_line_before_the_first_point_not_followed_by_a_point(self) -> None:
        text = lines("## Plan", "Intro", "more intro", "", "1. One")
        self.assertRejected(text, 2, "before the first")

    def test_it_rejects_prose_between_a_heading_and_the_next_point(self) -> None:
        error = self.assertRejected(
            lines("1. One", "", "## Security", "These clauses are new.", "", "2. Two"), 4
        )
        self.assertIn("after the heading on line 3", error.message)


class NormalisationTests(ParseErrorAssertions):
    def test_it_accepts_windows_line_endings(self) -> None:
        windows = REALISTIC_PLAN.replace("\n", "\r\n")
        self.assertIn("\r\n", windows)
        self.assertEqual(parse_numbered_text(windows), parse_numbered_text(REALISTIC_PLAN))

    def test_it_reports_line_numbers_with_windows_line_endings(self) -> None:
        text = "1. One\r\n\r\n3. Three\r\n2. Two\r\n"
        self.assertRejected(text, 4, "point 2 comes after point 3")

    def test_it_accepts_old_mac_line_endings(self) -> None:
        self.assertEqual(self.numbers("1. One\r2. Two\r"), ["1", "2"])

    def test_it_ignores_a_byte_order_mark(self) -> None:
        document = parse_numbered_text("\ufeff## Security\n1. One")
        self.assertEqual(document.sections[0].title, "Security")
        self.assertEqual(document.points[0].line, 2)

    def test_it_normalises_non_breaking_spaces(self) -> None:
        document = parse_numbered_text("1.\u00a0The\u00a0parties\u202fagree.\n\u00a0\u00a0\n2. Two")
        self.assertEqual(document.points[0].text, "The parties agree.")
        self.assertEqual(document.points[1].line, 3)

    def test_it_ignores_trailing_whitespace(self) -> None:
        self.assertEqual(
            self.texts("1. One   \t\n   wraps   \n\n   \n2. Two  "), ["One wraps", "Two"]
        )

    def test_it_treats_horizontal_rules_as_blank_lines(self) -> None:
        document = parse_numbered_text(lines("1. One", "---", "* * *", "More text.", "2. Two"))
        self.assertEqual(document.points[0].text, "One\nMore text.")

    def test_it_counts_every_physical_line_including_blank_ones(self) -> None:
        document = parse_numbered_text("\n\n1. One\n\n\n2. Two\n")
        self.assertEqual([p.line for p in document.points], [3, 6])


class RejectionTests(ParseErrorAssertions):
    def test_it_rejects_empty_input(self) -> None:
        error = self.assertRejected("", 0)
        self.assertEqual(error.message, "the text has no numbered points")

    def test_it_rejects_whitespace_only_input(self) -> None:
        for text in ("   ", "\n\n\t\n", "\r\n\r\n", "\ufeff\u00a0\n \u00a0"):
            with self.subTest(text=text):
                error = self.assertRejected(text, 0)
                self.assertEqual(str(error), "the text has no numbered points")

    def test_it_rejects_prose_without_points(self) -> None:
        self.assertRejected("Just some prose, no points.", 1, "before the first numbered point")

    def test_it_rejects_a_line_longer_than_5000_characters(self) -> None:
        text = lines("1. One", "2. " + "x" * 4_997, "3. " + "y" * 4_998)
        self.assertRejected(text, 3, "5,001 characters", "limit is 5,000")

    def test_it_does_not_count_trailing_whitespace_towards_the_line_limit(self) -> None:
        document = parse_numbered_text("1. " + "x" * 4_997 + " " * 100)
        self.assertEqual(len(document.points[0].text), 4_997)

    def test_it_checks_line_length_before_anything_else(self) -> None:
        self.assertRejected(lines("a) structural error", "x" * 6_000), 2, "6,000 characters")

    def test_it_accepts_exactly_2000_points(self) -> None:
        text = "\n".join(f"{n}. Point {n}" for n in range(1, 2_001))
        self.assertEqual(len(parse_numbered_text(text).points), 2_000)

    def test_it_rejects_more_than_2000_points(self) -> None:
        text = "\n".join(f"{n}. Point {n}" for n in range(1, 2_002))
        error = self.assertRejected(text, 2_001)
        self.assertEqual(error.message, "line 2001: the text has more than 2,000 points "
                                        "(is this really the text of a plan?)")

    def test_it_rejects_non_string_input(self) -> None:
        with self.assertRaises(TypeError):
            parse_numbered_text(b"1. One")  # type: ignore[arg-type]


class ParseErrorTests(unittest.TestCase):
    def test_parse_error_is_a_value_error_with_line_and_message(self) -> None:
        error = ParseError(7, "sub-point 'b' has no top-level point before it")
        self.assertIsInstance(error, ValueError)
        self.assertEqual(error.line, 7)
        self.assertEqual(error.message, "line 7: sub-point 'b' has no top-level point before it")
        self.assertEqual(str(error), error.message)

    def test_parse_error_for_the_whole_file_has_no_line_prefix(self) -> None:
        self.assertEqual(ParseError(0, "the text has no numbered points").message,
                         "the text has no numbered points")

    def test_parse_error_survives_pickling(self) -> None:
        error = pickle.loads(pickle.dumps(ParseError(3, "point 2 comes after point 3")))
        self.assertEqual((error.line, error.message), (3, "line 3: point 2 comes after point 3"))


class DocumentTests(ParseErrorAssertions):
    def test_it_parses_a_realistic_pasted_plan(self) -> None:
        document = parse_numbered_text(REALISTIC_PLAN)
        self.assertEqual(
            document.sections,
            (
                ParsedSection("draft-framework-for-a-lasting-peace",
                              "Draft framework for a lasting peace", 1),
                ParsedSection("sovereignty", "Sovereignty", 3),
                ParsedSection("security-guarantees", "SECURITY GUARANTEES", 10),
                ParsedSection("part-iii-territory", "Part III: Territory", 22),
                ParsedSection("sanctions", "Sanctions", 30),
                ParsedSection("elections", "Elections", 36),
            ),
        )
        self.assertEqual(
            [(p.number, p.parent, p.section, p.line) for p in document.points],
            [
                ("1", None, "sovereignty", 5),
                ("2", None, "sovereignty", 7),
                ("3", None, "security-guarantees", 12),
                ("3a", "3", "security-guarantees", 13),
                ("3b", "3", "security-guarantees", 15),
                ("3c", "3", "security-guarantees", 16),
                ("3d", "3", "security-guarantees", 18),
                ("4", None, "security-guarantees", 20),
                ("6", None, "part-iii-territory", 24),
                ("7", None, "part-iii-territory", 26),
                ("8", None, "sanctions", 32),
                ("9", None, "sanctions", 34),
                ("10", None, "elections", 38),
            ],
        )
        by_number = {p.number: p.text for p in document.points}
        self.assertEqual(
            by_number["2"],
            "The parties will conclude a comprehensive non-aggression agreement. All "
            "ambiguities of the last thirty years will be considered settled.",
        )
        self.assertEqual(
            by_number["3a"],
            "a guarantee from the United States, mirroring the collective-defence "
            "commitment it gives its allies;",
        )
        self.assertEqual(
            by_number["3c"],
            "a standing mechanism for monitoring the ceasefire along the entire line of contact;",
        )
        self.assertEqual(
            by_number["7"],
            "Neither side will change these arrangements by force.\n"
            "- Any violation voids the guarantees in point 3.\n"
            "- Disputes go to a joint commission.",
        )

    def test_results_are_frozen(self) -> None:
        document = parse_numbered_text(REALISTIC_PLAN)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            document.points[0].text = "changed"  # type: ignore[misc]
        with self.assertRaises(dataclasses.FrozenInstanceError):
            document.sections[0].key = "changed"  # type: ignore[misc]
        self.assertIsInstance(document.points, tuple)
        self.assertIsInstance(document.sections, tuple)

    def test_it_is_deterministic(self) -> None:
        self.assertEqual(parse_numbered_text(REALISTIC_PLAN), parse_numbered_text(REALISTIC_PLAN))

    def test_it_round_trips_randomly_generated_plans(self) -> None:
        rng = random.Random(20251125)
        for _ in range(200):
            text, expected_sections, expected_points = _random_plan(rng)
            with self.subTest(text=text):
                document = parse_numbered_text(text)
                self.assertEqual([s.title for s in document.sections], expected_sections)
                self.assertEqual(
                    [(p.number, p.parent, p.text) for p in document.points], expected_points
                )
                _assert_invariants(self, document)


class PerformanceTests(ParseErrorAssertions):
    @staticmethod
    def _big_plan(top_level: int, subs_per_point: int) -> str:
        rows = []
        for n in range(1, top_level + 1):
            if n % 100 == 1:
                rows += [f"## Chapter {n // 100 + 1}", ""]
            rows.append(f"{n}. Point {n} says that the parties agree to clause number {n},")
            rows.append("   which continues on a second line.")
            for letter in "abcdefghijklmnopqrstuvwxyz"[:subs_per_point]:
                rows.append(f"   ({letter}) sub-point {n}{letter} of the agreement;")
            rows.append("")
        return "\n".join(rows)

    def test_it_parses_a_5000_point_text_well_under_a_second(self) -> None:
        text = self._big_plan(top_level=1_000, subs_per_point=4)
        with mock.patch.object(numbered_text, "MAX_POINTS", 10_000):
            started = time.perf_counter()
            document = parse_numbered_text(text)
            elapsed = time.perf_counter() - started
        self.assertEqual(len(document.points), 5_000)
        self.assertEqual(len(document.sections), 10)
        self.assertEqual(document.points[-1].number, "1000d")
        self.assertLess(elapsed, 0.5)
        _assert_invariants(self, document)

    def test_it_parses_5000_plain_points_well_under_a_second(self) -> None:
        text = "\n".join(f"{n}. Point number {n}." for n in range(1, 5_001))
        with mock.patch.object(numbered_text, "MAX_POINTS", 5_000):
            started = time.perf_counter()
            document = parse_numbered_text(text)
            elapsed = time.perf_counter() - started
        self.assertEqual(len(document.points), 5_000)
        self.assertLess(elapsed, 0.5)

    def test_it_rejects_a_5000_point_text_at_the_limit_quickly(self) -> None:
        text = self._big_plan(top_level=1_000, subs_per_point=4)
        started = time.perf_counter()
        with self.assertRaises(ParseError) as caught:
            parse_numbered_text(text)
        self.assertLess(time.perf_counter() - started, 0.5)
        # The 2,001st point is 401 (top-level points 1..400 each bring 4 sub-points).
        rows = text.split("\n")
        self.assertEqual(rows[caught.exception.line - 1].split(" ")[0], "401.")


# ---------------------------------------------------------------------------------------------
# Helpers for generated texts
# ---------------------------------------------------------------------------------------------

_WORDS = ["parties", "agree", "guarantees", "ceasefire", "border", "sanctions", "Ukraine",
          "Europe", "elections", "within", "days", "monitoring", "assets", "forces"]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 8))) + rng.choice(".;:,")


def _random_plan(rng: random.Random) -> tuple[str, list[str], list[tuple[str, str | None, str]]]:
    rows: list[str] = []
    sections: list[str] = []
    points: list[tuple[str, str | None, str]] = []
    number = 0
    for section_index in range(rng.randint(1, 4)):
        if section_index or rng.random() < 0.7:
            title = f"Topic {section_index} {rng.choice(_WORDS)}"
            style = rng.choice(["markdown", "caps", "section", "plain"])
            if style == "markdown":
                rows.append("#" * rng.randint(1, 3) + " " + title)
            elif style == "caps":
                title = title.upper()
                rows.append(title)
            elif style == "section":
                title = f"Part {section_index + 1}: {title}"
                rows.append(title)
            else:
                rows.append(title + rng.choice(["", ":"]))
            rows.append("")
            sections.append(title)
        for _ in range(rng.randint(1, 5)):
            number += rng.randint(1, 3)
            first, second = _sentence(rng), _sentence(rng)
            marker = rng.choice([f"{number}.", f"{number})", f"**{number}.**"])
            rows.append(f"{' ' * rng.randint(0, 2)}{marker} {first}")
            text = first
            if rng.random() < 0.5:
                rows.append(f"   {second}")
                text = f"{first} {second}"
            points.append((str(number), None, text))
            for letter in "abcd"[: rng.randint(0, 4)]:
                sub_text = _sentence(rng)
                sub_marker = rng.choice(
                    [f"{letter}.", f"({letter})", f"{letter})", f"{letter.upper()})",
                     f"{number}{letter}.", f"{number}({letter})"]
                )
                rows.append(f"   {sub_marker} {sub_text}")
                if rng.random() < 0.3:
                    rows.append("")
                    rows.append("   - a bullet")
                    sub_text += "\n- a bullet"
                points.append((f"{number}{letter}", str(number), sub_text))
            rows.append(rng.choice(["", "", "\t"]))
    newline = rng.choice(["\n", "\r\n"])
    return newline.join(rows), sections, points


def _assert_invariants(test: unittest.TestCase, document: ParsedDocument) -> None:
    keys = [section.key for section in document.sections]
    test.assertEqual(len(keys), len(set(keys)))
    test.assertTrue(document.points)
    test.assertEqual(
        [p.line for p in document.points], sorted({p.line for p in document.points})
    )
    numbers = [p.number for p in document.points]
    test.assertEqual(len(numbers), len(set(numbers)))
    tops = [int(p.number) for p in document.points if p.parent is None]
    test.assertEqual(tops, sorted(set(tops)))
    by_number = {p.number: p for p in document.points}
    previous: ParsedPoint | None = None
    for point in document.points:
        test.assertEqual(point.text, point.text.strip())
        test.assertTrue(point.text)
        test.assertTrue(point.section is None or point.section in keys)
        if point.parent is not None:
            parent = by_number[point.parent]
            test.assertEqual(point.number[:-1], point.parent)
            test.assertEqual(point.section, parent.section)
            assert previous is not None
            letter = point.number[-1]
            if letter == "a":
                test.assertEqual(previous, parent)
            else:
                test.assertEqual(previous.number, point.parent + chr(ord(letter) - 1))
        previous = point


if __name__ == "__main__":
    unittest.main()
