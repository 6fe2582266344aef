"""The mentoring agreement: a programme's draft, a relationship's agreement, its signatures."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import policy, selectors
from mentora.mentorships.content import default_agreement
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import AgreementForm, AgreementTemplateForm
from mentora.mentorships.services.agreement import (
    save_agreement_template,
    sign_agreement,
    update_agreement,
)
from mentora.mentorships.views.common import (
    base_context,
    closed_guard,
    open_relationship_of,
    relationship_of,
    show_refusal,
)


@member_required
def agreement_template(request: MemberRequest, programme_pk: int) -> HttpResponse:
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    template = selectors.agreement_template(programme)
    if template is None:
        form = AgreementTemplateForm(request.POST or None, initial=default_agreement(programme))
    else:
        form = AgreementTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            # The form's fields are the agreement's sections, by name.
            save_agreement_template(programme=programme, actor=request.user, **form.cleaned_data)
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("New relationships will start from this agreement."))
            return redirect("mentorships:programme", programme.pk)
    return render(
        request, "mentorships/agreement_template.html", {"programme": programme, "form": form}
    )


@member_required
def agreement_detail(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    agreement = mentorship.agreement
    signers = selectors.agreement_signers(agreement)
    people = list(selectors.active_participants(mentorship))
    return render(
        request,
        "mentorships/agreement.html",
        base_context(
            mentorship,
            me,
            agreement=agreement,
            form=AgreementForm(instance=agreement),
            signatures=[(person, person.pk in signers) for person in people],
            i_signed=me.pk in signers,
            revisions=selectors.agreement_revisions(agreement),
            all_signatures=selectors.agreement_signatures(agreement),
        ),
    )


@member_required
@closed_guard
def agreement_edit(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    agreement = mentorship.agreement
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        before = agreement.version
        try:
            # The form's fields are the agreement's sections, by name.
            agreement = update_agreement(
                agreement=agreement, actor=request.user, **form.cleaned_data
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            if agreement.version != before:
                messages.success(
                    request,
                    _("The agreement was changed: everyone is asked to sign it again.")
                    if mentorship.programme.agreement_required
                    else _("The agreement was changed. Sign the new version if you wish."),
                )
            return redirect("mentorships:agreement", pk)
    return render(
        request, "mentorships/agreement_form.html", base_context(mentorship, me, form=form)
    )


@member_required
@require_POST
@closed_guard
def agreement_sign(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    version = request.POST.get("version", "")
    if version != str(mentorship.agreement.version):
        messages.error(
            request, _("The agreement changed while you were reading it. Read it again.")
        )
        return redirect("mentorships:agreement", pk)
    sign_agreement(agreement=mentorship.agreement, participant=me)
    messages.success(request, _("You signed the agreement."))
    return redirect("mentorships:agreement", pk)
