"""Forms for the library filters, appraisals and usefulness ratings."""

from __future__ import annotations

from collections.abc import Iterator

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .credibility import CRITERIA, Band, CriterionGuide, Judgement, Score
from .models import RATING_SCALE, Audience, KnowledgeSource, PCFDomain, ResourceFormat, Topic


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    CREDIBLE = "credible"
    USEFUL = "useful"

    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest first")),
        (CREDIBLE, _("Most credible first")),
        (USEFUL, _("Most useful first")),
    ]


def _not_recognised(what: str) -> dict[str, str]:
    return {
        "invalid_choice": format_lazy(
            _("We do not recognise the {} “%(value)s”. Choose from the list instead."), what
        )
    }


class LibraryFilterForm(forms.Form):
    """Every filter is a plain GET parameter, so a filtered list can be bookmarked and shared."""

    q = forms.CharField(label=_("Search the library"), max_length=200, required=False)
    source = forms.MultipleChoiceField(
        label=_("Knowledge source"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_not_recognised(_("knowledge source")),
    )
    format = forms.MultipleChoiceField(
        label=_("Format"),
        choices=ResourceFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_not_recognised(_("format")),
    )
    topic = forms.MultipleChoiceField(
        label=_("Topic"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_not_recognised(_("topic")),
    )
    pcf = forms.MultipleChoiceField(
        label=_("PCF domain"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_not_recognised(_("PCF domain")),
    )
    audience = forms.MultipleChoiceField(
        label=_("Audience"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_not_recognised(_("audience")),
    )
    band = forms.MultipleChoiceField(
        label=_("Credibility"),
        choices=Band.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_not_recognised(_("credibility band")),
    )
    year_from = forms.IntegerField(
        label=_("Published from (year)"),
        required=False,
        min_value=1800,
        max_value=2100,
        error_messages={
            "invalid": _("Enter the earliest year as a number, for example 2015."),
            "min_value": _("The earliest year must be 1800 or later."),
            "max_value": _("The earliest year must be 2100 or earlier."),
        },
    )
    year_to = forms.IntegerField(
        label=_("Published up to (year)"),
        required=False,
        min_value=1800,
        max_value=2100,
        error_messages={
            "invalid": _("Enter the latest year as a number, for example 2024."),
            "min_value": _("The latest year must be 1800 or later."),
            "max_value": _("The latest year must be 2100 or earlier."),
        },
    )
    open = forms.BooleanField(label=_("Open access only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=Sort.CHOICES,
        required=False,
        error_messages=_not_recognised(_("sort order")),
    )

    TERM_FIELDS = {
        "source": KnowledgeSource,
        "topic": Topic,
        "pcf": PCFDomain,
        "audience": Audience,
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, model in self.TERM_FIELDS.items():
            self.fields[name].choices = list(model.objects.values_list("slug", "name"))
        for name in ("year_from", "year_to"):
            self.fields[name].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            self.add_error(
                "year_to", _("The latest year must be the same as or after the earliest.")
            )
        return cleaned

    def filters(self) -> dict:
        """The values that passed validation; an unrecognised value drops only its own filter."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data


class AppraisalForm(forms.Form):
    """A TAPUPAS appraisal: a score and a reason for each criterion."""

    def __init__(self, *args, for_educator: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.for_educator = for_educator
        for guide in CRITERIA:
            # The criterion's name is the heading above each group; the legend asks the question.
            self.fields[f"{guide.key}_score"] = forms.ChoiceField(
                label=guide.question,
                help_text=guide.prompts,
                choices=Score.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score for %s") % guide.label.lower()},
            )
            self.fields[f"{guide.key}_reason"] = forms.CharField(
                label=_("Why this score for %s?") % guide.label.lower(),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": _("Give a reason for your %s score") % guide.label.lower()
                },
            )
        if for_educator:
            self.fields["comment"] = forms.CharField(
                label=_("Overall comment"),
                help_text=_("Optional: anything a reader should know about this source."),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        else:
            self.fields["reflection"] = forms.CharField(
                label=_("What did you notice?"),
                help_text=_("Optional: what you learnt about judging sources from this one."),
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    @classmethod
    def initial_from(cls, appraisal) -> dict:
        if appraisal is None:
            return {}
        initial = {}
        for key, judgement in appraisal.judgements().items():
            initial[f"{key}_score"] = judgement.score
            initial[f"{key}_reason"] = judgement.reason
        initial["comment"] = getattr(appraisal, "comment", "")
        initial["reflection"] = getattr(appraisal, "reflection", "")
        return initial

    def criteria(self) -> Iterator[tuple[CriterionGuide, forms.BoundField, forms.BoundField]]:
        for guide in CRITERIA:
            yield guide, self[f"{guide.key}_score"], self[f"{guide.key}_reason"]

    def clean(self) -> dict:
        cleaned = super().clean()
        scores = [cleaned.get(f"{guide.key}_score") for guide in CRITERIA]
        if all(score == Score.NOT_APPLICABLE for score in scores):
            raise forms.ValidationError(
                _("At least one criterion must apply. Score the ones that do.")
            )
        return cleaned

    def judgements(self) -> dict[str, Judgement]:
        return {
            guide.key: Judgement(
                score=self.cleaned_data[f"{guide.key}_score"],
                reason=self.cleaned_data[f"{guide.key}_reason"].strip(),
            )
            for guide in CRITERIA
        }


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How useful is this resource to you?"),
        choices=[(value, f"{value} – {label}") for value, label in RATING_SCALE.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how useful it is, from 1 to 5")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("Optional: how you used it, or who might find it useful. Members can see it."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
