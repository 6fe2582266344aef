"""Hand-written factories: each builds a valid object and lets the test say what matters."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from mentora.accounts.models import Membership, Organisation, User
from mentora.programs.models import Objective, Programme

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def make_organisation(**kwargs: Any) -> Organisation:
    n = next(_sequence)
    kwargs.setdefault("name", f"Organisation {n}")
    kwargs.setdefault("slug", f"org-{n}")
    return Organisation.objects.create(**kwargs)


def make_user(**kwargs: Any) -> User:
    n = next(_sequence)
    kwargs.setdefault("email", f"person{n}@example.com")
    kwargs.setdefault("first_name", f"Person{n}")
    kwargs.setdefault("last_name", "Test")
    password = kwargs.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **kwargs)


def make_member(organisation: Organisation, role: str = "member", **kwargs: Any) -> Membership:
    membership_fields = {
        key: kwargs.pop(key)
        for key in ["job_title", "department", "site", "seniority_level", "manager", "left_on"]
        if key in kwargs
    }
    user = kwargs.pop("user", None) or make_user(**kwargs)
    return Membership.objects.create(
        user=user, organisation=organisation, role=role, **membership_fields
    )


def make_programme(organisation: Organisation, **kwargs: Any) -> Programme:
    n = next(_sequence)
    kwargs.setdefault("name", f"Programme {n}")
    kwargs.setdefault("starts_on", date(2027, 1, 1))
    kwargs.setdefault("ends_on", date(2027, 12, 31))
    return Programme.objects.create(organisation=organisation, **kwargs)


def make_objective(programme: Programme, **kwargs: Any) -> Objective:
    kwargs.setdefault("title", "Mentees are satisfied")
    kwargs.setdefault("metric", "satisfaction")
    kwargs.setdefault("target", 4)
    kwargs.setdefault("target_date", date(2027, 12, 31))
    return Objective.objects.create(programme=programme, **kwargs)
