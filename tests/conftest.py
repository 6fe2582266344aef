"""Shared fixtures: personas and the scenario every permission test starts from."""

from __future__ import annotations

import os

import pytest
from django.utils import translation

from tests.factories import make_member, make_organisation, make_programme

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Login rate limits live in the cache: each test starts with a clean slate, or the
    # browser journeys, all signing in from 127.0.0.1, would throttle each other.
    from django.core.cache import cache

    cache.clear()
    # A page served in French leaves French active in the worker's thread: without this, a
    # later test that formats a message outside a request reads it in French.
    translation.deactivate()


@pytest.fixture
def organisation(db):
    return make_organisation(name="Acme")


@pytest.fixture
def org_admin(organisation):
    return make_member(organisation, role="org_admin", first_name="Alice", last_name="Admin")


@pytest.fixture
def coordinator(organisation):
    return make_member(organisation, role="coordinator", first_name="Chloé", last_name="Coord")


@pytest.fixture
def other_coordinator(organisation):
    return make_member(organisation, role="coordinator", first_name="Olivier", last_name="Other")


@pytest.fixture
def sponsor(organisation):
    return make_member(organisation, role="sponsor", first_name="Sam", last_name="Sponsor")


@pytest.fixture
def member(organisation):
    return make_member(organisation, role="member", first_name="Marc", last_name="Member")


@pytest.fixture
def outsider(db):
    other = make_organisation(name="Globex")
    return make_member(other, role="org_admin", first_name="Oscar", last_name="Outsider")


@pytest.fixture
def programme(organisation, coordinator, sponsor):
    programme = make_programme(organisation, status="enrolling")
    programme.coordinators.add(coordinator.user)
    programme.sponsors.add(sponsor.user)
    return programme
