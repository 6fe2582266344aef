"""Starting texts: the default agreement draft and goal templates per programme kind.

They are translated in the language of the person who creates the relationship or goal,
and saved as ordinary text the members can then edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentora.programs.models import Kind, Programme

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def default_agreement(programme: Programme, language: str | None = None) -> dict[str, str]:
    """The agreement draft used when the programme has no template of its own, in the given
    language (else the active one): Mentora's wording, overlaid with the sections the
    organisation wrote for that language."""
    with translation.override(language or translation.get_language()):
        content = _mentora_agreement(programme)
        content.update(programme.organisation.default_agreement_texts(translation.get_language()))
    return content


def _mentora_agreement(programme: Programme) -> dict[str, str]:
    duration = ""
    if programme.starts_on and programme.ends_on:
        months = max(1, round((programme.ends_on - programme.starts_on).days / 30.4))
        duration = _("%(months)s months, until the end of the programme.") % {"months": months}
    return {
        "expectations_mentor": _(
            "Listen more than I talk, share my experience without imposing it, ask open "
            "questions and give honest, caring feedback. Prepare each meeting and be on time."
        ),
        "expectations_mentee": _(
            "Own my goals and drive the relationship: propose the agenda, come prepared, "
            "try what we discuss between meetings and say what works and what does not."
        ),
        "boundaries": _(
            "We do not discuss performance reviews, pay or other colleagues' situations. "
            "Either of us may decline a topic. We reply to messages within two working days."
        ),
        "meeting_frequency": _("%(cadence)s, %(minutes)s minutes")
        % {
            "cadence": programme.get_cadence_display(),
            "minutes": programme.session_minutes,
        },
        "meeting_channel": _("In person when we are on the same site, otherwise by video call."),
        "confidentiality": _(
            "What we say stays between us. Neither of us repeats it to managers or colleagues "
            "without the other's consent, unless someone's safety is at risk. The programme "
            "coordinators only see that our meetings take place, never their content."
        ),
        "duration": duration,
    }


# Goal templates per programme kind: title, measure, target (all editable once chosen).
GOAL_TEMPLATES: dict[str, list[tuple[StrOrPromise, StrOrPromise, StrOrPromise]]] = {
    Kind.TRADITIONAL: [
        (
            gettext_lazy("Prepare my next career step"),
            gettext_lazy("A written development plan reviewed with my manager"),
            gettext_lazy("Plan agreed before the end of the programme"),
        ),
        (
            gettext_lazy("Speak with more impact in meetings"),
            gettext_lazy("Presentations given to a senior audience"),
            gettext_lazy("Two presentations, with feedback collected"),
        ),
        (
            gettext_lazy("Widen my network across the organisation"),
            gettext_lazy("People met in other departments"),
            gettext_lazy("Five new contacts met one-to-one"),
        ),
    ],
    Kind.REVERSE: [
        (
            gettext_lazy("Use a collaborative workspace every day"),
            gettext_lazy("Share of my team exchanges held in the shared workspace"),
            gettext_lazy("Most team exchanges, within two months"),
        ),
        (
            gettext_lazy("Use generative AI safely in my work"),
            gettext_lazy("Real tasks done with an AI assistant, following company rules"),
            gettext_lazy("Three recurring tasks"),
        ),
        (
            gettext_lazy("Build a professional presence on social networks"),
            gettext_lazy("Posts published on a professional network"),
            gettext_lazy("One post a month"),
        ),
    ],
    Kind.PEER: [
        (
            gettext_lazy("Handle a difficult conversation with confidence"),
            gettext_lazy("Conversations prepared with my peer and debriefed after"),
            gettext_lazy("Two conversations"),
        ),
        (
            gettext_lazy("Delegate more"),
            gettext_lazy("Tasks handed over to my team with clear ownership"),
            gettext_lazy("Three recurring tasks delegated"),
        ),
    ],
    Kind.GROUP: [
        (
            gettext_lazy("Negotiate with confidence"),
            gettext_lazy("Negotiations prepared in the circle and debriefed"),
            gettext_lazy("One real negotiation"),
        ),
        (
            gettext_lazy("Speak up in large meetings"),
            gettext_lazy("Contributions I made in meetings of more than ten people"),
            gettext_lazy("One contribution per meeting"),
        ),
    ],
    Kind.INTER_COMPANY: [
        (
            gettext_lazy("Learn how another organisation works"),
            gettext_lazy("Practices observed in the partner organisation"),
            gettext_lazy("Three practices I can adapt at home"),
        ),
        (
            gettext_lazy("Bring back one improvement"),
            gettext_lazy("An improvement proposed to my team"),
            gettext_lazy("One proposal presented"),
        ),
    ],
}


def goal_templates(kind: str) -> list[dict[str, str]]:
    return [
        {"key": str(n), "title": str(title), "measure": str(measure), "target": str(target)}
        for n, (title, measure, target) in enumerate(GOAL_TEMPLATES.get(kind, []))
    ]
