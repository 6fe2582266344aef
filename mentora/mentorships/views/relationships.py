"""A member's relationships and one relationship's home; a coordinator's list; alumni."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import activity, policy, selectors
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import MentorshipForm
from mentora.mentorships.models import GoalStatus, Stage
from mentora.mentorships.services.relationships import create_mentorship
from mentora.mentorships.views.common import base_context, relationship_of


@member_required
def my_mentorships(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "mentorships/mine.html",
        {"rows": selectors.my_mentorships(request.membership)},
    )


@member_required
def alumni_directory(request: MemberRequest) -> HttpResponse:
    """Alumni of the organisation's programmes who chose to stay connected."""
    return render(
        request, "mentorships/alumni.html", {"alumni": selectors.alumni(request.organisation)}
    )


@member_required
def programme_mentorships(request: MemberRequest, programme_pk: int) -> HttpResponse:
    """A programme's relationships as metadata: no notes, journal or agreement text."""
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    return render(
        request,
        "mentorships/programme.html",
        {
            "programme": programme,
            "rows": selectors.programme_overview(programme),
            "open_concerns": selectors.open_concern_count(programme),
            "goal_statuses": GoalStatus.choices,
        },
    )


@member_required
def mentorship_create(request: MemberRequest, programme_pk: int) -> HttpResponse:
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    form = MentorshipForm(
        request.POST or None, programme=programme, members=selectors.eligible_members(programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            create_mentorship(
                programme=programme,
                mentors=form.cleaned_data.get("mentors") or [],
                mentees=form.cleaned_data.get("mentees") or [],
                peers=form.cleaned_data.get("peers") or [],
                created_by=request.user,
            )
        except MentorshipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The relationship was created. Its members can start."))
            return redirect("mentorships:programme", programme.pk)
    return render(request, "mentorships/create.html", {"programme": programme, "form": form})


@member_required
def mentorship_detail(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    context = base_context(
        mentorship,
        me,
        steps=activity.next_steps(mentorship, me),
        next_meeting=selectors.next_meeting(mentorship),
        figures=selectors.relationship_figures(mentorship),
        goals=selectors.goals_with_actions(mentorship),
        goal_counts=selectors.goal_counts(mentorship),
        activity=activity.recent_activity(mentorship),
        signed=selectors.agreement_is_signed(mentorship.agreement),
        stages=[s for s in Stage if s != Stage.CLOSED],
        stage_index=list(Stage).index(Stage(mentorship.stage)),
        my_concerns=selectors.concerns_raised_by(mentorship, request.membership),
    )
    return render(request, "mentorships/detail.html", context)
