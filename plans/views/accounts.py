"""Signing in, with failed attempts slowed down; the rest of accounts is django.contrib.auth's."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from plans.forms import ThrottledAuthenticationForm
from plans.models import FailedSignIn


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a proxy we run sets it.
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def too_many_failures(username: str, address: str) -> bool:
    since = timezone.now() - timedelta(minutes=settings.REDLINE_SIGN_IN_WINDOW_MINUTES)
    recent = FailedSignIn.objects.filter(username=username.lower(), ip=address, created_at__gte=since)
    return recent.count() >= settings.REDLINE_SIGN_IN_FAILURE_LIMIT


class SignInView(LoginView):
    """Django's sign-in, refusing a username from an address after repeated failures."""

    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST":
            username = self.request.POST.get("username", "")
            kwargs["throttled"] = too_many_failures(username, client_address(self.request))
        return kwargs

    def form_invalid(self, form: ThrottledAuthenticationForm) -> HttpResponse:
        username = self.request.POST.get("username", "")
        if username and not form.throttled:
            FailedSignIn.objects.create(username=username.lower()[:150], ip=client_address(self.request))
        return super().form_invalid(form)


sign_in = SignInView.as_view()
