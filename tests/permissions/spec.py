"""How a route's expected answers per role are written down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.permissions.world import ROLES, World


@dataclass(frozen=True)
class Route:
    name: str
    expect: dict[str, int]
    args: Callable[[World], list[Any]] = lambda world: []
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.label}]" if self.label else self.name


def everyone(status: int, **overrides: int) -> dict[str, int]:
    """Every role gets `status`, except the ones named."""
    return _complete({role: status for role in ROLES}, overrides)


def only(status: int, *roles: str, **overrides: int) -> dict[str, int]:
    """The named roles get `status`; anonymous is sent to sign in; everyone else gets 403."""
    base = {role: 403 for role in ROLES}
    base["anonymous"] = 302
    base.update({role: status for role in roles})
    return _complete(base, overrides)


def _complete(base: dict[str, int], overrides: dict[str, int]) -> dict[str, int]:
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    return {**base, **overrides}


@dataclass
class Matrix:
    routes: list[Route] = field(default_factory=list)
