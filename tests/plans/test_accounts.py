"""Accounts: sign in and out, password reset by email, and repeated failed sign-ins refused."""

from django.contrib.auth.models import User
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from plans.models import FailedSignIn


class SignInTests(TestCase):
    def setUp(self) -> None:
        # Made here, not in setUpTestData, so the password is hashed with the tests' hasher.
        self.user = User.objects.create_user("alice", "alice@example.org", "right-password")

    def sign_in(self, password: str, username: str = "alice", **extra):  # noqa: ANN003, ANN201
        return self.client.post(reverse("login"), {"username": username, "password": password}, **extra)

    def test_signing_in_and_out(self):
        response = self.sign_in("right-password")
        self.assertRedirects(response, reverse("plans:home"), fetch_redirect_response=False)
        home = self.client.get(reverse("plans:home"))
        self.assertContains(home, "Sign out")
        self.assertContains(home, reverse("plans:my-annotations"))
        self.client.post(reverse("logout"))
        self.assertContains(self.client.get(reverse("plans:home")), "Sign in")

    def test_a_wrong_password_is_refused_and_recorded(self):
        response = self.sign_in("wrong")
        self.assertContains(response, "Please enter a correct username and password")
        self.assertEqual(FailedSignIn.objects.get().username, "alice")

    @override_settings(REDLINE_SIGN_IN_FAILURE_LIMIT=3)
    def test_repeated_failures_block_even_the_right_password_for_a_while(self):
        for _ in range(3):
            self.sign_in("wrong")
        response = self.sign_in("right-password")
        self.assertContains(response, "Too many failed sign-ins")
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(REDLINE_SIGN_IN_FAILURE_LIMIT=3)
    def test_the_admin_sign_in_is_throttled_too(self):
        for _ in range(3):
            self.client.post("/admin/login/", {"username": "alice", "password": "wrong"})
        response = self.client.post("/admin/login/?next=/admin/", {"username": "alice", "password": "right-password"})
        self.assertContains(response, "Too many failed sign-ins")
        self.assertEqual(FailedSignIn.objects.count(), 3)

    @override_settings(REDLINE_SIGN_IN_FAILURE_LIMIT=3)
    def test_the_block_is_per_username_and_address(self):
        for _ in range(3):
            self.sign_in("wrong", username="ALICE")  # usernames are counted case-insensitively
        elsewhere = self.sign_in("right-password", REMOTE_ADDR="10.0.0.9")
        self.assertEqual(elsewhere.status_code, 302)

    @override_settings(REDLINE_SIGN_IN_FAILURE_LIMIT=3)
    def test_old_failures_no_longer_count(self):
        for _ in range(3):
            self.sign_in("wrong")
        FailedSignIn.objects.update(created_at="2020-01-01T00:00Z")
        self.assertEqual(self.sign_in("right-password").status_code, 302)

    def test_a_password_reset_mails_a_link_that_sets_a_new_password(self):
        response = self.client.post(reverse("password_reset"), {"email": "alice@example.org"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Reset your Redline password")
        link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
        form = self.client.get(link, follow=True)
        self.assertContains(form, "new_password1")
        done = self.client.post(form.redirect_chain[-1][0], {"new_password1": "a-new-Passw0rd", "new_password2": "a-new-Passw0rd"})
        self.assertRedirects(done, reverse("password_reset_complete"))
        self.user.refresh_from_db()
        self.assertTrue(self.user.check_password("a-new-Passw0rd"))

    def test_staff_manage_users_in_the_admin(self):
        admin = User.objects.create_superuser("root", "root@example.org", "pw")
        self.client.force_login(admin)
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 200)
