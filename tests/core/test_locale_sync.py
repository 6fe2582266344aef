"""The catalogues hold every string the code marks for translation.

`test_locale` proves the committed catalogues complete; this proves that nothing in the
code or templates is missing from them: a new string nobody extracted would otherwise
show in English on French pages without any test noticing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from tests.core.test_locale import LANGUAGES, read_catalogue

PACKAGE = Path(settings.BASE_DIR) / "mentora"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """A copy of the package whose catalogues `makemessages` refreshed from the sources."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed (apt-get install gettext)")
    root = tmp_path_factory.mktemp("sources")
    shutil.copytree(
        PACKAGE,
        root / "mentora",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "migrations", "static"),
    )
    locale = root / "mentora" / "locale"
    with override_settings(LOCALE_PATHS=[locale]), pytest.MonkeyPatch.context() as patch:
        # makemessages walks the current directory: walk the copy, never the repository.
        patch.chdir(root)
        call_command("makemessages", locale=LANGUAGES, no_obsolete=True, verbosity=0)
    return locale


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_code_is_in_the_catalogue_and_translated(extracted, language):
    entries = read_catalogue(extracted / language / "LC_MESSAGES" / "django.po")
    missing = [
        f"{'fuzzy' if 'fuzzy' in e['flags'] else 'untranslated'}: {e['msgid']!r}"
        for e in entries
        if "fuzzy" in e["flags"] or not e["msgstr"] or not all(e["msgstr"].values())
    ]
    assert not missing, (
        f"Strings missing from the {language} catalogue (run `make messages` and translate):\n"
        + "\n".join(missing)
    )
