from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts import policy, services
from mentora.accounts.decorators import member_required
from mentora.accounts.forms import (
    AcceptInvitationForm,
    InvitationForm,
    MemberSearchForm,
    ProfileForm,
    RoleForm,
)
from mentora.accounts.http import MemberRequest
from mentora.accounts.middleware import ORGANISATION_SESSION_KEY
from mentora.accounts.models import Invitation, Membership, Role, User


@login_required
def profile(request: MemberRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.update_profile(user=request.user, **form.cleaned_data)
        if user.language:
            translation.activate(user.language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        _remember_language_cookie(response, user.language)
        return response
    memberships = request.user.memberships.active().select_related(
        "organisation", "department", "site", "manager__user"
    )
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships})


@require_POST
def set_language(request: MemberRequest) -> HttpResponse:
    """Switch the interface language; signed-in users keep it for their next visit."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = redirect(next_url)
    if translation.check_for_language(language) and language in {"en", "fr"}:
        if request.user.is_authenticated:
            services.set_language(user=request.user, language=language)
        _remember_language_cookie(response, language)
    return response


def _remember_language_cookie(response: HttpResponse, language: str) -> None:
    from django.conf import settings

    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
        )


@login_required
@require_POST
def switch_organisation(request: MemberRequest) -> HttpResponse:
    organisation_id = request.POST.get("organisation", "")
    membership = (
        Membership.objects.active()
        .filter(
            user=request.user, organisation_id=organisation_id if organisation_id.isdigit() else 0
        )
        .first()
    )
    if membership is None:
        raise Http404
    request.session[ORGANISATION_SESSION_KEY] = membership.organisation_id
    messages.success(
        request, _("You are now working in %(name)s.") % {"name": membership.organisation}
    )
    return redirect("home:home")


@member_required
def member_list(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_manage_members(request.membership))
    search = MemberSearchForm(request.GET or None)
    members = (
        Membership.objects.active()
        .of(request.organisation)
        .select_related("user", "department", "site")
        .order_by("user__last_name", "user__first_name")
    )
    if search.is_valid():
        query = search.cleaned_data["q"].strip()
        if query:
            members = members.filter(
                Q(user__first_name__icontains=query)
                | Q(user__last_name__icontains=query)
                | Q(user__email__icontains=query)
                | Q(job_title__icontains=query)
                | Q(department__name__icontains=query)
            )
        if search.cleaned_data["role"]:
            members = members.filter(role=search.cleaned_data["role"])
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    template = "accounts/_member_rows.html" if request.htmx else "accounts/member_list.html"
    return render(
        request,
        template,
        {"page": page, "search": search, "roles": Role.choices, "total": page.paginator.count},
    )


@member_required
@require_POST
def change_member_role(request: MemberRequest, pk: int) -> HttpResponse:
    membership = policy.get_membership_for_admin(request.membership, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
    else:
        try:
            services.change_role(
                membership=membership, role=form.cleaned_data["role"], actor=request.user
            )
        except ValueError:
            messages.error(request, _("The organisation must keep at least one admin."))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": membership.user, "role": membership.get_role_display()},
            )
    return redirect("accounts:members")


@member_required
def invitation_list(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_manage_members(request.membership))
    form = InvitationForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite_member(
            organisation=request.organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("accounts:invitations")
    invitations = Invitation.objects.filter(organisation=request.organisation).select_related(
        "invited_by"
    )[:200]
    return render(
        request, "accounts/invitation_list.html", {"form": form, "invitations": invitations}
    )


@member_required
@require_POST
def revoke_invitation(request: MemberRequest, pk: int) -> HttpResponse:
    invitation = policy.get_invitation_for_admin(request.membership, pk)
    services.revoke_invitation(invitation=invitation, actor=request.user)
    messages.success(
        request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
    )
    return redirect("accounts:invitations")


def accept_invitation(request: MemberRequest, token: str) -> HttpResponse:
    """Join an organisation from an e-mailed link, creating the account when needed."""
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if invitation is None:
        raise Http404
    if not invitation.is_usable:
        return render(
            request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
        )
    if request.user.is_authenticated and request.user.email != invitation.email:
        return render(
            request,
            "accounts/invitation_unusable.html",
            {"invitation": invitation, "wrong_user": True},
            status=403,
        )
    existing = User.objects.filter(email=invitation.email).first()
    if existing is not None:
        if not request.user.is_authenticated:
            messages.info(
                request,
                _("Sign in with %(email)s to accept the invitation.") % {"email": invitation.email},
            )
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if request.method == "POST":
            membership = services.accept_invitation(invitation=invitation, user=existing)
            request.session[ORGANISATION_SESSION_KEY] = membership.organisation_id
            messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.organisation})
            return redirect("home:home")
        return render(
            request, "accounts/accept_invitation.html", {"invitation": invitation, "form": None}
        )

    form = AcceptInvitationForm(
        request.POST or None,
        invitation=invitation,
        initial={
            "language": translation.get_language() or invitation.organisation.default_language
        },
    )
    if request.method == "POST" and form.is_valid():
        membership = services.accept_invitation(
            invitation=invitation,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
            language=form.cleaned_data["language"],
        )
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[ORGANISATION_SESSION_KEY] = membership.organisation_id
        translation.activate(membership.user.language)
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.organisation})
        response = redirect("home:home")
        _remember_language_cookie(response, membership.user.language)
        return response
    return render(
        request, "accounts/accept_invitation.html", {"invitation": invitation, "form": form}
    )


@member_required
def audit_log(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_view_audit_log(request.membership))
    entries = request.organisation.audit_entries.select_related("actor")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page})
