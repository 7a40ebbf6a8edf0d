"""Annotations: notes on points, their threads, moderation, lists and feeds.

Every view that writes checks who may write here, in the view (a fragment request never skips
it). Each answers htmx with the fragment it changed and a plain POST with a redirect, so every
action also works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import quote

from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from plans.annotating import DIRECT, edit_conflict
from plans.forms import AnnotationEditForm, AnnotationForm, HideForm, ReportForm, TagForm
from plans.lineage_graph import inherited_from
from plans.markup import plain_excerpt, render_markdown
from plans.models import Annotation, Point, Report, Tag
from plans.permissions import is_editor

PAGE_SIZE = 50
FEED_SIZE = 30
SECTION = "plans/_annotations.html#annotation-section"
NOTE = "plans/_annotations.html#note"
FORM = "plans/annotation_form.html#note-form"


def sign_in_required(view: Callable) -> Callable:
    """Like login_required, but an htmx request is sent to the sign-in page as a whole page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.htmx:
            page = request.htmx.current_url_abs_path or request.get_full_path()
            return HttpResponseClientRedirect(f"{reverse('login')}?next={quote(page)}")
        return redirect_to_login(request.get_full_path())

    return wrapper


# Loading -----------------------------------------------------------------------------------------


def with_replies(queryset: QuerySet[Annotation]) -> QuerySet[Annotation]:
    return queryset.for_display().prefetch_related(
        Prefetch("replies", queryset=Annotation.objects.for_display().order_by("created_at", "pk"))
    )


def annotation_section(
    request: HttpRequest,
    point: Point,
    form: AnnotationForm | None = None,
    inherited: dict[int, str] | None = None,
) -> dict:
    """The context of a point's notes: its own threads and those it inherits through lineage.

    `inherited` (point pk -> how) may come from the caller, who already walked the lineage."""
    if inherited is None:
        inherited = inherited_from(point)
    threads = list(
        with_replies(Annotation.objects.threads().filter(point__in=[point.pk, *inherited]))
    )
    shown = []
    for note in threads:
        note.inheritance = DIRECT if note.point_id == point.pk else inherited[note.point_id]
        # A deleted note stays only as the head of replies people still wrote to it.
        if not note.is_deleted or note.replies.all():
            shown.append(note)
    shown.sort(key=lambda n: (n.point.version.date, n.created_at, n.pk))
    return {
        "point": point,
        "direct_notes": [n for n in shown if n.inheritance == DIRECT],
        "inherited_notes": [n for n in shown if n.inheritance != DIRECT],
        "note_form": form or AnnotationForm(),
        "can_moderate": is_editor(request.user),
    }


def load_note(pk: int) -> Annotation:
    return get_object_or_404(with_replies(Annotation.objects.all()), pk=pk)


def render_note(request: HttpRequest, note: Annotation, **extra) -> HttpResponse:  # noqa: ANN003
    """The fragment of one note (with its replies), fetched afresh after a change."""
    note = load_note(note.pk)
    if note.parent_id is None and note.is_deleted and not note.replies.all():
        return HttpResponse("")  # nothing left to show: htmx removes the note
    return render(request, NOTE, {"note": note, "can_moderate": is_editor(request.user), **extra})


def back_to(note: Annotation) -> str:
    root = note.parent_id or note.pk
    return f"{note.point.get_absolute_url()}#annotation-{root}"


def form_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    """The form alone (htmx, swapped into its own box) or on a page of its own (no JavaScript)."""
    if request.htmx:
        response = render(request, FORM, context, status=200)
        if request.method == "POST":
            # A rejected form replaces itself, not the note it was meant to change.
            response = reswap(retarget(response, f"#{context['form_id']}"), "outerHTML")
        return response
    return render(request, "plans/annotation_form.html", context, status=status)


def own_note(request: HttpRequest, pk: int) -> Annotation:
    note = get_object_or_404(Annotation.objects.select_related("point__version"), pk=pk)
    if note.is_deleted:
        raise Http404("This note was deleted.")
    if note.author_id != request.user.pk:
        raise PermissionDenied("Only its author can change a note.")
    return note


def moderator_only(request: HttpRequest) -> None:
    if not is_editor(request.user):
        raise PermissionDenied("Only editors can moderate notes.")


# Writing -----------------------------------------------------------------------------------------


@require_POST
@sign_in_required
def add_annotation(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    point = get_object_or_404(Point.objects.select_related("version"), version__slug=slug, number=number)
    form = AnnotationForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return render(request, SECTION, annotation_section(request, point, form))
        context = {"form": form, "form_id": "note-add", "title": f"Annotate point {point.number}",
                   "action": reverse("plans:annotation-add", args=[slug, number]), "point": point}
        return form_page(request, context, status=400)
    with transaction.atomic():
        note = Annotation.objects.create(point=point, author=request.user, body=form.cleaned_data["body"])
        note.tags.set(form.cleaned_data["tags"])
    if request.htmx:
        return render(request, SECTION, annotation_section(request, point))
    return redirect(back_to(note))


@require_http_methods(["GET", "POST"])
@sign_in_required
def edit_annotation(request: HttpRequest, pk: int) -> HttpResponse:
    note = own_note(request, pk)
    context = {"note": note, "point": note.point, "form_id": f"annotation-{note.pk}", "title": "Edit your note",
               "action": reverse("plans:annotation-edit", args=[note.pk]), "editing": True}
    if request.method == "GET":
        form = AnnotationEditForm(instance=note, initial={"revision": note.revision}, reply=note.parent_id is not None)
        return form_page(request, {**context, "form": form})
    form = AnnotationEditForm(request.POST, instance=note, reply=note.parent_id is not None)
    if not form.is_valid():
        return form_page(request, {**context, "form": form}, status=400)
    base, body = form.cleaned_data["revision"], form.cleaned_data["body"]
    with transaction.atomic():
        # Saved only if nobody saved since this edit began: the revision check and the write
        # are one statement, so two simultaneous edits cannot both pass it.
        saved = Annotation.objects.filter(pk=note.pk, revision=base, deleted_at__isnull=True).update(
            body=body, revision=F("revision") + 1, edited_at=timezone.now()
        )
        if not saved:
            stored = Annotation.objects.get(pk=note.pk)
            conflict = edit_conflict(base, stored.revision, stored.body, body)
            if conflict is not None:
                retry = AnnotationEditForm(
                    initial={"body": body, "revision": conflict.revision,
                             "tags": form.cleaned_data.get("tags", [])},
                    instance=stored, reply=note.parent_id is not None,
                )
                context.update(form=retry, conflict=conflict, note=stored,
                               theirs_html=render_markdown(conflict.theirs))
                return form_page(request, context, status=409)
        if "tags" in form.cleaned_data:
            note.tags.set(form.cleaned_data["tags"])
    if request.htmx:
        return render_note(request, note)
    return redirect(back_to(note))


@require_http_methods(["GET", "POST"])
@sign_in_required
def reply_to_annotation(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Annotation.objects.select_related("point__version", "parent"), pk=pk)
    root = note.parent or note  # threads are one level deep: a reply to a reply joins the thread
    if root.is_deleted and not root.replies.exists():
        raise Http404("This note was deleted.")
    if root.hidden:
        raise PermissionDenied("A hidden note takes no replies.")
    context = {"note": root, "point": root.point, "form_id": f"reply-slot-{root.pk}", "title": "Reply",
               "action": reverse("plans:annotation-reply", args=[root.pk]), "replying": True}
    if request.method == "GET":
        return form_page(request, {**context, "form": AnnotationForm(reply=True)})
    form = AnnotationForm(request.POST, reply=True)
    if not form.is_valid():
        return form_page(request, {**context, "form": form}, status=400)
    reply = Annotation.objects.create(point=root.point, parent=root, author=request.user, body=form.cleaned_data["body"])
    if request.htmx:
        return render_note(request, root)
    return redirect(back_to(reply))


@require_POST
@sign_in_required
def delete_annotation(request: HttpRequest, pk: int) -> HttpResponse:
    note = own_note(request, pk)
    with transaction.atomic():
        # The row stays so that replies keep their thread; its words go.
        Annotation.objects.filter(pk=note.pk).update(body="", deleted_at=timezone.now())
        note.tags.clear()
    if request.htmx:
        return render_note(request, note)
    return redirect(note.point.get_absolute_url() + "#annotations")


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@require_POST
@sign_in_required
def hide_annotation(request: HttpRequest, pk: int) -> HttpResponse:
    moderator_only(request)
    note = get_object_or_404(Annotation.objects.select_related("point__version"), pk=pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "note": note, "point": note.point, "form_id": f"hide-{note.pk}",
                   "title": "Hide this note", "action": reverse("plans:annotation-hide", args=[note.pk]),
                   "target": f"#annotation-{note.pk}"}
        return form_page(request, context, status=400)
    now = timezone.now()
    with transaction.atomic():
        Annotation.objects.filter(pk=note.pk).update(
            hidden=True, hidden_reason=form.cleaned_data["reason"], hidden_by=request.user, hidden_at=now
        )
        note.reports.filter(resolved_at__isnull=True).update(resolved_at=now, resolved_by=request.user)
    if request.htmx:
        return render_note(request, note)
    return redirect(_next_or(request, back_to(note)))


@require_POST
@sign_in_required
def restore_annotation(request: HttpRequest, pk: int) -> HttpResponse:
    moderator_only(request)
    note = get_object_or_404(Annotation.objects.select_related("point__version"), pk=pk)
    Annotation.objects.filter(pk=note.pk).update(hidden=False, hidden_reason="", hidden_by=None, hidden_at=None)
    if request.htmx:
        return render_note(request, note)
    return redirect(back_to(note))


@require_POST
@sign_in_required
def report_annotation(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Annotation.objects.select_related("point__version"), pk=pk)
    if note.is_deleted:
        raise Http404("This note was deleted.")
    form = ReportForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "note": note, "point": note.point, "form_id": f"report-{note.pk}",
                   "title": "Report this note", "action": reverse("plans:annotation-report", args=[note.pk]),
                   "target": f"#annotation-{note.pk}"}
        return form_page(request, context, status=400)
    Report.objects.get_or_create(
        annotation=note, reporter=request.user, defaults={"reason": form.cleaned_data["reason"]}
    )
    if request.htmx:
        return render_note(request, note, reported=note.pk)
    return redirect(back_to(note))


# Reading -----------------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def annotation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A note's permalink: its place on its point's page (htmx: the note alone, e.g. to cancel an edit)."""
    note = get_object_or_404(Annotation.objects.select_related("point__version"), pk=pk)
    if request.htmx:
        return render_note(request, note)
    return redirect(back_to(note))


def annotation_list(request: HttpRequest, notes: QuerySet[Annotation], context: dict) -> HttpResponse:
    page = Paginator(notes.for_display().select_related("parent").order_by("-created_at", "-pk"), PAGE_SIZE)
    context.update(page=page.get_page(request.GET.get("page")),
                   tags=Tag.objects.annotate(note_count=Count("annotations", filter=Q(
                       annotations__hidden=False, annotations__deleted_at__isnull=True))))
    return render(request, "plans/annotation_list.html", context)


@require_GET
def recent_annotations(request: HttpRequest) -> HttpResponse:
    return annotation_list(request, Annotation.objects.listed(), {"title": "Recent notes", "feed": reverse("plans:annotation-feed")})


@require_GET
def annotations_by_tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return annotation_list(request, Annotation.objects.listed().filter(tags=tag), {"title": f"Notes tagged “{tag.name}”", "tag": tag})


@require_GET
@sign_in_required
def my_annotations(request: HttpRequest) -> HttpResponse:
    # Your own list shows your hidden notes too, with the editor's reason.
    notes = Annotation.objects.filter(author=request.user, deleted_at__isnull=True)
    return annotation_list(request, notes, {"title": "Your notes", "mine": True})


@require_http_methods(["GET", "POST"])
def tag_list(request: HttpRequest) -> HttpResponse:
    """The vocabulary, with how many notes use each tag; editors add tags here."""
    form = TagForm()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        moderator_only(request)
        form = TagForm(request.POST)
        if form.is_valid():
            Tag.objects.create(slug=slugify(form.cleaned_data["name"]), **form.cleaned_data)
            return redirect("plans:tags")
    tags = Tag.objects.annotate(note_count=Count("annotations", filter=Q(
        annotations__hidden=False, annotations__deleted_at__isnull=True)))
    return render(request, "plans/tag_list.html", {"tags": tags, "form": form,
                                                   "can_moderate": is_editor(request.user)},
                  status=400 if form.errors else 200)


@require_GET
@sign_in_required
def report_queue(request: HttpRequest) -> HttpResponse:
    """Editors' queue: notes with open reports, the most reported first."""
    moderator_only(request)
    open_reports = Report.objects.filter(resolved_at__isnull=True).select_related("reporter").order_by("created_at")
    notes = list(
        Annotation.objects.filter(reports__resolved_at__isnull=True).distinct().for_display()
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
    )
    notes.sort(key=lambda n: (-len(n.open_reports), n.open_reports[0].created_at))
    return render(request, "plans/report_queue.html", {"notes": notes, "can_moderate": True})


@require_POST
@sign_in_required
def dismiss_reports(request: HttpRequest, pk: int) -> HttpResponse:
    moderator_only(request)
    note = get_object_or_404(Annotation, pk=pk)
    note.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=request.user)
    return redirect("plans:reports")


# Feeds -------------------------------------------------------------------------------------------


class AnnotationFeed(Feed):
    """New notes across every point, newest first (Atom)."""

    feed_type = Atom1Feed
    title = "Redline: new notes"
    subtitle = "Notes people add to the points of the peace plan's drafts."

    def link(self) -> str:
        return reverse("plans:annotations")

    def items(self) -> QuerySet[Annotation]:
        return Annotation.objects.listed().select_related("author", "point__version").order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, item: Annotation) -> str:
        kind = "Reply" if item.parent_id else "Note"
        return f"{kind} on {item.point.version.label}, point {item.point.number}: {plain_excerpt(item.body, 80)}"

    def item_description(self, item: Annotation) -> str:
        return render_markdown(item.body)

    def item_link(self, item: Annotation) -> str:
        return back_to(item)

    def item_author_name(self, item: Annotation) -> str:
        return item.author.get_username()

    def item_pubdate(self, item: Annotation):  # noqa: ANN201
        return item.created_at

    def item_updateddate(self, item: Annotation):  # noqa: ANN201
        return item.edited_at or item.created_at


class PointAnnotationFeed(AnnotationFeed):
    """New notes on one point (Atom)."""

    def get_object(self, request: HttpRequest, slug: str, number: str) -> Point:  # noqa: ARG002
        return get_object_or_404(Point.objects.select_related("version"), version__slug=slug, number=number)

    def title(self, point: Point) -> str:
        return f"Redline: notes on {point.version.label}, point {point.number}"

    def link(self, point: Point) -> str:
        return point.get_absolute_url() + "#annotations"

    def items(self, point: Point) -> QuerySet[Annotation]:
        notes = Annotation.objects.listed().filter(point=point).select_related("author", "point__version")
        return notes.order_by("-created_at", "-pk")[:FEED_SIZE]


annotation_feed = AnnotationFeed()
point_annotation_feed = PointAnnotationFeed()


def note_counts(old_id: int, new_id: int, by_top_level: bool) -> dict[tuple[int, str], int]:
    """Listed notes (replies included) per (version id, point key) of two versions, in one query;
    with `by_top_level`, a sub-point's notes count for its parent point (the compare page's
    "points" granularity)."""
    counts: dict[tuple[int, str], int] = {}
    rows = Annotation.objects.listed().filter(point__version__in=[old_id, new_id])
    for version_id, number, parent_number in rows.values_list("point__version_id", "point__number", "point__parent__number"):
        key = (version_id, parent_number if by_top_level and parent_number else number)
        counts[key] = counts.get(key, 0) + 1
    return counts
