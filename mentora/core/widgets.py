"""The people picker widget: the people chosen as removable chips, and a box to add more.

It renders only the people already chosen (one bounded query), never everyone who could
be: `static/mentora/picker.js` turns the box into a combobox that asks the search endpoint
for suggestions. Without JavaScript the chips are ticked checkboxes (untick to remove) and
the box takes e-mail addresses, which `PeoplePickerField` resolves on the server.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from mentora.core.converters import MAX_ID

# The search endpoint belongs to the member directory, in the profiles app.
SEARCH_URL_NAME = "profiles:people_search"
# The box's own name: `<field name>_emails`, so a typed address never passes for an id.
EMAILS_SUFFIX = "_emails"
EMAIL_SEPARATORS = re.compile(r"[\s,;]+")
ID_PATTERN = re.compile(r"[0-9]{1,19}")
# More people than this in one post is not a person choosing: the field refuses it.
MAX_PICKED = 500


def person_name(person: Any) -> str:
    """A membership's or a user's name, else their e-mail address."""
    user = getattr(person, "user", person)
    return str(user.get_full_name() or user.email)


def picked_ids(values: list[str]) -> list[str]:
    """The values that are ids a database column can hold (the rest are typed addresses)."""
    return [v for v in values if ID_PATTERN.fullmatch(v) and int(v) <= MAX_ID]


class PeoplePicker(forms.Widget):
    template_name = "core/widgets/people_picker.html"
    allow_multiple_selected = True

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, source: str = "", context: int | None = None
    ) -> None:
        super().__init__(attrs)
        self.source = source
        self.context = context
        # Set by the field: an iterator over the people on offer, never iterated here.
        self.choices: Any = ()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        raw = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if raw is None:
            raw = []
        elif isinstance(raw, str | int):
            raw = [raw]
        chosen = [str(value).strip() for value in raw if str(value).strip()]
        typed = EMAIL_SEPARATORS.split(str(data.get(f"{name}{EMAILS_SUFFIX}", "")))
        return chosen + [address for address in typed if address]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # Like a multiple select: nothing posted means nobody chosen.
        return False

    def use_required_attribute(self, initial: Any) -> bool:
        # The box may stay empty when chips are chosen: the server says what is missing.
        return False

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(v) for v in value if v not in (None, "")]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        values: list[str] = widget["value"]
        ids = picked_ids(values)
        box_id = widget["attrs"].get("id") or f"id_{name}"
        hint_id = f"{box_id}_hint"
        described = [widget["attrs"].get("aria-describedby", ""), hint_id]
        widget["attrs"] = {
            **widget["attrs"],
            "id": box_id,
            "aria-describedby": " ".join(filter(None, described)),
        }
        chips = self._chips(ids)
        widget.update(
            {
                "chips": chips,
                # What was typed in the box without JavaScript goes back into it.
                "typed": ", ".join(v for v in values if not v.isdigit()),
                "box_name": f"{name}{EMAILS_SUFFIX}",
                "hint_id": hint_id,
                "listbox_id": f"{box_id}_listbox",
                # Names of their own: the field's label names the box alone.
                "chosen_label": _("People chosen"),
                "listbox_label": _("Suggestions"),
                "search_url": self._search_url(),
                # Said without JavaScript; picker.js puts its own hint in its place.
                "hint": _(
                    "Untick someone to take them off the list. To add people, type their "
                    "e-mail addresses, separated by commas."
                )
                if chips
                else _("To add people, type their e-mail addresses, separated by commas."),
                "texts": self._script_texts(),
            }
        )
        return context

    def _chips(self, ids: list[str]) -> list[dict[str, Any]]:
        queryset = getattr(self.choices, "queryset", None)
        if not ids or queryset is None:
            return []
        # Only people on offer get a chip: an id of anyone else is dropped, never named.
        return [
            {"value": person.pk, "name": person_name(person)}
            for person in queryset.filter(pk__in=ids[:MAX_PICKED])
        ]

    def _search_url(self) -> str:
        query = {"source": self.source}
        if self.context is not None:
            query["for"] = str(self.context)
        return f"{reverse(SEARCH_URL_NAME)}?{urlencode(query)}"

    @staticmethod
    def _script_texts() -> dict[str, str]:
        """What picker.js says, in the page's language; `{name}` and `{count}` are filled in."""
        name, count = {"name": "{name}"}, {"count": "{count}"}
        return {
            "hint": _(
                "Type at least two letters of a name or e-mail address, then choose with the "
                "arrow keys and Enter. Backspace on an empty box goes back to the people chosen."
            ),
            "remove": _("Remove %(name)s") % name,
            "added": _("%(name)s added.") % name,
            "removed": _("%(name)s removed.") % name,
            "none": _("Nobody found."),
            "one": _("1 person found. Use the arrow keys to choose."),
            "many": _("%(count)s people found. Use the arrow keys to choose.") % count,
            "more": _("The first %(count)s people are shown: type more to narrow the search.")
            % count,
            "failed": _("The search did not answer. Try again."),
        }
