"""The at-risk list of a programme's relationships, its threshold and its CSV export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.analytics import policy, services
from mentora.analytics.at_risk import at_risk_context, at_risk_csv, at_risk_relationships
from mentora.analytics.forms import ThresholdForm
from mentora.analytics.health import at_risk_threshold
from mentora.programs.models import Programme


def _context(programme: Programme, form: ThresholdForm | None = None) -> dict[str, Any]:
    context = at_risk_context(programme)
    initial = {"at_risk_below": context["threshold"]}
    return {**context, "form": form or ThresholdForm(initial=initial)}


@member_required
def at_risk(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_for_health(request.membership, pk)
    template = "analytics/_at_risk_list.html" if request.htmx else "analytics/at_risk.html"
    return render(request, template, _context(programme))


@member_required
@require_POST
def at_risk_threshold_save(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_for_health(request.membership, pk)
    form = ThresholdForm(request.POST)
    if not form.is_valid():
        return render(request, "analytics/at_risk.html", _context(programme, form))
    services.set_at_risk_threshold(
        programme=programme, actor=request.user, at_risk_below=form.cleaned_data["at_risk_below"]
    )
    messages.success(request, _("The at-risk threshold is saved."))
    return redirect("analytics:at_risk", programme.pk)


@member_required
def at_risk_export(request: MemberRequest, pk: int) -> HttpResponse:
    programme = policy.get_programme_for_health(request.membership, pk)
    return at_risk_csv(programme, at_risk_relationships(programme, at_risk_threshold(programme)))
