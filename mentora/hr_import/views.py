"""Pages of the HR import: upload, dry-run report, apply, result (org admins only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mentora.accounts import policy
from mentora.accounts import services as account_services
from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Invitation, InvitationPurpose, Membership, MembershipQuerySet
from mentora.hr_import import services
from mentora.hr_import.models import HrImport, HrImportRowAction, HrImportStatus
from mentora.hr_import.parse import (
    COLUMNS,
    FRENCH_COLUMNS,
    MAX_FILE_BYTES,
    REQUIRED_COLUMNS,
    HrFileError,
    column_label,
    describe_file_error,
    describe_row_error,
    template_csv,
)

ROWS_PER_PAGE = 50
DEPARTURES_PER_PAGE = 50


class HrImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file exported from your HR system"),
        help_text=gettext_lazy(
            "UTF-8, with a header row; commas or semicolons; dates as YYYY-MM-DD or DD/MM/YYYY."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    absent_have_left = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "This file lists everyone still employed: people missing from it have left"
        ),
        help_text=gettext_lazy(
            "Members with an employee ID who are not in the file will be marked as left today "
            "(kept, never deleted). People without an employee ID and organisation admins are "
            "never marked as left by an import. The dry run lists everyone concerned first."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. Split it into several files.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


def _get_import(request: MemberRequest, pk: int) -> HrImport:
    """An import of the admin's own organisation; 404 for anyone else's."""
    policy.require(policy.can_manage_members(request.membership))
    hr_import = (
        HrImport.objects.defer("source")
        .select_related("created_by", "applied_by")
        .filter(pk=pk, organisation=request.organisation)
        .first()
    )
    if hr_import is None:
        raise Http404
    return hr_import


@member_required
def import_list(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_manage_members(request.membership))
    form = HrImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            hr_import = services.create_hr_import(
                organisation=request.organisation,
                actor=request.user,
                file_name=upload.name,
                content=upload.read(),
                absent_have_left=form.cleaned_data["absent_have_left"],
            )
        except HrFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("hr_import:detail", hr_import.pk)
    imports = (
        HrImport.objects.filter(organisation=request.organisation)
        .defer("source")
        .select_related("created_by")[:50]
    )
    columns = [
        {
            "name": name,
            "french": french,
            "label": column_label(name),
            "required": name in REQUIRED_COLUMNS,
        }
        for name, french in zip(COLUMNS, FRENCH_COLUMNS, strict=True)
    ]
    return render(
        request,
        "hr_import/import_list.html",
        {"form": form, "imports": imports, "columns": columns},
    )


@member_required
def import_template(request: MemberRequest) -> HttpResponse:
    policy.require(policy.can_manage_members(request.membership))
    # The BOM makes Excel open the file as UTF-8.
    response = HttpResponse("\ufeff" + template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mentora-hr-import.csv"'
    return response


FILTERS = [
    ("", gettext_lazy("All rows"), "total"),
    (HrImportRowAction.REJECT, gettext_lazy("Rejected"), "reject"),
    (HrImportRowAction.CREATE, gettext_lazy("To create"), "create"),
    (HrImportRowAction.UPDATE, gettext_lazy("To update"), "update"),
    (HrImportRowAction.UNCHANGED, gettext_lazy("Unchanged"), "unchanged"),
]


@member_required
def import_detail(request: MemberRequest, pk: int) -> HttpResponse:
    hr_import = _get_import(request, pk)
    if request.htmx and request.GET.get("poll"):
        if hr_import.is_busy:
            return render(request, "hr_import/_import_progress.html", {"hr_import": hr_import})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    show = request.GET.get("show", "")
    if show not in {value for value, _label, _key in FILTERS}:
        show = ""
    rows = hr_import.rows.all()
    if show:
        rows = rows.filter(action=show)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    filters = [
        {
            "value": value,
            "label": label,
            "count": hr_import.count(key),
            "active": value == show,
        }
        for value, label, key in FILTERS
    ]
    context = {
        "hr_import": hr_import,
        "page": page,
        "report": [_present_row(row) for row in page.object_list],
        "filters": filters,
        "show": show,
        "file_error": describe_file_error(hr_import.file_error) if hr_import.file_error else "",
        "departures": Paginator(hr_import.departures.all(), DEPARTURES_PER_PAGE).get_page(
            request.GET.get("departures")
        ),
        "access": _access_counts(hr_import),
        "can_apply": hr_import.status == HrImportStatus.DRY_RUN
        and (
            hr_import.count("create")
            or hr_import.count("update")
            or hr_import.count("absent_leaving")
        ),
    }
    return render(request, "hr_import/import_detail.html", context)


def _without_access(hr_import: HrImport) -> MembershipQuerySet:
    """The people of an applied file who cannot sign in yet (no password)."""
    emails = hr_import.rows.exclude(action=HrImportRowAction.REJECT).values("email")
    return (
        Membership.objects.active()
        .of(hr_import.organisation)
        .without_access()
        .filter(user__email__in=emails)
    )


def _access_counts(hr_import: HrImport) -> dict[str, int]:
    """How many people of the applied file cannot sign in, and how many have a link waiting."""
    if hr_import.status != HrImportStatus.APPLIED:
        return {}
    people = _without_access(hr_import)
    waiting = Invitation.objects.pending().filter(
        organisation=hr_import.organisation,
        purpose=InvitationPurpose.ACCESS,
        email__in=people.values("user__email"),
    )
    return {"without_access": people.count(), "waiting": waiting.count()}


@member_required
@require_POST
def send_access_links(request: MemberRequest, pk: int) -> HttpResponse:
    """E-mail an access link to the people of the file who cannot sign in yet."""
    hr_import = _get_import(request, pk)
    if hr_import.status != HrImportStatus.APPLIED:
        messages.info(request, _("Apply the import before sending access links."))
        return redirect("hr_import:detail", hr_import.pk)
    sent = account_services.send_access_links(
        organisation=hr_import.organisation,
        memberships=_without_access(hr_import),
        actor=request.user,
        skip_pending=True,
    )
    if sent:
        messages.success(
            request,
            ngettext(
                "An access link was sent to %(count)s person.",
                "An access link was sent to %(count)s people.",
                len(sent),
            )
            % {"count": len(sent)},
        )
    else:
        messages.info(
            request, _("Everyone in this file can sign in or has an access link waiting.")
        )
    return redirect("hr_import:detail", hr_import.pk)


def _present_row(row: Any) -> dict[str, Any]:
    return {
        "row": row,
        "changes": [
            {"label": column_label(name), "old": old, "new": new} for name, old, new in row.changes
        ],
        "errors": [describe_row_error(code, params) for code, params in row.errors],
    }


@member_required
@require_POST
def import_apply(request: MemberRequest, pk: int) -> HttpResponse:
    hr_import = _get_import(request, pk)
    outcome = services.request_apply(
        hr_import=hr_import,
        actor=request.user,
        skip_rejected=request.POST.get("skip_rejected") == "on",
        confirm_departures=request.POST.get("confirm_departures") == "on",
    )
    if outcome == "applied":
        messages.success(request, _("The import was applied."))
    elif outcome == "queued":
        messages.info(request, _("The import is being applied; this page updates by itself."))
    elif outcome == "refused":
        messages.error(
            request,
            _(
                "Some rows are rejected. Fix the file and upload it again, or tick “Skip the "
                "rejected rows” to apply the others."
            ),
        )
    elif outcome == "confirm_departures":
        leaving = hr_import.count("absent_leaving")
        messages.error(
            request,
            ngettext(
                "Nothing was changed: this import would mark %(count)s of the %(roster)s people "
                "with an employee ID as left (%(share)s %%). If the file really lists everyone "
                "still employed, tick “I confirm that the people missing from the file have "
                "left” and apply again.",
                "Nothing was changed: this import would mark %(count)s of the %(roster)s people "
                "with an employee ID as left (%(share)s %%). If the file really lists everyone "
                "still employed, tick “I confirm that the people missing from the file have "
                "left” and apply again.",
                leaving,
            )
            % {
                "count": leaving,
                "roster": hr_import.count("roster"),
                "share": hr_import.departure_share,
            },
        )
    elif outcome == "replanned":
        messages.warning(
            request,
            _(
                "The organisation changed since this dry run, so nothing was applied. The report "
                "below is up to date: check it and apply again."
            ),
        )
    elif outcome == "failed":
        messages.error(request, describe_file_error({"code": "apply_failed"}))
    else:
        messages.info(request, _("This import cannot be applied any more."))
    return redirect("hr_import:detail", hr_import.pk)
