"""The at-risk list of a programme: its relationships scoring below the threshold, lowest
first, read from the stored health (never computed on page load), and its CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from mentora.analytics.health import at_risk_threshold, reason_text
from mentora.analytics.models import RelationshipHealth
from mentora.core.spreadsheets import csv_download, safe_cell
from mentora.matching.services.runs import pairing_refusal
from mentora.mentorships.models import Concern, ConcernStatus, Participant, Stage
from mentora.programs.models import Programme


@dataclass
class AtRisk:
    """One relationship of the list, with what the coordinator can do about it."""

    mentorship_id: int
    score: int
    reasons: list[str]
    people: list[Participant]
    computed_at: datetime
    relationship_url: str
    # The oldest open concern, whose page the coordinator answers it on.
    concern_url: str

    @property
    def names(self) -> str:
        return ", ".join(str(p.membership.user) for p in self.people)


def health_rows(programme: Programme, *, below: int | None = None):  # -> QuerySet
    """The stored health of the programme's open relationships, lowest score first; with
    `below`, only those scoring under it."""
    rows = RelationshipHealth.objects.filter(mentorship__programme=programme).exclude(
        mentorship__stage=Stage.CLOSED
    )
    if below is not None:
        rows = rows.filter(score__lt=below)
    return rows.order_by("score", "mentorship_id")


def with_people(rows):  # (QuerySet[RelationshipHealth]) -> QuerySet[RelationshipHealth]
    """The rows with their relationship and its members still in it (`active_people`)."""
    return rows.select_related("mentorship").prefetch_related(
        Prefetch(
            "mentorship__participants",
            queryset=Participant.objects.active().select_related("membership__user"),
            to_attr="active_people",
        )
    )


def at_risk_relationships(programme: Programme, threshold: int) -> list[AtRisk]:
    """The programme's relationships at risk, lowest score first, reasons in words."""
    rows = with_people(health_rows(programme, below=threshold)).prefetch_related(
        Prefetch(
            "mentorship__concerns",
            queryset=Concern.objects.filter(status=ConcernStatus.OPEN).order_by("created_at"),
            to_attr="open_concern_list",
        ),
    )
    relationships = reverse("mentorships:programme", args=[programme.pk])
    return [
        AtRisk(
            mentorship_id=row.mentorship_id,
            score=row.score,
            reasons=[reason_text(reason) for reason in row.reasons],
            people=row.mentorship.active_people,
            computed_at=row.computed_at,
            relationship_url=f"{relationships}#relationship-{row.mentorship_id}",
            concern_url=(
                reverse("mentorships:concern_detail", args=[row.mentorship.open_concern_list[0].pk])
                if row.mentorship.open_concern_list
                else ""
            ),
        )
        for row in rows
    ]


def at_risk_context(programme: Programme) -> dict[str, Any]:
    """What `analytics/_at_risk_list.html` reads, wherever a page includes it."""
    threshold = at_risk_threshold(programme)
    return {
        "programme": programme,
        "threshold": threshold,
        "rows": at_risk_relationships(programme, threshold),
        "rematch_url": rematch_url(programme),
    }


def rematch_url(programme: Programme) -> str:
    """Where the coordinator pairs people again, while the programme can pair; else ""."""
    return "" if pairing_refusal(programme) else reverse("matching:home", args=[programme.pk])


def at_risk_csv(programme: Programme, rows: list[AtRisk]) -> HttpResponse:
    """The list as CSV, headed in the reader's language; cells never run as formulas."""
    stamp = timezone.localdate().isoformat()
    response, writer = csv_download(f"at-risk-programme-{programme.pk}-{stamp}.csv")
    writer.writerow(
        [
            gettext("Relationship"),
            gettext("Health score"),
            gettext("Members"),
            gettext("E-mail addresses"),
            gettext("Reasons"),
            gettext("Computed at"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.mentorship_id,
                row.score,
                safe_cell(row.names),
                safe_cell(", ".join(p.membership.user.email for p in row.people)),
                safe_cell(" ".join(row.reasons)),
                timezone.localtime(row.computed_at).isoformat(timespec="seconds"),
            ]
        )
    return response
