"""Expected answers of the profile and skills-taxonomy routes, per role.

Everyone edits their own profile in their own organisation; a profile is read by its
owner, coordinators and org admins only (never sponsors or other members); the taxonomy
is curated by coordinators and org admins.
"""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only

CURATORS = ("coordinator", "other_coordinator", "org_admin")
OWN_PAGES = (
    "profiles:mine",
    "profiles:edit_work",
    "profiles:edit_about",
    "profiles:edit_languages",
    "profiles:edit_availability",
    "profiles:skills",
)


def _member_link(world):
    return [world.extra["member_skill_link"].pk]


ROUTES = [
    *(Route(name, expect=everyone(200, anonymous=302)) for name in OWN_PAGES),
    Route(
        "profiles:manager_search",
        data=lambda w: {"q": "Person"},
        expect=everyone(200, anonymous=302),
    ),
    # The outsider may not pick a skill of Acme: the form answers with an error (200).
    Route(
        "profiles:skill_add",
        args=lambda w: ["offered"],
        method="post",
        data=lambda w: {"offered-skill": str(w.extra["unused_skill"].pk), "offered-level": "3"},
        expect=everyone(302, outsider=200),
    ),
    Route(
        "profiles:skill_propose",
        method="post",
        data=lambda w: {
            "proposal-name": "Calligraphy",
            "proposal-direction": "offered",
            "proposal-level": "2",
        },
        expect=everyone(302),
    ),
    Route(
        "profiles:skill_update",
        args=_member_link,
        method="post",
        data=lambda w: {"level": "4"},
        expect=everyone(404, member=302, anonymous=302),
    ),
    Route(
        "profiles:skill_remove",
        args=_member_link,
        method="post",
        expect=everyone(404, member=302, anonymous=302),
    ),
    # The member reading their own profile through its id is sent to "My profile".
    Route(
        "profiles:member",
        args=lambda w: [w.people["member"].pk],
        expect=only(200, *CURATORS, member=302, outsider=404),
    ),
    Route(
        "profiles:member",
        label="coordinator",
        args=lambda w: [w.people["coordinator"].pk],
        expect=only(200, "other_coordinator", "org_admin", coordinator=302, outsider=404),
    ),
    # The people pickers' suggestions: each source is the rule of the page that offers it.
    # Colleagues: anyone, each in their own organisation (the outsider finds Globex people).
    Route(
        "profiles:people_search",
        data=lambda w: {"source": "colleagues", "q": "Person"},
        expect=everyone(200, anonymous=302),
    ),
    Route(
        "profiles:people_search",
        label="invitees",
        data=lambda w: {"source": "enrolment.invitees", "for": w.programme.pk, "q": "Person"},
        expect=only(200, "coordinator", "org_admin", outsider=404),
    ),
    Route(
        "profiles:people_search",
        label="members to pair",
        data=lambda w: {"source": "mentorships.members", "for": w.programme.pk, "q": "Person"},
        expect=only(200, "coordinator", "org_admin", outsider=404),
    ),
    # A new programme's coordinators: whoever may create one, in their own organisation.
    Route(
        "profiles:people_search",
        label="coordinators",
        data=lambda w: {"source": "programs.coordinators", "q": "Person"},
        expect=only(200, *CURATORS, "outsider"),
    ),
    Route(
        "profiles:people_search",
        label="sponsors of a programme",
        data=lambda w: {"source": "programs.sponsors", "for": w.programme.pk, "q": "Person"},
        expect=only(200, "coordinator", "org_admin", outsider=404),
    ),
    Route(
        "profiles:people_search",
        label="unknown source",
        data=lambda w: {"source": "everyone", "q": "Person"},
        expect=everyone(404, anonymous=302),
    ),
    # The outsider curates their own organisation's taxonomy, not Acme's.
    Route("profiles:taxonomy", expect=only(200, *CURATORS, "outsider")),
    Route("profiles:taxonomy_create", expect=only(200, *CURATORS, "outsider")),
    Route(
        "profiles:taxonomy_edit",
        args=lambda w: [w.extra["skill"].pk],
        expect=only(200, *CURATORS, outsider=404),
    ),
    Route(
        "profiles:taxonomy_merge",
        args=lambda w: [w.extra["skill"].pk],
        expect=only(200, *CURATORS, outsider=404),
    ),
    Route(
        "profiles:taxonomy_accept",
        args=lambda w: [w.extra["proposed_skill"].pk],
        method="post",
        expect=only(302, *CURATORS, outsider=404),
    ),
    Route(
        "profiles:taxonomy_delete",
        args=lambda w: [w.extra["unused_skill"].pk],
        method="post",
        expect=only(302, *CURATORS, outsider=404),
    ),
]
