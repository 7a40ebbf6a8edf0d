"""import_plan writes a whole version from a numbered text, or nothing at all."""

import io
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from plans.models import PlanVersion, Point, Section
from tests.files import write_text_file

PLAN = "us-brokered-ukraine-peace-plan-2025"

GOOD = """Framework on ending the war

Sovereignty
1. Ukraine's sovereignty is confirmed by every signatory.
2) A full non-aggression agreement is concluded
   between Russia, Ukraine and Europe.

Security guarantees
3. Ukraine receives guarantees:
a. a ceasefire monitored by a US-led mechanism;
(b) sanctions are restored if Russia invades again;
c) the guarantees end if Ukraine attacks Russia without provocation.
4. Ukraine's armed forces stay at 800,000 in peacetime.
"""


class ImportPlanTests(TestCase):
    def write(self, text: str) -> str:
        return write_text_file(self, text)

    def run_import(self, text: str, *extra: str) -> str:
        out = io.StringIO()
        call_command(
            "import_plan", self.write(text), "--plan", PLAN, "--label", "Test framework",
            "--date", "2026-03-01", *extra, stdout=out,
        )
        return out.getvalue()

    def test_it_imports_points_sub_points_and_sections(self):
        output = self.run_import(GOOD, "--parent", "ukraine-us-20-point-framework", "--source", "https://example.org/text")
        self.assertIn("4 points, 3 sub-points", output)
        version = PlanVersion.objects.get(slug="test-framework")
        self.assertEqual(version.parent.slug, "ukraine-us-20-point-framework")
        self.assertEqual(version.status, "full-text")
        points = list(version.points.select_related("parent", "section").order_by("order"))
        self.assertEqual([p.number for p in points], ["1", "2", "3", "3a", "3b", "3c", "4"])
        self.assertEqual(points[1].text, "A full non-aggression agreement is concluded between Russia, Ukraine and Europe.")
        self.assertEqual(points[4].parent.number, "3")
        self.assertEqual(points[4].section.title, "Security guarantees")
        self.assertEqual(points[0].section.title, "Sovereignty")
        self.assertEqual(points[0].sources, [{"url": "https://example.org/text"}])
        self.assertEqual(points[0].evidence, "full-text")
        page = self.client.get(version.get_absolute_url())
        self.assertContains(page, "Security guarantees")

    def test_a_reconstructed_import_marks_points_as_reported(self):
        self.run_import(GOOD, "--status", "reconstructed")
        self.assertEqual(set(Point.objects.filter(version__slug="test-framework").values_list("evidence", flat=True)), {"reported"})

    def assert_rejected(self, text: str, message: str, *extra: str) -> None:
        counts = (PlanVersion.objects.count(), Point.objects.count(), Section.objects.count())
        with self.assertRaisesMessage(CommandError, message):
            self.run_import(text, *extra)
        self.assertEqual((PlanVersion.objects.count(), Point.objects.count(), Section.objects.count()), counts)

    def test_a_malformed_line_is_named_and_nothing_is_written(self):
        self.assert_rejected("1. First.\n2. Second.\n2. Again.\n", "line 3:")

    def test_a_sub_point_before_any_point_is_rejected(self):
        self.assert_rejected("a) Orphan.\n1. First.\n", "line 1:")

    def test_an_empty_file_is_rejected(self):
        self.assert_rejected("\n\n", "no numbered points")

    def test_an_unknown_parent_or_plan_is_rejected(self):
        self.assert_rejected(GOOD, "No version 'nope'", "--parent", "nope")
        with self.assertRaisesMessage(CommandError, "No plan 'other'"):
            call_command("import_plan", self.write(GOOD), "--plan", "other", "--label", "X", "--date", "2026-03-01")

    def test_an_existing_slug_is_rejected(self):
        self.assert_rejected(GOOD, "already exists", "--slug", "us-28-point-draft")

    def test_a_bad_date_is_rejected(self):
        with self.assertRaisesMessage(CommandError, "is not a date"):
            call_command("import_plan", self.write(GOOD), "--plan", PLAN, "--label", "X", "--date", "1 March")

    def test_a_file_that_is_not_utf8_is_rejected(self):
        path = self.write("")
        Path(path).write_bytes(b"1. caf\xe9\n")
        with self.assertRaisesMessage(CommandError, "is not UTF-8 text"):
            call_command("import_plan", path, "--plan", PLAN, "--label", "X", "--date", "2026-03-01")

    def test_a_label_too_long_for_the_database_is_rejected_on_every_backend(self):
        with self.assertRaisesMessage(CommandError, "label: Ensure this value has at most 300 characters"):
            call_command("import_plan", self.write(GOOD), "--plan", PLAN, "--label", "x" * 301, "--slug", "long", "--date", "2026-03-01")
        self.assertFalse(PlanVersion.objects.filter(slug="long").exists())
