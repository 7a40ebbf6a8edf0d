"""The demo data loads completely, idempotently, and all-or-nothing."""

import io
import json
import shutil
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from articles.models import Article, Mention
from plans.management.commands.load_demo import DEMO_DATA
from plans.models import LineageLink, Plan, PlanVersion, Point, VersionPair


def read(name: str):
    return json.loads((DEMO_DATA / f"{name}.json").read_text(encoding="utf-8"))


def snapshot() -> dict:
    """Every row the loader writes, as plain values, to compare before and after."""
    return {
        "plans": list(Plan.objects.values().order_by("pk")),
        "versions": list(PlanVersion.objects.values().order_by("pk")),
        "points": list(Point.objects.values().order_by("pk")),
        "pairs": list(VersionPair.objects.values().order_by("pk")),
        "links": list(LineageLink.objects.values().order_by("pk")),
        "link_points": sorted(
            (link.pk, tuple(sorted(link.from_points.values_list("pk", flat=True))), tuple(sorted(link.to_points.values_list("pk", flat=True))))
            for link in LineageLink.objects.all()
        ),
        "articles": list(Article.objects.values().order_by("pk")),
        "mentions": list(Mention.objects.values().order_by("pk")),
    }


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


class LoadDemoTests(TestCase):
    """The session fixture in tests/conftest.py has already run load_demo once."""

    def test_it_loads_every_version_point_link_and_article(self):
        versions = read("plan_versions")["versions"]
        lineage = read("plan_lineage")
        articles = read("articles")
        self.assertEqual(PlanVersion.objects.count(), len(versions))
        self.assertEqual(PlanVersion.objects.count(), 10)
        self.assertEqual(Point.objects.count(), sum(len(v["points"]) for v in versions))
        self.assertEqual(VersionPair.objects.count(), len(lineage))
        self.assertEqual(LineageLink.objects.count(), sum(len(p["links"]) for p in lineage))
        self.assertEqual(Article.objects.count(), len(articles))
        self.assertEqual(Article.objects.count(), 43)
        self.assertEqual(Mention.objects.count(), sum(len(a["mentions"]) for a in articles))

    def test_each_version_keeps_its_points_in_order_with_parents_and_evidence(self):
        for item in read("plan_versions")["versions"]:
            version = PlanVersion.objects.get(slug=item["slug"])
            self.assertEqual(version.status, item["status"])
            self.assertEqual(version.parent.slug if version.parent else None, item["parent"])
            self.assertEqual([s["url"] for s in version.sources], [s["url"] for s in item["sources"]])
            stored = list(version.points.select_related("parent").order_by("order"))
            self.assertEqual([p.number for p in stored], [p["number"] for p in item["points"]])
            for point, raw in zip(stored, item["points"]):
                self.assertEqual(point.text, raw["text"])
                self.assertEqual(point.evidence, raw["evidence"])
                self.assertEqual(point.parent.number if point.parent else None, raw.get("parent"))
                self.assertEqual([s["url"] for s in point.sources], raw["sources"])

    def test_each_pair_keeps_its_links_and_unknown_points(self):
        for item in read("plan_lineage"):
            pair = VersionPair.objects.get(from_version__slug=item["from"], to_version__slug=item["to"])
            self.assertEqual(
                sorted(pair.unknown_from_points.values_list("number", flat=True)),
                sorted(item["unknown_from_points"]),
            )
            self.assertEqual(
                sorted(pair.unknown_to_points.values_list("number", flat=True)),
                sorted(item["unknown_to_points"]),
            )
            stored = {
                (frozenset(l.from_points.values_list("number", flat=True)), frozenset(l.to_points.values_list("number", flat=True))): l
                for l in pair.links.all()
            }
            for raw in item["links"]:
                link = stored[(frozenset(raw["from_points"]), frozenset(raw["to_points"]))]
                self.assertEqual(link.relation, raw["relation"])
                self.assertEqual(link.moved, raw.get("moved", False))
                self.assertEqual(link.confidence, raw.get("confidence", "high"))
                self.assertEqual(link.origin, "curated")

    def test_curated_mentions_are_confirmed(self):
        self.assertFalse(Mention.objects.exclude(status="confirmed").exists())
        axy = Article.objects.get(url="https://axy.media/world/putin-says-there-have-been-no-draft-peace-agreements-on-ukraine")
        self.assertEqual(axy.published.isoformat(), "2025-11-27")
        self.assertIn("21d", axy.mentions.values_list("points__number", flat=True))

    def test_running_it_again_changes_nothing(self):
        before = snapshot()
        output = run()
        self.assertIn("Done: 0 rows created or updated.", output)
        self.assertEqual(snapshot(), before)

    def test_if_empty_skips_a_loaded_database(self):
        self.assertIn("nothing to do", run("--if-empty"))

    def test_it_restores_a_changed_text(self):
        point = Point.objects.get(version__slug="us-28-point-draft", number="7")
        original = point.text
        point.text = "edited"
        point.save()
        output = run()
        self.assertIn("point: 0 created, 1 updated", output)
        point.refresh_from_db()
        self.assertEqual(point.text, original)


class BrokenDataTests(TestCase):
    def broken_copy(self, tmp: Path, name: str, mutate) -> Path:
        for file in DEMO_DATA.glob("*.json"):
            shutil.copy(file, tmp / file.name)
        data = json.loads((tmp / f"{name}.json").read_text(encoding="utf-8"))
        mutate(data)
        (tmp / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
        return tmp

    def assert_rejected_without_change(self, name: str, mutate, message: str) -> None:
        import tempfile

        before = snapshot()
        with tempfile.TemporaryDirectory() as tmp:
            folder = self.broken_copy(Path(tmp), name, mutate)
            with self.assertRaisesMessage(CommandError, message):
                run("--data", str(folder))
        self.assertEqual(snapshot(), before)

    def test_a_link_to_a_missing_point_writes_nothing(self):
        def mutate(pairs):
            pairs[0]["links"][0]["to_points"] = ["99"]
            # An earlier, valid change in the same run must be rolled back too.
            pairs[0]["note"] = "changed"

        self.assert_rejected_without_change("plan_lineage", mutate, "has no point 99")

    def test_a_bad_evidence_level_writes_nothing(self):
        def mutate(doc):
            doc["versions"][0]["summary"] = "changed first"
            doc["versions"][-1]["points"][0]["evidence"] = "rumoured"

        self.assert_rejected_without_change("plan_versions", mutate, "evidence 'rumoured' is not one of")

    def test_a_mention_of_an_unknown_version_writes_nothing(self):
        def mutate(articles):
            articles.append({**articles[0], "url": "https://example.org/new", "mentions": [{"version": "nope", "points": [], "claim": "x"}]})

        self.assert_rejected_without_change("articles", mutate, "version 'nope' is not known")

    def test_invalid_json_is_reported_with_its_position(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            for file in DEMO_DATA.glob("*.json"):
                shutil.copy(file, Path(tmp) / file.name)
            (Path(tmp) / "articles.json").write_text("[{", encoding="utf-8")
            with self.assertRaisesMessage(CommandError, "not valid JSON (line 1"):
                run("--data", tmp)
