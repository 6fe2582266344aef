"""The demo world, loaded once per test module through `manage.py load_demo`.

Module scope, not session scope: the demo is committed outside the tests' transactions,
and the other modules here need an empty database (`--if-empty`, a seed run twice)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from mentora.accounts.models import Organisation, User


@pytest.fixture(scope="module")
def _loaded_demo(django_db_setup, django_db_blocker):
    # Building the demo takes seconds: build it once for the module, then remove it.
    fast_hash = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast_hash):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield Organisation.objects.get(slug="lumiere"), out.getvalue()
        Organisation.objects.all().delete()
        User.objects.all().delete()


@pytest.fixture
def demo(_loaded_demo, db) -> Organisation:
    """The demo organisation."""
    return _loaded_demo[0]


@pytest.fixture
def demo_output(_loaded_demo, db) -> str:
    """What `load_demo` printed."""
    return _loaded_demo[1]
