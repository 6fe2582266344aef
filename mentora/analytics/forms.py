"""Forms of the analytics pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

_OUT_OF_RANGE = _("Give a score between 1 and 100.")


class ThresholdForm(forms.Form):
    at_risk_below = forms.IntegerField(
        label=_("At-risk threshold"),
        min_value=1,
        max_value=100,
        help_text=_(
            "Between 1 and 100. A relationship whose health score is below it is listed here."
        ),
        error_messages={
            "required": _OUT_OF_RANGE,
            "invalid": _OUT_OF_RANGE,
            "min_value": _OUT_OF_RANGE,
            "max_value": _OUT_OF_RANGE,
        },
    )


class LessonsForm(forms.Form):
    lessons = forms.CharField(
        label=_("Lessons learned"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What worked, what you would change next time. Sponsors read this text in the "
            "report: do not name participants."
        ),
    )
