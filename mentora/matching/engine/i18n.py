"""Message templates for explanations, marked for translation extraction."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark a string for extraction by makemessages without translating it here."""
    return message


# Keys are stable identifiers stored with each run; the Django side translates the
# templates and interpolates the parameters.
MESSAGES: dict[str, str] = {
    "skill_fit": gettext_noop("offers %(skill)s at level %(offered)d, sought at level %(sought)d"),
    # Translators: %(words)s lists up to three words of the participants' own goals, as
    # they wrote them (not translated), e.g. "management, négociation".
    "shared_goals": gettext_noop("shared goals: %(words)s"),
    "shared_language": gettext_noop("both speak %(language)s"),
    "other_department": gettext_noop("other department"),
    "same_department": gettext_noop("same department"),
    "more_senior": gettext_noop("%(levels)d levels more senior"),
    "more_junior": gettext_noop("%(levels)d levels more junior"),
    "similar_seniority": gettext_noop("similar seniority"),
    "shared_availability": gettext_noop("%(slots)d shared time slots a week"),
    "same_time_zone": gettext_noop("same time zone"),
    "time_zone_gap": gettext_noop("time zones %(hours)s hours apart"),
    "preferred_by_mentee": gettext_noop("chosen by the mentee"),
    "preferred_by_mentor": gettext_noop("chosen by the mentor"),
    "locked": gettext_noop("locked by the coordinator"),
    "no_candidate": gettext_noop("no mentor passes the hard rules"),
    "capacity_exhausted": gettext_noop("all compatible mentors are full"),
    "below_min_score": gettext_noop("every compatible mentor scores below the minimum score"),
    "no_mentee_candidate": gettext_noop("no mentee passes the hard rules"),
    "not_needed": gettext_noop("the mentees were better served by other mentors"),
    "odd_one_out": gettext_noop("no remaining peer could be paired"),
}


def render(key: str, params: dict[str, object]) -> str:
    """Render a reason in English (for logs and the command line)."""
    return MESSAGES[key] % params
