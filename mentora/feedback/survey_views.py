"""Pages of surveys: answering one, and the coordinators' list, draft editing and results."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.feedback import policy, survey_selectors, survey_services
from mentora.feedback.errors import FeedbackError, SurveyInvalid
from mentora.feedback.models import QuestionKind, Survey, SurveyQuestion
from mentora.feedback.survey_forms import CopyTemplateForm, QuestionForm, SurveyForm

MULTI = {QuestionKind.MULTIPLE, QuestionKind.SKILLS}


def _typed(request: HttpRequest, survey: Survey) -> dict[int, Any]:
    """What the person typed, question by question (kept when an answer is refused)."""
    typed: dict[int, Any] = {}
    for question in survey.questions.all():
        name = f"q{question.pk}"
        typed[question.pk] = (
            request.POST.getlist(name) if question.kind in MULTI else request.POST.get(name, "")
        )
    return typed


@member_required
def answer(request: MemberRequest, pk: int) -> HttpResponse:
    invitation = survey_selectors.own_survey_invitation(request.membership, pk)
    if invitation is None or invitation.survey is None:
        raise Http404
    survey = invitation.survey
    typed: dict[int, Any] = {}
    errors: dict[int, str] = {}
    refusal = None
    if request.method == "POST":
        typed = _typed(request, survey)
        try:
            survey_services.answer_survey(
                invitation=invitation, answers=typed, share_name="share_name" in request.POST
            )
        except SurveyInvalid as error:
            errors = error.errors
        except FeedbackError as error:
            refusal = error.message
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect("feedback:mine")
    questions = [
        {
            "question": q,
            "name": f"q{q.pk}",
            "value": typed.get(q.pk, [] if q.kind in MULTI else ""),
            "error": errors.get(q.pk),
        }
        for q in survey.questions.all()
    ]
    return render(
        request,
        "feedback/survey.html",
        {
            "invitation": invitation,
            "survey": survey,
            "questions": questions,
            "has_errors": bool(errors),
            "refusal": refusal,
            "answered": invitation.answer() is not None,
            "skills": survey_selectors.skills_for(survey),
            "scale5": range(1, 6),
            "scale10": range(0, 11),
            "share_name": "share_name" in request.POST,
        },
    )


# Coordinators ------------------------------------------------------------------------------


def _survey_to_manage(request: MemberRequest, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("programme"), pk=pk)
    # 404 from another organisation, 403 for sponsors and members.
    policy.get_programme_to_review(request.membership, survey.programme_id)
    return survey


@member_required
def programme_surveys(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_review(request.membership, pk)
    today = timezone.localdate()
    form = CopyTemplateForm(
        request.POST or None,
        initial={"opens_on": today, "closes_on": today + timedelta(days=14)},
    )
    if request.method == "POST" and form.is_valid():
        survey = survey_services.copy_template(
            programme=programme, actor=request.membership, **form.cleaned_data
        )
        messages.success(request, _("The survey is copied: edit it, then open it."))
        return redirect("feedback:survey_manage", survey.pk)
    return render(
        request,
        "feedback/surveys.html",
        {
            "programme": programme,
            "surveys": survey_selectors.programme_surveys(programme),
            "form": form,
        },
    )


@member_required
def survey_manage(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    form = SurveyForm(request.POST or None, instance=survey) if survey.is_draft else None
    if form is not None and request.method == "POST" and form.is_valid():
        survey_services.update_survey(survey=survey, **form.cleaned_data)
        messages.success(request, _("The survey is saved."))
        return redirect("feedback:survey_manage", survey.pk)
    return render(
        request,
        "feedback/survey_manage.html",
        {
            "programme": survey.programme,
            "survey": survey,
            "form": form,
            "question_form": QuestionForm(),
            "results": survey_selectors.survey_results(survey),
        },
    )


@member_required
def question_edit(request: MemberRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    question = (
        get_object_or_404(SurveyQuestion, pk=question_pk, survey=survey) if question_pk else None
    )
    if not survey.is_draft:
        messages.error(request, str(FeedbackError("not_draft")))
        return redirect("feedback:survey_manage", survey.pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ("kind", "text", "required")}
        values["choices"] = form.cleaned_data["choice_lines"]
        survey_services.save_question(survey=survey, question=question, **values)
        messages.success(request, _("The question is saved."))
        return redirect("feedback:survey_manage", survey.pk)
    return render(
        request,
        "feedback/question_edit.html",
        {"programme": survey.programme, "survey": survey, "question": question, "form": form},
    )


@member_required
@require_POST
def question_delete(request: MemberRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    question = get_object_or_404(SurveyQuestion, pk=question_pk, survey=survey)
    try:
        survey_services.delete_question(question=question)
    except FeedbackError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The question is deleted."))
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def survey_open(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    try:
        invited = survey_services.open_survey(survey=survey, actor=request.membership)
    except FeedbackError as error:
        messages.error(request, error.message)
    else:
        message = ngettext(
            "The survey is open: %(count)d person invited.",
            "The survey is open: %(count)d people invited.",
            invited,
        )
        messages.success(request, message % {"count": invited})
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def survey_remind(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    try:
        survey_services.remind(survey=survey)
    except FeedbackError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reminder is sent to those who have not answered."))
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def survey_close(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    survey_services.close_survey(survey=survey)
    messages.success(request, _("The survey is closed: it can no longer be answered."))
    return redirect("feedback:survey_manage", survey.pk)
