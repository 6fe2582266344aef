"""Counters read as sentences: "1 run", "2 runs" — in French "0 exécution", "2 exécutions"."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "mentora"
# A tile's label written with {% translate %} cannot agree with the count beside it (a
# percentage, "response rate", needs no plural).
FIXED_LABEL = re.compile(r'stat__label">\{% translate ')
PERCENTAGE = re.compile(r"\|percent \}\}")


def test_every_counter_label_agrees_with_its_number():
    fixed = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FIXED_LABEL.search(line) and not PERCENTAGE.search(line)
    ]
    assert not fixed, "Use {% blocktranslate count %} for these counters: " + ", ".join(fixed)
