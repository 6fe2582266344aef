"""Concerns: a member raises one; the programme's coordinators read and resolve it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import policy, selectors
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import ConcernForm, ResolveConcernForm
from mentora.mentorships.services.concerns import raise_concern, resolve_concern
from mentora.mentorships.views.common import base_context, relationship_of, show_refusal


@member_required
def concern_create(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            raise_concern(
                mentorship=mentorship, raised_by=request.membership, body=form.cleaned_data["body"]
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your concern was sent to the programme's coordinators. "
                    "They will get back to you."
                ),
            )
            return redirect(mentorship)
    return render(request, "mentorships/concern_form.html", base_context(mentorship, me, form=form))


@member_required
def programme_concerns(request: MemberRequest, programme_pk: int) -> HttpResponse:
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    return render(
        request,
        "mentorships/concerns.html",
        {"programme": programme, "concerns": selectors.programme_concerns(programme)},
    )


@member_required
def concern_detail(request: MemberRequest, pk: int) -> HttpResponse:
    concern = policy.get_concern_for_coordinator(request.membership, pk)
    form = ResolveConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resolve_concern(
                concern=concern, actor=request.user, resolution=form.cleaned_data["resolution"]
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The concern is marked resolved."))
            return redirect("mentorships:concerns", concern.mentorship.programme_id)
    return render(
        request,
        "mentorships/concern_detail.html",
        {
            "concern": concern,
            "programme": concern.mentorship.programme,
            "participants": selectors.all_participants(concern.mentorship),
            "form": form,
        },
    )
