"""The compare page, its htmx fragment, its cache, and editors' changes to links."""

from django.contrib.auth.models import User
from django.test import Client, TestCase
from django.urls import reverse

from plans import compare_service
from plans.models import ComparisonCache, LineageLink, LinkReview, Point, VersionPair

URL = reverse("plans:compare")
OLD, NEW = "us-28-point-draft", "ukraine-us-20-point-framework"


class ComparePageTests(TestCase):
    def setUp(self):
        # Each test starts without this process's memory of earlier comparisons.
        compare_service._recent.clear()
    def test_it_defaults_to_the_28_point_draft_against_the_geneva_framework(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["old"].slug, OLD)
        self.assertEqual(response.context["new"].slug, "geneva-19-point-framework")
        # Geneva is reconstructed: the page says so and shows unknown fates, not drops.
        self.assertContains(response, "is reconstructed from reporting")
        self.assertGreater(response.context["counts"]["unknown"], 10)
        self.assertContains(response, "Fate unknown")

    def test_one_click_leads_to_28_against_20(self):
        response = self.client.get(URL)
        self.assertContains(response, f"?old={OLD}&amp;new={NEW}")

    def test_it_shows_each_kind_with_curated_and_automatic_links_told_apart(self):
        response = self.client.get(URL, {"old": OLD, "new": NEW})
        counts = response.context["counts"]
        self.assertGreaterEqual(counts["split"], 1)
        self.assertGreaterEqual(counts["dropped"], 5)
        self.assertGreaterEqual(counts["moved"], 1)
        self.assertContains(response, 'class="origin origin--curated"')
        self.assertContains(response, "<del>", html=False)
        self.assertContains(response, "<ins>", html=False)
        self.assertContains(response, "[deleted: ")
        self.assertContains(response, "[inserted: ")

    def test_a_pair_without_curated_lineage_is_all_automatic_with_scores(self):
        response = self.client.get(URL, {"old": "e3-counterproposal", "new": "european-24-point-plan"})
        self.assertContains(response, "No curated lineage exists for this pair")
        rows = [row for row in response.context["rows"]]
        self.assertTrue(rows)
        self.assertTrue(all(r.origin == "automatic" for r in rows))
        self.assertTrue(any(r.score is not None for r in rows))

    def test_a_pair_recorded_the_other_way_round_is_shown_mirrored(self):
        response = self.client.get(URL, {"old": NEW, "new": OLD})
        self.assertTrue(response.context["reversed"])
        kinds = {row.kind for row in response.context["rows"]}
        self.assertIn("added", kinds)  # the 28-point draft's drops become additions
        self.assertIn("merged", kinds)  # its split becomes a merge

    def test_filters_keep_only_what_was_asked_for(self):
        response = self.client.get(URL, {"old": OLD, "new": NEW, "kind": "split"})
        self.assertTrue(all(row.kind == "split" for row in response.context["rows"]))
        response = self.client.get(URL, {"old": OLD, "new": NEW, "changes": "on"})
        self.assertTrue(all(row.kind != "unchanged" for row in response.context["rows"]))
        response = self.client.get(URL, {"old": OLD, "new": NEW, "kind": "moved"})
        self.assertTrue(response.context["rows"])
        self.assertTrue(all(row.moved for row in response.context["rows"]))

    def test_the_granularity_switch_changes_the_units(self):
        points = self.client.get(URL, {"old": OLD, "new": NEW})
        subs = self.client.get(URL, {"old": OLD, "new": NEW, "granularity": "sub-points"})
        keys = lambda r: {k for row in r.context["rows"] for k in row.left.keys}  # noqa: E731
        self.assertNotIn("21d", keys(points))
        self.assertIn("21d", keys(subs))

    def test_an_htmx_request_gets_the_comparison_fragment(self):
        response = self.client.get(URL, {"old": OLD, "new": NEW, "kind": "split"}, headers={"HX-Request": "true"})
        body = response.content.decode()
        self.assertNotIn("<html", body)
        self.assertTrue(body.strip().startswith('<section id="comparison"'))
        self.assertIn("HX-Request", response.headers["Vary"])
        full = self.client.get(URL, {"old": OLD, "new": NEW}).content.decode()
        self.assertIn("<html", full)
        self.assertIn('hx-push-url="true"', full)

    def test_the_same_version_twice_or_an_unknown_one_is_explained(self):
        response = self.client.get(URL, {"old": OLD, "new": OLD})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Pick two different versions to compare.")
        response = self.client.get(URL, {"old": OLD, "new": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Select a valid choice")

    def test_the_query_count_is_fixed_and_the_cache_is_reused(self):
        # 28 x 20 points (42 curated links) and 7 x 5 points (7 links) cost the same queries,
        # one of them the notes on both versions' points (the rows' badges).
        self.client.get(URL, {"old": OLD, "new": NEW})  # computes and stores the comparison
        self.assertTrue(ComparisonCache.objects.filter(old_version__slug=OLD, new_version__slug=NEW).exists())
        compare_service._recent.clear()  # a fresh process: read from the database cache
        with self.assertNumQueries(9):
            response = self.client.get(URL, {"old": OLD, "new": NEW})
        self.assertTrue(response.context["from_cache"])
        with self.assertNumQueries(8):  # the same process again: from memory
            response = self.client.get(URL, {"old": OLD, "new": NEW})
        self.assertTrue(response.context["from_cache"])
        small = {"old": "berlin-statement-2025-12-15", "new": "paris-declaration-2026-01-06"}
        self.client.get(URL, small)
        with self.assertNumQueries(8):
            self.client.get(URL, small)
        # Without curated lineage, the three link queries are not needed.
        uncurated = {"old": "e3-counterproposal", "new": "european-24-point-plan"}
        self.client.get(URL, uncurated)
        with self.assertNumQueries(5):
            self.client.get(URL, uncurated)

    def test_a_changed_point_recomputes_the_comparison(self):
        self.client.get(URL, {"old": OLD, "new": NEW})
        fingerprint = ComparisonCache.objects.get(old_version__slug=OLD, new_version__slug=NEW).fingerprint
        point = Point.objects.get(version__slug=NEW, number="1")
        point.text = "Ukraine's sovereignty is confirmed."
        point.save()
        response = self.client.get(URL, {"old": OLD, "new": NEW})
        self.assertFalse(response.context["from_cache"])
        self.assertNotEqual(ComparisonCache.objects.get(old_version__slug=OLD, new_version__slug=NEW).fingerprint, fingerprint)


class EditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_user("editor", password="pw", is_staff=True)
        cls.reader = User.objects.create_user("reader", password="pw")

    def post(self, name: str, data: dict, client: Client | None = None, **headers):
        return (client or self.client).post(reverse(f"plans:{name}"), {"old": "e3-counterproposal", "new": "european-24-point-plan", "granularity": "points", **data}, headers=headers)

    def automatic_row(self):
        response = self.client.get(URL, {"old": "e3-counterproposal", "new": "european-24-point-plan"})
        return next(row for row in response.context["rows"] if row.left.keys and row.right.keys)

    def test_readers_and_anonymous_visitors_cannot_change_links(self):
        row = self.automatic_row()
        data = {"left": " ".join(row.left.keys), "right": " ".join(row.right.keys), "kind": row.kind}
        self.assertEqual(self.post("confirm-link", data).status_code, 403)
        self.client.force_login(self.reader)
        self.assertEqual(self.post("confirm-link", data).status_code, 403)
        self.assertEqual(self.post("reject-link", data).status_code, 403)
        self.assertEqual(self.post("redraw-link", {**data, "relation": "reworded", "reason": "x"}).status_code, 403)
        self.assertFalse(LineageLink.objects.filter(origin="automatic").exists())

    def test_the_editor_page_has_no_edit_buttons_for_readers(self):
        uncurated = {"old": "e3-counterproposal", "new": "european-24-point-plan"}
        self.assertNotContains(self.client.get(URL, uncurated), "Confirm</button>")
        self.assertNotContains(self.client.get(URL), "Redraw</summary>")
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(URL, uncurated), "Confirm</button>")
        self.assertContains(self.client.get(URL), "Redraw</summary>")

    def test_every_post_needs_a_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)
        row = self.automatic_row()
        response = self.post("confirm-link", {"left": row.left.keys[0], "right": row.right.keys[0], "kind": row.kind}, client=client, **{"HX-Request": "true"})
        self.assertEqual(response.status_code, 403)

    def test_confirming_an_automatic_link_makes_it_stand_with_history(self):
        self.client.force_login(self.editor)
        row = self.automatic_row()
        response = self.post(
            "confirm-link",
            {"left": " ".join(row.left.keys), "right": " ".join(row.right.keys), "kind": row.kind, "score": row.score, "reason": "Checked against both texts"},
            **{"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("<html", response.content.decode())
        link = LineageLink.objects.get(origin="automatic", status="confirmed")
        self.assertEqual(sorted(link.from_points.values_list("number", flat=True)), sorted(row.left.keys))
        review = LinkReview.objects.get(link=link)
        self.assertEqual((review.user, review.action, review.reason), (self.editor, "confirm", "Checked against both texts"))
        self.assertTrue(VersionPair.objects.filter(from_version__slug="e3-counterproposal", to_version__slug="european-24-point-plan").exists())
        # The row is now a person's link and survives recomputation.
        page = self.client.get(URL, {"old": "e3-counterproposal", "new": "european-24-point-plan"})
        confirmed = [r for r in page.context["rows"] if r.origin == "curated"]
        self.assertEqual([(r.left.keys, r.right.keys) for r in confirmed], [(row.left.keys, row.right.keys)])

    def test_rejecting_an_automatic_link_keeps_it_from_coming_back(self):
        self.client.force_login(self.editor)
        row = self.automatic_row()
        self.post("reject-link", {"left": " ".join(row.left.keys), "right": " ".join(row.right.keys), "kind": row.kind, "reason": "Different subjects"})
        page = self.client.get(URL, {"old": "e3-counterproposal", "new": "european-24-point-plan"})
        again = [r for r in page.context["rows"] if r.left.keys == row.left.keys and r.right.keys == row.right.keys]
        self.assertEqual(again, [])
        self.assertTrue(any(r.rejected for r in page.context["rows"]))
        self.assertEqual(LinkReview.objects.get().action, "reject")

    def test_redrawing_a_curated_link_replaces_it_and_keeps_the_old_one_in_history(self):
        self.client.force_login(self.editor)
        pair = VersionPair.objects.get(from_version__slug=OLD, to_version__slug=NEW)
        old_link = pair.links.filter(from_points__number="5", relation="reworded").first()
        self.assertIsNotNone(old_link)
        right = " ".join(old_link.to_points.values_list("number", flat=True))
        response = self.client.post(reverse("plans:redraw-link"), {
            "old": OLD, "new": NEW, "granularity": "sub-points", "link": old_link.pk,
            "left": "5", "right": right, "relation": "unchanged", "reason": "Same substance",
        })
        self.assertEqual(response.status_code, 302)
        old_link.refresh_from_db()
        self.assertEqual(old_link.status, "rejected")
        new_link = pair.links.get(status="confirmed", from_points__number="5")
        self.assertEqual((new_link.relation, new_link.origin, new_link.note), ("unchanged", "curated", "Same substance"))
        self.assertEqual(LinkReview.objects.filter(action="redraw").count(), 2)
        self.assertEqual(LinkReview.objects.get(link=old_link).before["relation"], "reworded")
        page = self.client.get(URL, {"old": OLD, "new": NEW})
        self.assertContains(page, "changes to this pair")
        self.assertContains(page, "“Same substance”")
        self.client.logout()
        self.assertNotContains(self.client.get(URL, {"old": OLD, "new": NEW}), "changes to this pair")

    def test_a_bad_redraw_is_explained_and_writes_nothing(self):
        self.client.force_login(self.editor)
        before = LineageLink.objects.count()
        response = self.client.post(reverse("plans:redraw-link"), {
            "old": OLD, "new": NEW, "granularity": "points", "left": "99", "right": "1",
            "relation": "reworded", "reason": "x",
        }, headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "has no point 99")
        response = self.client.post(reverse("plans:redraw-link"), {
            "old": OLD, "new": NEW, "granularity": "points", "left": "1", "right": "1", "relation": "reworded", "reason": "x",
        })
        self.assertContains(response, "already linked by a standing link")
        response = self.client.post(reverse("plans:redraw-link"), {
            "old": OLD, "new": NEW, "granularity": "points", "left": "1", "right": "1 2", "relation": "merged", "reason": "x",
        })
        self.assertContains(response, "make a &#x27;split&#x27; link")
        self.assertEqual(LineageLink.objects.count(), before)
        self.assertFalse(LinkReview.objects.exists())


class GenealogyTests(TestCase):
    def test_it_follows_a_point_through_every_version_with_a_flow_picture(self):
        url = reverse("plans:genealogy", args=[OLD, "21d"])
        with self.assertNumQueries(12):
            response = self.client.get(url)
        with self.assertNumQueries(12):
            self.client.get(reverse("plans:genealogy", args=["berlin-statement-2025-12-15", "1"]))
        versions = [step.version.slug for step in response.context["trace"].steps]
        self.assertEqual(versions[0], OLD)
        self.assertIn(NEW, versions)
        self.assertIn("e3-counterproposal", versions)
        self.assertContains(response, "<svg", html=False)
        self.assertContains(response, "band--highlight")
        self.assertContains(response, reverse("plans:point", args=[NEW, "14b"]))

    def test_an_unknown_point_is_a_404(self):
        self.assertEqual(self.client.get(reverse("plans:genealogy", args=[OLD, "99"])).status_code, 404)
