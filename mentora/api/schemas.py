"""Shapes shared by every endpoint."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class Error(Schema):
    detail: Any
    code: str | None = None


# Every endpoint may answer these; declaring them keeps the OpenAPI schema truthful.
ERRORS: dict[int, type[Schema]] = {401: Error, 403: Error, 404: Error, 422: Error}
