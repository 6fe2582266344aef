"""A programme's dashboard page and its CSV and XLSX exports (MEASURE.md)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.analytics import policy
from mentora.analytics.at_risk import at_risk_context
from mentora.analytics.dashboard_exports import dashboard_csv, dashboard_xlsx
from mentora.analytics.dashboard_page import (
    DashboardPage,
    build_dashboard_page,
    filter_choices,
    filters_description,
)


def _page(request: MemberRequest, pk: int) -> DashboardPage:
    programme, anonymised = policy.get_programme_dashboard(request.membership, pk)
    return build_dashboard_page(programme, anonymised=anonymised, params=request.GET)


@member_required
def programme_dashboard(request: MemberRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    context = {
        "programme": page.programme,
        "page": page,
        "filters_text": filters_description(page.filters),
        "query": request.GET.urlencode(),
        **filter_choices(page.programme),
    }
    # The at-risk list names people: sponsors read aggregates only.
    if not page.anonymised:
        context["at_risk"] = at_risk_context(page.programme)
    return render(request, "analytics/dashboard.html", context)


@member_required
def programme_dashboard_csv(request: MemberRequest, pk: int) -> HttpResponse:
    return dashboard_csv(_page(request, pk))


@member_required
def programme_dashboard_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    return dashboard_xlsx(_page(request, pk))
