"""Matching pages: coordinators run, review and publish; participants see and choose."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Membership
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching import pairs, policy
from mentora.matching.errors import MatchingError
from mentora.matching.forms import AssignForm, MatchingSettingsForm, RequestForm
from mentora.matching.loader import load_programme
from mentora.matching.models import (
    MatchingRun,
    MentorRequest,
    PairRuleKind,
    RequestStatus,
    RunStatus,
)
from mentora.matching.selectors.members import (
    my_matches,
    my_requests,
    pending_responses,
    programmes_to_choose_in,
    unread_notices,
)
from mentora.matching.selectors.places import waiting_count
from mentora.matching.selectors.runs import (
    compare_runs,
    pair_rules,
    preview_assignment,
    proposals_for_review,
    publish_question,
    run_summary,
)
from mentora.matching.services import choice, notices, publication, review, runs, settings
from mentora.programs.models import Kind, ParticipantRole

PAGE_SIZE = 100


# Coordinators ----------------------------------------------------------------------------


@member_required
def home(request: MemberRequest, pk: int) -> HttpResponse:
    """The programme's matching: rules and weights, runs, locks and prohibitions."""
    programme = policy.get_programme_to_match(request.membership, pk)
    current = settings.matching_settings(programme)
    kind = current.parameters.get("kind", Kind.TRADITIONAL)
    initial = MatchingSettingsForm.initial_from(
        current.parameters, current.mentor_acceptance, current.response_days
    )
    form = MatchingSettingsForm(request.POST or None, initial=initial, kind=kind)
    if request.method == "POST":
        if form.is_valid():
            settings.save_matching_settings(
                programme=programme,
                actor=request.user,
                parameters=form.parameters(current.parameters),
                mentor_acceptance=form.cleaned_data.get("mentor_acceptance", False),
                response_days=form.cleaned_data.get("response_days") or current.response_days,
            )
            messages.success(request, _("The matching settings are saved."))
            return redirect("matching:home", pk=programme.pk)
        messages.error(request, _("Please correct the errors below."))
    recent = list(MatchingRun.objects.filter(programme=programme).select_related("created_by")[:20])
    counts = dict(
        Application.objects.filter(programme=programme, status=ApplicationStatus.APPROVED)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    return render(
        request,
        "matching/home.html",
        {
            "programme": programme,
            "form": form,
            "kind": kind,
            "runs": recent,
            "run_total": MatchingRun.objects.filter(programme=programme).count(),
            "pairing_refusal": runs.pairing_refusal(programme),
            "counts": counts,
            "rules": pair_rules(programme),
            "waiting": waiting_count(programme),
            "running": any(not run.is_finished for run in recent),
        },
    )


@require_POST
@member_required
def start(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_match(request.membership, pk)
    try:
        run = runs.start_run(programme=programme, actor=request.user)
    except MatchingError as error:
        messages.error(request, str(error))
        return redirect("matching:home", pk=programme.pk)
    return redirect("matching:run", pk=programme.pk, run_pk=run.pk)


@member_required
def run_detail(request: MemberRequest, pk: int, run_pk: int) -> HttpResponse:
    """Progress while the run works; then the review: summary, pairs, unmatched."""
    run = policy.get_run(request.membership, pk, run_pk)
    context: dict = {"programme": run.programme, "run": run}
    if run.status == RunStatus.DONE:
        proposals = proposals_for_review(run)
        page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
        summary = run_summary(run)
        current = settings.matching_settings(run.programme)
        context.update(
            {
                "summary": summary,
                "page": page,
                # Swapping exchanges mentors: pairs of the page still proposed, not peers.
                "swappable": []
                if run.is_peer
                else [p for p in page.object_list if not p.forbidden],
                "publish_question": publish_question(
                    run,
                    summary,
                    acceptance_days=current.response_days if current.mentor_acceptance else None,
                ),
                "unmatched": run.unmatched.select_related("membership__user")[:200],
                "peer": run.is_peer,
                "group": run.parameters.get("kind") == Kind.GROUP,
                "previous": MatchingRun.objects.filter(
                    programme=run.programme, status=RunStatus.DONE, number__lt=run.number
                ).first(),
            }
        )
    return render(request, "matching/run.html", context)


@member_required
def run_status(request: MemberRequest, pk: int, run_pk: int) -> HttpResponse:
    """The progress bar, polled by htmx; once the run ends the page reloads itself."""
    run = policy.get_run(request.membership, pk, run_pk)
    response = render(request, "matching/_progress.html", {"programme": run.programme, "run": run})
    if run.is_finished and not run.is_publishing and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@member_required
def compare(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_match(request.membership, pk)
    done = MatchingRun.objects.filter(programme=programme, status=RunStatus.DONE)
    try:
        first = done.get(pk=int(request.GET.get("a", "")))
        second = done.get(pk=int(request.GET.get("b", "")))
    except (ValueError, MatchingRun.DoesNotExist, OverflowError):
        first, second = None, None
    choices = list(done[:50])
    if first is None and len(choices) >= 2:
        second, first = choices[0], choices[1]
    return render(
        request,
        "matching/compare.html",
        {
            "programme": programme,
            "choices": choices,
            "first": first,
            "second": second,
            "diff": compare_runs(first, second) if first and second else None,
        },
    )


def _review_url(proposal) -> str:  # noqa: ANN001
    return reverse("matching:run", args=[proposal.run.programme_id, proposal.run_id])


@require_POST
@member_required
def lock(request: MemberRequest, pk: int, proposal_pk: int) -> HttpResponse:
    proposal = policy.get_proposal(request.membership, pk, proposal_pk)
    try:
        review.toggle_lock(proposal=proposal, actor=request.user)
        messages.success(
            request,
            _("The pair is locked: the next runs keep it.")
            if proposal.locked
            else _("The pair is unlocked."),
        )
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect(_review_url(proposal))


@require_POST
@member_required
def forbid(request: MemberRequest, pk: int, proposal_pk: int) -> HttpResponse:
    proposal = policy.get_proposal(request.membership, pk, proposal_pk)
    try:
        review.forbid_pair(proposal=proposal, actor=request.user)
        messages.success(request, _("The pair is forbidden: no later run will propose it."))
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect(_review_url(proposal))


@require_POST
@member_required
def swap(request: MemberRequest, pk: int, run_pk: int) -> HttpResponse:
    run = policy.get_run(request.membership, pk, run_pk)
    ids = []
    for key in ("first", "second"):
        try:
            ids.append(int(request.POST.get(key, "")))
        except ValueError:
            ids.append(0)
    found = {p.pk: p for p in run.proposals.filter(pk__in=ids).select_related("run__programme")}
    if len(found) != 2:
        messages.error(request, _("Choose two different pairs to swap."))
        return redirect("matching:run", pk=pk, run_pk=run.pk)
    try:
        first, second = review.swap_mentors(
            first=found[ids[0]], second=found[ids[1]], actor=request.user
        )
        messages.success(request, _("The mentors were swapped and both pairs scored again."))
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect("matching:run", pk=pk, run_pk=run.pk)


def _people_choices(programme, roles: tuple[str, ...]) -> list[tuple[int, str]]:  # noqa: ANN001
    return [
        (membership.pk, str(membership.user))
        for membership in Membership.objects.filter(
            applications__programme=programme,
            applications__status=ApplicationStatus.APPROVED,
            applications__role__in=roles,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    ]


@member_required
def assign(request: MemberRequest, pk: int, run_pk: int) -> HttpResponse:
    """Pair two people by hand: preview the score and any broken rule, then confirm."""
    run = policy.get_run(request.membership, pk, run_pk)
    programme = run.programme
    peer = run.parameters.get("kind") == Kind.PEER
    mentees = _people_choices(
        programme, (ParticipantRole.PEER,) if peer else (ParticipantRole.MENTEE,)
    )
    mentors = mentees if peer else _people_choices(programme, (ParticipantRole.MENTOR,))
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "mentor" in request.GET else None)
    )
    form = AssignForm(
        data,
        initial={"mentee": request.GET.get("mentee")},
        mentees=mentees,
        mentors=mentors,
        peer=peer,
    )
    preview = None
    if data is not None and form.is_valid():
        mentee = policy.get_participant_in_programme(programme, form.cleaned_data["mentee"])
        mentor = policy.get_participant_in_programme(programme, form.cleaned_data["mentor"])
        try:
            if request.method == "POST":
                review.assign_by_hand(run=run, mentee=mentee, mentor=mentor, actor=request.user)
                messages.success(request, _("The pair was assigned by hand."))
                return redirect("matching:run", pk=pk, run_pk=run.pk)
            preview = preview_assignment(run=run, mentee=mentee, mentor=mentor)
        except MatchingError as error:
            messages.error(request, str(error))
    return render(
        request,
        "matching/assign.html",
        {"programme": programme, "run": run, "form": form, "preview": preview, "peer": peer},
    )


@require_POST
@member_required
def publish(request: MemberRequest, pk: int, run_pk: int) -> HttpResponse:
    run = policy.get_run(request.membership, pk, run_pk)
    try:
        if run.proposals.filter(forbidden=False).count() > publication.INLINE_PUBLISH_LIMIT:
            publication.request_publication(run=run, actor=request.user)
            messages.success(
                request, _("The publication has started. This page shows when it is done.")
            )
            return redirect("matching:run", pk=pk, run_pk=run.pk)
        created = publication.publish_run(run=run, actor=request.user)
    except MatchingError as error:
        messages.error(request, str(error))
        return redirect("matching:run", pk=pk, run_pk=run.pk)
    if run.publication_kind == "proposals":
        done = ngettext(
            "Published: %(n)d proposal. Nothing starts until it is confirmed.",
            "Published: %(n)d proposals. Nothing starts until they are confirmed.",
            created,
        )
    else:
        done = ngettext(
            "Published: %(n)d match. Participants are notified.",
            "Published: %(n)d matches. Participants are notified.",
            created,
        )
    messages.success(request, done % {"n": created})
    return redirect("matching:run", pk=pk, run_pk=run.pk)


@require_POST
@member_required
def rule_delete(request: MemberRequest, pk: int, rule_pk: int) -> HttpResponse:
    rule = policy.get_pair_rule(request.membership, pk, rule_pk)
    review.delete_pair_rule(rule=rule, actor=request.user)
    messages.success(
        request,
        _("The lock is lifted.")
        if rule.kind == PairRuleKind.LOCK
        else _("The pair is allowed again."),
    )
    return redirect("matching:home", pk=pk)


# Participants ----------------------------------------------------------------------------


@member_required
def mine(request: MemberRequest) -> HttpResponse:
    """My matches and why; answers I owe; requests I made or received."""
    membership = request.membership
    context = {
        "matches": my_matches(membership),
        "responses": pending_responses(membership),
        "requests": my_requests(membership),
        "notices": unread_notices(membership),
        "choosing": programmes_to_choose_in(membership),
    }
    notices.mark_notices_read(membership=membership)
    return render(request, "matching/mine.html", context)


@require_POST
@member_required
def respond(request: MemberRequest, response_pk: int) -> HttpResponse:
    response = policy.get_response_to_give(request.membership, response_pk)
    accept = request.POST.get("answer") == "accept"
    try:
        publication.respond_to_match(response=response, accept=accept)
        messages.success(
            request,
            _("You accepted the match.")
            if accept
            else _("You declined the match; the mentee will be matched again."),
        )
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect("matching:mine")


def _shortlist(programme, membership: Membership) -> list[dict]:  # noqa: ANN001
    """Compatible mentors with a free place, best first, with reasons (never scores)."""
    parameters = settings.matching_settings(programme).parameters
    me = load_programme(programme, parameters, only={membership.pk}).instance
    if not me.mentees:
        return []
    loaded = load_programme(programme, parameters).instance
    refused = set(
        MentorRequest.objects.filter(
            programme=programme, mentee=membership, status=RequestStatus.DECLINED
        ).values_list("mentor_id", flat=True)
    ) | {int(b) for a, b in loaded.declined if int(a) == membership.pk}
    mentors = tuple(m for m in loaded.mentors if int(m.id) not in refused)
    ranked = pairs.shortlist(loaded.rules, me.mentees[0], mentors)
    by_id = {
        m.pk: m
        for m in Membership.objects.filter(
            pk__in=[int(s.mentor_id) for s in ranked]
        ).select_related("user", "department", "profile")
    }
    places = {m.id: m.capacity for m in mentors}
    return [
        {
            "mentor": by_id[int(s.mentor_id)],
            "reasons": s.reasons,
            "places": places.get(s.mentor_id, 0),
            "rank": n,
        }
        for n, s in enumerate(ranked, start=1)
        if int(s.mentor_id) in by_id
    ]


@member_required
def shortlist(request: MemberRequest, pk: int) -> HttpResponse:
    """Mentee chooses: a ranked shortlist of compatible mentors with room, and my request."""
    programme = policy.get_programme_to_choose_in(request.membership, pk)
    open_request = (
        MentorRequest.objects.filter(
            programme=programme,
            mentee=request.membership,
            status__in=[RequestStatus.PROPOSED, RequestStatus.PENDING, RequestStatus.ACCEPTED],
        )
        .select_related("mentor__user")
        .first()
    )
    candidates = [] if open_request else _shortlist(programme, request.membership)
    return render(
        request,
        "matching/shortlist.html",
        {"programme": programme, "candidates": candidates, "open_request": open_request},
    )


@require_POST
@member_required
def request_mentor(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_to_choose_in(request.membership, pk)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a mentor from the list."))
        return redirect("matching:shortlist", pk=pk)
    mentor = (
        Membership.objects.filter(
            pk=form.cleaned_data["mentor"], organisation__in=[programme.organisation_id]
        ).first()
        or Membership.objects.filter(
            pk=form.cleaned_data["mentor"],
            organisation__in=programme.partner_organisations.values("pk"),
        ).first()
    )
    if mentor is None:
        raise Http404
    try:
        choice.request_mentor(
            programme=programme,
            mentee=request.membership,
            mentor=mentor,
            message=form.cleaned_data["message"],
        )
        messages.success(request, _("Your request is sent. The mentor will answer soon."))
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect("matching:shortlist", pk=pk)


@require_POST
@member_required
def request_answer(request: MemberRequest, request_pk: int) -> HttpResponse:
    """The mentor accepts or declines a mentee's request."""
    found = policy.get_request_as_mentor(request.membership, request_pk)
    accept = request.POST.get("answer") == "accept"
    try:
        choice.answer_request(request=found, accept=accept)
        messages.success(
            request,
            _("You accepted: your relationship has started.")
            if accept
            else _("You declined the request."),
        )
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect("matching:mine")


@require_POST
@member_required
def proposal_answer(request: MemberRequest, request_pk: int) -> HttpResponse:
    """Hybrid: the mentee confirms the proposed mentor or asks for alternatives; peers
    confirm or decline the proposed peer."""
    found = policy.get_proposal_to_answer(request.membership, request_pk)
    confirm = request.POST.get("answer") == "confirm"
    peer = found.programme.kind == Kind.PEER
    try:
        answered = choice.answer_proposal(request=found, confirm=confirm, by=request.membership)
    except MatchingError as error:
        messages.error(request, str(error))
        if peer:
            return redirect("matching:mine")
        return redirect("matching:shortlist", pk=found.programme_id)
    if confirm and answered.status == RequestStatus.ACCEPTED:
        messages.success(request, _("Confirmed: your relationship has started."))
        return redirect("matching:mine")
    if confirm:
        messages.success(
            request, _("Confirmed. Your relationship starts as soon as your peer confirms too.")
        )
        return redirect("matching:mine")
    if peer:
        messages.success(
            request, _("You declined this proposal. The next matching will propose another peer.")
        )
        return redirect("matching:mine")
    messages.success(request, _("Here are other mentors with a free place."))
    return redirect("matching:shortlist", pk=found.programme_id)


@require_POST
@member_required
def request_cancel(request: MemberRequest, request_pk: int) -> HttpResponse:
    found = policy.get_request_as_mentee(request.membership, request_pk)
    try:
        choice.cancel_request(request=found)
        messages.success(request, _("Your request is cancelled."))
    except MatchingError as error:
        messages.error(request, str(error))
    return redirect("matching:shortlist", pk=found.programme_id)
