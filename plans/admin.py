"""Curation of versions, points and lineage in the admin."""

from django.contrib import admin

from plans.models import (
    Annotation,
    LineageLink,
    LinkReview,
    Plan,
    PlanVersion,
    Point,
    Report,
    Section,
    Tag,
    VersionPair,
)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class PointInline(admin.TabularInline):
    model = Point
    extra = 0
    fields = ["order", "number", "parent", "section", "evidence", "text"]
    ordering = ["order"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):  # noqa: ANN001, ANN201
        formset = super().get_formset(request, obj, **kwargs)
        # A sub-point's parent and its section come from the same version.
        if obj is not None:
            formset.form.base_fields["parent"].queryset = obj.points.filter(parent__isnull=True)
            formset.form.base_fields["section"].queryset = obj.sections.all()
        return formset


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["label", "date", "status", "parent", "plan"]
    list_filter = ["status", "plan", "date"]
    search_fields = ["label", "slug", "origin", "summary"]
    date_hierarchy = "date"
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["label"]}
    inlines = [SectionInline, PointInline]


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["number", "version", "evidence", "short_text"]
    list_filter = ["evidence", "version"]
    search_fields = ["number", "text", "version__label"]
    list_select_related = ["version"]
    autocomplete_fields = ["version", "parent"]
    ordering = ["version__date", "order"]

    @admin.display(description="Text")
    def short_text(self, obj: Point) -> str:
        return obj.text[:120]


class LineageLinkInline(admin.StackedInline):
    model = LineageLink
    extra = 0
    fields = [
        ("relation", "origin", "confidence", "score"),
        ("moved", "moved_ambiguous"),
        "from_points",
        "to_points",
        "note",
        "sources",
    ]
    autocomplete_fields = ["from_points", "to_points"]


@admin.register(VersionPair)
class VersionPairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "coverage", "scope", "link_count"]
    list_filter = ["coverage", "scope"]
    search_fields = ["from_version__label", "to_version__label", "note"]
    list_select_related = ["from_version", "to_version"]
    autocomplete_fields = [
        "from_version",
        "to_version",
        "unknown_from_points",
        "unknown_to_points",
        "not_applicable_from_points",
    ]
    inlines = [LineageLinkInline]

    @admin.display(description="Links")
    def link_count(self, obj: VersionPair) -> int:
        return obj.links.count()


class LinkReviewInline(admin.TabularInline):
    model = LinkReview
    extra = 0
    fields = ["created_at", "user", "action", "reason", "before"]
    readonly_fields = fields
    can_delete = False


@admin.register(LineageLink)
class LineageLinkAdmin(admin.ModelAdmin):
    list_display = ["pk", "pair", "relation", "moved", "origin", "status", "confidence"]
    list_filter = ["relation", "origin", "status", "confidence", "moved", "pair"]
    search_fields = ["note", "from_points__text", "to_points__text"]
    list_select_related = ["pair__from_version", "pair__to_version"]
    autocomplete_fields = ["pair", "from_points", "to_points"]
    inlines = [LinkReviewInline]


@admin.register(LinkReview)
class LinkReviewAdmin(admin.ModelAdmin):
    """The history of editors' lineage work: read-only, it is the record."""

    list_display = ["created_at", "user", "action", "link", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["reason", "user__username"]
    list_select_related = ["user", "link__pair__from_version", "link__pair__to_version"]
    readonly_fields = ["link", "user", "action", "reason", "created_at", "before"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


# Annotations: staff see every note, reports and the tag vocabulary here; editors moderate on
# the site itself (hide with a reason, the report queue).


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ["reporter", "reason", "created_at", "resolved_at", "resolved_by"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["reporter", "resolved_by"]


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["pk", "author", "point", "created_at", "edited_at", "hidden", "deleted_at"]
    list_filter = ["hidden", "tags"]
    search_fields = ["body", "author__username"]
    raw_id_fields = ["point", "author", "parent", "hidden_by"]
    readonly_fields = ["revision", "created_at", "edited_at"]
    filter_horizontal = ["tags"]
    inlines = [ReportInline]
