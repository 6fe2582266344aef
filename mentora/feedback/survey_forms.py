"""Forms of the coordinators' survey pages: copying a template, a draft's settings and its
questions. (Answering is read straight from the request: its questions are data.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import Opening, QuestionKind, Survey, SurveyKind, SurveyQuestion
from mentora.feedback.survey_languages import other_language
from mentora.feedback.survey_schedule import opening_dates
from mentora.feedback.survey_templates import TEMPLATES
from mentora.profiles.selectors import language_in_sentence
from mentora.programs.models import Programme

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _template_choices() -> list[tuple[str, Any]]:
    return [(key, SurveyKind(t.kind).label) for key, t in TEMPLATES.items()]


def _check_dates(form: forms.BaseForm, data: dict[str, Any]) -> dict[str, Any]:
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens and closes and closes < opens:
        form.add_error("closes_on", _("The survey must close on or after its opening day."))
    return data


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OpeningFieldsMixin(forms.Form):
    """How a draft opens: on its dates, or on a date the programme's calendar gives (see
    `survey_schedule.opening_dates`); the derived dates are stored in `cleaned_data`."""

    opening = forms.ChoiceField(
        label=_("Opens"), choices=Opening.choices, widget=forms.RadioSelect, required=False
    )
    opens_on = forms.DateField(
        label=_("Opens on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("When each relationship closes: the first day (today when left empty)."),
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "When each relationship closes: the last day (when left empty, the programme's end "
            "plus the days to answer)."
        ),
    )
    days_before_end = forms.IntegerField(
        label=_("Days before the programme ends"), required=False, min_value=1, max_value=365
    )
    answer_days = forms.IntegerField(
        label=_("Days to answer"),
        required=False,
        min_value=1,
        max_value=90,
        initial=14,
        help_text=_("Except on a date: how long people have to answer once invited."),
    )

    # The fields each rule needs (by rule value): the others hide while it is chosen.
    SHOWN_FOR = {
        "opens_on": f"{Opening.FIXED} {Opening.AT_CLOSURE}",
        "closes_on": f"{Opening.FIXED} {Opening.AT_CLOSURE}",
        "days_before_end": Opening.BEFORE_END,
        "answer_days": f"{Opening.MID_POINT} {Opening.BEFORE_END} {Opening.AT_CLOSURE}",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # mentora.js shows a part marked data-for-role while the checked data-role-choice
        # input has one of its values, and disables it otherwise (every field is optional).
        self.fields["opening"].widget.attrs["data-role-choice"] = ""
        for name, rules in self.SHOWN_FOR.items():
            self.fields[name].shown_for = str(rules)  # type: ignore[attr-defined]

    def opening_programme(self) -> Programme:
        raise NotImplementedError

    def check_opening(self, data: dict[str, Any]) -> dict[str, Any]:
        """The rule's dates, or the errors saying what it lacks."""
        opening = data.get("opening") or Opening.FIXED
        data["opening"] = opening
        data["answer_days"] = data.get("answer_days") or 14
        if opening != Opening.BEFORE_END:
            data["days_before_end"] = None
        elif data.get("days_before_end") is None and "days_before_end" not in self.errors:
            self.add_error(
                "days_before_end", _("Say how many days before the programme ends it opens.")
            )
        if opening == Opening.FIXED:
            for name in ("opens_on", "closes_on"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, forms.Field.default_error_messages["required"])
        if self.errors:
            return data
        try:
            data["opens_on"], data["closes_on"] = opening_dates(
                programme=self.opening_programme(),
                opening=opening,
                opens_on=data.get("opens_on"),
                closes_on=data.get("closes_on"),
                days_before_end=data.get("days_before_end"),
                answer_days=data["answer_days"],
                today=timezone.localdate(),
            )
        except FeedbackError as error:
            self.add_error("closes_on" if error.code == "no_end_date" else "opening", error.message)
            return data
        return _check_dates(self, data)


class CopyTemplateForm(OpeningFieldsMixin):
    key = forms.ChoiceField(label=_("Template"), choices=_template_choices)
    with_scale = forms.BooleanField(
        label=_("Add the mentoring-functions scale (nine statements)"),
        required=False,
        help_text=_("End-of-programme template only."),
    )

    field_order = ["key", "with_scale"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    def opening_programme(self) -> Programme:
        return self.programme

    def clean(self) -> dict[str, Any]:
        return self.check_opening(super().clean() or {})


class TitleTranslationMixin(forms.BaseForm):
    """The draft's title in its other language (`title_translation`, optional), labelled with
    that language and placed under the title."""

    instance: Survey

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        other = other_language(self.instance.language)
        if other is None:
            del self.fields["title_translation"]
            return
        field = self.fields["title_translation"]
        names = {
            "language": language_in_sentence(other),
            "survey_language": language_in_sentence(self.instance.language),
        }
        field.label = _("Title (%(language)s)") % names
        field.help_text = (
            _(
                "Optional. Without it, participants who read %(language)s see the title in "
                "%(survey_language)s."
            )
            % names
        )
        field.initial = self.instance.title_translations.get(other, "")
        order = [n for n in self.fields if n != "title_translation"]
        at = order.index("title") + 1 if "title" in order else len(order)
        self.order_fields([*order[:at], "title_translation", *order[at:]])


class SurveyForm(TitleTranslationMixin, OpeningFieldsMixin, forms.ModelForm):
    title_translation = forms.CharField(max_length=200, required=False)

    class Meta:
        model = Survey
        fields = [
            "title",
            "audience",
            "opening",
            "opens_on",
            "closes_on",
            "days_before_end",
            "answer_days",
        ]

    def opening_programme(self) -> Programme:
        return self.instance.programme

    def clean(self) -> dict[str, Any]:
        return self.check_opening(super().clean() or {})


def _lines(text: str) -> list[str]:
    """The options typed one per line, blank lines and repeats left out."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class QuestionForm(forms.ModelForm):
    """A draft's question in the survey's language and, optionally, in its other language
    (`translated_*`): participants reading that language see the translation, else the
    survey's text."""

    choice_lines = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single and multiple choice: one option per line."),
    )
    translated_text = forms.CharField(max_length=500, required=False)
    translated_choice_lines = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    field_order = [
        "kind",
        "text",
        "choice_lines",
        "translated_text",
        "translated_choice_lines",
        "required",
    ]

    class Meta:
        model = SurveyQuestion
        fields = ["kind", "text", "required"]

    def __init__(self, *args: Any, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language or get_language()
        self.other = other_language(self.language)
        names = {"language": language_in_sentence(self.language)}
        self.fields["text"].label = _("Question (%(language)s)") % names
        self.fields["choice_lines"].label = _("Options (%(language)s)") % names
        if self.instance.pk:
            self.fields["choice_lines"].initial = "\n".join(self.instance.choices)
        if self.other is None:
            del self.fields["translated_text"], self.fields["translated_choice_lines"]
            return
        names = {
            "language": language_in_sentence(self.other),
            "survey_language": language_in_sentence(self.language),
        }
        text, lines = self.fields["translated_text"], self.fields["translated_choice_lines"]
        text.label = _("Question (%(language)s)") % names
        text.help_text = (
            _(
                "Optional. Without it, participants who read %(language)s see the question "
                "in %(survey_language)s."
            )
            % names
        )
        lines.label = _("Options (%(language)s)") % names
        lines.help_text = (
            _("One per line, in the same order and as many as in %(survey_language)s.") % names
        )
        translation = self.instance.translations.get(self.other) or {}
        text.initial = translation.get("text", "")
        lines.initial = "\n".join(translation.get("choices", []))

    def clean_choice_lines(self) -> list[str]:
        return _lines(self.cleaned_data["choice_lines"])

    def clean_translated_choice_lines(self) -> list[str]:
        return _lines(self.cleaned_data["translated_choice_lines"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") not in CHOICE_KINDS:
            return data
        choices = data.get("choice_lines") or []
        translated = data.get("translated_choice_lines") or []
        if len(choices) < 2:
            self.add_error("choice_lines", _("Give at least two options, one per line."))
        elif translated and len(translated) != len(choices) and self.other is not None:
            # Answers store the survey's option and map a translated one by its position.
            message = ngettext(
                "Give %(count)d option in %(language)s, one per line: as many as in "
                "%(survey_language)s.",
                "Give %(count)d options in %(language)s, one per line: as many as in "
                "%(survey_language)s.",
                len(choices),
            )
            self.add_error(
                "translated_choice_lines",
                message
                % {
                    "count": len(choices),
                    "language": language_in_sentence(self.other),
                    "survey_language": language_in_sentence(self.language),
                },
            )
        return data

    def translations(self) -> dict[str, Any]:
        """`SurveyQuestion.translations` as typed: the other language's text and options."""
        if self.other is None:
            return dict(self.instance.translations)
        entry = {
            "text": self.cleaned_data.get("translated_text", "").strip(),
            "choices": self.cleaned_data.get("translated_choice_lines") or [],
        }
        kept = {k: v for k, v in self.instance.translations.items() if k != self.other}
        return {**kept, self.other: entry}
