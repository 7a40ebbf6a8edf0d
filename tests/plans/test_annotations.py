"""Annotations through the views: writing, threads, htmx fragments, moderation, lineage, lists."""

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Annotation, Point, Report, Tag

OLD, NEW = "us-28-point-draft", "ukraine-us-20-point-framework"
HTMX = {"HX-Request": "true"}


def make_user(name: str, editor: bool = False) -> User:
    user = User.objects.create_user(name, f"{name}@example.org", f"{name}-password")
    if editor:
        user.groups.add(Group.objects.get(name="editors"))
    return user


def point(slug: str, number: str) -> Point:
    return Point.objects.select_related("version").get(version__slug=slug, number=number)


def make_note(author: User, where: Point, body: str = "A note", **fields) -> Annotation:  # noqa: ANN003
    return Annotation.objects.create(point=where, author=author, body=body, **fields)


class AnnotationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.alice = make_user("alice")
        cls.bob = make_user("bob")
        cls.erin = make_user("erin", editor=True)
        cls.six = point(OLD, "6")

    def add_url(self, where: Point) -> str:
        return reverse("plans:annotation-add", args=[where.version.slug, where.number])


class AddingTests(AnnotationTestCase):
    def test_reading_needs_no_account_and_invites_to_sign_in(self):
        make_note(self.alice, self.six, "Visible to everyone")
        response = self.client.get(self.six.get_absolute_url())
        self.assertContains(response, "Visible to everyone")
        self.assertContains(response, "to add a note or reply")
        self.assertNotContains(response, "Add a note")

    def test_writing_needs_an_account(self):
        response = self.client.post(self.add_url(self.six), {"body": "x"})
        self.assertRedirects(response, f"{reverse('login')}?next={self.add_url(self.six)}", fetch_redirect_response=False)
        self.assertFalse(Annotation.objects.exists())

    def test_an_htmx_request_without_an_account_is_sent_to_sign_in(self):
        response = self.client.post(self.add_url(self.six), {"body": "x"}, headers=HTMX)
        self.assertTrue(response["HX-Redirect"].startswith(reverse("login")))

    def test_a_plain_post_adds_the_note_with_tags_and_redirects_to_it(self):
        self.client.force_login(self.alice)
        tags = list(Tag.objects.filter(slug__in=["territory", "nato"]))
        response = self.client.post(self.add_url(self.six), {"body": "  **Vague** wording  ", "tags": [t.pk for t in tags]})
        note = Annotation.objects.get()
        self.assertRedirects(response, f"{self.six.get_absolute_url()}#annotation-{note.pk}", fetch_redirect_response=False)
        self.assertEqual((note.author, note.point, note.body, note.revision), (self.alice, self.six, "**Vague** wording", 1))
        self.assertEqual(set(note.tags.all()), set(tags))
        page = self.client.get(self.six.get_absolute_url())
        self.assertContains(page, "<strong>Vague</strong>", html=True)
        self.assertContains(page, tags[0].get_absolute_url())

    def test_htmx_adds_in_place_and_answers_with_the_section_only(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.add_url(self.six), {"body": "From htmx"}, headers=HTMX)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertNotIn("<html", body)
        self.assertIn('id="annotations"', body)
        self.assertIn("From htmx", body)

    def test_an_empty_note_re_renders_the_form_with_its_error_in_place(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.add_url(self.six), {"body": "   "}, headers=HTMX)
        self.assertEqual(response.status_code, 200)  # htmx swaps only successful answers
        self.assertContains(response, "This field is required")
        self.assertNotContains(response, "<html")
        self.assertFalse(Annotation.objects.exists())

    def test_without_javascript_an_invalid_note_gets_a_page_with_the_form(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.add_url(self.six), {"body": ""})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "<html", status_code=400)
        self.assertContains(response, "This field is required", status_code=400)

    def test_an_unknown_tag_is_refused(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.add_url(self.six), {"body": "x", "tags": [999999]}, headers=HTMX)
        self.assertContains(response, "Select a valid choice")
        self.assertFalse(Annotation.objects.exists())


class EditingTests(AnnotationTestCase):
    def setUp(self) -> None:
        self.note = make_note(self.alice, self.six, "First words")
        self.url = reverse("plans:annotation-edit", args=[self.note.pk])

    def test_the_author_edits_in_place_and_the_note_is_marked_edited(self):
        self.client.force_login(self.alice)
        form = self.client.get(self.url, headers=HTMX)
        self.assertContains(form, f'id="annotation-{self.note.pk}"')
        self.assertContains(form, 'name="revision" value="1"')
        response = self.client.post(self.url, {"body": "Second words", "revision": 1}, headers=HTMX)
        self.assertNotContains(response, "<html")
        self.assertContains(response, "Second words")
        self.assertContains(response, "edited")
        self.note.refresh_from_db()
        self.assertEqual((self.note.body, self.note.revision), ("Second words", 2))
        self.assertIsNotNone(self.note.edited_at)

    def test_without_javascript_an_edit_redirects_back_to_the_note(self):
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(self.url), "<html")
        response = self.client.post(self.url, {"body": "Plain", "revision": 1})
        self.assertRedirects(response, f"{self.six.get_absolute_url()}#annotation-{self.note.pk}", fetch_redirect_response=False)

    def test_a_second_concurrent_edit_gets_a_conflict_showing_both_texts(self):
        self.client.force_login(self.alice)
        first = self.client.post(self.url, {"body": "Saved first", "revision": 1}, headers=HTMX)
        self.assertEqual(first.status_code, 200)
        # The second tab also started from revision 1.
        second = self.client.post(self.url, {"body": "Written second", "revision": 1}, headers=HTMX)
        self.assertContains(second, "Someone saved this note while you were editing it")
        self.assertContains(second, "Saved first")
        self.assertContains(second, "Written second")
        self.assertContains(second, 'name="revision" value="2"')
        self.assertEqual(second["HX-Retarget"], f"#annotation-{self.note.pk}")
        self.note.refresh_from_db()
        self.assertEqual((self.note.body, self.note.revision), ("Saved first", 2))
        # Resubmitting from the conflict form saves deliberately.
        self.client.post(self.url, {"body": "Merged text", "revision": 2}, headers=HTMX)
        self.note.refresh_from_db()
        self.assertEqual((self.note.body, self.note.revision), ("Merged text", 3))

    def test_without_javascript_a_conflict_answers_409_with_both_texts(self):
        self.client.force_login(self.alice)
        Annotation.objects.filter(pk=self.note.pk).update(body="Someone else wrote this", revision=2)
        response = self.client.post(self.url, {"body": "Mine", "revision": 1})
        self.assertContains(response, "Someone else wrote this", status_code=409)
        self.assertContains(response, "Mine", status_code=409)

    def test_another_user_cannot_edit_delete_or_hide_the_note(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, {"body": "Defaced", "revision": 1}).status_code, 403)
        self.assertEqual(self.client.post(reverse("plans:annotation-delete", args=[self.note.pk])).status_code, 403)
        hide = self.client.post(reverse("plans:annotation-hide", args=[self.note.pk]), {"reason": "mine now"}, headers=HTMX)
        self.assertEqual(hide.status_code, 403)
        self.note.refresh_from_db()
        self.assertEqual((self.note.body, self.note.hidden, self.note.deleted_at), ("First words", False, None))

    def test_an_editor_cannot_edit_someone_elses_words_either(self):
        self.client.force_login(self.erin)
        self.assertEqual(self.client.post(self.url, {"body": "Edited by editor", "revision": 1}).status_code, 403)


class ThreadTests(AnnotationTestCase):
    def test_a_reply_joins_the_thread_and_htmx_gets_the_thread_back(self):
        note = make_note(self.alice, self.six, "Question?")
        self.client.force_login(self.bob)
        url = reverse("plans:annotation-reply", args=[note.pk])
        self.assertContains(self.client.get(url, headers=HTMX), f'id="reply-slot-{note.pk}"')
        response = self.client.post(url, {"body": "Answer."}, headers=HTMX)
        reply = Annotation.objects.get(parent=note)
        self.assertEqual((reply.author, reply.point), (self.bob, self.six))
        self.assertContains(response, f'id="annotation-{note.pk}"')
        self.assertContains(response, "Answer.")
        self.assertNotContains(response, "<html")

    def test_a_reply_to_a_reply_stays_one_level_deep(self):
        note = make_note(self.alice, self.six)
        reply = make_note(self.bob, self.six, "first reply", parent=note)
        self.client.force_login(self.alice)
        self.client.post(reverse("plans:annotation-reply", args=[reply.pk]), {"body": "second reply"})
        self.assertEqual(Annotation.objects.get(body="second reply").parent, note)

    def test_an_empty_reply_re_renders_its_form_in_its_slot(self):
        note = make_note(self.alice, self.six)
        self.client.force_login(self.bob)
        response = self.client.post(reverse("plans:annotation-reply", args=[note.pk]), {"body": ""}, headers=HTMX)
        self.assertEqual(response["HX-Retarget"], f"#reply-slot-{note.pk}")
        self.assertContains(response, "This field is required")

    def test_deleting_a_note_with_replies_keeps_the_thread(self):
        note = make_note(self.alice, self.six, "Regrettable")
        make_note(self.bob, self.six, "A reply", parent=note)
        self.client.force_login(self.alice)
        response = self.client.post(reverse("plans:annotation-delete", args=[note.pk]), headers=HTMX)
        self.assertContains(response, "Deleted by its author")
        self.assertContains(response, "A reply")
        self.assertNotContains(response, "Regrettable")
        note.refresh_from_db()
        self.assertEqual(note.body, "")
        self.assertIsNotNone(note.deleted_at)

    def test_deleting_a_lone_note_removes_it_from_the_page(self):
        note = make_note(self.alice, self.six, "Gone soon")
        self.client.force_login(self.alice)
        response = self.client.post(reverse("plans:annotation-delete", args=[note.pk]), headers=HTMX)
        self.assertEqual(response.content, b"")
        self.assertNotContains(self.client.get(self.six.get_absolute_url()), "Gone soon")


class ModerationTests(AnnotationTestCase):
    def test_an_editor_hides_a_note_with_a_reason_everyone_sees(self):
        note = make_note(self.alice, self.six, "Abusive words")
        Report.objects.create(annotation=note, reporter=self.bob)
        self.client.force_login(self.erin)
        response = self.client.post(reverse("plans:annotation-hide", args=[note.pk]), {"reason": "Insults"}, headers=HTMX)
        self.assertContains(response, "Hidden by an editor: Insults")
        note.refresh_from_db()
        self.assertEqual((note.hidden, note.hidden_reason, note.hidden_by), (True, "Insults", self.erin))
        self.assertIsNotNone(Report.objects.get().resolved_at)
        self.client.logout()
        page = self.client.get(self.six.get_absolute_url())
        self.assertContains(page, "Hidden by an editor: Insults")
        self.assertNotContains(page, "Abusive words")
        self.assertNotContains(self.client.get(reverse("plans:annotations")), "Abusive words")

    def test_hiding_needs_a_reason(self):
        note = make_note(self.alice, self.six)
        self.client.force_login(self.erin)
        response = self.client.post(reverse("plans:annotation-hide", args=[note.pk]), {"reason": " "}, headers=HTMX)
        self.assertContains(response, "This field is required")
        self.assertEqual(response["HX-Retarget"], f"#hide-{note.pk}")
        note.refresh_from_db()
        self.assertFalse(note.hidden)

    def test_an_editor_can_show_a_hidden_note_again(self):
        note = make_note(self.alice, self.six, hidden=True, hidden_reason="by mistake")
        self.client.force_login(self.erin)
        self.client.post(reverse("plans:annotation-restore", args=[note.pk]))
        note.refresh_from_db()
        self.assertFalse(note.hidden)

    def test_anyone_signed_in_reports_a_note_once_and_editors_see_the_queue(self):
        note = make_note(self.alice, self.six, "Rude")
        self.client.force_login(self.bob)
        response = self.client.post(reverse("plans:annotation-report", args=[note.pk]), {"reason": "rude"}, headers=HTMX)
        self.assertContains(response, "Reported. Editors will look at it.")
        self.client.post(reverse("plans:annotation-report", args=[note.pk]), {"reason": "again"})
        self.assertEqual(Report.objects.count(), 1)
        self.assertEqual(self.client.get(reverse("plans:reports")).status_code, 403)
        self.client.force_login(self.erin)
        queue = self.client.get(reverse("plans:reports"))
        self.assertContains(queue, "Rude")
        self.assertContains(queue, "rude")
        self.client.post(reverse("plans:reports-dismiss", args=[note.pk]))
        self.assertNotContains(self.client.get(reverse("plans:reports")), "Rude")

    def test_editors_keep_the_tag_vocabulary(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.post(reverse("plans:tags"), {"name": "Prisoners"}).status_code, 403)
        self.client.force_login(self.erin)
        self.client.post(reverse("plans:tags"), {"name": "Prisoner  exchange", "description": "All for all"})
        self.assertTrue(Tag.objects.filter(slug="prisoner-exchange", name="Prisoner exchange").exists())
        duplicate = self.client.post(reverse("plans:tags"), {"name": "prisoner exchange"})
        self.assertContains(duplicate, "This tag exists already", status_code=400)

    def test_the_vocabulary_is_seeded_for_peace_agreement_provisions(self):
        slugs = set(Tag.objects.values_list("slug", flat=True))
        self.assertLessEqual({"territory", "security-guarantees", "sanctions", "humanitarian", "nato", "elections"}, slugs)


class CsrfTests(AnnotationTestCase):
    def test_every_post_needs_the_csrf_token_htmx_ones_included(self):
        note = make_note(self.alice, self.six)
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.alice)
        posts = [
            (self.add_url(self.six), {"body": "x"}),
            (reverse("plans:annotation-edit", args=[note.pk]), {"body": "y", "revision": 1}),
            (reverse("plans:annotation-reply", args=[note.pk]), {"body": "z"}),
            (reverse("plans:annotation-report", args=[note.pk]), {}),
            (reverse("plans:annotation-delete", args=[note.pk]), {}),
        ]
        for url, data in posts:
            with self.subTest(url=url):
                self.assertEqual(client.post(url, data).status_code, 403)
                self.assertEqual(client.post(url, data, headers=HTMX).status_code, 403)
        note.refresh_from_db()
        self.assertEqual((note.body, note.deleted_at, Annotation.objects.count()), ("A note", None, 1))

    def test_the_token_htmx_sends_in_its_header_is_accepted(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.alice)
        page = client.get(self.six.get_absolute_url())
        token = page.cookies["csrftoken"].value
        self.assertContains(page, '"X-CSRFToken": "')  # hx-headers on <body>
        response = client.post(self.add_url(self.six), {"body": "with header"}, headers={**HTMX, "X-CSRFToken": token})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(Annotation.objects.filter(body="with header").exists())


class LineageTests(AnnotationTestCase):
    def test_a_note_shows_on_the_points_successors_marked_as_inherited(self):
        make_note(self.alice, self.six, "About the army cap")
        # 28-point 6 became point 4 of the 20-point framework (curated, reworded).
        response = self.client.get(point(NEW, "4").get_absolute_url())
        self.assertEqual([n.body for n in response.context["inherited_notes"]], ["About the army cap"])
        self.assertEqual(response.context["inherited_notes"][0].inheritance, "inherited")
        self.assertContains(response, "Inherited</span> from")
        self.assertContains(response, f"{self.six.get_absolute_url()}")
        self.assertEqual(response.context["direct_notes"], [])

    def test_a_note_on_a_split_point_shows_on_every_part_marked_so(self):
        g3 = point("geneva-19-point-framework", "g3")
        make_note(self.alice, g3, "Before the split")
        for number in ["3", "5"]:
            response = self.client.get(point(NEW, number).get_absolute_url())
            notes = response.context["inherited_notes"]
            self.assertEqual([(n.body, n.inheritance) for n in notes], [("Before the split", "inherited-from-split")])
            self.assertContains(response, "Inherited from a split")

    def test_a_note_does_not_travel_backwards(self):
        make_note(self.alice, point(NEW, "4"), "Later note")
        response = self.client.get(self.six.get_absolute_url())
        self.assertEqual(response.context["inherited_notes"], [])

    def test_the_point_page_costs_a_fixed_number_of_queries_whatever_the_notes(self):
        url = point(NEW, "4").get_absolute_url()
        first = make_note(self.alice, self.six, "first")
        make_note(self.bob, self.six, "first reply", parent=first)
        self.client.get(url)
        with CaptureQueriesContext(connection) as one_thread:
            self.client.get(url)
        for i in range(5):
            note = make_note(self.alice, self.six, f"note {i}")
            make_note(self.bob, self.six, f"reply {i}", parent=note)
        with self.assertNumQueries(len(one_thread)):
            response = self.client.get(url)
        self.assertEqual(len(response.context["inherited_notes"]), 6)

    def test_the_compare_page_shows_a_notes_badge_by_the_pair_with_one_extra_query(self):
        url = reverse("plans:compare")
        query = {"old": OLD, "new": NEW}
        self.client.get(url, query)
        with CaptureQueriesContext(connection) as before:
            self.client.get(url, query)
        note = make_note(self.alice, self.six, "On six")
        make_note(self.bob, self.six, "reply", parent=note)
        make_note(self.bob, point(OLD, "10a"), "On a sub-point")
        with self.assertNumQueries(len(before)):
            response = self.client.get(url, query)
        badges = response.context["row_notes"]
        rows = response.context["rows"]
        by_left = {rows[i].left.keys: badge for i, badge in badges.items()}
        self.assertEqual(by_left[("6",)], (2, point(NEW, "4").get_absolute_url() + "#annotations"))
        self.assertEqual(by_left[("10",)][0], 1)  # a sub-point's note counts for its point
        self.assertContains(response, "2 notes")


class ListTests(AnnotationTestCase):
    def test_recent_notes_list_the_newest_first_without_hidden_or_deleted_ones(self):
        make_note(self.alice, self.six, "older")
        make_note(self.bob, self.six, "newer")
        make_note(self.bob, self.six, "hidden one", hidden=True, hidden_reason="x")
        make_note(self.bob, self.six, "", deleted_at="2026-01-01T00:00Z")
        response = self.client.get(reverse("plans:annotations"))
        self.assertEqual([n.body for n in response.context["page"]], ["newer", "older"])

    def test_notes_by_tag(self):
        territory = Tag.objects.get(slug="territory")
        make_note(self.alice, self.six, "tagged").tags.add(territory)
        make_note(self.alice, self.six, "untagged")
        response = self.client.get(territory.get_absolute_url())
        self.assertEqual([n.body for n in response.context["page"]], ["tagged"])

    def test_your_notes_are_yours_only_and_need_an_account(self):
        make_note(self.alice, self.six, "alice's")
        make_note(self.bob, self.six, "bob's")
        self.assertEqual(self.client.get(reverse("plans:my-annotations")).status_code, 302)
        self.client.force_login(self.alice)
        response = self.client.get(reverse("plans:my-annotations"))
        self.assertEqual([n.body for n in response.context["page"]], ["alice's"])

    def test_the_atom_feeds_carry_new_notes_overall_and_per_point(self):
        make_note(self.alice, self.six, "**On six** <script>alert(1)</script>")
        make_note(self.alice, point(OLD, "7"), "On seven")
        make_note(self.alice, self.six, "secret", hidden=True, hidden_reason="x")
        overall = self.client.get(reverse("plans:annotation-feed"))
        self.assertEqual(overall["Content-Type"], "application/atom+xml; charset=utf-8")
        body = overall.content.decode()
        self.assertIn("On seven", body)
        self.assertIn("&lt;strong&gt;On six&lt;/strong&gt;", body)
        self.assertNotIn("<script>", body)
        self.assertNotIn("secret", body)
        per_point = self.client.get(reverse("plans:point-annotation-feed", args=[OLD, "6"])).content.decode()
        self.assertIn("On six", per_point)
        self.assertNotIn("On seven", per_point)
