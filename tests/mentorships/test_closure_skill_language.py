"""The closure summary's draft lists the skills worked on in the reader's language."""

from __future__ import annotations

from django.utils import translation

from mentora.mentorships.selectors import skills_worked_on
from tests.factories import make_pair, make_profile, make_profile_skill, make_skill


def test_the_skills_worked_on_read_in_the_readers_language(programme):
    mentorship, mentor, mentee = make_pair(programme)
    negotiation = make_skill(
        programme.organisation, name="Négociation", name_translations={"en": "Negotiation"}
    )
    make_profile_skill(make_profile(mentee), negotiation, direction="sought")
    make_profile_skill(make_profile(mentor), negotiation, direction="offered")
    with translation.override("en"):
        assert skills_worked_on(mentorship) == ["Negotiation"]
    with translation.override("fr"):
        assert skills_worked_on(mentorship) == ["Négociation"]
