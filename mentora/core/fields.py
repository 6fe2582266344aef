"""Form fields shared by the programme and enrolment forms."""

from __future__ import annotations

from typing import Any

from django import forms

from mentora.core.converters import MAX_ID


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows picked by id; an id no database column can hold is an invalid choice.

    Django sends the posted ids to the database as they are, and a number past 64 bits
    makes the driver raise (a server error) instead of matching nothing.
    """

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for item in value:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # not a number at all: Django reports it as an invalid value
                if abs(number) > MAX_ID:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super().clean(value)
