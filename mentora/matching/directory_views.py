"""The directory of an informal programme: find a partner, propose, answer, withdraw; and
the coordinators' list of the programme's proposals."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.matching import policy
from mentora.matching.errors import MatchingError
from mentora.matching.forms import PairingProposalForm
from mentora.matching.models import PairingStatus
from mentora.matching.selectors import directory as selectors
from mentora.matching.services import pairing
from mentora.mentorships.selectors import eligible_members
from mentora.programs.models import Programme

PAGE_SIZE = 20


@member_required
def directory(request: MemberRequest, pk: int) -> HttpResponse:
    """The programme's participants the member could pair with, searchable, one page at a
    time, with the proposals waiting between them."""
    programme = policy.get_directory_programme(request.membership, pk)
    return _directory_page(request, programme, request.GET)


def _directory_page(
    request: MemberRequest,
    programme: Programme,
    data: QueryDict,
    draft: PairingProposalForm | None = None,
) -> HttpResponse:
    """The directory page; `draft` is a proposal that was refused, given back with its text
    and why on the card of the person it was for."""
    me = selectors.seeker(programme, request.membership)
    assert me is not None  # the policy lets only approved participants in
    query = data.get("q", "").strip()[:100]
    here = _directory_url(programme.pk, data)
    page = None
    cards: list[selectors.Card] = []
    if me.is_free:
        page = Paginator(selectors.directory(programme, me, query), PAGE_SIZE).get_page(
            data.get("page")
        )
        cards = selectors.directory_cards(programme, me, list(page.object_list))
    return render(
        request,
        "matching/directory.html",
        {
            "programme": programme,
            "me": me,
            "query": query,
            "page": page,
            "cards": cards,
            "unavailable": selectors.unavailable_reason(me),
            "pairings": selectors.my_pairings(request.membership, programme),
            "here": here,
            "draft": draft,
            "draft_for": draft.data.get("recipient", "") if draft is not None else "",
        },
    )


@require_POST
@member_required
def propose(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_directory_programme(request.membership, pk)
    form = PairingProposalForm(request.POST)
    # The search and page the card was found on, so that the same page comes back.
    back = QueryDict(mutable=True)
    for key in ("q", "page"):
        value = request.POST.get(key)
        if value:
            back[key] = value
    if not form.is_valid():
        return _directory_page(request, programme, back, draft=form)
    # Only people the programme may pair exist here; the service decides the rest.
    recipient = (
        eligible_members(programme)
        .filter(pk=form.cleaned_data["recipient"])
        .select_related("user")
        .first()
    )
    if recipient is None:
        raise Http404
    try:
        pairing.propose_pairing(
            programme=programme,
            proposer=request.membership,
            recipient=recipient,
            message=form.cleaned_data["message"],
        )
    except MatchingError as error:
        form.add_error(None, str(error))
        return _directory_page(request, programme, back, draft=form)
    messages.success(
        request,
        _("Your proposal is sent to %(name)s, who will accept or decline it.")
        % {"name": recipient.user},
    )
    return redirect(_directory_url(programme.pk, back))


@require_POST
@member_required
def answer(request: MemberRequest, proposal_pk: int) -> HttpResponse:
    """The person proposed to accepts (the relationship starts) or declines."""
    proposal = policy.get_pairing_to_answer(request.membership, proposal_pk)
    accept = request.POST.get("answer") == "accept"
    try:
        if accept:
            answered = pairing.accept_pairing(proposal=proposal, by=request.membership)
        else:
            answered = pairing.decline_pairing(proposal=proposal, by=request.membership)
    except MatchingError as error:
        messages.error(request, str(error))
        return redirect(_back(request, proposal.programme_id))
    if answered.mentorship is not None:
        messages.success(request, _("You accepted: your relationship has started."))
        return redirect(answered.mentorship)
    messages.success(request, _("You declined the proposal. We let them know."))
    return redirect(_back(request, proposal.programme_id))


@require_POST
@member_required
def withdraw(request: MemberRequest, proposal_pk: int) -> HttpResponse:
    proposal = policy.get_pairing_to_withdraw(request.membership, proposal_pk)
    try:
        pairing.withdraw_pairing(proposal=proposal, by=request.membership)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your proposal is withdrawn."))
    return redirect(_back(request, proposal.programme_id))


def _directory_url(programme_pk: int, data: QueryDict) -> str:
    """The directory's address with the search and page of `data`."""
    url = reverse("matching:directory", args=[programme_pk])
    kept = QueryDict(mutable=True)
    for key in ("q", "page"):
        value = data.get(key)
        if value:
            kept[key] = str(value)
    return f"{url}?{kept.urlencode()}" if kept else url


def _back(request: MemberRequest, programme_pk: int) -> str:
    """Where the form was sent from (the home page, the programme's page), else the
    programme's directory."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return _directory_url(programme_pk, QueryDict())


@member_required
def programme_pairings(request: MemberRequest, pk: int) -> HttpResponse:
    """For coordinators: the programme's proposals to pair and the relationships they
    started (who and when; messages stay between the two people)."""
    programme = policy.get_programme_to_match(request.membership, pk)
    proposals = Paginator(selectors.programme_pairings(programme), 100).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matching/pairings.html",
        {
            "programme": programme,
            "page": proposals,
            "counts": selectors.pairing_counts(programme),
            "statuses": PairingStatus.choices,
            "directory_open": selectors.directory_is_open(programme),
        },
    )
