"""The plan pages render the real data, in a fixed number of queries, and say what is uncertain."""

from django.test import TestCase
from django.urls import reverse

from plans.models import Point, PlanVersion


class HomePageTests(TestCase):
    def test_it_shows_every_version_on_the_timeline_with_status_and_counts(self):
        with self.assertNumQueries(4):
            response = self.client.get(reverse("plans:home"))
        self.assertEqual(response.status_code, 200)
        for version in PlanVersion.objects.all():
            self.assertContains(response, version.get_absolute_url())
        self.assertContains(response, "<strong>28</strong> points + 24 sub-points", html=False)
        self.assertContains(response, "Reconstructed from reporting")
        self.assertContains(response, "<strong>10</strong> versions", html=False)

    def test_it_lists_the_latest_articles_first(self):
        response = self.client.get(reverse("plans:home"))
        latest = response.context["latest_articles"]
        dates = [a.published for a in latest]
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertContains(response, latest[0].title)

    def test_it_sends_a_content_security_policy_without_inline_code(self):
        response = self.client.get(reverse("plans:home"))
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertIn("style-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        body = response.content.decode()
        self.assertNotIn("<style", body)
        self.assertNotIn(" style=", body)
        self.assertNotRegex(body, r"<script(?![^>]*\bsrc=)[^>]*>")


class VersionPageTests(TestCase):
    def test_it_nests_sub_points_under_their_points(self):
        url = reverse("plans:version", args=["us-28-point-draft"])
        with self.assertNumQueries(6):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        groups = response.context["groups"]
        top = [p.number for g in groups for p in g.points]
        self.assertEqual(top, [str(n) for n in range(1, 29)])
        ten = next(p for g in groups for p in g.points if p.number == "10")
        self.assertEqual([c.number for c in ten.children], ["10a", "10b", "10c", "10d"])
        self.assertContains(response, 'id="point-10a"')

    def test_the_query_count_does_not_grow_with_points(self):
        for slug in ["berlin-statement-2025-12-15", "e3-counterproposal"]:
            with self.assertNumQueries(6):
                self.client.get(reverse("plans:version", args=[slug]))

    def test_a_reconstructed_version_says_so_and_flags_placeholder_numbers(self):
        response = self.client.get(reverse("plans:version", args=["geneva-19-point-framework"]))
        self.assertContains(response, "Reconstructed from reporting.")
        self.assertContains(response, "numbers are placeholders")
        self.assertContains(response, "badge--evidence-inferred")

    def test_a_partial_version_says_so(self):
        response = self.client.get(reverse("plans:version", args=["us-security-guarantee-draft-2025-11"]))
        self.assertContains(response, "Partial text.")
        self.assertNotContains(response, "Reconstructed from reporting.")

    def test_a_full_text_version_carries_no_warning(self):
        response = self.client.get(reverse("plans:version", args=["us-28-point-draft"]))
        self.assertNotContains(response, 'class="notice')

    def test_an_unknown_version_is_a_404(self):
        self.assertEqual(self.client.get("/versions/no-such-version/").status_code, 404)


class PointPageTests(TestCase):
    def url(self, slug: str, number: str) -> str:
        return reverse("plans:point", args=[slug, number])

    def test_it_shows_text_sources_articles_and_lineage(self):
        point = Point.objects.get(version__slug="us-28-point-draft", number="21d")
        # 12 for the point, its lineage and articles; 1 for inherited articles; 2 for notes
        # (the plan's lineage, the threads; their tags and replies only when there are notes).
        with self.assertNumQueries(14):
            response = self.client.get(self.url("us-28-point-draft", "21d"))
        self.assertContains(response, point.text)
        self.assertContains(response, "news-pravda.com")
        self.assertContains(response, "Putin says there have been no draft peace agreements on Ukraine")
        # Its curated successor in the 20-point framework, flagged as moved.
        self.assertContains(response, self.url("ukraine-us-20-point-framework", "14b"))
        self.assertContains(response, "relation--moved")

    def test_the_query_count_does_not_grow_with_lineage(self):
        with self.assertNumQueries(14):
            self.client.get(self.url("ukraine-us-20-point-framework", "5"))

    def test_a_point_of_unknown_fate_is_shown_as_unknown_not_dropped(self):
        # 28-point draft point 7 is listed as unknown for the Geneva framework.
        response = self.client.get(self.url("us-28-point-draft", "7"))
        fates = {f.pair.to_version.slug: f for f in response.context["fates"] if f.direction == "later"}
        self.assertEqual(fates["geneva-19-point-framework"].state, "unknown")
        self.assertContains(response, "Fate unknown")
        self.assertContains(response, "It is not counted as dropped.")

    def test_a_dropped_point_is_shown_as_dropped(self):
        response = self.client.get(self.url("us-28-point-draft", "14"))
        fates = [f for f in response.context["fates"] if f.link and f.link.relation == "dropped"]
        self.assertTrue(fates)
        self.assertContains(response, "No counterpart in the later version.")

    def test_a_sub_point_links_to_its_parent(self):
        response = self.client.get(self.url("us-28-point-draft", "10a"))
        self.assertContains(response, self.url("us-28-point-draft", "10"))

    def test_an_inferred_point_says_so(self):
        response = self.client.get(self.url("geneva-19-point-framework", "g1"))
        self.assertContains(response, "Inferred.")

    def test_an_unknown_point_is_a_404(self):
        self.assertEqual(self.client.get(self.url("us-28-point-draft", "99")).status_code, 404)
