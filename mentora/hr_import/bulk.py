"""Bulk INSERTs and lookups without model instances: 50,000 rows in about a second."""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Rows per executemany() and ids per IN (...): far below every database's parameter limit.
BATCH = 1000


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT many rows without building model instances (bulk_create costs ~0.2 ms a row).

    Each row is a dict by field attname, all rows with the same keys. Fields absent from the
    dicts take their default, computed once for all rows (so this is only for models without
    per-row callable defaults such as tokens); every value goes through the field's own
    preparation for the database, so SQLite and PostgreSQL agree.
    """
    if not rows:
        return
    # The connection itself, not the thread-local proxy (a lookup per value costs ~3 µs).
    connection = connections[DEFAULT_DB_ALIAS]
    provided = set(rows[0])
    now = timezone.now()
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    constants: dict[str, Any] = {}
    for field in fields:
        if field.attname in provided:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now if isinstance(field, models.DateTimeField) else now.date()
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        else:
            value = field.get_default()
        constants[field.attname] = field.get_db_prep_save(value, connection)
    given = [field for field in fields if field.attname in provided]
    names = [field.attname for field in given]
    # Text, numbers and ids go to the driver as they are; dates, JSON… are prepared.
    plain = (models.CharField, models.TextField, models.IntegerField, models.ForeignKey)
    prepare = [
        (index, field.get_db_prep_save)
        for index, field in enumerate(given)
        if not isinstance(field, plain)
    ]
    columns = [field.column for field in given] + [
        field.column for field in fields if field.attname in constants
    ]
    defaults = list(constants.values())
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
        f"({', '.join(connection.ops.quote_name(str(column)) for column in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    values = []
    for row in rows:
        record = [row[name] for name in names]
        for index, prepared in prepare:
            record[index] = prepared(record[index], connection)
        values.append(tuple(record + defaults))
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start : start + BATCH])


def fetch_pks(queryset: models.QuerySet, key: str, wanted: list[Any]) -> dict[Any, int]:
    """{key: pk} for the rows just inserted, in batches of IN (...)."""
    found: dict[Any, int] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        found.update(queryset.filter(**{f"{key}__in": batch}).values_list(key, "pk"))
    return found
