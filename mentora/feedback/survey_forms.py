"""Forms of the coordinators' survey pages: copying a template, a draft's settings and its
questions. (Answering is read straight from the request: its questions are data.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.feedback.models import QuestionKind, Survey, SurveyKind, SurveyQuestion
from mentora.feedback.survey_templates import TEMPLATES


def _template_choices() -> list[tuple[str, Any]]:
    return [(key, SurveyKind(t.kind).label) for key, t in TEMPLATES.items()]


def _check_dates(form: forms.BaseForm, data: dict[str, Any]) -> dict[str, Any]:
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens and closes and closes < opens:
        form.add_error("closes_on", _("The survey must close on or after its opening day."))
    return data


class CopyTemplateForm(forms.Form):
    key = forms.ChoiceField(label=_("Template"), choices=_template_choices)
    with_scale = forms.BooleanField(
        label=_("Add the mentoring-functions scale (nine statements)"),
        required=False,
        help_text=_("End-of-programme template only."),
    )
    opens_on = forms.DateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self) -> dict[str, Any]:
        return _check_dates(self, super().clean() or {})


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "audience", "opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        return _check_dates(self, super().clean() or {})


class QuestionForm(forms.ModelForm):
    choice_lines = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single and multiple choice: one option per line."),
    )

    class Meta:
        model = SurveyQuestion
        fields = ["kind", "text", "required"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choice_lines"].initial = "\n".join(self.instance.choices)

    def clean_choice_lines(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["choice_lines"].splitlines()]
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
            and len(data.get("choice_lines") or []) < 2
        ):
            self.add_error("choice_lines", _("Give at least two options, one per line."))
        return data
