"""The French and English catalogues are complete, and French reaches the pages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from mentora.programs.models import Status

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["fr", "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def read_catalogue(path: Path) -> list[dict]:
    """Parse a .po file into entries: msgid, msgid_plural, msgstr (list), flags, line.

    Obsolete entries (``#~``) are left out: they are not compiled.
    """
    entries: list[dict] = []
    entry: dict | None = None
    field: tuple[str, int | None] | None = None

    def new_entry(line: int) -> dict:
        return {"msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set(), "line": line}

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and entry is not None and entry["msgid"] is not None:
                entries.append(entry)
                entry = None
            continue
        if entry is None:
            entry = new_entry(number)
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            name, index = field
            value = ast.literal_eval(line)
            if name == "msgstr":
                entry["msgstr"][index] += value
            else:
                entry[name] += value
        else:
            keyword, _, value = line.partition(" ")
            value = ast.literal_eval(value)
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if match:
                field = ("msgstr", int(match.group(1)))
                entry["msgstr"][field[1]] = value
            elif keyword == "msgstr":
                field = ("msgstr", 0)
                entry["msgstr"][0] = value
            else:
                field = (keyword, None)
                entry[keyword] = value
    if entry is not None and entry["msgid"] is not None:
        entries.append(entry)
    return [e for e in entries if e["msgid"] != ""]  # the header is not a message


def catalogue(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = read_catalogue(catalogue(language))
    assert entries, f"{catalogue(language)} has no messages"
    offenders = [
        f"line {e['line']}: {'fuzzy' if 'fuzzy' in e['flags'] else 'empty'} {e['msgid']!r}"
        for e in entries
        if "fuzzy" in e["flags"] or not e["msgstr"] or not all(e["msgstr"].values())
    ]
    assert not offenders, f"{language} catalogue is incomplete:\n" + "\n".join(offenders)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    offenders = []
    for e in read_catalogue(catalogue(language)):
        expected = set(PLACEHOLDER.findall(e["msgid"] + (e["msgid_plural"] or "")))
        for index, text in e["msgstr"].items():
            found = set(PLACEHOLDER.findall(text))
            # A singular form may leave out the count ("un objectif"), never add a name.
            whole = index > 0 or not e["msgid_plural"]
            if found - expected or (whole and found != expected):
                offenders.append(f"line {e['line']}: {e['msgid']!r} -> {text!r}")
    assert not offenders, "Placeholders differ:\n" + "\n".join(offenders)


@pytest.fixture
def compiled():
    paths = [catalogue(language).with_suffix(".mo") for language in LANGUAGES]
    missing = [str(path.relative_to(LOCALE_DIR)) for path in paths if not path.exists()]
    if missing:
        pytest.fail("Run manage.py compilemessages first; missing: " + ", ".join(missing))


def test_french_strings_come_from_the_catalogue(compiled):
    with translation.override("fr"):
        assert translation.gettext("Programmes") == "Programmes"
        assert translation.gettext("Home") == "Accueil"
        assert translation.gettext("Sign in") == "Se connecter"
        assert str(Status.DRAFT.label) == "Brouillon"
        # French plural rule: 0 and 1 take the singular.
        for count, word in [(0, "membre"), (1, "membre"), (2, "membres")]:
            text = translation.ngettext("%(counter)s member", "%(counter)s members", count)
            assert text % {"counter": count} == f"{count} {word}"
    with translation.override("en"):
        assert translation.gettext("Sign in") == "Sign in"


def test_login_page_is_served_in_french(client, compiled):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Se connecter à Mentora" in page
    assert "Sign in to Mentora" not in page


def test_login_page_is_served_in_english(client, compiled):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign in to Mentora" in response.content.decode()
