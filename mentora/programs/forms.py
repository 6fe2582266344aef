from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Organisation, User
from mentora.core.fields import IdMultipleChoiceField, PeoplePickerField
from mentora.learning.models import TrainingModule
from mentora.programs.models import METRIC_BOUNDS, Format, Kind, Objective, Programme
from mentora.programs.people import coordinator_candidates, sponsor_candidates


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeForm(forms.ModelForm):
    coordinators = PeoplePickerField(
        label=_("Coordinators"),
        queryset=User.objects.none(),
        source="programs.coordinators",
        email_field="email",
        required=False,
        help_text=_("Leave empty to coordinate it yourself."),
    )
    sponsors = PeoplePickerField(
        label=_("Sponsors"),
        queryset=User.objects.none(),
        source="programs.sponsors",
        email_field="email",
        required=False,
        help_text=_("Executives who back the programme; they see aggregated results only."),
    )
    required_modules = IdMultipleChoiceField(
        label=_("Required training"),
        queryset=TrainingModule.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published training modules participants complete before matching."),
    )
    partner_organisations = IdMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Inter-company programmes only."),
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "summary",
            "description",
            "kind",
            "format",
            "group_size",
            "is_formal",
            "starts_on",
            "ends_on",
            "cadence",
            "session_minutes",
            "enrolment_opens_on",
            "enrolment_closes_on",
            "enrolment_mode",
            "matching_mode",
            "default_mentor_capacity",
            "mentee_places",
            "required_modules",
            "coordinators",
            "sponsors",
            "partner_organisations",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "enrolment_opens_on": DateInput(),
            "enrolment_closes_on": DateInput(),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The pickers render the people chosen; their suggestions come from `programs/people.py`.
        for name, candidates in (
            ("coordinators", coordinator_candidates),
            ("sponsors", sponsor_candidates),
        ):
            cast(PeoplePickerField, self.fields[name]).offer(
                User.objects.filter(memberships__in=candidates(organisation)).order_by(
                    "last_name", "first_name"
                ),
                context=self.instance.pk,
            )
        cast(
            forms.ModelChoiceField, self.fields["required_modules"]
        ).queryset = TrainingModule.objects.filter(
            organisation=organisation, is_published=True
        ).order_by("language", "title")
        if self.instance.pk:
            self.initial.setdefault("required_modules", self.instance.required_modules.all())
        cast(
            forms.ModelChoiceField, self.fields["partner_organisations"]
        ).queryset = Organisation.objects.exclude(pk=organisation.pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        opens, closes = cleaned.get("enrolment_opens_on"), cleaned.get("enrolment_closes_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end date must come after the start date."))
        if opens and closes and closes < opens:
            self.add_error("enrolment_closes_on", _("Enrolment must close after it opens."))
        if closes and starts and closes > starts:
            self.add_error(
                "enrolment_closes_on",
                _("Enrolment must close before the programme starts."),
            )
        if cleaned.get("format") == Format.GROUP and not cleaned.get("group_size"):
            self.add_error("group_size", _("Give the number of mentees per group."))
        if cleaned.get("format") == Format.ONE_TO_ONE:
            cleaned["group_size"] = None
        if cleaned.get("kind") == Kind.GROUP and cleaned.get("format") != Format.GROUP:
            self.add_error("format", _("Group programmes use the group format."))
        if self.instance.pk and (
            "starts_on" in self.changed_data or "ends_on" in self.changed_data
        ):
            self._check_objectives(starts, ends)
        partners = cleaned.get("partner_organisations")
        if cleaned.get("kind") == Kind.INTER_COMPANY and not partners:
            self.add_error(
                "partner_organisations",
                _("Choose at least one partner organisation for an inter-company programme."),
            )
        if cleaned.get("kind") != Kind.INTER_COMPANY and partners:
            self.add_error(
                "partner_organisations",
                _("Only inter-company programmes have partner organisations."),
            )
        return cleaned

    def _check_objectives(self, starts: date | None, ends: date | None) -> None:
        """New dates must still hold every objective (each is due while the programme runs)."""
        for objective in self.instance.objectives.all():
            due = objective.target_date
            if Programme(starts_on=starts, ends_on=ends).objective_date_problem(due):
                self.add_error(
                    "starts_on" if starts and due < starts else "ends_on",
                    _(
                        "The objective “%(title)s” is due on %(date)s, outside these dates: "
                        "change its target date first."
                    )
                    % {"title": objective.title, "date": date_format(due, "DATE_FORMAT")},
                )


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title", "metric", "baseline", "target", "target_date"]
        widgets = {"target_date": DateInput()}
        help_texts = {
            "title": _("Specific and achievable, e.g. “Mentees rate the programme 4/5 or more”."),
            "baseline": _("Where you start from, if known."),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        target_date = cleaned.get("target_date")
        if target_date:
            problem = self.programme.objective_date_problem(target_date)
            if problem:
                self.add_error("target_date", problem)
        metric = cleaned.get("metric")
        if metric:
            low, high = METRIC_BOUNDS[metric]
            for name in ("baseline", "target"):
                value = cleaned.get(name)
                if value is None:
                    continue
                if value < low or (high is not None and value > high):
                    if high is None:
                        message = _("This KPI cannot be below %(low)s.") % {"low": low}
                    else:
                        message = _("This KPI lies between %(low)s and %(high)s.") % {
                            "low": low,
                            "high": high,
                        }
                    self.add_error(name, message)
        baseline, target = cleaned.get("baseline"), cleaned.get("target")
        if baseline is not None and target is not None and baseline == target:
            self.add_error("target", _("The target must differ from the baseline."))
        return cleaned


class StatusForm(forms.Form):
    status = forms.CharField()
