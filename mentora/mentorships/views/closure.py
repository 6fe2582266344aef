"""How a relationship ends: a member leaving, the closure checklist, the certificate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import selectors
from mentora.mentorships.certificate import render_certificate
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import ExitForm, RecognitionForm, SummaryForm
from mentora.mentorships.models import EndReason, Mentorship, Participant, Stage
from mentora.mentorships.services.closure import (
    close_mentorship,
    leave_mentorship,
    propose_closure,
    save_closure_summary,
    save_recognition,
)
from mentora.mentorships.views.common import (
    base_context,
    closed_guard,
    open_relationship_of,
    relationship_of,
    show_refusal,
)


@member_required
@closed_guard
def mentorship_leave(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leave_mentorship(
                participant=me,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _(
                    "You left the relationship. Thank you for what you gave to it; the "
                    "coordinators may suggest a new pairing."
                ),
            )
            return redirect("mentorships:mine")
    return render(request, "mentorships/leave.html", base_context(mentorship, me, form=form))


@member_required
def closure(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    return _closure_page(request, mentorship, me)


def _closure_page(
    request: MemberRequest,
    mentorship: Mentorship,
    me: Participant,
    *,
    summary_form: SummaryForm | None = None,
    recognition_form: RecognitionForm | None = None,
) -> HttpResponse:
    """The closure checklist; a refused form comes back bound, with its errors and its text."""
    people = list(selectors.active_participants(mentorship))
    return render(
        request,
        "mentorships/closure.html",
        base_context(
            mentorship,
            me,
            checklist=selectors.closure_checklist(mentorship),
            people=people,
            waiting_for=[p for p in people if p.closure_agreed_at is None],
            # The figures come from the data, whatever the summary (free text) says.
            figures=selectors.relationship_figures(mentorship),
            # Until a member saves it, the summary is compiled afresh from goals and meetings.
            summary_form=summary_form
            or SummaryForm(
                initial={
                    "summary": mentorship.closure_summary
                    or selectors.draft_closure_summary(mentorship)
                }
            ),
            recognition_form=recognition_form
            or RecognitionForm(
                initial={"recognition": me.recognition, "alumni_opt_in": me.alumni_opt_in}
            ),
            closing_meeting=selectors.closing_meeting(mentorship),
        ),
    )


@member_required
@require_POST
@closed_guard
def closure_propose(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    mentorship = propose_closure(participant=me)
    if mentorship.stage == Stage.CLOSURE:
        messages.success(request, _("The closure is open: go through the checklist together."))
    else:
        messages.success(
            request, _("Noted. The closure opens when the other members agree as well.")
        )
    return redirect("mentorships:closure", pk)


@member_required
@require_POST
@closed_guard
def closure_summary(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            save_closure_summary(mentorship=mentorship, summary=form.cleaned_data["summary"])
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The summary was saved."))
            return redirect("mentorships:closure", pk)
    return _closure_page(request, mentorship, me, summary_form=form)


@member_required
@require_POST
def closure_recognition(request: MemberRequest, pk: int) -> HttpResponse:
    # Allowed after closing too: a member may opt in or out of the alumni directory later.
    mentorship, me = relationship_of(request, pk)
    form = RecognitionForm(request.POST)
    if form.is_valid():
        try:
            save_recognition(
                participant=me,
                recognition=form.cleaned_data["recognition"],
                alumni_opt_in=form.cleaned_data["alumni_opt_in"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Thank you, your choices were saved."))
            return redirect("mentorships:closure", pk)
    return _closure_page(request, mentorship, me, recognition_form=form)


@member_required
@require_POST
@closed_guard
def closure_close(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    try:
        close_mentorship(mentorship=mentorship, actor=request.user)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The relationship is closed. Congratulations on the journey!"))
    return redirect("mentorships:closure", pk)


@member_required
def certificate(request: MemberRequest, pk: int) -> HttpResponse:
    """A PDF certificate of participation for the member asking, once the relationship closed."""
    mentorship, me = relationship_of(request, pk)
    if mentorship.stage != Stage.CLOSED or mentorship.end_reason != EndReason.COMPLETED:
        messages.error(request, _("The certificate is available once the relationship is closed."))
        return redirect("mentorships:closure", pk)
    pdf = render_certificate(request, mentorship, me)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{mentorship.pk}.pdf"'
    return response
