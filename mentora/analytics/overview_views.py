"""The organisation overview page, for org admins."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.analytics import policy
from mentora.analytics.overview import Participation, organisation_overview
from mentora.core.charts import Chart, Series, bar_chart
from mentora.programs.models import Status


def participation_chart(title: str, label_header: str, groups: list[Participation]) -> Chart:
    """Each group's shares as bars; the table adds the counts they are shares of."""
    labels = [group.name or _("Not recorded") for group in groups]
    return bar_chart(
        title,
        labels,
        [
            Series(
                _("Approved application"),
                [group.approved_share for group in groups],
                unit="percent",
                decimals=1,
            ),
            Series(
                _("In a relationship"),
                [group.in_relationship_share for group in groups],
                unit="percent",
                decimals=1,
            ),
        ],
        table_only=[
            Series(_("Members"), [group.members for group in groups]),
            Series(_("With an approved application"), [group.approved for group in groups]),
            Series(_("In a relationship (people)"), [group.in_relationship for group in groups]),
        ],
        label_header=label_header,
        x_title=label_header,
        y_title=_("Share of members"),
    )


@member_required
def overview(request: MemberRequest) -> HttpResponse:
    organisation = policy.get_organisation_for_overview(request.membership)
    figures = organisation_overview(organisation)
    context: dict[str, Any] = {
        "overview": figures,
        "organisation": organisation,
        "status_labels": dict(Status.choices),
        "department_chart": participation_chart(
            _("Participation by department"), _("Department"), figures.departments
        )
        if figures.departments
        else None,
        "site_chart": participation_chart(_("Participation by site"), _("Site"), figures.sites)
        if figures.sites
        else None,
    }
    return render(request, "analytics/overview.html", context)
