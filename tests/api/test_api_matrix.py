"""Every API operation × every role answers as the permission rules say."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from mentora.api.api import api
from mentora.api.services import create_api_token
from tests.permissions.spec import everyone, only
from tests.permissions.world import ROLES, build_world

MANAGERS = ("coordinator", "org_admin")


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str
    expect: dict[str, int]
    body: Callable[[Any], dict[str, Any]] = field(default=lambda w: {})

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


def _everyone(status: int, **overrides: int) -> dict[str, int]:
    return everyone(status, anonymous=401, **overrides)


def _only(status: int, *roles: str, **overrides: int) -> dict[str, int]:
    return only(status, *roles, anonymous=401, **overrides)


API_ROUTES = [
    ApiRoute("get", "/me", _everyone(200)),
    ApiRoute("get", "/programmes", _everyone(200)),
    ApiRoute("get", "/programmes/{programme_id}", _everyone(200, outsider=404)),
    ApiRoute("get", "/programmes/{programme_id}/objectives", _everyone(200, outsider=404)),
    ApiRoute(
        "post",
        "/programmes/{programme_id}/status",
        _only(200, *MANAGERS, outsider=404),
        body=lambda w: {"status": "matching"},
    ),
    # The world's member already applied: a second application is refused.
    ApiRoute(
        "post",
        "/programmes/{programme_id}/applications",
        _everyone(201, outsider=404, member=422),
        body=lambda w: {"role": "mentee", "goals": "Learn"},
    ),
    ApiRoute(
        "get",
        "/programmes/{programme_id}/application",
        _everyone(404, member=200),
    ),
    ApiRoute(
        "post",
        "/programmes/{programme_id}/application/withdraw",
        _everyone(404, member=200),
    ),
    ApiRoute("get", "/programmes/{programme_id}/applications", _only(200, *MANAGERS, outsider=404)),
    ApiRoute(
        "post",
        "/programmes/{programme_id}/applications/decisions",
        _only(200, *MANAGERS, outsider=404),
        body=lambda w: {"decision": "approved", "applications": [w.extra["application"].pk]},
    ),
    # Feedback: an invitation is its person's alone (tests/permissions/routes_feedback.py).
    ApiRoute("get", "/surveys/pending", _everyone(200)),
    # The mentor rates the held meeting for the first time; the mentee sends theirs again.
    ApiRoute(
        "post",
        "/meetings/{meeting_id}/feedback",
        _everyone(404, mentor=201, mentee=200),
        body=lambda w: {"rating": 4, "progress": 3, "comment": "Helpful."},
    ),
    ApiRoute(
        "post",
        "/pulses/{invitation_id}/answer",
        _everyone(404, mentor=201),
        body=lambda w: {"quality": 3, "fit": "good"},
    ),
    ApiRoute("get", "/programmes/{programme_id}/feedback", _only(200, *MANAGERS, outsider=404)),
    # The dashboard: sponsors read it too, anonymised (tests/analytics/test_dashboard_api.py).
    ApiRoute(
        "get",
        "/programmes/{programme_id}/dashboard",
        _only(200, *MANAGERS, "sponsor", outsider=404),
    ),
    # Relationship health names the pairs: never sponsors (tests/analytics/test_health_api.py).
    ApiRoute(
        "get",
        "/programmes/{programme_id}/relationships/health",
        _only(200, *MANAGERS, outsider=404),
    ),
]


def test_every_api_operation_is_in_the_matrix():
    schema = api.get_openapi_schema()
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, item in schema["paths"].items()
        for method in item
    }
    covered = {(route.method, route.path) for route in API_ROUTES}
    assert operations == covered


def test_every_api_operation_declares_its_errors():
    for path, item in api.get_openapi_schema()["paths"].items():
        for method, operation in item.items():
            missing = {"401", "403", "404", "422"} - {str(code) for code in operation["responses"]}
            assert not missing, f"{method} {path} does not declare {missing}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", API_ROUTES, ids=lambda route: route.id)
def test_api_answers_as_the_matrix_says(client, db, route, role):
    world = build_world()
    headers = {}
    if role != "anonymous":
        _token, raw = create_api_token(user=world.people[role].user, name="test")
        headers["Authorization"] = f"Bearer {raw}"
    path = "/api/v1" + route.path.format(
        programme_id=world.programme.pk,
        meeting_id=world.extra["held_meeting"].pk,
        invitation_id=world.extra["mentor_pulse"].pk,
    )
    call = getattr(client, route.method)
    if route.method in ("post", "put"):
        response = call(
            path,
            data=json.dumps(route.body(world)),
            content_type="application/json",
            headers=headers,
        )
    else:
        response = call(path, headers=headers)
    assert response.status_code == route.expect[role], (
        f"{route.id} as {role}: {response.status_code} {response.content[:200]!r}"
    )


# Surveys: an invitation is its person's alone. The matrix above addresses every
# {invitation_id} with the mentor's pulse, which is no survey: nobody reads it as one.
API_ROUTES += [
    ApiRoute("get", "/surveys/{invitation_id}", _everyone(404)),
    ApiRoute(
        "post", "/surveys/{invitation_id}/answers", _everyone(404), body=lambda w: {"answers": {}}
    ),
    ApiRoute(
        "put", "/surveys/{invitation_id}/draft", _everyone(404), body=lambda w: {"answers": {}}
    ),
    ApiRoute("get", "/programmes/{programme_id}/surveys", _only(200, *MANAGERS, outsider=404)),
]

SURVEY_ROUTES = [
    ApiRoute("get", "/surveys/{invitation_id}", _everyone(404, mentor=200)),
    ApiRoute(
        "post",
        "/surveys/{invitation_id}/answers",
        _everyone(404, mentor=201),
        body=lambda w: _survey_body(w),
    ),
    ApiRoute(
        "put",
        "/surveys/{invitation_id}/draft",
        _everyone(404, mentor=200),
        body=lambda w: _survey_body(w),
    ),
]


def _survey_body(world):
    from tests.factories import survey_answers

    answers = survey_answers(world.extra["survey"], scale5=4, scale10=9)
    return {"answers": {str(pk): value for pk, value in answers.items()}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", SURVEY_ROUTES, ids=lambda route: route.id)
def test_survey_api_answers_as_the_matrix_says(client, db, route, role):
    """The survey operations addressed with the mentor's own survey invitation."""
    world = build_world()
    headers = {}
    if role != "anonymous":
        _token, raw = create_api_token(user=world.people[role].user, name="test")
        headers["Authorization"] = f"Bearer {raw}"
    path = "/api/v1" + route.path.format(invitation_id=world.extra["mentor_survey"].pk)
    call = getattr(client, route.method)
    if route.method in ("post", "put"):
        response = call(
            path,
            data=json.dumps(route.body(world)),
            content_type="application/json",
            headers=headers,
        )
    else:
        response = call(path, headers=headers)
    assert response.status_code == route.expect[role], (
        f"{route.id} as {role}: {response.status_code} {response.content[:200]!r}"
    )


# The organisation overview (tests/analytics/test_overview_api.py): org admins read their own
# organisation's, whoever else asks is refused.
API_ROUTES += [ApiRoute("get", "/organisation/overview", _only(200, "org_admin", outsider=200))]
