"""Editors confirm, reject or redraw lineage links from the compare page (htmx or plain POST)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, QueryDict
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from plans.forms import LinkActionForm, RedrawForm
from plans.lineage_editing import LinkEditError, confirm_automatic, redraw, reject
from plans.models import PlanVersion
from plans.views.compare import can_edit_lineage, render_comparison


def _act(request: HttpRequest, form_class: type[LinkActionForm], action: Callable) -> HttpResponse:
    """Check the editor, validate, apply `action` in one transaction, show the comparison again."""
    if not can_edit_lineage(request.user):
        return HttpResponseForbidden("Only editors can change lineage links.")
    form = form_class(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        versions = {v.slug: v for v in PlanVersion.objects.filter(slug__in=[data["old"], data["new"]])}
        if len(versions) != 2 or data["old"] == data["new"]:
            error = "Pick two different existing versions."
        else:
            try:
                with transaction.atomic():
                    action(request.user, versions[data["old"]], versions[data["new"]], data)
            except LinkEditError as exc:
                error = str(exc)
    else:
        error = " ".join(m for messages in form.errors.values() for m in messages)
    query = QueryDict(mutable=True)
    query.update({k: request.POST[k] for k in ("old", "new", "granularity") if request.POST.get(k)})
    if request.htmx or error:
        # The comparison again, in place (htmx) or as a page, with the problem stated above it.
        return render_comparison(request, query, edit_error=error)
    return redirect("/compare/?" + urlencode(query))


@require_POST
def confirm_link(request: HttpRequest) -> HttpResponse:
    return _act(request, LinkActionForm, confirm_automatic)


@require_POST
def reject_link(request: HttpRequest) -> HttpResponse:
    return _act(request, LinkActionForm, reject)


@require_POST
def redraw_link(request: HttpRequest) -> HttpResponse:
    return _act(request, RedrawForm, redraw)
