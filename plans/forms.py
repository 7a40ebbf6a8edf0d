"""Forms of the plans app: the comparison's choices and filters, editors' link changes, annotations
and signing in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import slugify

from plans.comparison import GRANULARITIES, ROW_KINDS
from plans.models import Annotation, Granularity, PlanVersion, Relation, Tag

KIND_FILTERS = [("", "Every kind")] + [(k, k.replace("-", " ").capitalize()) for k in ROW_KINDS] + [
    ("moved", "Moved"),
    ("disagreement", "Curated ≠ automatic"),
]


def default_pair() -> tuple[str | None, str | None]:
    """The comparison shown when none is asked for: the configured pair, else the first two versions."""
    old, new = settings.REDLINE_DEFAULT_COMPARISON
    slugs = set(PlanVersion.objects.filter(slug__in=[old, new]).values_list("slug", flat=True))
    if {old, new} <= slugs:
        return old, new
    first_two = list(PlanVersion.objects.chronological().values_list("slug", flat=True)[:2])
    return (first_two + [None, None])[0], (first_two + [None, None])[1]


class CompareForm(forms.Form):
    """Which two versions to compare and how; `versions` are every version, loaded once by the view."""

    old = forms.ChoiceField(label="Earlier text")
    new = forms.ChoiceField(label="Later text")
    granularity = forms.ChoiceField(choices=Granularity.choices, required=False, initial="points")
    changes = forms.BooleanField(required=False, label="Only changes")
    kind = forms.ChoiceField(choices=KIND_FILTERS, required=False)
    section = forms.CharField(required=False, max_length=80)

    def __init__(self, data, versions: list[PlanVersion]) -> None:  # noqa: ANN001
        super().__init__(data)
        self.versions = {v.slug: v for v in versions}
        choices = [(v.slug, v.label) for v in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean_old(self) -> PlanVersion:
        return self.versions[self.cleaned_data["old"]]

    def clean_new(self) -> PlanVersion:
        return self.versions[self.cleaned_data["new"]]

    def clean_granularity(self) -> str:
        return self.cleaned_data.get("granularity") or GRANULARITIES[0]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("old") and data.get("new") and data["old"] == data["new"]:
            raise forms.ValidationError("Pick two different versions to compare.")
        return data


class LinkActionForm(forms.Form):
    """Identifies a row of a comparison: both versions, the granularity and the row's points."""

    old = forms.SlugField()
    new = forms.SlugField()
    granularity = forms.ChoiceField(choices=Granularity.choices)
    left = forms.CharField(required=False, max_length=2000)
    right = forms.CharField(required=False, max_length=2000)
    kind = forms.ChoiceField(choices=Relation.choices, required=False)
    score = forms.FloatField(required=False, min_value=0, max_value=1)
    link = forms.IntegerField(required=False, help_text="A person's link being rejected or redrawn.")
    reason = forms.CharField(required=False, max_length=2000, widget=forms.TextInput)

    @staticmethod
    def keys(value: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k.strip() for k in value.replace(",", " ").split() if k.strip()))

    def clean(self) -> dict:
        data = super().clean()
        data["left_keys"] = self.keys(data.get("left") or "")
        data["right_keys"] = self.keys(data.get("right") or "")
        if not data["left_keys"] and not data["right_keys"]:
            raise forms.ValidationError("Name at least one point on either side.")
        return data


class RedrawForm(LinkActionForm):
    relation = forms.ChoiceField(choices=Relation.choices)
    reason = forms.CharField(max_length=2000, widget=forms.TextInput, help_text="Why the link is drawn this way.")

    def clean(self) -> dict:
        data = super().clean()
        relation = data.get("relation")
        left, right = data.get("left_keys", ()), data.get("right_keys", ())
        expected = None
        if left and not right:
            expected = "dropped"
        elif right and not left:
            expected = "added"
        elif len(left) == 1 and len(right) > 1:
            expected = "split"
        elif len(left) > 1 and len(right) == 1:
            expected = "merged"
        if relation and expected and relation != expected:
            self.add_error("relation", f"Points on these sides make a '{expected}' link, not '{relation}'.")
        if relation in ("dropped", "added", "split", "merged") and expected is None and (left or right):
            self.add_error("relation", f"One point on each side is 'unchanged' or 'reworded', not '{relation}'.")
        return data


# Annotations and accounts ------------------------------------------------------------------------

NOTE_MAX_LENGTH = 5000


class AnnotationForm(forms.ModelForm):
    """A new note on a point, or a reply (replies carry no tags)."""

    class Meta:
        model = Annotation
        fields = ["body", "tags"]
        widgets = {"tags": forms.CheckboxSelectMultiple}
        labels = {"body": "Note", "tags": "Tags"}
        help_texts = {"body": "Markdown: **bold**, _italic_, [links](https://…), lists, > quotes."}

    def __init__(self, *args, reply: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True
        self.fields["body"].widget.attrs.update(rows=4, maxlength=NOTE_MAX_LENGTH)
        if reply:
            del self.fields["tags"]
            self.fields["body"].label = "Reply"

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Write something before saving.")
        if len(body) > NOTE_MAX_LENGTH:
            raise forms.ValidationError(f"Keep a note under {NOTE_MAX_LENGTH} characters.")
        return body


class AnnotationEditForm(AnnotationForm):
    """An edit names the revision it started from, so a concurrent edit is noticed, not lost."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(AnnotationForm.Meta):
        fields = ["body", "tags"]


class HideForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Why hide it", widget=forms.TextInput)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Give a reason: the author and readers see it.")
        return reason


class ReportForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False, label="What is wrong with it",
                             widget=forms.TextInput)


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "description"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not slugify(name):
            raise forms.ValidationError("A tag needs letters or digits.")
        if Tag.objects.filter(slug=slugify(name)).exists():
            raise forms.ValidationError("This tag exists already.")
        return name


class ThrottledAuthenticationForm(AuthenticationForm):
    """Sign-in that refuses a username from an address after repeated failures (see
    REDLINE_SIGN_IN_FAILURE_LIMIT); the view records each failure."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": "Too many failed sign-ins for this account from your address. "
        "Try again in %(minutes)d minutes, or reset your password.",
    }

    def __init__(self, request=None, *args, throttled: bool = False, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(request, *args, **kwargs)
        self.throttled = throttled

    def clean(self) -> dict:
        if self.throttled:
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.REDLINE_SIGN_IN_WINDOW_MINUTES},
            )
        return super().clean()
