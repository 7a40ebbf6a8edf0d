"""Filters for the article list, read from the query string."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from articles.models import Article
from plans.models import PlanVersion, Point

LANGUAGE_NAMES = {
    "en": "English",
    "uk": "Ukrainian",
    "ru": "Russian",
    "de": "German",
    "ro": "Romanian",
    "fr": "French",
    "pl": "Polish",
}


class ArticleFilterForm(forms.Form):
    outlet = forms.ChoiceField(required=False)
    language = forms.ChoiceField(required=False)
    version = forms.ModelChoiceField(
        queryset=PlanVersion.objects.order_by("date", "pk"),
        required=False,
        to_field_name="slug",
        empty_label="Any version",
    )
    point = forms.CharField(
        required=False, max_length=20, help_text="A point number of the chosen version, e.g. 12 or 21d."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        outlets = Article.objects.order_by("outlet").values_list("outlet", flat=True).distinct()
        self.fields["outlet"].choices = [("", "Any outlet")] + [(o, o) for o in outlets]
        languages = Article.objects.order_by("language").values_list("language", flat=True).distinct()
        self.fields["language"].choices = [("", "Any language")] + [
            (code, LANGUAGE_NAMES.get(code, code)) for code in languages
        ]

    def clean(self) -> dict:
        data = super().clean()
        number = (data.get("point") or "").strip()
        data["point_obj"] = None
        if number:
            version = data.get("version")
            if version is None:
                self.add_error("point", "Choose a version to filter by one of its points.")
            else:
                point = Point.objects.filter(version=version, number=number).first()
                if point is None:
                    self.add_error("point", f"{version.label} has no point {number}.")
                data["point_obj"] = point
        return data

    def filter(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        """Apply the valid filters; call after is_valid()."""
        data = self.cleaned_data
        if data.get("outlet"):
            articles = articles.filter(outlet=data["outlet"])
        if data.get("language"):
            articles = articles.filter(language=data["language"])
        if data.get("point_obj") is not None:
            articles = articles.filter(mentions__points=data["point_obj"]).exclude(mentions__status="rejected")
        elif data.get("version") is not None:
            articles = articles.filter(mentions__version=data["version"]).exclude(mentions__status="rejected")
        return articles.distinct()
