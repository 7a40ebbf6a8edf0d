"""The comparison of two versions, and a point's genealogy across all versions."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from plans.compare_service import get_comparison, is_ordered
from plans.comparison import Row
from plans.forms import KIND_FILTERS, CompareForm, default_pair
from plans.genealogy import flow_diagram, trace_point
from plans.views.annotations import note_counts
from plans.permissions import is_editor
from plans.models import LinkReview, PlanVersion, Point, Relation, Section, VersionPair, VersionStatus


HISTORY_LENGTH = 20

KIND_LABELS = [
    ("unchanged", "unchanged"),
    ("reworded", "reworded"),
    ("split", "split"),
    ("merged", "merged"),
    ("dropped", "dropped"),
    ("added", "added"),
    ("unknown", "fate unknown"),
    ("not-applicable", "not covered"),
    ("moved", "moved"),
    ("disagreement", "curated ≠ automatic"),
]


def can_edit_lineage(user) -> bool:  # noqa: ANN001 - a User or AnonymousUser
    return is_editor(user)


def row_matches(row: Row, data: dict, sections: dict[str, str]) -> bool:
    kind = data.get("kind")
    if data.get("changes") and not row.changed:
        return False
    if kind == "moved" and not row.moved:
        return False
    if kind == "disagreement" and not row.disagreements:
        return False
    if kind and kind not in ("moved", "disagreement") and row.kind != kind:
        return False
    section = data.get("section")
    if section and not any(sections.get(("old", k)) == section for k in row.left.keys) and not any(
        sections.get(("new", k)) == section for k in row.right.keys
    ):
        return False
    return True


@require_GET
@vary_on_headers("HX-Request")
def compare_versions(request: HttpRequest) -> HttpResponse:
    return render_comparison(request, request.GET.copy())


def render_comparison(request: HttpRequest, query: QueryDict, edit_error: str | None = None) -> HttpResponse:
    """The compare page (or, for htmx, its comparison fragment) for the choices in `query`."""
    if not query.get("old") and not query.get("new"):
        query["old"], query["new"] = default_pair()
    versions = list(PlanVersion.objects.chronological().defer("summary", "sources", "origin"))
    form = CompareForm(query, versions)
    context: dict = {
        "form": form,
        "can_edit": can_edit_lineage(request.user),
        "edit_error": edit_error,
        "kind_filters": KIND_FILTERS,
    }
    context["versions"] = versions
    context["presets"] = list(
        VersionPair.objects.filter(scope="")
        .select_related("from_version", "to_version")
        .only("from_version__slug", "from_version__label", "to_version__slug", "to_version__label")
    )
    if form.is_valid():
        data = form.cleaned_data
        result = get_comparison(data["old"], data["new"], data["granularity"])
        pair_context = result.context
        sections = {}
        for side, points in (("old", pair_context.old_points), ("new", pair_context.new_points)):
            by_pk = {p.pk: p for p in points}
            for p in points:
                key = p.number if data["granularity"] == "sub-points" or p.parent_id is None else by_pk[p.parent_id].number
                if p.section_id:
                    sections.setdefault((side, key), str(p.section_id))
        rows = [r for r in result.comparison.rows if row_matches(r, data, sections)]
        old_point_url = reverse("plans:point", args=[data["old"].slug, "_"])[:-2]
        new_point_url = reverse("plans:point", args=[data["new"].slug, "_"])[:-2]
        context["row_notes"] = row_notes(
            rows, data["old"].pk, data["new"].pk, data["granularity"], old_point_url, new_point_url
        )
        context.update(
            old=data["old"],
            new=data["new"],
            granularity=data["granularity"],
            pair=pair_context.pair,
            reversed=pair_context.reversed,
            counts=result.comparison.counts(),
            total_rows=len(result.comparison.rows),
            rows=rows,
            from_cache=result.from_cache,
            compute_ms=result.compute_ms,
            ordered=is_ordered(pair_context.old_points) and is_ordered(pair_context.new_points),
            uncertain=[v for v in (data["old"], data["new"]) if v.status != VersionStatus.FULL_TEXT],
            section_choices=section_choices(pair_context),
            query=query,
            base_query=_without(query, "kind"),
            kind_labels=KIND_LABELS,
            # Editors see who changed this pair's links, when and why (readers see the result).
            history=(
                list(
                    LinkReview.objects.filter(link__pair=pair_context.pair)
                    .select_related("user", "link")[:HISTORY_LENGTH]
                )
                if context["can_edit"] and pair_context.pair
                else []
            ),
            # Point links are built by joining, not by reversing a URL for every key of every row.
            old_point_url=old_point_url,
            new_point_url=new_point_url,
            relations=Relation.values,
        )
    template = "plans/compare.html#comparison" if request.htmx else "plans/compare.html"
    return render(request, template, context)


def row_notes(rows: list[Row], old_id: int, new_id: int, granularity: str, old_url: str, new_url: str) -> dict[int, tuple[int, str]]:
    """For each row with notes on its points: how many, and the point page that shows them all
    (the later point, where the earlier one's notes are inherited). One query."""
    counts = note_counts(old_id, new_id, by_top_level=granularity != "sub-points")
    badges = {}
    if not counts:
        return badges
    for index, row in enumerate(rows):
        n = sum(counts.get((old_id, k), 0) for k in row.left.keys) + sum(counts.get((new_id, k), 0) for k in row.right.keys)
        if n:
            url = f"{new_url}{quote(row.right.keys[0])}/" if row.right.keys else f"{old_url}{quote(row.left.keys[0])}/"
            badges[index] = (n, url + "#annotations")
    return badges


def section_choices(pair_context) -> list[tuple[str, str]]:  # noqa: ANN001
    """Sections of either version, for the filter; no query when no point has a section."""
    ids = {p.section_id for p in [*pair_context.old_points, *pair_context.new_points] if p.section_id}
    if not ids:
        return []
    return sorted(((str(pk), title) for pk, title in Section.objects.filter(pk__in=ids).values_list("pk", "title")), key=lambda c: c[1])


def _without(query: QueryDict, *names: str) -> str:
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()


@require_GET
def genealogy(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    point = get_object_or_404(Point.objects.select_related("version__plan"), version__slug=slug, number=number)
    trace = trace_point(point)
    return render(
        request,
        "plans/genealogy.html",
        {"point": point, "version": point.version, "trace": trace, "flow": flow_diagram(trace)},
    )
