"""URL converters."""

from __future__ import annotations

# The largest id a 64-bit primary key holds: bigger numbers in a URL would overflow the
# database driver (a server error) instead of simply matching nothing (a 404).
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
