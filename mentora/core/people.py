"""Named sets of people a picker offers, shared by its form field and its search endpoint.

A people picker never lists everyone: the page renders the people already chosen, and the
browser asks a search endpoint for suggestions. Both must agree on who may be chosen, so
each set is a *source*: a function of the viewer (a membership) and an optional context id
(a programme…) answering the memberships on offer, or raising Http404/PermissionDenied when
the viewer may not pick from it. The form field validates against the same set.

Apps declare their sources in a `people.py` module, imported at start-up by
`CoreConfig.ready()` (the way the admin discovers `admin.py`), so the endpoint knows every
source whatever page was served first. Core imports no app: the functions are typed loosely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

# Viewer membership, context id (None when the source needs none) -> memberships on offer.
SourceFunction = Callable[[Any, int | None], Any]

Source = TypeVar("Source", bound=SourceFunction)

# What the picker posts for a person: the membership's id, or its user's id when the form
# stores users (a programme's coordinators and sponsors are users).
ValueKind = Literal["membership", "user"]


@dataclass(frozen=True)
class PeopleSource:
    name: str
    members: SourceFunction
    value: ValueKind = "membership"

    def value_of(self, membership: Any) -> int:
        """The id the picker posts for this membership."""
        return int(membership.user_id if self.value == "user" else membership.pk)


_SOURCES: dict[str, PeopleSource] = {}


def people_source(name: str, *, value: ValueKind = "membership") -> Callable[[Source], Source]:
    """Register the decorated function as the source called `name`."""

    def register(function: Source) -> Source:
        known = _SOURCES.get(name)
        if known is not None and _where(known.members) != _where(function):
            raise ImproperlyConfigured(f"Two people sources are called {name!r}.")
        _SOURCES[name] = PeopleSource(name=name, members=function, value=value)
        return function

    return register


def _where(function: SourceFunction) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def get_people_source(name: str) -> PeopleSource | None:
    return _SOURCES.get(name)


def required_context(context: int | None) -> int:
    """The context id of a source that needs one (a programme…): asked without, it is a 404."""
    if context is None:
        raise Http404
    return context
