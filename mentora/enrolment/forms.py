from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.core.fields import IdMultipleChoiceField, PeoplePickerField
from mentora.enrolment.models import (
    CHOICE_KINDS,
    Application,
    ApplicationStatus,
    Question,
    QuestionKind,
)
from mentora.enrolment.people import invitable_people
from mentora.profiles.models import Skill
from mentora.profiles.people import colleagues
from mentora.programs.models import Kind, ParticipantRole, Programme

ROLE_LABELS: dict[str, dict[str, Any]] = {
    Kind.REVERSE: {
        ParticipantRole.MENTOR: _(
            "Mentor: I share my skills (often digital) with a more senior colleague"
        ),
        ParticipantRole.MENTEE: _(
            "Mentee: I am a senior colleague who wants to learn from a junior one"
        ),
    },
}


def question_field(question: Question, membership: Membership) -> forms.Field:
    """The form field that asks one coordinator-defined question."""
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": False,
    }
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == QuestionKind.SCALE:
        return forms.TypedChoiceField(
            choices=[(n, str(n)) for n in range(1, 6)],
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **common,
        )
    return IdMultipleChoiceField(
        # Labelled, and so ordered, in the reader's language (Skill.__str__).
        queryset=Skill.objects.usable_by(membership).in_reading_order(by_category=False),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        **common,
    )


class ApplicationForm(forms.ModelForm):
    # `data-role-choice` lets mentora.js show only the parts meant for the chosen role.
    role = forms.ChoiceField(
        label=_("I apply as"), widget=forms.RadioSelect(attrs={"data-role-choice": True})
    )
    preferred_people = PeoplePickerField(
        label=_("People you would like to be paired with"),
        queryset=Membership.objects.none(),
        source="colleagues",
        required=False,
        help_text=_("Optional."),
    )
    avoided_people = PeoplePickerField(
        label=_("People you would rather not be paired with"),
        queryset=Membership.objects.none(),
        source="colleagues",
        required=False,
        help_text=_("Optional and confidential: only the programme's coordinators see it."),
    )

    class Meta:
        model = Application
        fields = [
            "role",
            "goals",
            "capacity",
            "department_preference",
            "meeting_mode",
            "language",
            "preferred_people",
            "avoided_people",
        ]
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "goals": _("What would you like to achieve? Concrete goals make better matches."),
            "capacity": _("Mentors only."),
        }

    def __init__(
        self, *args: Any, programme: Programme, membership: Membership, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        labels: dict[str, Any] = ROLE_LABELS.get(programme.kind) or {}
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role, labels.get(role, ParticipantRole(role).label)) for role in programme.roles
        ]
        if len(programme.roles) == 1:
            self.fields["role"].initial = programme.roles[0]
        # Only the people already chosen are rendered; the picker searches for the others.
        people = (
            colleagues(membership)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        )
        cast(PeoplePickerField, self.fields["preferred_people"]).offer(people)
        cast(PeoplePickerField, self.fields["avoided_people"]).offer(people)
        if ParticipantRole.MENTOR in programme.roles:
            self.fields["capacity"].initial = programme.default_mentor_capacity
        else:
            del self.fields["capacity"]
        language = cast(forms.ChoiceField, self.fields["language"])
        language.choices = [("", _("No preference")), *cast(list, language.choices)[1:]]
        self.questions = list(programme.questions.all())
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = question_field(question, membership)
        if self.is_bound:
            self._leave_out_other_roles(str(self.data.get(self.add_prefix("role"), "")))

    def _leave_out_other_roles(self, role: str) -> None:
        """What the chosen role is not asked is neither validated nor kept, whatever was sent:
        the questions for the other role, and a capacity unless one applies as a mentor."""
        for question in self.questions:
            if not question.applies_to(role):
                self.fields[f"q_{question.pk}"].disabled = True
        if "capacity" in self.fields and role != ParticipantRole.MENTOR:
            self.fields["capacity"].disabled = True

    def question_fields(self) -> list[tuple[Question, forms.BoundField]]:
        """Each coordinator question with its field, in the form's order."""
        return [(question, self[f"q_{question.pk}"]) for question in self.questions]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role == ParticipantRole.MENTOR and not cleaned.get("capacity"):
            self.add_error("capacity", _("Say how many mentees you can take."))
        if role != ParticipantRole.MENTOR or "capacity" not in self.fields:
            cleaned["capacity"] = None
        both = set(cleaned.get("preferred_people") or []) & set(cleaned.get("avoided_people") or [])
        if both:
            self.add_error("avoided_people", _("Someone cannot be both wished for and avoided."))
        for question in self.questions:
            name = f"q_{question.pk}"
            needed = question.required and role and question.applies_to(role)
            if needed and cleaned.get(name) in (None, "", [], ()):
                self.add_error(name, _("This question needs an answer."))
        return cleaned

    def answers(self) -> dict[Question, Any]:
        """Answers to the questions that apply to the chosen role, as JSON-ready values."""
        role = self.cleaned_data["role"]
        result: dict[Question, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if not question.applies_to(role) or value in (None, "", [], ()):
                continue
            if question.kind == QuestionKind.SKILLS:
                value = [skill.pk for skill in value]
            result[question] = value
        return result

    def application_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "role"}


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One choice per line (single and multiple choice only)."),
    )

    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "choices_text", "required", "audience"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.choices:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = [line.strip() for line in cleaned.get("choices_text", "").splitlines()]
        choices = list(dict.fromkeys(line for line in lines if line))
        if cleaned.get("kind") in CHOICE_KINDS:
            if len(choices) < 2:
                self.add_error("choices_text", _("Give at least two choices, one per line."))
            cleaned["choices"] = choices
        else:
            cleaned["choices"] = []
        cleaned.pop("choices_text", None)
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (ApplicationStatus.APPROVED, _("Approve")),
            (ApplicationStatus.DECLINED, _("Decline")),
            (ApplicationStatus.WAITLISTED, _("Put on the waitlist")),
        ]
    )
    applications = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    message = forms.CharField(
        label=_("Message to the applicants (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, application_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["applications"]).choices = [
            (pk, pk) for pk in application_ids
        ]
        self.fields["applications"].error_messages["required"] = _("Tick at least one application.")
        self.fields["applications"].error_messages["invalid_choice"] = _(
            "One of the ticked applications is no longer in this list. Reload the page."
        )


class InvitePeopleForm(forms.Form):
    people = PeoplePickerField(
        label=_("People to invite"),
        queryset=Membership.objects.none(),
        source="enrolment.invitees",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PeoplePickerField, self.fields["people"]).offer(
            invitable_people(programme)
            .select_related("user")
            .order_by("user__last_name", "user__first_name"),
            context=programme.pk,
        )
