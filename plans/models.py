"""Plans, their versions and points, and the lineage between versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse


class Plan(models.Model):
    """A negotiated document followed through its drafts (e.g. the US-brokered peace plan)."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    FULL_TEXT = "full-text", "Full text"
    PARTIAL = "partial", "Partial text"
    RECONSTRUCTED = "reconstructed", "Reconstructed from reporting"


class PlanVersionQuerySet(models.QuerySet["PlanVersion"]):
    def chronological(self) -> PlanVersionQuerySet:
        return self.order_by("date", "pk")

    def with_point_counts(self) -> PlanVersionQuerySet:
        return self.annotate(
            point_count=Count("points", filter=Q(points__parent__isnull=True), distinct=True),
            sub_point_count=Count("points", filter=Q(points__parent__isnull=False), distinct=True),
        )


class PlanVersion(models.Model):
    """One draft of a plan: its label, date, who drafted it and how much of its text is known."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    slug = models.SlugField(max_length=120, unique=True)
    label = models.CharField(max_length=300)
    date = models.DateField()
    origin = models.TextField(blank=True, help_text="Who drafted or presented it.")
    status = models.CharField(max_length=20, choices=VersionStatus.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The version this one was derived from.",
    )
    summary = models.TextField(blank=True)
    # [{url, outlet, date, title}]
    sources = models.JSONField(default=list, blank=True)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values), name="planversion_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="planversion_not_own_parent"
            ),
        ]
        indexes = [
            # Home timeline and "latest version at a date": versions of a plan by date.
            models.Index(fields=["plan", "date"], name="planversion_plan_date"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("plans:version", args=[self.slug])

    @property
    def is_complete(self) -> bool:
        return self.status == VersionStatus.FULL_TEXT


class Section(models.Model):
    """A heading that groups points within one version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="section_key_unique_in_version"),
            models.UniqueConstraint(
                fields=["version", "order"], name="section_order_unique_in_version"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Evidence(models.TextChoices):
    FULL_TEXT = "full-text", "Full text"
    REPORTED = "reported", "Reported"
    INFERRED = "inferred", "Inferred"


class PointQuerySet(models.QuerySet["Point"]):
    def top_level(self) -> PointQuerySet:
        return self.filter(parent__isnull=True)


class Point(models.Model):
    """A numbered provision of a version; a sub-point ("10a") names its parent point."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="points")
    number = models.CharField(max_length=20, help_text='As written: "7", "10a", "g1".')
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_points"
    )
    order = models.PositiveIntegerField(help_text="Position in the version's text.")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="points"
    )
    text = models.TextField()
    evidence = models.CharField(max_length=20, choices=Evidence.choices)
    # [{url}] — where the wording comes from
    sources = models.JSONField(default=list, blank=True)

    objects = PointQuerySet.as_manager()

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"], name="point_number_unique_in_version"
            ),
            models.UniqueConstraint(fields=["version", "order"], name="point_order_unique_in_version"),
            models.CheckConstraint(
                condition=Q(evidence__in=Evidence.values), name="point_evidence_valid"
            ),
            models.CheckConstraint(condition=~Q(number=""), name="point_number_not_empty"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="point_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.version.slug} · {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:point", args=[self.version.slug, self.number])


class Coverage(models.TextChoices):
    NEAR_COMPLETE = "near-complete", "Near-complete"
    PARTIAL = "partial", "Partial"


class PairScope(models.TextChoices):
    SUCCESSOR = "", "Successor version"
    COMPANION = "companion", "Companion document"
    SPLIT_OFF = "split-off", "Split-off document"


class VersionPair(models.Model):
    """What is known about how one version became another: coverage, scope and unknown fates."""

    from_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="pairs_as_source"
    )
    to_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="pairs_as_target"
    )
    coverage = models.CharField(max_length=20, choices=Coverage.choices)
    scope = models.CharField(max_length=20, choices=PairScope.choices, blank=True, default="")
    note = models.TextField(blank=True)
    # Points whose fate the sources do not establish: shown as unknown, never as dropped/added.
    unknown_from_points = models.ManyToManyField(Point, blank=True, related_name="+")
    unknown_to_points = models.ManyToManyField(Point, blank=True, related_name="+")
    # Points of the source that the target (a companion or split-off document) does not cover.
    not_applicable_from_points = models.ManyToManyField(Point, blank=True, related_name="+")

    class Meta:
        ordering = ["from_version__date", "to_version__date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_version", "to_version"], name="versionpair_unique"),
            models.CheckConstraint(
                condition=~Q(from_version=models.F("to_version")),
                name="versionpair_distinct_versions",
            ),
            models.CheckConstraint(
                condition=Q(coverage__in=Coverage.values), name="versionpair_coverage_valid"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=PairScope.values), name="versionpair_scope_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_version.slug} → {self.to_version.slug}"


class Relation(models.TextChoices):
    UNCHANGED = "unchanged", "Unchanged"
    REWORDED = "reworded", "Reworded"
    SPLIT = "split", "Split"
    MERGED = "merged", "Merged"
    DROPPED = "dropped", "Dropped"
    ADDED = "added", "Added"


class LinkOrigin(models.TextChoices):
    CURATED = "curated", "Curated"
    AUTOMATIC = "automatic", "Automatic"


class Confidence(models.TextChoices):
    HIGH = "high", "Well attested"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class LinkStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class LineageLinkQuerySet(models.QuerySet["LineageLink"]):
    def curated(self) -> LineageLinkQuerySet:
        return self.filter(origin=LinkOrigin.CURATED)

    def standing(self) -> LineageLinkQuerySet:
        """Links a person stands behind: curated ones and confirmed automatic ones."""
        return self.filter(status=LinkStatus.CONFIRMED)

    def touching(self, point: Point) -> LineageLinkQuerySet:
        return self.filter(Q(from_points=point) | Q(to_points=point)).distinct()


class LineageLink(models.Model):
    """A set of points of one version linked to a set of points of the next, with a relation."""

    pair = models.ForeignKey(VersionPair, on_delete=models.CASCADE, related_name="links")
    from_points = models.ManyToManyField(Point, blank=True, related_name="links_out")
    to_points = models.ManyToManyField(Point, blank=True, related_name="links_in")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    moved = models.BooleanField(default=False)
    moved_ambiguous = models.BooleanField(
        default=False, help_text="One of several equally short explanations of a reordering."
    )
    confidence = models.CharField(
        max_length=10, choices=Confidence.choices, default=Confidence.HIGH
    )
    score = models.FloatField(
        null=True, blank=True, help_text="Similarity score of an automatic link (0–1)."
    )
    origin = models.CharField(max_length=20, choices=LinkOrigin.choices)
    # Curated links and automatic links an editor confirmed stand; a rejected link is kept as a
    # tombstone so that recomputation never proposes it again.
    status = models.CharField(max_length=20, choices=LinkStatus.choices, default=LinkStatus.CONFIRMED)
    note = models.TextField(blank=True)
    # [{url}]
    sources = models.JSONField(default=list, blank=True)

    objects = LineageLinkQuerySet.as_manager()

    class Meta:
        ordering = ["pair", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values), name="lineagelink_relation_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=LinkOrigin.values), name="lineagelink_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=Confidence.values),
                name="lineagelink_confidence_valid",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="lineagelink_score_in_unit_range",
            ),
            models.CheckConstraint(
                condition=Q(moved_ambiguous=False) | Q(moved=True),
                name="lineagelink_ambiguous_only_if_moved",
            ),
            models.CheckConstraint(
                condition=Q(moved=False) | ~Q(relation__in=["dropped", "added"]),
                name="lineagelink_dropped_added_never_moved",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LinkStatus.values), name="lineagelink_status_valid"
            ),
        ]
        indexes = [
            # Compare page: all links of a pair by origin.
            models.Index(fields=["pair", "origin"], name="lineagelink_pair_origin"),
        ]

    def __str__(self) -> str:
        return f"{self.pair}: {self.relation}"


class ReviewAction(models.TextChoices):
    CONFIRM = "confirm", "Confirmed"
    REJECT = "reject", "Rejected"
    REDRAW = "redraw", "Redrew"


class LinkReview(models.Model):
    """Who confirmed, rejected or redrew a link, when and why (the history of editors' work)."""

    link = models.ForeignKey(LineageLink, on_delete=models.CASCADE, related_name="reviews")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="link_reviews"
    )
    action = models.CharField(max_length=20, choices=ReviewAction.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the link looked like before the action (a redraw replaces it): {left, right, relation}.
    before = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ReviewAction.values), name="linkreview_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.link_id} by {self.user}"


class Granularity(models.TextChoices):
    POINTS = "points", "Points (sub-points folded in)"
    SUB_POINTS = "sub-points", "Sub-points as units"


class ComparisonCache(models.Model):
    """A computed comparison of two versions, reused until anything it depends on changes.

    `fingerprint` hashes every input (both versions' points, the standing and rejected links,
    the open fates and the engine's revision): a changed point or link gives another
    fingerprint, and the next request recomputes and overwrites the row.
    """

    old_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    new_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    granularity = models.CharField(max_length=20, choices=Granularity.choices)
    fingerprint = models.CharField(max_length=64)
    data = models.JSONField()
    compute_ms = models.FloatField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # The compare page looks the row up by these three.
            models.UniqueConstraint(
                fields=["old_version", "new_version", "granularity"], name="comparisoncache_unique"
            ),
            models.CheckConstraint(
                condition=Q(granularity__in=Granularity.values), name="comparisoncache_granularity_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_version_id} → {self.new_version_id} ({self.granularity})"


# Annotations ----------------------------------------------------------------------------------
# People's notes on points: written by signed-in users, threaded one level deep, tagged from a
# vocabulary editors keep, moderated by editors (hide with a reason) and reported by anyone.
# Which points show a note through lineage is computed in plans.annotating, not stored.


class Tag(models.Model):
    """A word from the vocabulary editors keep for annotations (e.g. "territory", "sanctions")."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=60, unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:annotations-by-tag", args=[self.slug])


class AnnotationQuerySet(models.QuerySet["Annotation"]):
    def listed(self) -> AnnotationQuerySet:
        """Notes fit for lists and feeds: neither hidden by an editor nor deleted."""
        return self.filter(hidden=False, deleted_at__isnull=True)

    def threads(self) -> AnnotationQuerySet:
        return self.filter(parent__isnull=True)

    def for_display(self) -> AnnotationQuerySet:
        return self.select_related("author", "hidden_by", "point__version").prefetch_related("tags")


class Annotation(models.Model):
    """A person's markdown note on a point, or a reply to one (`parent`, one level deep).

    `revision` counts saved edits: an edit names the revision it started from and is saved only
    if that is still the stored one, so two people editing at once never overwrite each other.
    Deleting keeps the row with an empty body, so replies keep their thread.
    """

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annotations"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="annotations")
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("moderate_annotation", "Can hide annotations and handle reports")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden=False) | ~Q(hidden_reason=""), name="annotation_hidden_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(body="") | Q(deleted_at__isnull=False),
                name="annotation_body_unless_deleted",
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="annotation_revision_positive"),
            models.CheckConstraint(
                condition=Q(edited_at__isnull=True) | Q(edited_at__gte=models.F("created_at")),
                name="annotation_edited_after_created",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="annotation_not_own_parent"
            ),
        ]
        indexes = [
            # Point page: the threads on a point and on the points it inherits from, oldest first.
            models.Index(fields=["point", "created_at"], name="annotation_point_created"),
            # Recent annotations and the Atom feed: newest first.
            models.Index(fields=["-created_at"], name="annotation_created_desc"),
            # "Your notes": one author's notes, newest first.
            models.Index(fields=["author", "-created_at"], name="annotation_author_created"),
        ]

    def __str__(self) -> str:
        return f"Note {self.pk} by {self.author} on {self.point_id}"

    def get_absolute_url(self) -> str:
        return reverse("plans:annotation", args=[self.pk])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Report(models.Model):
    """Someone's report that a note is abusive; open until an editor hides the note or dismisses it."""

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annotation_reports"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["annotation", "reporter"], name="report_once_per_person"),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=models.F("created_at")),
                name="report_resolved_after_created",
            ),
        ]
        indexes = [
            # Editors' queue: open reports (resolved_at is null), oldest first.
            models.Index(fields=["resolved_at", "created_at"], name="report_open_created"),
        ]

    def __str__(self) -> str:
        return f"Report on note {self.annotation_id} by {self.reporter}"


class FailedSignIn(models.Model):
    """One failed sign-in; recent ones for a username and address slow down guessing."""

    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # Sign-in throttle: failures for this username from this address since a moment.
            models.Index(fields=["username", "ip", "created_at"], name="failedsignin_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.created_at:%Y-%m-%d %H:%M}"
