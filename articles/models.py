"""News articles and the points of plan versions they discuss."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from plans.models import PlanVersion, Point


class Article(models.Model):
    """A news report, stored with our own summary (or its text) and where it came from."""

    url = models.URLField(max_length=1000, unique=True)
    # The URL without tracking parameters, "www." and the like (articles.ingest.canonical_url).
    canonical_url = models.CharField(max_length=1000, unique=True)
    # Hash of the words of the body or summary (articles.ingest.text_fingerprint); "" if too short.
    text_hash = models.CharField(max_length=64, blank=True)
    outlet = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    published = models.DateField()
    language = models.CharField(max_length=10, help_text="ISO 639-1 code: en, uk, ru, de, ro…")
    summary = models.TextField(blank=True, help_text="A summary in our own words.")
    body = models.TextField(blank=True, help_text="The article's main text, where we hold it.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["-published", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(summary="") | ~Q(body=""), name="article_has_summary_or_body"
            ),
            models.CheckConstraint(condition=~Q(language=""), name="article_language_set"),
        ]
        indexes = [
            # Home page and article list: latest first.
            models.Index(fields=["-published"], name="article_published_desc"),
            # Article list filters.
            models.Index(fields=["outlet"], name="article_outlet"),
            models.Index(fields=["language"], name="article_language"),
            # Duplicate check on import: the same text under another URL.
            models.Index(fields=["text_hash"], name="article_text_hash"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])


class MentionOrigin(models.TextChoices):
    CURATED = "curated", "Curated"
    AUTOMATIC = "automatic", "Automatic"


class MentionStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    UNCONFIRMED = "unconfirmed", "Unconfirmed"
    REJECTED = "rejected", "Rejected"


class MentionQuerySet(models.QuerySet["Mention"]):
    def visible(self) -> MentionQuerySet:
        """What readers see: everything except what an editor rejected."""
        return self.exclude(status=MentionStatus.REJECTED)


class Mention(models.Model):
    """An article discussing some points of one version (no points: the version as a whole)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="mentions")
    points = models.ManyToManyField(Point, blank=True, related_name="mentions")
    claim = models.TextField(blank=True, help_text="What the article says about these points.")
    origin = models.CharField(max_length=20, choices=MentionOrigin.choices)
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=20, choices=MentionStatus.choices)
    # Automatic mentions: the sentence that supports it, why it was found, and which point
    # ("" for the version as a whole) — one automatic mention per article, version and point.
    evidence = models.TextField(blank=True)
    reason = models.CharField(max_length=20, blank=True)
    match_key = models.CharField(max_length=40, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(origin__in=MentionOrigin.values), name="mention_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MentionStatus.values), name="mention_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1),
                name="mention_confidence_in_unit_range",
            ),
            # A rejected automatic mention stays as a tombstone, so matching never adds it again.
            models.UniqueConstraint(
                fields=["article", "version", "match_key"],
                condition=Q(origin="automatic"),
                name="mention_automatic_unique_per_point",
            ),
        ]
        indexes = [
            # Version page and article filter by version.
            models.Index(fields=["version", "status"], name="mention_version_status"),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.version.slug}"


class FetchStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Fetching"
    DONE = "done", "Done"
    DUPLICATE = "duplicate", "Already in the collection"
    FAILED = "failed", "Failed"


class ArticleFetch(models.Model):
    """An editor's request to bring in an article by URL; the worker fetches and extracts it."""

    url = models.URLField(max_length=1000)
    status = models.CharField(max_length=20, choices=FetchStatus.choices, default=FetchStatus.QUEUED)
    message = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=10, blank=True, help_text="Overrides the detected language.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=FetchStatus.values), name="articlefetch_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.url} ({self.status})"

    @property
    def pending(self) -> bool:
        return self.status in (FetchStatus.QUEUED, FetchStatus.RUNNING)
