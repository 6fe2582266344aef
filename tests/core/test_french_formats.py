"""Dates and times read as French readers write them."""

from __future__ import annotations

from datetime import datetime

from django.template import Context, Template
from django.utils import translation


def test_a_french_date_and_time_are_separated_by_a_comma():
    with translation.override("fr"):
        text = Template('{{ when|date:"DATETIME_FORMAT" }}').render(
            Context({"when": datetime(2026, 12, 16, 12, 30)})
        )
    assert text == "16 décembre 2026, 12:30"
