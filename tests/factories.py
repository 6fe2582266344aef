"""Hand-written factories: each builds a valid object and lets the test say what matters."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from mentora.accounts.models import Membership, Organisation, User
from mentora.programs.models import Objective, Programme

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def make_organisation(**kwargs: Any) -> Organisation:
    n = next(_sequence)
    kwargs.setdefault("name", f"Organisation {n}")
    kwargs.setdefault("slug", f"org-{n}")
    # Members without a saved language read their organisation's: English, unless a test
    # says otherwise.
    kwargs.setdefault("default_language", "en")
    return Organisation.objects.create(**kwargs)


def make_user(**kwargs: Any) -> User:
    n = next(_sequence)
    kwargs.setdefault("email", f"person{n}@example.com")
    kwargs.setdefault("first_name", f"Person{n}")
    kwargs.setdefault("last_name", "Test")
    password = kwargs.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **kwargs)


def make_member(organisation: Organisation, role: str = "member", **kwargs: Any) -> Membership:
    membership_fields = {
        key: kwargs.pop(key)
        for key in ["job_title", "department", "site", "seniority_level", "manager", "left_on"]
        if key in kwargs
    }
    user = kwargs.pop("user", None) or make_user(**kwargs)
    return Membership.objects.create(
        user=user, organisation=organisation, role=role, **membership_fields
    )


def make_programme(organisation: Organisation, **kwargs: Any) -> Programme:
    n = next(_sequence)
    kwargs.setdefault("name", f"Programme {n}")
    kwargs.setdefault("starts_on", date(2027, 1, 1))
    kwargs.setdefault("ends_on", date(2027, 12, 31))
    return Programme.objects.create(organisation=organisation, **kwargs)


def make_objective(programme: Programme, **kwargs: Any) -> Objective:
    kwargs.setdefault("title", "Mentees are satisfied")
    kwargs.setdefault("metric", "satisfaction")
    kwargs.setdefault("target", 4)
    kwargs.setdefault("target_date", date(2027, 12, 31))
    return Objective.objects.create(programme=programme, **kwargs)


# Mentoring relationships ---------------------------------------------------------------------


def make_mentorship(programme: Programme, mentor: Membership, mentee: Membership, **kwargs: Any):
    """A one-to-one relationship created as a coordinator would, agreement drafted."""
    from mentora.mentorships.services.relationships import create_mentorship

    return create_mentorship(programme=programme, mentors=[mentor], mentees=[mentee], **kwargs)


def make_meeting(mentorship, **kwargs: Any):
    from datetime import timedelta

    from django.utils import timezone

    from mentora.mentorships.services.meetings import schedule_meeting

    kwargs.setdefault("starts_at", timezone.now() + timedelta(days=7))
    kwargs.setdefault("time_zone", "Europe/Paris")
    kwargs.setdefault("duration_minutes", 60)
    kwargs.setdefault("actor", None)
    return schedule_meeting(mentorship=mentorship, **kwargs)


def make_goal(mentorship, owner: Membership, **kwargs: Any):
    from mentora.mentorships.services.goals import create_goal

    kwargs.setdefault("title", "Speak up in meetings")
    return create_goal(mentorship=mentorship, owner=owner, actor=owner.user, **kwargs)


def sign_by_all(mentorship) -> None:
    from mentora.mentorships.services.agreement import sign_agreement

    for participant in mentorship.participants.active():
        sign_agreement(agreement=mentorship.agreement, participant=participant)


def make_mentorship_world(
    programme: Programme, mentor: Membership, mentee: Membership
) -> dict[str, Any]:
    """A relationship with one of everything its routes need, written by the mentee."""
    from datetime import timedelta

    from django.utils import timezone

    from mentora.mentorships.services import concerns, goals, meetings, notes

    mentorship = make_mentorship(programme, mentor, mentee)
    past = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    series = meetings.schedule_series(
        mentorship=mentorship,
        first_starts_at=timezone.now() + timedelta(days=3),
        time_zone="Europe/Paris",
        frequency="monthly",
        duration_minutes=60,
        until=(timezone.now() + timedelta(days=100)).date(),
        actor=None,
    )
    goal = make_goal(mentorship, mentee)
    action = goals.add_action_item(goal=goal, title="Book a slot", owner=mentee)
    shared = notes.add_meeting_note(meeting=past, author=mentee, body="We agreed on a plan.")
    private = notes.save_private_note(
        mentorship=mentorship, author=mentee, body="I felt nervous.", meeting=past
    )
    entry = notes.save_journal_entry(
        mentorship=mentorship, author=mentee, title="Week 1", body="My doubts.", shared_excerpt=""
    )
    concern = concerns.raise_concern(mentorship=mentorship, raised_by=mentee, body="Worried.")
    feed = meetings.ensure_calendar_feed(membership=mentee)
    return {
        "mentorship": mentorship,
        "meeting": past,
        "series": series,
        "goal": goal,
        "action": action,
        "shared_note": shared,
        "private_note": private,
        "journal_entry": entry,
        "concern": concern,
        "feed": feed,
    }


def make_pair(programme: Programme, **kwargs: Any):
    """A mentor and a mentee of the programme's organisation, already in a relationship."""
    mentor = make_member(programme.organisation, first_name="Maya", last_name="Mentor")
    mentee = make_member(programme.organisation, first_name="Noé", last_name="Mentee")
    return make_mentorship(programme, mentor, mentee, **kwargs), mentor, mentee


def make_skill(organisation: Organisation, **kwargs: Any):
    """An accepted skill of the organisation's taxonomy."""
    from mentora.profiles.models import Skill

    n = next(_sequence)
    kwargs.setdefault("name", f"Skill {n}")
    kwargs.setdefault("category", "General")
    return Skill.objects.create(organisation=organisation, **kwargs)


def make_profile(membership: Membership, **kwargs: Any):
    """A member's profile; empty unless the test says otherwise."""
    from mentora.profiles.models import Profile

    return Profile.objects.create(membership=membership, **kwargs)


def make_profile_skill(profile, skill, direction: str = "offered", level: int = 3, **kwargs: Any):
    from mentora.profiles.models import ProfileSkill

    return ProfileSkill.objects.create(
        profile=profile, skill=skill, direction=direction, level=level, **kwargs
    )


def make_profile_world(organisation: Organisation, people: dict[str, Membership]) -> dict[str, Any]:
    """What the profile routes of the permission matrix need, keyed for World.extra."""
    from mentora.profiles.models import Skill

    skill = make_skill(organisation, name="Public speaking")
    unused = make_skill(organisation, name="Origami")
    proposal = Skill.objects.create(
        organisation=organisation,
        name="Kite surfing",
        status="proposed",
        proposed_by=people["member"],
    )
    profile = make_profile(people["member"])
    link = make_profile_skill(profile, skill, direction="sought", level=2)
    return {
        "skill": skill,
        "unused_skill": unused,
        "proposed_skill": proposal,
        "member_skill_link": link,
    }


# Training and resource library ----------------------------------------------------------------


def make_resource(organisation: Organisation, **kwargs: Any):
    from mentora.learning.models import Resource

    n = next(_sequence)
    kwargs.setdefault("title", f"Guide {n}")
    kwargs.setdefault("kind", "guide")
    kwargs.setdefault("language", "en")
    return Resource.objects.create(organisation=organisation, **kwargs)


def make_module(organisation: Organisation, **kwargs: Any):
    from mentora.learning.models import TrainingModule

    n = next(_sequence)
    kwargs.setdefault("title", f"Onboarding {n}")
    kwargs.setdefault("language", "en")
    kwargs.setdefault("is_published", True)
    return TrainingModule.objects.create(organisation=organisation, **kwargs)


def make_step(module, **kwargs: Any):
    """A step at the end of the module; `question=True` gives a two-option question (B right)."""
    from mentora.learning.models import TrainingStep

    if kwargs.pop("question", False):
        kwargs.setdefault("question", "Which is right?")
        kwargs.setdefault("options", ["A", "B"])
        kwargs.setdefault("correct_option", 1)
        kwargs.setdefault("explanation", "B, because it is.")
    kwargs.setdefault("title", f"Step {module.steps.count() + 1}")
    kwargs.setdefault("body", "Read this.")
    kwargs.setdefault("position", module.steps.count() + 1)
    return TrainingStep.objects.create(module=module, **kwargs)


def make_learning_world(organisation: Organisation, people: dict[str, Membership]) -> dict:
    """A library resource with a file, a published module with a question and a draft."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = "learning/matrix/agreement.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"%PDF-1.4 matrix"))
    resource = make_resource(organisation, title="Mentoring agreement", kind="template")
    resource.file.name = name
    resource.save()
    module = make_module(organisation, title="Mentor onboarding", audience="mentor")
    step = make_step(module, question=True, resource=resource)
    draft = make_module(organisation, title="Draft module", is_published=False)
    make_step(draft)
    return {
        "resource": resource,
        "module": module,
        "step": step,
        "draft_module": draft,
    }


# Matching ---------------------------------------------------------------------------------------


def make_application(programme: Programme, membership: Membership, role: str, **kwargs: Any):
    """An approved application (the state matching starts from)."""
    from mentora.enrolment.models import Application

    kwargs.setdefault("status", "approved")
    return Application.objects.create(
        programme=programme, membership=membership, role=role, **kwargs
    )


def make_participant(
    programme: Programme,
    role: str,
    *,
    level: int,
    offered: dict | None = None,
    sought: dict | None = None,
    **kwargs: Any,
) -> Membership:
    """A member with a profile (French speaker, a few slots) and an approved application."""
    from mentora.profiles.models import Skill

    capacity = kwargs.pop("capacity", None)
    member = make_member(programme.organisation, seniority_level=level, **kwargs)
    profile = make_profile(
        member,
        languages=[{"code": "fr", "level": "native"}],
        availability=["mon_am", "tue_pm", "thu_am"],
        career_goals="grow as a leader",
    )
    for direction, skills in (("offered", offered or {}), ("sought", sought or {})):
        for name, skill_level in skills.items():
            skill, _ = Skill.objects.get_or_create(
                organisation=programme.organisation, name=name, defaults={"category": "General"}
            )
            make_profile_skill(profile, skill, direction=direction, level=skill_level)
    make_application(programme, member, role, capacity=capacity)
    return member


def make_matching_programme(organisation: Organisation, coordinator: Membership, **kwargs: Any):
    """A traditional programme in matching with two mentors and three mentees.

    Mentor "Python" fits mentee "Py"; mentor "Excel" fits mentee "Xl"; capacity 2 each.
    """
    kwargs.setdefault("status", "matching")
    kwargs.setdefault("default_mentor_capacity", 2)
    programme = make_programme(organisation, **kwargs)
    programme.coordinators.add(coordinator.user)
    people = {
        "python": make_participant(
            programme,
            "mentor",
            level=5,
            offered={"Python": 5},
            first_name="Pia",
            last_name="Python",
        ),
        "excel": make_participant(
            programme, "mentor", level=5, offered={"Excel": 5}, first_name="Eric", last_name="Excel"
        ),
        "py": make_participant(
            programme, "mentee", level=1, sought={"Python": 4}, first_name="Paul", last_name="Py"
        ),
        "xl": make_participant(
            programme, "mentee", level=1, sought={"Excel": 4}, first_name="Xavier", last_name="Xl"
        ),
        "both": make_participant(
            programme, "mentee", level=2, sought={"Python": 2}, first_name="Bea", last_name="Both"
        ),
    }
    return programme, people


def make_matching_world(organisation: Organisation, people: dict[str, Membership]) -> dict:
    """A mentee-chooses programme in matching: a done run, a published pair awaiting the
    mentor's answer, a forbidden pair, the mentee's pending request and a hybrid proposal
    to "member"."""
    from datetime import timedelta

    from django.utils import timezone

    from mentora.matching.models import (
        MatchingRun,
        MentorRequest,
        MentorResponse,
        PairRule,
        Proposal,
        Unmatched,
    )

    programme = make_programme(
        organisation, status="matching", matching_mode="mentee_choice", default_mentor_capacity=3
    )
    programme.coordinators.add(people["coordinator"].user)
    programme.sponsors.add(people["sponsor"].user)
    for key, role in (("mentor", "mentor"), ("mentee", "mentee"), ("member", "mentee")):
        make_application(programme, people[key], role)
    run = MatchingRun.objects.create(
        programme=programme,
        number=1,
        status="done",
        progress=100,
        parameters={"kind": "traditional"},
    )
    proposal = Proposal.objects.create(
        run=run,
        mentee=people["mentee"],
        mentor=people["mentor"],
        score=3.5,
        reasons=[{"key": "same_time_zone", "params": {}}],
    )
    Unmatched.objects.create(
        run=run, membership=people["member"], role="mentee", reason="no_candidate"
    )
    published = MatchingRun.objects.create(
        programme=programme,
        number=2,
        status="done",
        parameters={"kind": "traditional"},
        published_at=timezone.now(),
    )
    answered = Proposal.objects.create(
        run=published, mentee=people["member"], mentor=people["mentor"], score=2.0
    )
    response = MentorResponse.objects.create(
        proposal=answered,
        mentor=people["mentor"],
        deadline=timezone.now() + timedelta(days=7),
    )
    rule = PairRule.objects.create(
        programme=programme, mentee=people["member"], mentor=people["mentee"], kind="forbid"
    )
    request = MentorRequest.objects.create(
        programme=programme, mentee=people["mentee"], mentor=people["mentor"], message="Hello"
    )
    proposed = MentorRequest.objects.create(
        programme=programme, mentee=people["member"], mentor=people["mentor"], status="proposed"
    )
    return {
        "matching_programme": programme,
        "run": run,
        "proposal": proposal,
        "mentor_response": response,
        "pair_rule": rule,
        "mentor_request": request,
        "proposed_request": proposed,
    }


# The directory of informal programmes --------------------------------------------------------


def make_informal_programme(organisation: Organisation, coordinator: Membership, **kwargs: Any):
    """A running informal programme whose participants find each other in its directory:
    two mentors (Paul, a Python data lead; Eva, an Excel analyst in Finance), capacity 1,
    and two mentees (Mia, who seeks Python; Max)."""
    from mentora.accounts.models import Department

    kwargs.setdefault("status", "running")
    kwargs.setdefault("is_formal", False)
    kwargs.setdefault("default_mentor_capacity", 1)
    programme = make_programme(organisation, **kwargs)
    programme.coordinators.add(coordinator.user)
    finance, _created = Department.objects.get_or_create(organisation=organisation, name="Finance")
    people = {
        "paul": make_participant(
            programme,
            "mentor",
            level=5,
            offered={"Python": 5},
            first_name="Paul",
            last_name="Python",
            job_title="Data lead",
        ),
        "eva": make_participant(
            programme,
            "mentor",
            level=5,
            offered={"Excel": 4},
            first_name="Eva",
            last_name="Excel",
            job_title="Analyst",
            department=finance,
        ),
        "mia": make_participant(
            programme, "mentee", level=2, sought={"Python": 3}, first_name="Mia", last_name="Mentee"
        ),
        "max": make_participant(programme, "mentee", level=2, first_name="Max", last_name="Mentee"),
    }
    return programme, people


def make_directory_world(organisation: Organisation, people: dict[str, Membership]) -> dict:
    """An informal running programme: "mentor" an approved mentor, "mentee" and "member"
    approved mentees; "mentee" proposed to pair with "mentor"."""
    from mentora.matching.models import PairingProposal

    programme = make_programme(organisation, status="running", is_formal=False)
    programme.coordinators.add(people["coordinator"].user)
    programme.sponsors.add(people["sponsor"].user)
    for key, role in (("mentor", "mentor"), ("mentee", "mentee"), ("member", "mentee")):
        make_application(programme, people[key], role)
    proposal = PairingProposal.objects.create(
        programme=programme, proposer=people["mentee"], recipient=people["mentor"], message="Hi"
    )
    return {"informal_programme": programme, "pairing_to_mentor": proposal}


# Large organisations -------------------------------------------------------------------------


def make_many_members(organisation: Organisation, count: int, **kwargs: Any) -> None:
    """`count` plain members in two queries (no password hashing), for size comparisons."""
    start = next(_sequence)
    users = User.objects.bulk_create(
        User(
            email=f"bulk{start}-{n}@example.com",
            first_name=f"Bulk{n}",
            last_name=kwargs.get("last_name", "Crowd"),
            password="!",
        )
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation, role=kwargs.get("role", "member"))
        for user in users
    )


# Feedback ------------------------------------------------------------------------------------


def make_held_meeting(mentorship, days_ago: int = 1, **kwargs: Any):
    """A meeting that took place `days_ago` days ago, marked held: its members are invited to
    rate it."""
    from datetime import timedelta

    from django.utils import timezone

    from mentora.mentorships.services.meetings import record_meeting_outcome

    meeting = make_meeting(
        mentorship, starts_at=timezone.now() - timedelta(days=days_ago), **kwargs
    )
    return record_meeting_outcome(meeting=meeting, actor=None, status="held")


def make_pulse(mentorship, membership: Membership, sequence: int = 1, **kwargs: Any):
    """The `sequence`-th pulse of a relationship sent to one of its members, open for 30 days."""
    from datetime import timedelta

    from django.utils import timezone

    from mentora.feedback.models import FeedbackInvitation

    kwargs.setdefault("due_on", timezone.localdate())
    kwargs.setdefault("closes_at", timezone.now() + timedelta(days=30))
    return FeedbackInvitation.objects.create(
        instrument="pulse",
        membership=membership,
        programme=mentorship.programme,
        mentorship=mentorship,
        sequence=sequence,
        **kwargs,
    )


def make_feedback_world(programme: Programme, people: dict[str, Membership], mentorship) -> dict:
    """A held meeting both members were invited to rate, the mentee's answer to it, and a pulse
    for each member; the mentee answered theirs ("not a good fit")."""
    from mentora.feedback.services import answer_pulse, answer_session_feedback

    meeting = make_held_meeting(mentorship, days_ago=2)
    invitations = meeting_invitations(meeting)
    answer_session_feedback(
        invitation=invitations[people["mentee"].pk], rating=4, progress=3, comment="Helpful."
    )
    pulses = {role: make_pulse(mentorship, people[role]) for role in ("mentor", "mentee")}
    answer_pulse(invitation=pulses["mentee"], quality=2, fit="poor", comment="Not sure.")
    return {
        "held_meeting": meeting,
        "mentor_pulse": pulses["mentor"],
        "mentee_pulse": pulses["mentee"],
        **make_survey_world(programme, people),
    }


def survey_answers(survey, **by_kind: Any) -> dict[int, Any]:
    """An answer to each required question of the survey, by the question's kind."""
    return {q.pk: by_kind[q.kind] for q in survey.questions.all() if q.required}


def make_survey_world(programme: Programme, people: dict[str, Membership]) -> dict:
    """An open end-of-programme survey the mentor and the mentee were invited to (the mentee
    answered it, without sharing their name) and a draft survey of the programme."""
    from datetime import timedelta

    from django.utils import timezone

    from mentora.feedback.survey_services import answer_survey, copy_template, open_survey

    today = timezone.localdate()
    dates = {"opens_on": today, "closes_on": today + timedelta(days=14)}
    coordinator = people["coordinator"]
    survey = copy_template(programme=programme, key="end_of_programme", actor=coordinator, **dates)
    open_survey(survey=survey, actor=coordinator)
    invitations = {i.membership_id: i for i in survey.invitations.all()}
    answer_survey(
        invitation=invitations[people["mentee"].pk],
        answers=survey_answers(survey, scale5=4, scale10=9),
    )
    draft = copy_template(programme=programme, key="mid_point", actor=coordinator, **dates)
    return {
        "survey": survey,
        "mentor_survey": invitations[people["mentor"].pk],
        "mentee_survey": invitations[people["mentee"].pk],
        "draft_survey": draft,
    }


def meeting_invitations(meeting) -> dict[int, Any]:
    """The session-feedback invitations of a meeting, by membership id."""
    from mentora.feedback.models import FeedbackInvitation

    return {
        invitation.membership_id: invitation
        for invitation in FeedbackInvitation.objects.filter(instrument="session", meeting=meeting)
    }
