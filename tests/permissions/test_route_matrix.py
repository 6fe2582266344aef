"""Every route × every role answers as DESIGN.md says: no forgotten route, no IDOR.

The completeness test walks every URL pattern of the project, through every include. Each
one needs a spec in a `routes_<app>.py` module listed in ROUTE_MODULES, unless the exclusions
below say which other test checks it: a new route, app or namespace is never skipped silently.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions.spec import Route
from tests.permissions.world import ROLES, build_world

ROUTE_MODULES = [
    "tests.permissions.routes_home",
    "tests.permissions.routes_accounts",
    "tests.permissions.routes_hr_import",
    "tests.permissions.routes_programs",
    "tests.permissions.routes_enrolment",
    "tests.permissions.routes_mentorships",
    "tests.permissions.routes_profiles",
    "tests.permissions.routes_learning",
    "tests.permissions.routes_matching",
    "tests.permissions.routes_api_tokens",
    "tests.permissions.routes_feedback",
    "tests.permissions.routes_analytics",
]

# The only routes the matrix may leave out, each with the reason. There is no static or
# media route to exclude: WhiteNoise serves static files, and uploads are read only through
# learning:resource_download, which is in the matrix.
EXCLUDED_NAMESPACES = {
    # Django admin: staff only, guarded and tested by Django itself.
    "admin",
    # The ninja API under /api/v1/: tests/api/test_api_matrix.py has its own operation × role
    # matrix, complete against the OpenAPI schema.
    "api",
}
# allauth's own pages (sign in and out, sign up, e-mail, password): unnamespaced `account_*`.
EXCLUDED_NAME_PREFIX = "account_"

ALL_ROUTES: list[Route] = [
    route for module in ROUTE_MODULES for route in importlib.import_module(module).ROUTES
]


@dataclass(frozen=True)
class UrlRoute:
    namespace: str
    name: str
    path: str

    @property
    def qualified_name(self) -> str:
        if not self.name:
            return f"<unnamed: {self.path}>"
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    @property
    def excluded(self) -> bool:
        top_namespace = self.namespace.split(":")[0]
        return top_namespace in EXCLUDED_NAMESPACES or (
            not self.namespace and self.name.startswith(EXCLUDED_NAME_PREFIX)
        )


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[UrlRoute]:
    """Every URL pattern under `patterns`, through includes and their namespaces."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield UrlRoute(namespace, pattern.name or "", prefix + str(pattern.pattern))


def _project_routes() -> list[UrlRoute]:
    return list(_walk(get_resolver().url_patterns))


def test_every_route_of_the_project_is_in_the_matrix():
    specified = {route.name for route in ALL_ROUTES}
    missing = sorted(
        f"{url.qualified_name} (/{url.path})"
        for url in _project_routes()
        if not url.excluded and url.qualified_name not in specified
    )
    assert not missing, f"add these routes to a tests/permissions/routes_*.py: {missing}"


def test_every_exclusion_still_matches_a_route():
    routes = _project_routes()
    assert EXCLUDED_NAMESPACES.issubset(url.namespace.split(":")[0] for url in routes)
    assert any(url.name.startswith(EXCLUDED_NAME_PREFIX) for url in routes)


@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda route: route.id)
def test_every_spec_answers_for_every_role(route):
    assert set(route.expect) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda route: route.id)
def test_route_answers_as_the_matrix_says(client, db, route, role):
    world = build_world()
    if role != "anonymous":
        client.force_login(world.people[role].user)
    url = reverse(route.name, args=route.args(world))
    data = route.data(world) if route.data else {}
    response = getattr(client, route.method)(url, data)
    assert response.status_code == route.expect[role], (
        f"{route.method.upper()} {url} as {role}: {response.status_code}, "
        f"expected {route.expect[role]}"
    )
