"""The audit log as people read it: each action in words, filters, and its CSV export."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import AuditEntry, Organisation, User
from mentora.core.spreadsheets import csv_download, safe_cell

# What each action code recorded by `record_audit` says, after the name of who did it.
# Every code used anywhere in mentora/ has its sentence here (a test walks the sources);
# a code missing from the list still reads as its words (see `describe_action`).
ACTION_SENTENCES: dict[str, Promise] = {
    # accounts
    "invitation.create": _("invited %(target)s"),
    "invitation.revoke": _("revoked the invitation sent to %(target)s"),
    "membership.role": _("changed the role of %(target)s"),
    "access_link.send": _("sent an access link to %(target)s"),
    "organisation.settings": _("changed the settings of the organisation %(target)s"),
    # hr_import
    "hr_import.apply": _("applied the HR import %(target)s"),
    # profiles
    "skill.propose": _("proposed the skill %(target)s"),
    "skill.create": _("added the skill %(target)s"),
    "skill.update": _("edited the skill %(target)s"),
    "skill.accept": _("accepted the proposed skill %(target)s"),
    "skill.merge": _("merged a skill into %(target)s"),
    "skill.delete": _("removed the skill %(target)s"),
    # learning
    "resource.create": _("added the resource %(target)s to the library"),
    "resource.update": _("edited the resource %(target)s"),
    "resource.delete": _("removed the resource %(target)s"),
    "module.create": _("created the training module %(target)s"),
    "module.update": _("edited the training module %(target)s"),
    "module.delete": _("removed the training module %(target)s"),
    "module.publish": _("published the training module %(target)s"),
    "module.unpublish": _("unpublished the training module %(target)s"),
    "module.step": _("saved the training step %(target)s"),
    "module.step_delete": _("removed the training step %(target)s"),
    # programs
    "programme.create": _("created the programme %(target)s"),
    "programme.update": _("edited the programme %(target)s"),
    "programme.status": _("changed the status of the programme %(target)s"),
    "objective.save": _("saved the objective %(target)s"),
    "objective.delete": _("removed the objective %(target)s"),
    # enrolment
    "applications.decide": _("decided on applications to the programme %(target)s"),
    "programme.invite": _("invited people to apply to the programme %(target)s"),
    "question.save": _("saved the application question %(target)s"),
    "question.delete": _("removed the application question %(target)s"),
    # matching
    "matching.settings": _("changed the matching settings of %(target)s"),
    "matching.publish": _("published the matching run %(target)s"),
    "matching.lock": _("locked the proposed pair %(target)s"),
    "matching.unlock": _("unlocked the proposed pair %(target)s"),
    "matching.forbid": _("forbade the pair %(target)s"),
    "matching.rule_delete": _("lifted the pair rule %(target)s"),
    "matching.assign": _("paired people by hand (%(target)s)"),
    "matching.swap": _("swapped two mentors in the matching run %(target)s"),
    "matching.decline": _("declined the proposed pair %(target)s"),
    "pairing.propose": _("proposed to pair up in a programme's directory (%(target)s)"),
    "pairing.accept": _("accepted a proposal to pair up (%(target)s)"),
    "pairing.decline": _("declined a proposal to pair up (%(target)s)"),
    "pairing.withdraw": _("withdrew a proposal to pair up (%(target)s)"),
    # mentorships
    "mentorship.create": _("created the relationship %(target)s"),
    "mentorship.add_mentees": _("added mentees to the relationship %(target)s"),
    "agreement_template.save": _("saved the agreement template of the programme %(target)s"),
    "concern.resolve": _("resolved a concern (%(target)s)"),
    # feedback
    "feedback.settings": _("changed the pulse settings of the programme %(target)s"),
    "feedback.survey_copy": _("added a survey to the programme %(target)s"),
    "feedback.survey_open": _("opened a survey of the programme %(target)s"),
    "feedback.survey_schedule": _("scheduled a survey of the programme %(target)s"),
    "feedback.survey_unschedule": _(
        "put a scheduled survey of the programme %(target)s back to draft"
    ),
    # Recorded without a person: the task worker opens a scheduled survey on its day.
    "feedback.survey_open_on_day": _(
        "a scheduled survey of the programme %(target)s opened on its day"
    ),
    # analytics
    "analytics.threshold": _("changed the at-risk threshold of the programme %(target)s"),
    "analytics.lessons": _("wrote the lessons learned of the programme %(target)s"),
}


def describe_action(action: str, target: str) -> str:
    """The action in words, in the active language; an unknown code reads as its words."""
    sentence = ACTION_SENTENCES.get(action)
    if sentence is None:
        words = action.replace(".", " · ").replace("_", " ")
        return f"{words}: {target}" if target else words
    return str(sentence) % {"target": target}


def action_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """Every action one may filter on: the known ones and any other the log holds."""
    codes = set(ACTION_SENTENCES) | set(
        organisation.audit_entries.order_by().values_list("action", flat=True).distinct()
    )
    choices = [(code, describe_action(code, "…")) for code in codes]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def audit_actors(organisation: Organisation) -> QuerySet[User]:
    """The people who appear in the organisation's log."""
    return User.objects.filter(
        pk__in=organisation.audit_entries.exclude(actor=None).values("actor")
    ).order_by("last_name", "first_name", "email")


def filtered_entries(
    organisation: Organisation,
    *,
    person: User | None = None,
    action: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """The organisation's log, newest first; dates are whole days in the server's time zone."""
    entries = organisation.audit_entries.select_related("actor").order_by("-created_at", "-pk")
    if person is not None:
        entries = entries.filter(actor=person)
    if action:
        entries = entries.filter(action=action)
    if since is not None:
        entries = entries.filter(created_at__date__gte=since)
    if until is not None:
        entries = entries.filter(created_at__date__lte=until)
    return entries


def export_csv(entries: Iterable[AuditEntry], file_name: str) -> HttpResponse:
    """The entries as CSV, headed in the active language, times in ISO 8601."""
    response, writer = csv_download(file_name)
    writer.writerow(
        [
            gettext("When"),
            gettext("Who"),
            gettext("E-mail"),
            gettext("Action"),
            gettext("Action code"),
            gettext("On"),
            gettext("Details"),
        ]
    )
    for entry in entries:
        actor = entry.actor
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                    actor_name(entry),
                    actor.email if actor else "",
                    describe_action(entry.action, entry.target),
                    entry.action,
                    entry.target,
                    json.dumps(entry.details, ensure_ascii=False, sort_keys=True)
                    if entry.details
                    else "",
                )
            ]
        )
    return response


def actor_name(entry: AuditEntry) -> str:
    """Who did it: the person, Mentora itself for what the task worker does on its own
    (`record_audit(actor=None, automatic=True)`), else an account deleted since."""
    if entry.actor is not None:
        return str(entry.actor)
    if entry.details.get("automatic"):
        return gettext("Mentora (automatic)")
    return gettext("a deleted account")


def describe_entries(entries: Iterable[AuditEntry]) -> list[dict[str, Any]]:
    """The entries of one page, each with its sentence."""
    return [
        {
            "entry": entry,
            "who": actor_name(entry),
            "sentence": describe_action(entry.action, entry.target),
        }
        for entry in entries
    ]
