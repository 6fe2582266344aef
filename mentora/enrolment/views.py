"""Pages of enrolment: applying, one's own application, the form's questions, the review."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Department
from mentora.core.spreadsheets import csv_download, safe_cell
from mentora.enrolment import policy, services
from mentora.enrolment.errors import EnrolmentError
from mentora.enrolment.forms import ApplicationForm, DecisionForm, InvitePeopleForm, QuestionForm
from mentora.enrolment.models import Answer, Application, ApplicationStatus, QuestionKind
from mentora.enrolment.selectors import SORTS, attach_readiness, enrolment_counters, review_queryset
from mentora.profiles.models import Skill
from mentora.programs import policy as programme_policy
from mentora.programs.models import ParticipantRole, Programme


@member_required
def apply(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_apply(request.membership, pk)
    try:
        services.check_can_apply(
            programme=programme, membership=request.membership, today=timezone.localdate()
        )
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(programme.get_public_url())
    form = ApplicationForm(request.POST or None, programme=programme, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.submit_application(
                programme=programme,
                membership=request.membership,
                role=form.cleaned_data["role"],
                **form.application_fields(),
                answers=form.answers(),
                today=timezone.localdate(),
            )
        except services.EnrolmentError as error:
            messages.error(request, error.message)
            return redirect(programme.get_public_url())
        messages.success(request, _status_message(application.status))
        return redirect("enrolment:my_application", pk=programme.pk)
    return render(request, "enrolment/apply.html", {"programme": programme, "form": form})


def _status_message(status: str) -> str:
    messages_by_status: dict[str, str] = {
        ApplicationStatus.SUBMITTED: _(
            "Your application was sent. The coordinators will review it; you will get an e-mail."
        ),
        ApplicationStatus.APPROVED: _(
            "You are enrolled. We will let you know when you are matched."
        ),
        ApplicationStatus.WAITLISTED: _(
            "All places are taken, so you are on the waitlist. We will write when a place frees up."
        ),
    }
    return messages_by_status.get(status, "")


@member_required
def my_application(request: MemberRequest, pk: int) -> HttpResponse:
    programme = programme_policy.get_public_programme(request.membership, pk)
    application = policy.get_own_application(request.membership, programme)
    answers = []
    earlier = []
    if application is not None:
        skills = _skill_names(programme)
        for answer in _ordered_answers(application):
            answers.append(
                (answer.question, _display_answer(answer.question.kind, answer.value, skills))
            )
        # Withdrawn or declined applications stay in the history, also after applying again.
        earlier = list(
            programme.applications.filter(membership=request.membership)
            .exclude(pk=application.pk)
            .order_by("-submitted_at", "-pk")
        )
    return render(
        request,
        "enrolment/my_application.html",
        {
            "programme": programme,
            "application": application,
            "answers": answers,
            "events": application.events.all() if application else [],
            "earlier": earlier,
        },
    )


def _ordered_answers(application: Application) -> QuerySet[Answer]:
    """Answers in the order the form asks the questions."""
    return application.answers.select_related("question").order_by(
        "question__position", "question__pk"
    )


def _display_answer(kind: str, value: Any, skills: dict[int, str], separator: str = ", ") -> str:
    if kind == QuestionKind.SKILLS and isinstance(value, list):
        # A skill deleted from the taxonomy since is left out rather than shown as an id.
        return separator.join(skills[pk] for pk in value if pk in skills)
    if isinstance(value, list):
        return separator.join(str(v) for v in value)
    return str(value)


@member_required
@require_POST
def withdraw(request: MemberRequest, pk: int) -> HttpResponse:
    programme = programme_policy.get_public_programme(request.membership, pk)
    application = policy.get_own_application(request.membership, programme)
    if application is None:
        messages.error(request, EnrolmentError("not_active").message)
    else:
        try:
            services.withdraw_application(application=application, actor=request.user)
        except services.EnrolmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You withdrew your application. It stays in your history."))
    return redirect("enrolment:my_application", pk=programme.pk)


# Application form ---------------------------------------------------------------------------


@member_required
def question_list(request: MemberRequest, pk: int) -> HttpResponse:
    programme = programme_policy.get_programme_to_manage(request.membership, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_question(
            programme=programme, question=None, **form.cleaned_data, actor=request.user
        )
        messages.success(request, _("The question was added to the application form."))
        return redirect("enrolment:questions", pk=programme.pk)
    return render(
        request,
        "enrolment/question_list.html",
        {"programme": programme, "questions": programme.questions.all(), "form": form},
    )


@member_required
def question_edit(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    question = policy.get_question_to_manage(request.membership, pk, question_pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        services.save_question(
            programme=question.programme,
            question=question,
            **form.cleaned_data,
            actor=request.user,
        )
        messages.success(request, _("The question was saved."))
        return redirect("enrolment:questions", pk=pk)
    return render(
        request,
        "enrolment/question_form.html",
        {"programme": question.programme, "question": question, "form": form},
    )


@member_required
@require_POST
def question_delete(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    question = policy.get_question_to_manage(request.membership, pk, question_pk)
    services.delete_question(question=question, actor=request.user)
    messages.success(request, _("The question was removed."))
    return redirect("enrolment:questions", pk=pk)


@member_required
@require_POST
def question_move(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    question = policy.get_question_to_manage(request.membership, pk, question_pk)
    services.move_question(question=question, direction=-1 if request.POST.get("up") else 1)
    return redirect("enrolment:questions", pk=pk)


# Review -------------------------------------------------------------------------------------


class ReviewFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        required=False,
        choices=[("", gettext_lazy("All roles")), *ParticipantRole.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All but withdrawn")), *ApplicationStatus.choices],
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=gettext_lazy("All departments"),
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level"), required=False, coerce=int, empty_value=None
    )
    completeness = forms.ChoiceField(
        label=gettext_lazy("Profile"),
        required=False,
        choices=[
            ("", gettext_lazy("Any profile")),
            ("50", gettext_lazy("At least half complete")),
            ("80", gettext_lazy("At least 80 % complete")),
            ("100", gettext_lazy("Complete")),
        ],
    )
    training = forms.ChoiceField(
        label=gettext_lazy("Training"),
        required=False,
        choices=[
            ("", gettext_lazy("Any training")),
            ("done", gettext_lazy("Required training done")),
            ("not_done", gettext_lazy("Required training not done")),
        ],
    )
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["department"]
        ).queryset = Department.objects.filter(organisation=programme.organisation)
        scale = programme.organisation.seniority_scale
        cast(forms.ChoiceField, self.fields["level"]).choices = [("", _("All levels"))] + [
            (n, str(n)) for n in range(1, scale + 1)
        ]


def _valid_filters(filters: ReviewFilterForm) -> dict[str, Any]:
    """The filters that make sense: one bad value (an old link, a typo) drops only itself."""
    if not filters.is_bound:
        return {}
    filters.is_valid()
    return filters.cleaned_data


@member_required
def application_list(request: MemberRequest, pk: int) -> HttpResponse:
    programme = programme_policy.get_programme_to_manage(request.membership, pk)
    filters = ReviewFilterForm(request.GET or None, programme=programme)
    cleaned = _valid_filters(filters)
    applications = review_queryset(programme, cleaned)
    if request.method == "POST":
        return _decide(request, programme, applications)
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    page.object_list = attach_readiness(programme, list(page.object_list))
    context = {
        "programme": programme,
        "filters": filters,
        "page": page,
        "counters": enrolment_counters(programme),
        "decisions": DecisionForm(application_ids=[]),
        "current_sort": cleaned.get("sort") or "submitted",
        "query_string": request.GET.urlencode(),
    }
    template = (
        "enrolment/_application_rows.html" if request.htmx else "enrolment/application_list.html"
    )
    return render(request, template, context)


def _decide(request: MemberRequest, programme, applications) -> HttpResponse:
    form = DecisionForm(
        request.POST, application_ids=list(applications.values_list("pk", flat=True))
    )
    back = f"{request.path}?{request.GET.urlencode()}"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    counts = services.decide_applications(
        programme=programme,
        application_ids=form.cleaned_data["applications"],
        decision=form.cleaned_data["decision"],
        message=form.cleaned_data["message"],
        actor=request.user,
    )
    summary = ", ".join(
        f"{ApplicationStatus(status).label.lower()}: {n}" for status, n in counts.items() if n
    )
    messages.success(
        request, _("Decisions recorded (%(summary)s).") % {"summary": summary or _("no change")}
    )
    return redirect(back)


@member_required
def application_export(request: MemberRequest, pk: int) -> HttpResponse:
    programme = programme_policy.get_programme_to_manage(request.membership, pk)
    filters = ReviewFilterForm(request.GET or None, programme=programme)
    applications = review_queryset(programme, _valid_filters(filters))
    questions = list(programme.questions.all())
    answers: dict[tuple[int, int], object] = {
        (a.application_id, a.question_id): a.value
        for a in Answer.objects.filter(application__programme=programme)
    }
    skills = _skill_names(programme)
    response, writer = csv_download(f"applications-{programme.pk}.csv")
    writer.writerow(
        _csv_row(
            [
                _("Last name"),
                _("First name"),
                _("E-mail"),
                _("Role"),
                _("Status"),
                _("Department"),
                _("Job title"),
                _("Level"),
                _("Capacity"),
                _("Goals"),
                _("Submitted"),
                *[q.label for q in questions],
            ]
        )
    )
    for application in applications.iterator(chunk_size=1000):
        member = application.membership
        writer.writerow(
            _csv_row(
                [
                    member.user.last_name,
                    member.user.first_name,
                    member.user.email,
                    application.get_role_display(),
                    application.get_status_display(),
                    member.department.name if member.department else "",
                    member.job_title,
                    member.seniority_level or "",
                    application.capacity or "",
                    application.goals,
                    application.submitted_at.date().isoformat(),
                    *[
                        _csv_answer(q.kind, answers.get((application.pk, q.pk)), skills)
                        for q in questions
                    ],
                ]
            )
        )
    return response


def _skill_names(programme: Programme) -> dict[int, str]:
    """Each skill's name in the reader's language, by id."""
    skills = Skill.objects.filter(organisation=programme.organisation).only(
        "pk", "name", "name_translations"
    )
    return {skill.pk: skill.display_name for skill in skills}


def _csv_answer(kind: str, value: object, skills: dict[int, str]) -> str:
    return "" if value is None else _display_answer(kind, value, skills, separator="; ")


def _csv_row(cells: list[object]) -> list[object]:
    return [safe_cell(cell) for cell in cells]


@member_required
def application_detail(request: MemberRequest, pk: int, application_pk: int) -> HttpResponse:
    application = policy.get_application_to_review(request.membership, pk, application_pk)
    programme = application.programme
    skills = _skill_names(programme)
    answers = [
        (a.question, _display_answer(a.question.kind, a.value, skills))
        for a in _ordered_answers(application)
    ]
    return render(
        request,
        "enrolment/application_detail.html",
        {
            "programme": programme,
            "application": application,
            "answers": answers,
            "events": application.events.select_related("actor"),
            "preferred": application.preferred_people.select_related("user"),
            "avoided": application.avoided_people.select_related("user"),
            "decisions": DecisionForm(application_ids=[]),
        },
    )


@member_required
def enrolment_invitations(request: MemberRequest, pk: int) -> HttpResponse:
    programme = programme_policy.get_programme_to_manage(request.membership, pk)
    form = InvitePeopleForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        count = services.invite_to_programme(
            programme=programme, memberships=form.cleaned_data["people"], actor=request.user
        )
        messages.success(request, _("%(count)d people were invited to apply.") % {"count": count})
        return redirect("enrolment:enrolment_invitations", pk=programme.pk)
    invited = programme.enrolment_invitations.select_related("membership__user").order_by(
        "-created_at"
    )
    return render(
        request,
        "enrolment/enrolment_invitations.html",
        {"programme": programme, "form": form, "invited": invited},
    )
