"""The retrospective of a programme: its coordinators' lessons learned and the PDF report."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.analytics import policy, services
from mentora.analytics.forms import LessonsForm
from mentora.analytics.models import Retrospective
from mentora.analytics.retrospective import (
    lessons_open,
    render_report,
    report_available,
    report_file_name,
)
from mentora.programs.policy import can_manage_programme


@member_required
def retrospective(request: MemberRequest, pk: int) -> HttpResponse:
    """Write the lessons learned (from the programme's run on) and download the report."""
    programme = policy.get_programme_for_lessons(request.membership, pk)
    saved = Retrospective.objects.filter(programme=programme).first()
    form = LessonsForm(initial={"lessons": saved.lessons if saved else ""})
    if request.method == "POST":
        if not lessons_open(programme):
            messages.error(
                request, _("The lessons learned can be written once the programme is running.")
            )
            return redirect("analytics:retrospective", programme.pk)
        form = LessonsForm(request.POST)
        if form.is_valid():
            services.save_lessons_learned(
                programme=programme, actor=request.user, lessons=form.cleaned_data["lessons"]
            )
            messages.success(request, _("The lessons learned are saved."))
            return redirect("analytics:retrospective", programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "lessons_open": lessons_open(programme),
        "report_available": report_available(programme),
        "updated_at": saved.updated_at if saved else None,
    }
    return render(request, "analytics/retrospective.html", context)


@member_required
def retrospective_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The report as a PDF, in the reader's language; a sponsor's with anonymised figures."""
    programme, anonymised = policy.get_programme_report(request.membership, pk)
    if not report_available(programme):
        messages.info(request, _("The report can be downloaded once the programme is closing."))
        if can_manage_programme(request.membership, programme):
            return redirect("analytics:retrospective", programme.pk)
        return redirect(programme.get_absolute_url())
    pdf = render_report(request, programme, anonymised=anonymised)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_file_name(programme)}"'
    return response
