"""Every route × every role answers as DESIGN.md says: no forgotten route, no IDOR.

A new feature adds its routes to a `routes_<app>.py` module listed in ROUTE_MODULES; the
completeness test fails as long as one of its URL names is missing.
"""

from __future__ import annotations

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions.spec import Route
from tests.permissions.world import ROLES, build_world

ROUTE_MODULES = [
    "tests.permissions.routes_core",
    "tests.permissions.routes_hr_import",
    "tests.permissions.routes_programs",
    "tests.permissions.routes_mentorships",
    "tests.permissions.routes_enrolment",
    "tests.permissions.routes_profiles",
    "tests.permissions.routes_learning",
    "tests.permissions.routes_matching",
]

# URL namespaces the matrix must cover entirely; allauth and Django admin have their own tests.
COVERED_NAMESPACES = {
    "core",
    "accounts",
    "programs",
    "mentorships",
    "profiles",
    "learning",
    "matching",
}

ALL_ROUTES: list[Route] = [
    route for module in ROUTE_MODULES for route in importlib.import_module(module).ROUTES
]


def _named_urls(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            names |= _named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_route_of_the_covered_apps_is_in_the_matrix():
    covered = {
        name for name in _named_urls(get_resolver()) if name.split(":")[0] in COVERED_NAMESPACES
    }
    missing = covered - {route.name for route in ALL_ROUTES}
    assert not missing, f"add these routes to the permission matrix: {sorted(missing)}"


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
