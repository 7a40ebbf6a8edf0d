"""Filters for the article list, read from the query string."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet

from articles.ingest import canonical_url
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
    q = forms.CharField(required=False, max_length=200, label="Search")
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
        for word in (data.get("q") or "").split()[:8]:
            articles = articles.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word) | Q(outlet__icontains=word)
            )
        if data.get("outlet"):
            articles = articles.filter(outlet=data["outlet"])
        if data.get("language"):
            articles = articles.filter(language=data["language"])
        if data.get("point_obj") is not None:
            articles = articles.filter(mentions__points=data["point_obj"]).exclude(mentions__status="rejected")
        elif data.get("version") is not None:
            articles = articles.filter(mentions__version=data["version"]).exclude(mentions__status="rejected")
        return articles.distinct()


class FetchArticleForm(forms.Form):
    url = forms.URLField(max_length=1000, assume_scheme="https", label="Article URL")
    language = forms.ChoiceField(
        required=False,
        choices=[("", "Detect")] + sorted(LANGUAGE_NAMES.items(), key=lambda item: item[1]),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            canonical = canonical_url(url)
        except ValueError:
            raise forms.ValidationError("Enter an http(s) address.") from None
        existing = Article.objects.filter(canonical_url=canonical).first()
        if existing is not None:
            raise forms.ValidationError(f"Already in the collection: “{existing.title}”.")
        return url


class PasteArticleForm(forms.Form):
    url = forms.URLField(max_length=1000, assume_scheme="https", label="Where it was published")
    title = forms.CharField(max_length=500)
    outlet = forms.CharField(max_length=200)
    published = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(choices=sorted(LANGUAGE_NAMES.items(), key=lambda item: item[1]), initial="en")
    text = forms.CharField(widget=forms.Textarea, max_length=200_000, help_text="The article's text, as copied.")

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text.split()) < 20:
            raise forms.ValidationError("Paste the article's text (at least 20 words).")
        return text
