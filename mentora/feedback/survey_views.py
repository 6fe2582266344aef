"""Pages of surveys: answering one (or saving it to finish later), and the coordinators'
list, draft editing and results."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from datetime import timedelta
from typing import Any, Literal

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.feedback import policy, survey_schedule, survey_selectors, survey_services
from mentora.feedback.errors import FeedbackError, SurveyInvalid
from mentora.feedback.models import (
    FeedbackInvitation,
    Opening,
    QuestionKind,
    Survey,
    SurveyQuestion,
    SurveyStatus,
)
from mentora.feedback.survey_forms import CopyTemplateForm, QuestionForm, SurveyForm
from mentora.profiles.models import reading_language

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


def _from_draft(invitation: FeedbackInvitation) -> dict[int, Any]:
    """The saved draft as typed values: strings, as a form sends them."""
    return {
        int(pk): [str(v) for v in value] if isinstance(value, list) else str(value)
        for pk, value in invitation.draft.items()
        if pk.isdigit()
    }


def _options(question: SurveyQuestion, language: str, value: Any) -> list[dict[str, Any]]:
    """A choice question's options in the reader's language, each ticked when the value is
    that option in any of the question's languages (a draft saved while reading another)."""
    chosen = set(value) if isinstance(value, list) else {value}
    texts = [question.choices_in(code) for code, _name in settings.LANGUAGES]
    return [
        {"label": label, "checked": any(t[i] in chosen for t in [question.choices, *texts])}
        for i, label in enumerate(question.choices_in(language))
    ]


def _rows(
    survey: Survey, language: str, values: dict[int, Any], errors: dict[int, str]
) -> list[dict[str, Any]]:
    rows = []
    for q in survey.questions.all():
        value = values.get(q.pk, [] if q.kind in MULTI else "")
        rows.append(
            {
                "question": q,
                "name": f"q{q.pk}",
                "text": q.text_in(language),
                "options": _options(q, language, value) if q.choices else [],
                "value": value,
                "error": errors.get(q.pk),
            }
        )
    return rows


@member_required
def answer(request: MemberRequest, pk: int) -> HttpResponse:
    invitation = survey_selectors.own_survey_invitation(request.membership, pk)
    if invitation is None or invitation.survey is None:
        raise Http404
    survey = invitation.survey
    language = reading_language()
    typed = _from_draft(invitation)
    errors: dict[int, str] = {}
    refusal = None
    if request.method == "POST":
        typed = _typed(request, survey)
        later = request.POST.get("action") == "draft"
        try:
            if later:
                survey_services.save_survey_draft(invitation=invitation, answers=typed)
            else:
                survey_services.answer_survey(
                    invitation=invitation, answers=typed, share_name="share_name" in request.POST
                )
        except SurveyInvalid as error:
            errors = error.errors
        except FeedbackError as error:
            refusal = error.message
        else:
            if later:
                messages.success(request, _draft_saved_message(invitation))
            else:
                messages.success(request, _("Thank you: your answers are saved."))
            return redirect("feedback:mine")
    return render(
        request,
        "feedback/survey.html",
        {
            "invitation": invitation,
            "survey": survey,
            "title": survey.title_in(language),
            "questions": _rows(survey, language, typed, errors),
            "has_errors": bool(errors),
            "refusal": refusal,
            # Filled in from the draft: say so, and when it was saved.
            "from_draft": request.method != "POST" and invitation.draft_saved_at is not None,
            "answered": invitation.answer() is not None,
            "skills": survey_selectors.skills_for(survey),
            "scale5": range(1, 6),
            "scale10": range(0, 11),
            "share_name": "share_name" in request.POST,
        },
    )


def _draft_saved_message(invitation: FeedbackInvitation) -> str:
    return _("Your answers are saved, not sent: come back to finish them by %(date)s.") % {
        "date": date_format(invitation.last_day, "DATE_FORMAT")
    }


# Coordinators ------------------------------------------------------------------------------


def _attempt(request: HttpRequest, write: Callable[[], object], done: str | None = None) -> bool:
    """Run a coordinator's write: its refusal as the page's error, else `done` as its
    success. Whether it went through."""
    try:
        write()
    except FeedbackError as error:
        messages.error(request, error.message)
        return False
    if done is not None:
        messages.success(request, done)
    return True


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
        programme=programme,
        initial={
            "opening": Opening.FIXED,
            "opens_on": today,
            "closes_on": today + timedelta(days=14),
        },
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
    # The form validates a copy: a refused rule must not change what the page says it is.
    form = SurveyForm(request.POST or None, instance=copy(survey)) if survey.is_draft else None
    if form is not None and request.method == "POST" and form.is_valid():
        _attempt(
            request,
            lambda: survey_services.update_survey(survey=survey, **form.cleaned_data),
            _("The survey is saved."),
        )
        return redirect("feedback:survey_manage", survey.pk)
    return render(
        request,
        "feedback/survey_manage.html",
        {
            "programme": survey.programme,
            "survey": survey,
            "form": form,
            "question_form": QuestionForm(),
            # A calendar rule's dates as the programme's dates give them now.
            "dates": survey_schedule.current_dates(survey),
            "today": timezone.localdate(),
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
        code = "scheduled" if survey.status == SurveyStatus.SCHEDULED else "not_draft"
        messages.error(request, str(FeedbackError(code)))
        return redirect("feedback:survey_manage", survey.pk)
    form = QuestionForm(request.POST or None, instance=question, language=survey.language)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ("kind", "text", "required")}
        values["choices"] = form.cleaned_data["choice_lines"]
        values["translations"] = form.translations()
        # Refused when opened or scheduled by another coordinator while the form was shown.
        _attempt(
            request,
            lambda: survey_services.save_question(survey=survey, question=question, **values),
            _("The question is saved."),
        )
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
    _attempt(
        request,
        lambda: survey_services.delete_question(question=question),
        _("The question is deleted."),
    )
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def question_move(
    request: MemberRequest, pk: int, question_pk: int, direction: Literal["up", "down"]
) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    question = get_object_or_404(SurveyQuestion, pk=question_pk, survey=survey)
    _attempt(request, lambda: survey_services.move_question(question=question, direction=direction))
    # Back to the question moved: the list may be long.
    return redirect(f"{reverse('feedback:survey_manage', args=[survey.pk])}#question-{question.pk}")


@member_required
@require_POST
def survey_open(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    try:
        invited = survey_schedule.launch_survey(survey=survey, actor=request.membership)
    except FeedbackError as error:
        messages.error(request, error.message)
        return redirect("feedback:survey_manage", survey.pk)
    survey.refresh_from_db()
    if invited is None:
        message = _("The survey is scheduled: it opens on %(date)s.") % {
            "date": date_format(survey.opens_on, "DATE_FORMAT")
        }
    elif survey.opening == Opening.AT_CLOSURE:
        message = ngettext(
            "The survey is open: %(count)d person whose relationship has closed is invited; "
            "the others will be as theirs closes.",
            "The survey is open: %(count)d people whose relationship has closed are invited; "
            "the others will be as theirs closes.",
            invited,
        ) % {"count": invited}
    else:
        message = ngettext(
            "The survey is open: %(count)d person invited.",
            "The survey is open: %(count)d people invited.",
            invited,
        ) % {"count": invited}
    messages.success(request, message)
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def survey_unschedule(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    _attempt(
        request,
        lambda: survey_schedule.unschedule_survey(survey=survey, actor=request.membership),
        _("The survey is back to draft: change it, then open it."),
    )
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def survey_remind(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    _attempt(
        request,
        lambda: survey_services.remind(survey=survey),
        _("The reminder is sent to those who have not answered."),
    )
    return redirect("feedback:survey_manage", survey.pk)


@member_required
@require_POST
def survey_close(request: MemberRequest, pk: int) -> HttpResponse:
    survey = _survey_to_manage(request, pk)
    survey_services.close_survey(survey=survey)
    messages.success(request, _("The survey is closed: it can no longer be answered."))
    return redirect("feedback:survey_manage", survey.pk)
