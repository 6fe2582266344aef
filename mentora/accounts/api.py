"""API: who am I."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from mentora.accounts.actors import actor
from mentora.core.schemas import ERRORS

router = Router(tags=["accounts"])


class MeOut(Schema):
    email: str
    first_name: str
    last_name: str
    language: str
    organisation: str
    organisation_id: int
    role: str


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The signed-in person")
def me(request: HttpRequest) -> MeOut:
    membership = actor(request)
    user = membership.user
    return MeOut(
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        language=user.language,
        organisation=membership.organisation.name,
        organisation_id=membership.organisation_id,
        role=membership.role,
    )
