"""Shapes shared by every endpoint."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Field, Path, Schema

from mentora.core.converters import MAX_ID


class Error(Schema):
    detail: Any
    code: str | None = None


# Every endpoint may answer these; declaring them keeps the OpenAPI schema truthful.
ERRORS: dict[int, type[Schema]] = {401: Error, 403: Error, 404: Error, 422: Error}

# Ids in paths and bodies: larger numbers would overflow the database driver.
ProgrammeId = Annotated[int, Path(ge=1, le=MAX_ID)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
