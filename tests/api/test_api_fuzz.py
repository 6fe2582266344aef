"""The API, fuzzed from its own OpenAPI schema: whatever the input, no server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from mentora.api.services import create_api_token
from mentora.wsgi import application
from tests.factories import make_member, make_organisation, make_programme

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def _keep_test_connection():
    # Schemathesis calls the WSGI app directly, not through Django's test client, so the
    # handler's end-of-request hook would close the test's database connection (fatal on
    # PostgreSQL, where the test runs inside a transaction). The test client unhooks it too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_token(db, _keep_test_connection):
    organisation = make_organisation(name="Fuzz")
    coordinator = make_member(organisation, role="coordinator")
    for status in ("enrolling", "draft", "running"):
        programme = make_programme(organisation, status=status)
        programme.coordinators.add(coordinator.user)
    _token, raw = create_api_token(user=coordinator.user, name="fuzz")
    return raw


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_without_server_error(case, coordinator_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {coordinator_token}"}, checks=[not_a_server_error]
    )
