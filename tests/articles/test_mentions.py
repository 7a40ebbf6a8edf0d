"""Unit tests of the mention finder (pure Python; run with ``pytest -p no:django``)."""

from __future__ import annotations

import datetime
import unittest

from articles.mentions import (
    REASONS,
    CatalogPoint,
    CatalogVersion,
    MentionFinder,
    _content_stems,
    _count_names_from_label,
    _list_items,
    _table_names,
    extract_explicit_refs,
    extract_figures,
    load_catalog,
    split_sentences,
    stem,
)

D = datetime.date

_CATALOG = load_catalog()
_FINDER = MentionFinder(_CATALOG)

# Hand-labelled constructed sentences (written for these tests): text, publication date,
# expected (version, point) pairs that must be found, and pairs that must not be.
HAND_LABELLED = [
    # English
    ("Point 7 of the 28-point plan would write Ukraine's renunciation of NATO into its "
     "constitution.", D(2025, 11, 22), {("us-28-point-draft", "7")}, set()),
    ("The European counter-proposal raises the army ceiling to 800,000 in peacetime.",
     D(2025, 11, 25), {("e3-counterproposal", "6")}, {("us-28-point-draft", "6")}),
    ("Points 3-5 of the 20-point framework deal with security guarantees.", D(2025, 12, 26),
     {("ukraine-us-20-point-framework", n) for n in ("3", "4", "5")}, set()),
    ("Under the draft, elections would be held within 100 days.", D(2025, 11, 22),
     {("us-28-point-draft", "25")}, set()),
    ("The Paris Declaration commits coalition members to back Ukraine if Russia attacks again.",
     D(2026, 1, 7), {("paris-declaration-2026-01-06", "4")}, set()),
    ("Kyiv rejected any withdrawal from the Donbass.", D(2025, 11, 22),
     {("us-28-point-draft", "21d")}, set()),
    ("The US would take 50% of the profit from $100 billion of frozen Russian assets.",
     D(2025, 11, 22), {("us-28-point-draft", "14")}, set()),
    ("Washington offered guarantees for 15 years, while Zelensky asked for 30, 40 or 50 years.",
     D(2025, 12, 30), {("us-ukraine-bilateral-security-guarantees", "b2")}, set()),
    ("The weather in Kyiv was cold on Tuesday.", D(2025, 11, 22), set(), None),
    # Ukrainian
    ("Пункт 14 20-пунктного плану стосується територій.", D(2025, 12, 25),
     {("ukraine-us-20-point-framework", "14")}, set()),
    ("У пункті 7 28-пунктного плану йдеться про відмову від НАТО.", D(2025, 11, 22),
     {("us-28-point-draft", "7")}, set()),
    ("Запорізька АЕС працюватиме під наглядом МАГАТЕ.", D(2025, 11, 22),
     {("us-28-point-draft", "19")}, set()),
    ("Армія України не перевищуватиме 600 тисяч осіб.", D(2025, 11, 22),
     {("us-28-point-draft", "6")}, set()),
    # Russian
    ("Пункт 19 плана из 28 пунктов касается Запорожской АЭС.", D(2025, 11, 22),
     {("us-28-point-draft", "19")}, set()),
    ("В 14-м пункте речь идёт о территориях.", D(2025, 12, 26),
     {("ukraine-us-20-point-framework", "14")}, set()),
    ("Крым, Луганск и Донецк признаются де-факто российскими.", D(2025, 11, 22),
     {("us-28-point-draft", "21a")}, set()),
    ("Численность ВСУ ограничат 600 тыс. военных.", D(2025, 11, 22),
     {("us-28-point-draft", "6")}, set()),
    # German
    ("Punkt 5 des 20-Punkte-Plans sieht Sicherheitsgarantien nach dem Vorbild von Artikel 5 vor.",
     D(2025, 12, 26), {("ukraine-us-20-point-framework", "5")}, set()),
    ("Das Atomkraftwerk Saporischschja soll unter Aufsicht der IAEO wieder ans Netz gehen.",
     D(2025, 11, 22), {("us-28-point-draft", "19")}, set()),
    ("Die Ukraine soll ihre Armee auf 600.000 Soldaten begrenzen.", D(2025, 11, 22),
     {("us-28-point-draft", "6")}, set()),
    # Romanian
    ("Punctul 7 din planul de 28 de puncte interzice aderarea la NATO.", D(2025, 11, 22),
     {("us-28-point-draft", "7")}, set()),
]


class SentenceSplittingTests(unittest.TestCase):
    def test_abbreviations_numbers_and_initials_stay_whole(self) -> None:
        text = ("The U.S. plan caps the army at 600,000. It puts $100 billion into a fund led by "
                "Donald J. Trump. Mr. Witkoff drafted it, e.g. with Dmitriev. It runs 1.5 years.")
        self.assertEqual(
            split_sentences(text),
            [
                "The U.S. plan caps the army at 600,000.",
                "It puts $100 billion into a fund led by Donald J. Trump.",
                "Mr. Witkoff drafted it, e.g. with Dmitriev.",
                "It runs 1.5 years.",
            ],
        )

    def test_cyrillic_and_newlines(self) -> None:
        text = "Зеленський заявив про 20 пунктів. Обговорення триває!\nНовий рядок без крапки"
        self.assertEqual(
            split_sentences(text),
            ["Зеленський заявив про 20 пунктів.", "Обговорення триває!", "Новий рядок без крапки"],
        )

    def test_lowercase_after_period_does_not_split(self) -> None:
        self.assertEqual(len(split_sentences("The deal was signed in St. Petersburg yesterday.")), 1)

    def test_empty(self) -> None:
        self.assertEqual(split_sentences("  \n "), [])


class FigureTests(unittest.TestCase):
    def test_kinds(self) -> None:
        figs = extract_figures(
            "A 600,000 cap, $100 billion, €100bn, 100 days, 50%, 50:50, ten years and a 15-year deal."
        )
        for key in [("count", 600000.0), ("money", 1e11), ("days", 100.0), ("percent", 50.0),
                    ("years", 10.0), ("years", 15.0)]:
            self.assertIn(key, figs)
        self.assertEqual(figs.count(("money", 1e11)), 1)

    def test_other_languages_and_separators(self) -> None:
        self.assertIn(("count", 600000.0), extract_figures("не більше 600 тисяч військових"))
        self.assertIn(("count", 600000.0), extract_figures("до 600 тыс. человек"))
        self.assertIn(("count", 800000.0), extract_figures("eine Armee von 800.000 Soldaten"))
        self.assertIn(("count", 800000.0), extract_figures("an army of 800 000"))
        self.assertIn(("money", 8e11), extract_figures("близько 800 млрд доларів"))

    def test_lists_take_the_last_unit(self) -> None:
        figs = extract_figures("he asked for 30, 40 or 50 years; elections in 60-90 days")
        for key in [("years", 30.0), ("years", 40.0), ("years", 50.0), ("days", 60.0), ("days", 90.0)]:
            self.assertIn(key, figs)

    def test_ignored_numbers(self) -> None:
        self.assertEqual(extract_figures("On 27 November 2025 the 28 points and point 7 were read."), [])


class ExplicitReferenceTests(unittest.TestCase):
    def test_english_forms(self) -> None:
        self.assertEqual(extract_explicit_refs("point 7"), ["7"])
        self.assertEqual(extract_explicit_refs("points 7 and 12"), ["7", "12"])
        self.assertEqual(extract_explicit_refs("points 3-5 and paragraph 9"), ["3", "4", "5", "9"])
        self.assertEqual(extract_explicit_refs("item 12 of the 28-point plan"), ["12"])
        self.assertEqual(extract_explicit_refs("clause 10a"), ["10a"])
        self.assertEqual(extract_explicit_refs("the fifth point"), ["5"])

    def test_other_languages(self) -> None:
        self.assertEqual(extract_explicit_refs("пункт 7"), ["7"])
        self.assertEqual(extract_explicit_refs("у пункті 7 і пункту 9"), ["7", "9"])
        self.assertEqual(extract_explicit_refs("нюансы 14-го пункта"), ["14"])
        self.assertEqual(extract_explicit_refs("Punkt 7 des Plans"), ["7"])
        self.assertEqual(extract_explicit_refs("punctul 7"), ["7"])

    def test_counts_and_articles_are_not_references(self) -> None:
        self.assertEqual(extract_explicit_refs("the 28-point plan became 20 points"), [])
        self.assertEqual(extract_explicit_refs("guarantees like NATO's Article 5"), [])
        self.assertEqual(extract_explicit_refs("cut from 28 to 19 points"), [])


class CatalogTests(unittest.TestCase):
    def test_count_names_from_label(self) -> None:
        self.assertEqual(_count_names_from_label("US 28-point draft peace plan (leaked)"), (28,))
        self.assertEqual(_count_names_from_label("framework after Geneva (19 points)"), (19,))
        self.assertEqual(_count_names_from_label("companion to the 28-point plan"), ())
        v = CatalogVersion("x", "A 24-point plan", D(2025, 1, 1), ())
        self.assertEqual(v.point_count_names, (24,))
        w = CatalogVersion("y", "A 24-point plan", D(2025, 1, 1), (), point_count_names=(25,))
        self.assertEqual(w.point_count_names, (25,))

    def test_demo_catalog(self) -> None:
        slugs = [v.slug for v in _CATALOG]
        self.assertIn("us-28-point-draft", slugs)
        by_slug = {v.slug: v for v in _CATALOG}
        self.assertEqual(by_slug["us-28-point-draft"].point_count_names, (28,))
        self.assertEqual(by_slug["e3-counterproposal"].point_count_names, ())
        self.assertEqual(by_slug["geneva-19-point-framework"].point_count_names, (19,))


class NormalisationTests(unittest.TestCase):
    def test_stemming_meets_both_spellings(self) -> None:
        self.assertEqual(stem("demilitarised"), stem("demilitarized"))
        self.assertEqual(stem("negotiation"), stem("negotiated"))
        self.assertEqual(stem("guarantees"), stem("guaranteed"))
        self.assertEqual(stem("capped"), stem("cap"))

    def test_name_variants(self) -> None:
        for spelling in ("Zaporizhzhia", "Zaporozhzhia", "Запоріжжя", "Запорожье", "Saporischschja",
                         "Zaporizhia"):
            self.assertIn("zaporizhzhia", _table_names(f"near {spelling} today"), spelling)
        for spelling in ("Donbas", "Donbass", "Донбас", "Донбасс"):
            self.assertIn("donbas", _table_names(f"the {spelling} region"), spelling)
        self.assertIn("article5", _table_names("an Article-5-style guarantee"))
        self.assertIn("article5", _table_names("за зразком статті 5"))


class FinderTests(unittest.TestCase):
    def test_hand_labelled_sentences(self) -> None:
        for text, published, expected, forbidden in HAND_LABELLED:
            with self.subTest(text=text):
                got = {(m.version, m.point) for m in _FINDER.find(text, published=published)
                       if m.point is not None}
                self.assertTrue(expected <= got, f"missing {expected - got}; got {got}")
                if forbidden is None:
                    self.assertEqual(got, set())
                else:
                    self.assertFalse(forbidden & got, f"unexpected {forbidden & got}")

    def test_hand_labelled_recall_and_precision(self) -> None:
        tp = fp = fn = 0
        for text, published, expected, _ in HAND_LABELLED:
            got = {(m.version, m.point) for m in _FINDER.find(text, published=published)
                   if m.point is not None}
            # a parent found alongside its expected sub-point is not an error
            parents = {(v, p.parent) for v in {e[0] for e in expected} for ver in _CATALOG
                       if ver.slug == v for p in ver.points if (v, p.number) in expected and p.parent}
            tp += len(got & expected)
            fp += len(got - expected - parents)
            fn += len(expected - got)
        self.assertGreaterEqual(tp / (tp + fp), 0.9)
        self.assertEqual(fn, 0)

    def test_invariants(self) -> None:
        text = ("Zelensky presented the 20-point plan. Under point 5 the US, NATO and Europe give "
                "Article-5-type guarantees, and the army stays at 800,000 in peacetime. "
                "Point 5 was also discussed later.")
        mentions = _FINDER.find(text, published=D(2025, 12, 24))
        pairs = [(m.version, m.point) for m in mentions]
        self.assertEqual(len(pairs), len(set(pairs)))
        sentences = split_sentences(text)
        for m in mentions:
            self.assertIn(m.reason, REASONS)
            self.assertGreaterEqual(m.confidence, 0.0)
            self.assertLessEqual(m.confidence, 1.0)
            self.assertIn(m.evidence, sentences)
        by_pair = {(m.version, m.point): m for m in mentions}
        explicit = by_pair[("ukraine-us-20-point-framework", "5")]
        self.assertEqual(explicit.reason, "explicit")
        figure = by_pair[("ukraine-us-20-point-framework", "4")]
        self.assertEqual(figure.reason, "figure")
        self.assertGreater(explicit.confidence, figure.confidence)

    def test_published_date_rules_out_later_versions(self) -> None:
        text = "The army would be kept at 800,000 in peacetime."
        early = {m.version for m in _FINDER.find(text, published=D(2025, 11, 10))}
        self.assertFalse(early)
        late = {m.version for m in _FINDER.find(text, published=D(2025, 12, 24))}
        self.assertIn("ukraine-us-20-point-framework", late)

    def test_version_argument_restricts(self) -> None:
        text = "Ukraine's armed forces would be capped at 600,000 and Crimea recognised as Russian."
        mentions = _FINDER.find(text, version="us-28-point-draft")
        self.assertTrue(mentions)
        self.assertEqual({m.version for m in mentions}, {"us-28-point-draft"})
        self.assertEqual(_FINDER.find(text, version="no-such-version"), [])

    def test_version_level_mention(self) -> None:
        text = ("The FT says Geneva talks cut the plan from 28 to 19 points. "
                "Which points were removed is unclear.")
        mentions = _FINDER.find(text, published=D(2025, 11, 24))
        whole = {m.version for m in mentions if m.point is None}
        self.assertIn("geneva-19-point-framework", whole)
        for m in mentions:
            if m.point is None:
                self.assertEqual(m.reason, "version")

    def test_contrast_goes_to_the_version_holding_the_figure(self) -> None:
        text = ("The European counter-proposal allows an army of 800,000 in peacetime, whereas the "
                "US draft set 600,000.")
        pairs = {(m.version, m.point) for m in _FINDER.find(text, published=D(2025, 11, 24))}
        self.assertIn(("e3-counterproposal", "6"), pairs)
        self.assertIn(("us-28-point-draft", "6"), pairs)

    def test_custom_catalog(self) -> None:
        versions = [
            CatalogVersion("a", "Alpha 3-point plan", D(2024, 1, 1), (
                CatalogPoint("1", "The harbour of Port Lumen reopens to grain ships."),
                CatalogPoint("2", "Both sides cap their fleets at 40 vessels."),
                CatalogPoint("3", "A joint commission settles fishing disputes."),
            )),
        ]
        finder = MentionFinder(versions)
        pairs = {(m.version, m.point) for m in finder.find(
            "Under the 3-point plan Port Lumen would reopen. Point 3 creates a commission.",
            published=D(2024, 2, 1))}
        self.assertIn(("a", "1"), pairs)
        self.assertIn(("a", "3"), pairs)
        self.assertEqual(MentionFinder([]).find("anything"), [])
        self.assertEqual(finder.find(""), [])


class ListAndSynonymTests(unittest.TestCase):
    def test_list_items(self) -> None:
        self.assertEqual(
            _list_items("a cap of 600,000 troops, a NATO ban and an amnesty for wartime actions"),
            ["a cap of 600,000 troops", "a NATO ban", "an amnesty for wartime actions"],
        )
        self.assertEqual(_list_items("800,000 in peacetime, whereas the US draft set 600,000"),
                         ["800,000 in peacetime", "the US draft set 600,000"])
        self.assertEqual(_list_items("армія до 800 тисяч і вибори"), ["армія до 800 тисяч", "вибори"])
        self.assertEqual(_list_items("no list here"), ["no list here"])

    def test_negotiation_vocabulary_is_folded(self) -> None:
        pairs = [("troops", "army"), ("truce", "ceasefire"), ("pardon", "amnesty"),
                 ("reaffirmed", "confirmed"), ("dependable", "reliable"), ("stationed", "deploy"),
                 ("swap", "exchange"), ("immobilised", "frozen"), ("recovery", "reconstruction"),
                 ("assurances", "guarantees"), ("land", "territory"), ("vote", "elections")]
        for a, b in pairs:
            with self.subTest(pair=(a, b)):
                self.assertEqual(_content_stems(a), _content_stems(b))
        # coalition members are not NATO membership
        self.assertNotEqual(_content_stems("members"), _content_stems("membership"))


def _custom_finder() -> MentionFinder:
    old = CatalogVersion("old", "Old 5-point plan", D(2024, 1, 1), (
        CatalogPoint("1", "The harbour of Port Lumen reopens to grain ships."),
        CatalogPoint("2", "Both sides cap their fleets at 40 vessels."),
        CatalogPoint("3", "Fisheries:"),
        CatalogPoint("3a", "Quotas are shared equally between the two coasts.", parent="3"),
        CatalogPoint("3b", "A joint commission settles fishing disputes.", parent="3"),
        CatalogPoint("4", "Prisoners are exchanged all for all."),
        CatalogPoint("5", "Lighthouses on the northern islands are demolished."),
    ))
    new = CatalogVersion("new", "New 2-point plan", D(2024, 3, 1), (
        CatalogPoint("1", "The harbour of Port Lumen reopens to all ships."),
        CatalogPoint("2", "Fleets are capped at 60 vessels."),
    ), parent="old")
    return MentionFinder([old, new])


class NewBehaviourTests(unittest.TestCase):
    """Constructed cases for list splitting, headings, lineage cues and calibrated names."""

    finder = _custom_finder()

    def pairs(self, text: str, published: datetime.date = D(2024, 4, 1), finder=None) -> set:
        finder = finder or self.finder
        return {(m.version, m.point) for m in finder.find(text, published=published)}

    def test_enumeration_finds_each_provision(self) -> None:
        got = self.pairs("The 5-point plan reopens the Port Lumen harbour, caps fleets at 40 vessels "
                         "and sets up a joint commission for fishing disputes.")
        self.assertTrue({("old", "1"), ("old", "2"), ("old", "3b")} <= got, got)
        got = self.pairs("Under the leaked draft Kyiv would station no NATO troops, host European "
                         "fighter jets in Poland and hold elections within 100 days.",
                         D(2025, 11, 22), _FINDER)
        self.assertTrue({("us-28-point-draft", n) for n in ("8", "9", "25")} <= got, got)

    def test_synonyms_reach_the_point(self) -> None:
        self.assertIn(("old", "4"), self.pairs("The 5-point plan offers a swap of all captives."))
        self.assertIn(("us-28-point-draft", "5"), self.pairs(
            "Under the 28-point plan, Ukraine would be offered reliable security guarantees.",
            D(2025, 11, 22), _FINDER))

    def test_heading_point(self) -> None:
        got = self.pairs("Under the 5-point plan, fisheries remain the hardest question.")
        self.assertIn(("old", "3"), got)
        self.assertNotIn(("old", "3a"), got)
        self.assertIn(("ukraine-us-20-point-framework", "14"), self.pairs(
            "Territory remains the hardest question of the 20-point plan.", D(2025, 12, 26),
            _FINDER))

    def test_sub_point_does_not_imply_heading(self) -> None:
        got = self.pairs("Under the 5-point plan, quotas would be shared equally between the coasts.")
        self.assertIn(("old", "3a"), got)
        self.assertNotIn(("old", "3"), got)

    def test_removed_clause_goes_to_the_earlier_version(self) -> None:
        plain = self.pairs("The 2-point plan was published. Both sides cap their fleets.")
        self.assertNotIn(("old", "2"), plain)
        removed = self.pairs("The 2-point plan was published. The earlier clause under which both "
                             "sides cap their fleets was dropped.")
        self.assertIn(("new", "2"), removed)
        self.assertIn(("old", "2"), removed)

    def test_us_draft_in_a_later_article(self) -> None:
        got = self.pairs("Zelensky presented the 20-point plan. The US draft had granted a full "
                         "amnesty to every party for wartime actions.", D(2025, 12, 24), _FINDER)
        self.assertIn(("us-28-point-draft", "26"), got)

    def test_a_lone_common_name_or_generic_word_is_not_a_mention(self) -> None:
        self.assertEqual(self.pairs("NATO leaders met in Brussels on Tuesday.", D(2025, 11, 22),
                                    _FINDER), set())
        self.assertEqual(self.pairs("The joint US-Ukrainian statement called the talks constructive.",
                                    D(2025, 11, 24), _FINDER), set())


if __name__ == "__main__":
    unittest.main()
