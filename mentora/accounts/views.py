from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts import audit, policy, services
from mentora.accounts.decorators import member_required
from mentora.accounts.forms import (
    AcceptInvitationForm,
    AuditFilterForm,
    InvitationForm,
    MemberSearchForm,
    OrganisationSettingsForm,
    ProfileForm,
    RoleForm,
)
from mentora.accounts.http import MemberRequest
from mentora.accounts.middleware import ORGANISATION_SESSION_KEY
from mentora.accounts.models import (
    Invitation,
    InvitationPurpose,
    Membership,
    Organisation,
    Role,
    User,
)


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
    # Whose access link is still waiting to be opened, among the people of this page.
    pending = Invitation.objects.pending().filter(
        organisation=request.organisation,
        purpose=InvitationPurpose.ACCESS,
        email__in=[member.user.email for member in page.object_list],
    )
    return render(
        request,
        template,
        {
            "page": page,
            "search": search,
            "roles": Role.choices,
            "total": page.paginator.count,
            "access_links_pending": set(pending.values_list("email", flat=True)),
        },
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
@require_POST
def send_member_access_link(request: MemberRequest, pk: int) -> HttpResponse:
    """E-mail one member who cannot sign in yet a link to choose a password."""
    membership = policy.get_membership_for_admin(request.membership, pk)
    sent = services.send_access_links(
        organisation=request.organisation, memberships=[membership], actor=request.user
    )
    if sent:
        messages.success(
            request, _("An access link was sent to %(email)s.") % {"email": membership.user.email}
        )
    else:
        messages.info(
            request,
            _("%(name)s can already sign in: no access link is needed.")
            % {"name": membership.user},
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
    """Join an organisation from an e-mailed link, creating the account when needed.

    The same page opens an access link: a member added by the HR import chooses a password.
    """
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if invitation is None:
        raise Http404
    is_access = invitation.purpose == InvitationPurpose.ACCESS
    if not invitation.is_usable or (is_access and not services.access_link_member(invitation)):
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
    if existing is not None and not existing.is_active:
        return render(
            request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
        )
    if is_access and existing is not None and existing.has_usable_password():
        # A password was chosen since (through "Forgot password"): the link is not needed.
        messages.info(request, _("Your account already has a password: sign in with it."))
        if request.user.is_authenticated:
            return redirect("home:home")
        return redirect("account_login")
    if existing is not None and existing.has_usable_password():
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
            request,
            "accounts/accept_invitation.html",
            {"invitation": invitation, "form": None, "is_access": is_access},
        )

    # A new account, or one the HR import made without a password: the link went to its
    # address, so whoever opens it chooses the password.
    initial = {"language": translation.get_language() or invitation.organisation.default_language}
    if existing is not None:
        initial.update(first_name=existing.first_name, last_name=existing.last_name)
        if existing.language:
            initial["language"] = existing.language
    form = AcceptInvitationForm(request.POST or None, invitation=invitation, initial=initial)
    if request.method == "POST" and form.is_valid():
        membership = services.accept_invitation(
            invitation=invitation,
            user=existing,
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
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "form": form, "is_access": is_access},
    )


@member_required
def audit_log(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_view_audit_log(request.membership))
    filters = AuditFilterForm(request.GET or None, organisation=request.organisation)
    entries = audit.filtered_entries(request.organisation, **filters.filters())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {
            "page": page,
            "lines": audit.describe_entries(page.object_list),
            "filters": filters,
            "export_query": query.urlencode(),
        },
    )


@member_required
def audit_log_export(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_view_audit_log(request.membership))
    filters = AuditFilterForm(request.GET or None, organisation=request.organisation)
    entries = audit.filtered_entries(request.organisation, **filters.filters())
    return audit.export_csv(entries.iterator(chunk_size=1000), file_name="audit-log.csv")


@member_required
def organisation_settings(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_manage_organisation(request.membership))
    # The form works on a copy: a refused change must not show in this page's header.
    current = Organisation.objects.prefetch_related("agreement_texts").get(
        pk=request.organisation.pk
    )
    form = OrganisationSettingsForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        logo = form.cleaned_data["logo"]
        services.update_organisation_settings(
            organisation=request.organisation,
            actor=request.user,
            name=form.cleaned_data["name"],
            default_language=form.cleaned_data["default_language"],
            email_sender_name=form.cleaned_data["email_sender_name"],
            logo=logo if "logo" in form.changed_data and logo else None,
            remove_logo=logo is False,
            agreement_texts=form.agreement_texts(),
        )
        messages.success(request, _("The organisation settings were saved."))
        return redirect("accounts:organisation_settings")
    return render(request, "accounts/organisation_settings.html", {"form": form})


@member_required
def organisation_logo(request: MemberRequest) -> FileResponse:
    """The logo of the organisation one works in, for the page header."""
    logo = request.organisation.logo
    if not logo:
        raise Http404
    try:
        handle = logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # Always a PNG: the settings form redraws every upload as one.
    response = FileResponse(handle, content_type="image/png")
    # The address changes with each new logo (see Organisation.logo_url).
    response["Cache-Control"] = "private, max-age=86400"
    return response
