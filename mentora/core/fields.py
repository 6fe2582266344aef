"""Form fields shared by the programme and enrolment forms."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mentora.core.converters import MAX_ID
from mentora.core.widgets import MAX_PICKED, PeoplePicker


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


class PeoplePickerField(IdMultipleChoiceField):
    """People chosen with the people picker (`PeoplePicker`), checked against those on offer.

    The browser posts ids, so each must be in the field's queryset, whatever the page
    showed; the e-mail addresses typed without JavaScript are looked up in that same
    queryset. The search endpoint suggests from the source named `source`, which must
    answer the same people (see `mentora.core.people`).
    """

    default_error_messages = {
        "invalid_choice": _(
            "Someone on this list cannot be chosen here, so they were taken off it. "
            "Check the list and send it again."
        ),
        "invalid_email": _("“%(value)s” is not an e-mail address."),
        "too_many": _("Choose at most %(limit)d people at a time."),
    }

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        source: str,
        email_field: str = "user__email",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", PeoplePicker(source=source))
        super().__init__(queryset, **kwargs)
        # Where a person's address is, from the queryset's model: "email" for users.
        self.email_field = email_field

    def offer(self, queryset: QuerySet[Any], *, context: int | None = None) -> None:
        """The people on offer, and the id the search endpoint needs to find them again."""
        self.queryset = queryset
        if isinstance(self.widget, PeoplePicker):
            self.widget.context = context

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            values = [str(item).strip() for item in value if str(item).strip()]
            if len(values) > MAX_PICKED:
                raise ValidationError(
                    self.error_messages["too_many"], code="too_many", params={"limit": MAX_PICKED}
                )
            typed = [item for item in values if not item.isdigit()]
            if typed:
                value = [item for item in values if item.isdigit()] + self._ids_of(typed)
        return super().clean(value)

    def _ids_of(self, addresses: list[str]) -> list[str]:
        """The ids of the people on offer with these addresses, in one query, else an error."""
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_email"],
                    code="invalid_email",
                    params={"value": address},
                ) from None
        wanted = {address.lower() for address in addresses}
        lookup = f"{self.email_field}__iexact"
        on_offer = cast(QuerySet[Any], self.queryset)
        found = {
            str(email).lower(): str(pk)
            for email, pk in on_offer.filter(
                reduce(operator.or_, (Q(**{lookup: address}) for address in wanted))
            ).values_list(self.email_field, "pk")
        }
        missing = sorted(wanted - found.keys())
        if missing:
            raise ValidationError(
                ngettext(
                    "Nobody you can choose here has the e-mail address %(emails)s.",
                    "Nobody you can choose here has these e-mail addresses: %(emails)s.",
                    len(missing),
                ),
                code="unknown_email",
                params={"emails": ", ".join(missing)},
            )
        return list(found.values())
