"""compare_texts prints the alignment of two numbered texts and writes nothing."""

import io
import json

from django.core.management import CommandError, call_command
from django.test import TestCase

from plans.models import ComparisonCache, PlanVersion
from tests.files import write_text_file

OLD = """1. Ukraine's sovereignty is confirmed.
2. Ukraine's armed forces are limited to 600,000 personnel.
3. Sanctions are lifted in stages. Russia is invited back into the G8.
4. Full amnesty is granted for acts committed during the war.
5. Elections are held within 100 days of signing.
"""
NEW = """1. Elections are held within 100 days of signing the agreement.
2. Ukraine's sovereignty is confirmed.
3. Ukraine's armed forces are limited to 800,000 personnel in peacetime.
4. Sanctions are lifted in stages.
5. Russia is invited back into the G8.
6. A monitoring mission reports every month.
"""


class CompareTextsTests(TestCase):
    def write(self, text: str) -> str:
        return write_text_file(self, text)

    def run_command(self, *args: str) -> str:
        out = io.StringIO()
        call_command("compare_texts", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_links_as_json_with_the_numbers_as_written(self):
        before = (PlanVersion.objects.count(), ComparisonCache.objects.count())
        payload = json.loads(self.run_command(self.write(OLD), self.write(NEW)))
        links = {(tuple(l["left"]), tuple(l["right"])): l for l in payload["links"]}
        self.assertEqual(links[(("3",), ("4", "5"))]["kind"], "split")
        self.assertEqual(links[(("1",), ("2",))]["kind"], "unchanged")
        self.assertEqual(links[(("4",), ())]["kind"], "dropped")
        self.assertEqual(links[((), ("6",))]["kind"], "added")
        self.assertTrue(links[(("5",), ("1",))]["moved"])
        self.assertEqual(set(payload["links"][0]), {"left", "right", "kind", "moved", "score"})
        self.assertEqual((PlanVersion.objects.count(), ComparisonCache.objects.count()), before)

    def test_it_prints_a_readable_table(self):
        output = self.run_command(self.write(OLD), self.write(NEW), "--format", "text")
        self.assertIn("3 → 4, 5", output)
        self.assertIn("moved", output)
        self.assertIn("1 split", output)

    def test_a_malformed_text_is_rejected_with_its_line(self):
        with self.assertRaisesMessage(CommandError, "line 2:"):
            self.run_command(self.write("1. One.\n1. Again.\n"), self.write(NEW))
