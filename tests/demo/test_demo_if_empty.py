from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from mentora.accounts.models import Organisation


def test_demo_is_not_loaded_into_a_database_that_holds_data(organisation):
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert not Organisation.objects.filter(slug="lumiere").exists()
