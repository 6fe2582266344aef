"""Pages of feedback: one's requests and answers, answering, and a programme's results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.feedback import policy, selectors, services
from mentora.feedback.errors import FeedbackError
from mentora.feedback.forms import AnswerForm, FeedbackSettingsForm, PulseForm, SessionFeedbackForm
from mentora.feedback.models import FeedbackInvitation, Fit

HISTORY_PAGE = 25


@member_required
def mine(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    page = Paginator(selectors.answered_invitations(membership), HISTORY_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "feedback/mine.html",
        {"pending": selectors.pending_invitations(membership), "page": page},
    )


def _initial(answer: Any, names: list[str]) -> dict[str, Any]:
    if answer is None:
        return {}
    return {**{name: getattr(answer, name) for name in names}, "replace": True}


def _refused(form: AnswerForm, error: FeedbackError) -> AnswerForm:
    """The form as typed, with the refusal next to its field (or above the form). After a
    second submission, the form now knows it replaces the first answer if sent again."""
    if error.code == "already_answered":
        data = {**form.data.dict(), "replace": "on"}  # type: ignore[attr-defined]
        form = type(form)(data)
        form.is_valid()
    form.add_error(error.field if error.field in form.fields else None, error.message)
    return form


def _saved_message(answer: Any) -> str:
    return _(
        "Thank you: your answer is saved. Only you can read it with your name; you can "
        "change it until %(date)s."
    ) % {"date": date_format(answer.editable_until, "DATE_FORMAT")}


@member_required
def session_feedback(request: MemberRequest, meeting_pk: int) -> HttpResponse:
    invitation = policy.get_session_invitation(request.membership, meeting_pk)
    answer = invitation.answer()
    form: AnswerForm = SessionFeedbackForm(
        request.POST or None,
        initial=_initial(answer, ["rating", "progress", "comment", "share_name"]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.answer_session_feedback(invitation=invitation, **form.cleaned_data)
        except FeedbackError as error:
            form = _refused(form, error)
        else:
            messages.success(request, _saved_message(answer))
            if request.POST.get("next") == "meeting" and invitation.meeting is not None:
                return redirect(invitation.meeting)
            return redirect("feedback:mine")
    return render(
        request,
        "feedback/session.html",
        {"invitation": invitation, "answer": answer, "meeting": invitation.meeting, "form": form},
    )


@member_required
def pulse(request: MemberRequest, pk: int) -> HttpResponse:
    invitation = policy.get_pulse_invitation(request.membership, pk)
    answer = invitation.answer()
    form: AnswerForm = PulseForm(
        request.POST or None,
        initial=_initial(answer, ["quality", "fit", "comment", "share_name"]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.answer_pulse(invitation=invitation, **form.cleaned_data)
        except FeedbackError as error:
            form = _refused(form, error)
        else:
            messages.success(request, _saved_message(answer))
            # Back to the same screen: after "not a good fit" it offers what to do next.
            return redirect("feedback:pulse", invitation.pk)
    return render(request, "feedback/pulse.html", _pulse_context(request, invitation, answer, form))


def _pulse_context(
    request: MemberRequest, invitation: FeedbackInvitation, answer: Any, form: AnswerForm
) -> dict[str, Any]:
    prefetch_related_objects([invitation], "mentorship__participants__membership__user")
    mentorship = invitation.mentorship
    still_in = any(
        p.membership_id == request.membership.pk and p.left_at is None
        for p in mentorship.participants.all()
    )
    return {
        "invitation": invitation,
        "answer": answer,
        "form": form,
        "mentorship": mentorship,
        "partners": selectors.partners(invitation, request.membership),
        # "Not a good fit": talk to the coordinator (a concern) or leave to be paired again
        # (the no-fault exit; the next matching run pairs the person anew).
        "offer_help": (
            answer is not None and answer.fit == Fit.POOR and still_in and not mentorship.is_closed
        ),
    }


@member_required
def programme_results(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_review(request.membership, pk)
    return render(
        request,
        "feedback/programme.html",
        {
            "programme": programme,
            "results": selectors.programme_results(programme),
            "settings": selectors.feedback_settings(programme),
        },
    )


@member_required
def programme_settings(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_review(request.membership, pk)
    form = FeedbackSettingsForm(
        request.POST or None, instance=selectors.feedback_settings(programme)
    )
    if request.method == "POST" and form.is_valid():
        services.save_feedback_settings(
            programme=programme,
            actor=request.user,
            pulse_enabled=form.cleaned_data["pulse_enabled"],
            pulse_first_after_days=form.cleaned_data["pulse_first_after_days"],
            pulse_every_days=form.cleaned_data["pulse_every_days"],
        )
        messages.success(request, _("The feedback settings are saved."))
        return redirect("feedback:programme", programme.pk)
    return render(request, "feedback/settings.html", {"programme": programme, "form": form})
