"""Right words, right numbers: every page of every role, in French and in English.

Each role of the demo organisation signs in with its saved language set to French, then to
English, and walks every route it can reach from its home page. The walk fails on
(a) an interface string of the other language, (b) a decimal point in a number on a French
page, (c) a horizontal scrollbar on a 390 px wide phone; the message lists every page at
fault, so that one run gives the whole to-do list.

What the checks leave alone, and why (details in tests/browser/walk.py):
- text inside an element whose `lang` differs from the page's: it is in the other language
  on purpose (the "EN"/"FR" switch; content whose language the page knows and marks);
- what people typed, in inputs and textareas;
- starting texts (the agreement draft and goal templates of mentora/mentorships/content.py):
  translated once for their author, then saved and shown to everyone as content;
- e-mail addresses and URLs ("coordination@demo.mentora.fr" is no French string, and
  "demo.mentora.fr" no decimal number), dotted runs such as dates, versions and addresses;
- strings too short to tell the language ("Mentor", "Email"): one word under 12 characters,
  or a piece of a string cut by a placeholder under 12 characters ("of the");
- strings of the other language that also occur in a string of the page's own language.
"""

from __future__ import annotations

import time
from collections import defaultdict

import pytest
from django.conf import settings

from mentora.accounts.models import Membership, User
from mentora.demo.builder import DemoBuilder
from mentora.demo.people import DEMO_DOMAIN
from mentora.matching.services.runs import start_run
from mentora.programs.models import Kind, Programme
from tests.browser.walk import (
    Walk,
    compile_catalogues,
    decimal_points_on,
    foreign_strings_on,
    read_vocabulary,
)
from tests.core.test_locale import LANGUAGES

pytestmark = pytest.mark.browser

# One demo person per role (see mentora/demo/logins.py).
ROLES = {
    "org admin": "admin",
    "coordinator": "coordination",
    "sponsor": "sponsor",
    "mentor": "mentor",
    "mentee": "mentee",
}
CHECKS = {
    "a": "(a) Strings of the other language",
    "b": "(b) Decimal points on French pages",
    "c": "(c) Horizontal scrollbar at 390 px",
}


@pytest.fixture
def locale(settings, tmp_path):
    """The catalogues the pages speak and the checks read: one snapshot, freshly compiled."""
    settings.LOCALE_PATHS = [compile_catalogues(tmp_path / "locale")]
    return settings.LOCALE_PATHS[0]


def build_demo() -> None:
    """The demo, plus what its coordinators do first: run the matchings it leaves to them,
    so that the review pages and their scores are on the walk too."""
    DemoBuilder().build()
    for programme in Programme.objects.filter(kind__in=[Kind.REVERSE, Kind.PEER]):
        start_run(programme=programme, actor=programme.coordinators.first())


def test_every_page_speaks_its_language_and_fits_a_phone(live_server, page, sign_in, locale):
    started = time.monotonic()
    build_demo()
    vocabulary = read_vocabulary(locale)
    faults: dict[str, list[str]] = defaultdict(list)
    walked: list[str] = []
    for role, local_part in ROLES.items():
        membership = Membership.objects.get(user__email=f"{local_part}@{DEMO_DOMAIN}")
        walk = Walk(page, live_server.url)
        for language in LANGUAGES:
            User.objects.filter(pk=membership.user_id).update(language=language)
            page.context.clear_cookies()
            sign_in(membership, password=settings.MENTORA_DEMO_PASSWORD)
            visits = 0
            # The first language finds the pages, the second opens the same ones.
            for visit in walk if language == LANGUAGES[0] else walk.again():
                visits += 1
                at = f"[{role}, {language}] {visit.url}"
                if visit.status != 200:
                    at += f" ({visit.status})"
                if visit.language != language:
                    faults["a"].append(f"{at}: served in {visit.language!r}")
                if found := foreign_strings_on(visit.text, vocabulary, language):
                    faults["a"].append(f"{at}: " + " | ".join(found))
                if language == "fr" and (numbers := decimal_points_on(visit.text)):
                    faults["b"].append(f"{at}: " + " | ".join(numbers))
                if visit.overflow:
                    faults["c"].append(f"{at}: {visit.overflow}")
            routes = len({route for _url, route in walk.visited})
            walked.append(f"{role}, {language}: {visits} pages, {routes} routes")
    summary = f"Walked in {time.monotonic() - started:.0f} s: " + "; ".join(walked)
    print(summary)

    report = [
        f"{CHECKS[check]}, on {len(lines)} pages:\n  " + "\n  ".join(lines)
        for check, lines in sorted(faults.items())
    ]
    assert not report, "\n\n".join(report) + "\n\n" + summary
