"""Forms of matching: rules and weights, manual assignment, swaps and requests."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.matching.models import PAIRING_MESSAGE_MAX_LENGTH
from mentora.matching.reasons import PART_LABELS
from mentora.mentorships.forms import LimitedCharField
from mentora.programs.models import Kind

DEPARTMENT_RULES = [
    ("any", _("No rule")),
    ("prefer_other", _("Prefer another department")),
    ("require_other", _("Require another department")),
    ("prefer_same", _("Prefer the same department")),
    ("require_same", _("Require the same department")),
]
OBJECTIVES = [
    ("matched_then_score", _("Match as many people as possible, then the best scores")),
    ("score", _("Best total score, even if fewer people are matched")),
    (
        "stable",
        _("Stable: no mentee and mentor would both rather be together (costs some score)"),
    ),
]
WEIGHT_FIELDS = tuple(PART_LABELS)


class MatchingSettingsForm(forms.Form):
    seniority_gap = forms.IntegerField(
        label=_("Seniority gap (levels)"),
        min_value=0,
        max_value=10,
        help_text=_(
            "Traditional and group: the mentor is at least this many levels above the mentee; "
            "reverse: below. Peers stay within one level."
        ),
    )
    department = forms.ChoiceField(label=_("Department rule"), choices=DEPARTMENT_RULES)
    language_required = forms.BooleanField(label=_("A shared language is required"), required=False)
    min_score = forms.FloatField(
        label=_("Minimum score per pair"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty to accept every pair that passes the rules."),
    )
    objective = forms.ChoiceField(label=_("Objective"), choices=OBJECTIVES)
    mentor_acceptance = forms.BooleanField(
        label=_("Mentors accept or decline each match after publication"), required=False
    )
    response_days = forms.IntegerField(
        label=_("Days mentors have to answer"), min_value=1, max_value=60
    )

    def __init__(self, *args, kind: str = Kind.TRADITIONAL, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name in WEIGHT_FIELDS:
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=PART_LABELS[name], min_value=0, max_value=20
            )
        if kind in (Kind.PEER, Kind.GROUP):
            # Stable matching is offered for one-to-one mentor and mentee programmes only.
            cast(forms.ChoiceField, self.fields["objective"]).choices = OBJECTIVES[:2]
        if kind == Kind.PEER:
            # Peers answer to no mentor: no acceptance step, no seniority gap.
            del self.fields["mentor_acceptance"], self.fields["response_days"]
            del self.fields["seniority_gap"]

    @staticmethod
    def initial_from(parameters: dict, mentor_acceptance: bool, response_days: int) -> dict:
        initial = {
            key: parameters.get(key)
            for key in (
                "seniority_gap",
                "department",
                "language_required",
                "min_score",
                "objective",
            )
        }
        for name in WEIGHT_FIELDS:
            initial[f"weight_{name}"] = parameters.get("weights", {}).get(name, 0)
        initial["mentor_acceptance"] = mentor_acceptance
        initial["response_days"] = response_days
        return initial

    def weight_fields(self):  # noqa: ANN201 - bound fields for the template
        return [self[f"weight_{name}"] for name in WEIGHT_FIELDS]

    def rule_fields(self):  # noqa: ANN201
        names = ("seniority_gap", "department", "language_required", "min_score", "objective")
        return [self[name] for name in names if name in self.fields]

    def parameters(self, base: dict) -> dict:
        data = self.cleaned_data
        out = dict(base)
        for key in ("seniority_gap", "department", "language_required", "min_score", "objective"):
            if key in data:
                out[key] = data[key]
        out["weights"] = {
            **base.get("weights", {}),
            **{name: data[f"weight_{name}"] for name in WEIGHT_FIELDS},
        }
        return out


class AssignForm(forms.Form):
    mentee = forms.TypedChoiceField(label=_("Mentee"), coerce=int)
    mentor = forms.TypedChoiceField(label=_("Mentor"), coerce=int)

    def __init__(self, *args, mentees=(), mentors=(), peer: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["mentee"]).choices = [("", "—"), *mentees]
        cast(forms.ChoiceField, self.fields["mentor"]).choices = [("", "—"), *mentors]
        if peer:
            self.fields["mentee"].label = _("First peer")
            self.fields["mentor"].label = _("Second peer")

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("mentee") and data.get("mentee") == data.get("mentor"):
            raise forms.ValidationError(_("Choose two different people."))
        return data


class RequestForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    message = forms.CharField(
        label=_("Message to the mentor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say in a few words what you hope to learn."),
    )


class PairingProposalForm(forms.Form):
    """A proposal to pair, sent from a card of the directory."""

    recipient = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    message = LimitedCharField(
        label=_("Message (optional)"),
        required=False,
        max_length=PAIRING_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Say in a few words why you would like to pair up."),
    )
