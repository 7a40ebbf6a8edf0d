"""News articles and the points of plan versions they discuss."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from plans.models import PlanVersion, Point


class Article(models.Model):
    """A news report, stored with our own summary (or its text) and where it came from."""

    url = models.URLField(max_length=1000, unique=True)
    outlet = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    published = models.DateField()
    language = models.CharField(max_length=10, help_text="ISO 639-1 code: en, uk, ru, de, ro…")
    summary = models.TextField(blank=True, help_text="A summary in our own words.")
    body = models.TextField(blank=True, help_text="The article's main text, where we hold it.")

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
    claim = models.TextField(help_text="What the article says about these points.")
    origin = models.CharField(max_length=20, choices=MentionOrigin.choices)
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=20, choices=MentionStatus.choices)

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
        ]
        indexes = [
            # Version page and article filter by version.
            models.Index(fields=["version", "status"], name="mention_version_status"),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.version.slug}"
