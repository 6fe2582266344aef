"""Forms of the feedback pages: answering, and a programme's pulse settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.feedback.models import COMMENT_MAX_LENGTH, SCALE_MAX, SCALE_MIN, FeedbackSettings, Fit
from mentora.mentorships.forms import LimitedCharField

SCALE_CHOICES = [(n, str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]


def _scale(label: Any, hint: Any, required: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": _("Choose a number from 1 to 5.")},
    )


class AnswerForm(forms.Form):
    """What every answer has: an optional comment, the consent to be named, and whether the
    person is editing an answer they already sent (a new answer never silently replaces one)."""

    comment = LimitedCharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    share_name = forms.BooleanField(
        label=_("Share my name with the coordinator"),
        required=False,
        help_text=_(
            "Otherwise the coordinators read your answer without your name. The other members "
            "of your relationship never read it."
        ),
    )
    replace = forms.BooleanField(required=False, widget=forms.HiddenInput)

    # The radio questions, in order, and which of them are 1–5 scales (shown side by side).
    QUESTIONS: tuple[tuple[str, bool], ...] = ()

    def questions(self) -> list[tuple[forms.BoundField, bool]]:
        return [(self[name], scale) for name, scale in self.QUESTIONS]


class SessionFeedbackForm(AnswerForm):
    rating = _scale(
        _("How useful was this session?"),
        _("1 = not useful, 5 = very useful"),
        _("Choose how useful the session was."),
    )
    progress = _scale(
        _("How much did it move you toward your goals?"),
        _("1 = not at all, 5 = a lot"),
        _("Choose how far the session moved you toward your goals."),
    )
    QUESTIONS = (("rating", True), ("progress", True))


class PulseForm(AnswerForm):
    quality = _scale(
        _("How is your mentoring relationship going?"),
        _("1 = badly, 5 = very well"),
        _("Choose how the relationship is going."),
    )
    fit = forms.ChoiceField(
        label=_("Is the pairing a good fit for you?"),
        choices=Fit.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether the pairing is a good fit."),
            "invalid_choice": _("Choose one of the three answers."),
        },
    )
    QUESTIONS = (("quality", True), ("fit", False))


class FeedbackSettingsForm(forms.ModelForm):
    class Meta:
        model = FeedbackSettings
        fields = ["pulse_enabled", "pulse_first_after_days", "pulse_every_days"]
        help_texts = {
            "pulse_enabled": _(
                "Each member of a running relationship is asked how it is going, and whether "
                "the pairing is a good fit."
            ),
            "pulse_first_after_days": _("Between 7 and 365 days. Usually 30."),
            "pulse_every_days": _("Between 14 and 365 days. Usually 60."),
        }
