"""Walk every page a signed-in person can reach and check its words and numbers.

Used by `test_language_walk`: the catalogues say which interface strings belong to one
language only, the crawler visits each route a role can reach, and three checks read the
pages: no string of the other language, no decimal point in French, no horizontal
scrollbar on a phone.
"""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.core.test_locale import LANGUAGES, catalogue, read_catalogue

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# --- The catalogues -----------------------------------------------------------------------


def _po(locale: Path, language: str) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def compile_catalogues(target: Path) -> Path:
    """A compiled snapshot of the catalogues, so that the pages and the checks read the same
    words even while someone edits the sources."""
    if shutil.which("msgfmt") is None:
        raise RuntimeError("GNU gettext is needed (apt-get install gettext)")
    for language in LANGUAGES:
        source = _po(target, language)
        source.parent.mkdir(parents=True)
        shutil.copyfile(catalogue(language), source)
        compiled = source.with_suffix(".mo")
        subprocess.run(["msgfmt", "--check-format", "-o", compiled, source], check=True)
    return target


# What a translation holds besides words: Python placeholders, HTML tags and line breaks.
PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]*>|\n")
SPACES = re.compile(r"[ \t\r\f\v\u00a0\u202f\u2009]+")
WORD = re.compile(r"[^\W\d_]{2,}")
# A short string of one word ("Mentor", "Email", "Statut") may well be a name, a skill or a
# word both languages share: only strings of 12 characters or of two words and more count.
# A piece of a string cut by a placeholder must be 12 characters long: "of the" in
# "%(goal)s of the %(programme)s" says nothing about the page's language.
MIN_CHARACTERS = 12
MIN_WORDS = 2


def normalise(text: str) -> str:
    """One space wherever the page or the catalogue has any run of spaces (line breaks stay)."""
    return SPACES.sub(" ", text).strip(" ")


def _forms(entry: dict) -> list[str]:
    """The texts a page shows for a catalogue entry: its translations, else its msgid."""
    # gettext ignores fuzzy and empty translations and falls back to the msgid.
    if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values()):
        return [entry["msgid"]] + ([entry["msgid_plural"]] if entry["msgid_plural"] else [])
    return list(entry["msgstr"].values())


def _fragments(text: str) -> list[str]:
    """The literal pieces of a translation that a page shows verbatim, long enough to tell."""
    pieces = [
        normalise(piece).strip(" ,;:·-–—()«»“”\"'")
        for piece in PLACEHOLDER_OR_TAG.split(html.unescape(text))
    ]
    if len(pieces) == 1:
        whole = pieces[0]
        return (
            [whole] if len(whole) >= MIN_CHARACTERS or len(WORD.findall(whole)) >= MIN_WORDS else []
        )
    return [piece for piece in pieces if len(piece) >= MIN_CHARACTERS]


def _key(entry: dict) -> tuple[str, str, str]:
    return entry.get("msgctxt") or "", entry["msgid"], entry["msgid_plural"] or ""


def found_in(haystack: str, needles: list[str]) -> list[str]:
    """The needles the text holds as whole runs of words: "Sign in" is not in "Sign inside"."""
    return [
        needle
        for needle in needles
        if needle in haystack  # a quick test first: most needles are nowhere
        and re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack)
    ]


# Starting texts are translated once, in their author's language, then saved and edited as
# any other content (see mentora/mentorships/content.py): an English agreement drafted for
# an English-speaking mentee rightly shows on her French mentor's pages. Strings that come
# only from there are content, not interface.
SAVED_TEXT_SOURCES = ("mentora/mentorships/content.py:", "mentora/demo/")


def _is_saved_text(lines: list[str], entry: dict) -> bool:
    """Whether every place the code uses the string (its `#:` references) is a starting text."""
    comments = itertools.takewhile(lambda line: line.startswith("#"), lines[entry["line"] - 1 :])
    sources = [ref for line in comments if line.startswith("#:") for ref in line[2:].split()]
    return bool(sources) and all(ref.startswith(SAVED_TEXT_SOURCES) for ref in sources)


@dataclass(frozen=True)
class Vocabulary:
    """What the catalogues tell about a page's words."""

    # For each page language, the interface strings of the other language it must not show.
    foreign: dict[str, list[str]]
    # Starting texts in either language, longest first: content, taken out before looking.
    saved_texts: list[str]


def read_vocabulary(locale: Path) -> Vocabulary:
    """The strings whose French and English forms differ, from the catalogues in `locale`.

    A string counts when it is long enough to be more than a shared word, and occurs in no
    string of the page's own language ("Objectifs" of a French string may sit inside a
    longer English one, never the other way round).
    """
    paths = {language: _po(locale, language) for language in LANGUAGES}
    catalogues = {
        language: {_key(e): e for e in read_catalogue(path)} for language, path in paths.items()
    }
    french, english = catalogues["fr"], catalogues["en"]
    french_lines = paths["fr"].read_text(encoding="utf-8").splitlines()
    own_texts: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    candidates: dict[str, set[str]] = {language: set() for language in LANGUAGES}
    saved_texts: set[str] = set()
    for key in french.keys() & english.keys():
        forms = {"fr": _forms(french[key]), "en": _forms(english[key])}
        for language in LANGUAGES:
            own_texts[language].extend(normalise(html.unescape(f)) for f in forms[language])
        if {normalise(f) for f in forms["fr"]} == {normalise(f) for f in forms["en"]}:
            continue
        if _is_saved_text(french_lines, french[key]):
            saved_texts.update(
                f for language in LANGUAGES for form in forms[language] for f in _fragments(form)
            )
            continue
        for language, other in (("fr", "en"), ("en", "fr")):
            own_fragments = {f for form in forms[language] for f in _fragments(form)}
            for form in forms[other]:
                candidates[language].update(set(_fragments(form)) - own_fragments)
    own = {language: "\n".join(texts) for language, texts in own_texts.items()}
    foreign = {
        language: sorted(
            set(needles) - set(found_in(own[language], sorted(needles))),
            key=lambda n: (-len(n), n),
        )
        for language, needles in candidates.items()
    }
    return Vocabulary(foreign, sorted(saved_texts, key=lambda t: (-len(t), t)))


# --- The checks ---------------------------------------------------------------------------

# Addresses carry dots and any word at all; "demo.mentora.fr" or "claire.dubois@…" is no
# decimal number and no interface string.
ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
VERSION = re.compile(r"\b(?:v|version\s?)\d+(?:\.\d+)+", re.IGNORECASE)
# A number with one decimal point: not part of a dotted run (dates "07.12.2026", versions
# "1.2.3", addresses "127.0.0.1") and not glued to a word ("v2.5", "H2.0").
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?!\w|\.\w)")


def without_addresses(text: str) -> str:
    return ADDRESS.sub(" ", text)


def foreign_strings_on(text: str, vocabulary: Vocabulary, language: str) -> list[str]:
    """The interface strings of the other language that a page in `language` shows."""
    text = normalise(without_addresses(text))
    for saved in vocabulary.saved_texts:
        text = text.replace(saved, "\n")
    return found_in(text, vocabulary.foreign[language])


def decimal_points_on(text: str) -> list[str]:
    """Numbers written with a decimal point, each with a little of the text around it."""
    text = VERSION.sub(" ", without_addresses(text))
    return [
        "…" + normalise(text[max(m.start() - 25, 0) : m.end() + 25]) + "…"
        for m in DECIMAL_POINT.finditer(text)
    ]


# --- Reading a page -----------------------------------------------------------------------

# Everything a person can read on the page, in the page's own language. What is left out:
# - elements whose `lang` differs from the page's: text meant to be in the other language
#   (the "EN"/"FR" switch and its "Switch to English" title; any user content marked so);
# - text inside inputs and textareas: what people typed is theirs, not the interface's;
# - <script>, <style>, <template> and HTML comments, which nobody reads.
# What is put back: closed <details> (the account menu), [hidden] parts of forms and
# tooltips and labels for screen readers (title, aria-label, alt, placeholder), but not the
# page title, which names the content shown (a French module keeps its title on an English
# page and a <title> cannot carry a lang of its own); `text-transform` is undone so that
# table headings read as the catalogue spells them.
READ_PAGE = """() => {
  const lang = document.documentElement.lang.split("-")[0];
  const foreign = (element) => {
    const owner = element.closest("[lang]");
    return owner !== null && owner.lang.split("-")[0] !== lang;
  };
  const style = document.createElement("style");
  style.textContent = "* { text-transform: none !important; }";
  document.head.append(style);
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  document.querySelectorAll("[hidden]").forEach((element) => { element.hidden = false; });
  const spoken = [];
  for (const element of document.querySelectorAll(
    "[title], [aria-label], [alt], [placeholder], input[type=submit], input[type=button]"
  )) {
    if (foreign(element)) continue;
    for (const name of ["title", "aria-label", "alt", "placeholder"]) {
      const value = element.getAttribute(name);
      if (value) spoken.push(value);
    }
    if (element.tagName === "INPUT" && ["submit", "button"].includes(element.type)) {
      spoken.push(element.value);
    }
  }
  for (const element of document.querySelectorAll("[lang], textarea")) {
    if (element.tagName === "TEXTAREA" || foreign(element)) element.style.display = "none";
  }
  return { lang, text: [document.body.innerText, ...spoken].join("\\n") };
}"""

# The elements that stick out on the right, deepest first, as hints for the developer;
# an element inside a box that scrolls or clips does not widen the page.
FIND_OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const clipped = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const sticksOut = (element) => element.getBoundingClientRect().right > width + 1;
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    if (element.classList.length) name += "." + [...element.classList].join(".");
    const text = (element.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  const culprits = [...document.body.querySelectorAll("*")].filter(
    (element) => sticksOut(element) && ![...element.children].some(sticksOut) && !clipped(element)
  );
  const hints = culprits.slice(0, 3).map(describe).join(", ");
  return `${root.scrollWidth} px wide for ${width}: ${hints}`;
}"""

LINKS = """() => [...document.querySelectorAll("a[href]:not([download])")].map((a) => a.href)"""


# --- Walking ------------------------------------------------------------------------------

# Routes a walk never opens: they sign out, switch language or organisation, download a
# file instead of showing a page, or answer an htmx request with a fragment.
SKIPPED_ROUTES = {
    "account_logout",
    "accounts:set_language",
    "accounts:switch_organisation",
    "accounts:accept_invitation",
    "mentorships:calendar_reset",
    "mentorships:calendar_feed",
    "mentorships:meeting_ics",
    "mentorships:series_ics",
    "mentorships:certificate",
    "enrolment:applications_export",
    "hr_import:template",
    "learning:resource_download",
    "accounts:organisation_logo",
    "matching:run_status",
    "profiles:manager_search",
}
SKIPPED_PATHS = re.compile(r"^/(?:admin|api)/|/export|\.(?:ics|pdf|csv|xlsx|json)$")


@dataclass
class Visit:
    """One page as the walk saw it."""

    url: str
    route: str
    status: int
    language: str
    text: str
    overflow: str | None


class _Links(HTMLParser):
    """The targets of a page's links, read from its HTML without a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href") and "download" not in found:
            self.hrefs.append(found["href"] or "")


@dataclass
class Walk:
    """Every route a signed-in session reaches by following links from its home page.

    Breadth-first, each route is checked on `per_route` pages at most: two mentorships show
    the mentorship page's strings as well as twenty would. But another instance of a route
    may lead somewhere the first two do not (only one programme has a matching run, only
    some meetings have shared notes): once no new page is left, the walk opens up to
    `explore` of the links it had set aside, over HTTP only, smallest groups first, and
    checks whatever new route they lead to. Filters and page numbers (query strings) are
    not explored: they list more of the same.
    """

    page: Page
    base_url: str
    per_route: int = 2
    explore: int = 60
    visited: list[tuple[str, str]] = field(default_factory=list)
    _counts: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set)
    _queue: deque[tuple[str, str]] = field(default_factory=deque)
    _set_aside: list[tuple[str, str]] = field(default_factory=list)

    def __iter__(self) -> Iterator[Visit]:
        """Walk and check the pages, finding them as it goes."""
        self._consider(reverse("home:home"))
        explored = 0
        while self._queue or (self._set_aside and explored < self.explore):
            if not self._queue:
                explored += 1
                self._explore_one()
                continue
            url, route = self._queue.popleft()
            visit = self._open(url, route)
            if visit is not None:
                self.visited.append((visit.url, route))
                for link in self.page.evaluate(LINKS):
                    self._consider(self._local(link))
                yield visit

    def again(self) -> Iterator[Visit]:
        """Check the same pages again, say in the other language."""
        for url, route in self.visited:
            visit = self._open(url, route)
            if visit is not None:
                yield visit

    def _open(self, url: str, route: str) -> Visit | None:
        self.page.set_viewport_size(PHONE)
        try:
            response = self.page.goto(self.base_url + url, wait_until="load")
        except PlaywrightError:  # a download after all
            return None
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            return None
        landed = self._local(self.page.url) or url
        if landed != url:
            if landed in self._seen:
                return None  # redirected to a page the walk has already seen
            self._seen.add(landed)
        overflow = self.page.evaluate(FIND_OVERFLOW)
        self.page.set_viewport_size(DESKTOP)
        read = self.page.evaluate(READ_PAGE)
        return Visit(landed, route, response.status, read["lang"], read["text"], overflow)

    def _explore_one(self) -> None:
        """Fetch one set-aside link, from the route with the fewest left; check what is new."""
        left = Counter(route for _url, route in self._set_aside)
        index = min(range(len(self._set_aside)), key=lambda i: left[self._set_aside[i][1]])
        url, _route = self._set_aside.pop(index)
        response = self.page.request.get(self.base_url + url)
        if "text/html" not in response.headers.get("content-type", ""):
            return
        parser = _Links()
        parser.feed(response.text())
        for href in parser.hrefs:
            self._consider(self._local(urljoin(response.url, href)), explored=True)

    def _consider(self, url: str | None, explored: bool = False) -> None:
        """Queue a link the walk should check, set it aside, or drop it."""
        if url is None or url in self._seen:
            return
        path, _, query = url.partition("?")
        if SKIPPED_PATHS.search(path):
            return
        try:
            route = resolve(path).view_name
        except Resolver404:
            return
        if route in SKIPPED_ROUTES:
            return
        self._seen.add(url)
        # Found while exploring, only a route never met is checked; the rest is set aside.
        if self._counts[route] < (1 if explored else self.per_route):
            self._counts[route] += 1
            self._queue.append((url, route))
        elif not query:
            self._set_aside.append((url, route))

    def _local(self, url: str) -> str | None:
        """The path and query of a same-origin URL, without its fragment."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.base_url:
            return None
        return urlunsplit(("", "", parts.path, parts.query, ""))
