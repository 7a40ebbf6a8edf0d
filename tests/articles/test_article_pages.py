"""The article list filters through htmx and plain GET; an article shows the points it discusses."""

from django.test import TestCase
from django.urls import reverse

from articles.models import Article


class ArticleListTests(TestCase):
    url = reverse("articles:list")

    def test_it_lists_all_articles_newest_first_on_pages(self):
        with self.assertNumQueries(7):
            response = self.client.get(self.url)
        page = response.context["page"]
        self.assertEqual(page.paginator.count, 43)
        dates = [a.published for a in page.object_list]
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertContains(response, "Page 1 of 3")
        second = self.client.get(self.url, {"page": 2})
        self.assertNotEqual(second.context["page"].object_list[0], page.object_list[0])

    def test_it_filters_by_language_and_outlet(self):
        response = self.client.get(self.url, {"language": "uk"})
        self.assertEqual(response.context["page"].paginator.count, 5)
        self.assertTrue(all(a.language == "uk" for a in response.context["page"].object_list))
        outlet = Article.objects.order_by("pk").first().outlet
        response = self.client.get(self.url, {"outlet": outlet})
        self.assertEqual(response.context["page"].paginator.count, Article.objects.filter(outlet=outlet).count())

    def test_it_filters_by_version_and_point(self):
        response = self.client.get(self.url, {"version": "us-28-point-draft", "point": "21d"})
        titles = [a.title for a in response.context["page"].object_list]
        self.assertIn("Putin says there have been no draft peace agreements on Ukraine", titles)
        expected = Article.objects.filter(mentions__points__number="21d", mentions__version__slug="us-28-point-draft").distinct().count()
        self.assertEqual(len(titles), expected)
        everything = self.client.get(self.url, {"version": "us-28-point-draft"}).context["page"].paginator.count
        self.assertGreater(everything, expected)

    def test_an_htmx_request_gets_only_the_results_fragment(self):
        response = self.client.get(self.url, {"language": "de"}, headers={"HX-Request": "true"})
        body = response.content.decode()
        self.assertNotIn("<html", body)
        self.assertTrue(body.strip().startswith('<section id="results"'))
        self.assertEqual(response.context["page"].paginator.count, 2)
        self.assertIn("HX-Request", response.headers["Vary"])

    def test_the_full_page_has_the_layout_and_the_filters(self):
        body = self.client.get(self.url).content.decode()
        self.assertIn("<html", body)
        self.assertIn('hx-get="/articles/"', body)
        self.assertIn('hx-push-url="true"', body)

    def test_a_point_without_a_version_is_explained_not_an_error(self):
        response = self.client.get(self.url, {"point": "7"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Choose a version to filter by one of its points.")
        self.assertEqual(response.context["page"].paginator.count, 0)

    def test_an_unknown_point_or_version_is_explained(self):
        response = self.client.get(self.url, {"version": "us-28-point-draft", "point": "99"})
        self.assertContains(response, "has no point 99.")
        response = self.client.get(self.url, {"version": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Select a valid choice")

    def test_a_nonsense_page_number_falls_back(self):
        response = self.client.get(self.url, {"page": "abc"})
        self.assertEqual(response.context["page"].number, 1)


class ArticleDetailTests(TestCase):
    def test_it_shows_the_summary_and_the_points_it_discusses(self):
        article = Article.objects.get(url="https://axy.media/world/putin-says-there-have-been-no-draft-peace-agreements-on-ukraine")
        with self.assertNumQueries(3):
            response = self.client.get(article.get_absolute_url())
        self.assertContains(response, article.summary[:80])
        self.assertContains(response, reverse("plans:point", args=["us-28-point-draft", "21d"]))
        self.assertContains(response, "The version as a whole")
        self.assertContains(response, 'href="' + article.url + '"')

    def test_an_unknown_article_is_a_404(self):
        self.assertEqual(self.client.get("/articles/999999/").status_code, 404)
