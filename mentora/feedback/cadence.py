"""When pulses fall due: day 30 after a relationship starts, then every 60 days (MEASURE.md),
unless the programme changed the cadence or turned pulses off. Pure date arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mentora.feedback.models import (
    PULSE_EVERY_DAYS,
    PULSE_FIRST_AFTER_DAYS,
    PULSE_OPEN_DAYS,
    FeedbackSettings,
)


@dataclass(frozen=True)
class PulseCadence:
    enabled: bool = True
    first_after_days: int = PULSE_FIRST_AFTER_DAYS
    every_days: int = PULSE_EVERY_DAYS

    @classmethod
    def of(cls, settings: FeedbackSettings | None) -> PulseCadence:
        """A programme's cadence: its settings, else the defaults."""
        if settings is None:
            return cls()
        return cls(
            settings.pulse_enabled, settings.pulse_first_after_days, settings.pulse_every_days
        )

    @property
    def open_days(self) -> int:
        """How long a pulse can be answered: a month, or until the next one is due."""
        return min(PULSE_OPEN_DAYS, self.every_days)

    def due_on(self, start: date, sequence: int) -> date:
        """The day the `sequence`-th pulse (from 1) of a relationship started on `start` is due."""
        return start + timedelta(days=self.first_after_days + (sequence - 1) * self.every_days)

    def current(self, start: date, today: date) -> tuple[int, date] | None:
        """The latest pulse due by `today` and still open, as (sequence, due date), if any.

        Only the current pulse is ever sent: one missed while the worker was stopped for
        longer than its open window is not sent late, and two are never asked at once.
        """
        if not self.enabled:
            return None
        elapsed = (today - start).days - self.first_after_days
        if elapsed < 0:
            return None
        sequence = 1 + elapsed // self.every_days
        due = self.due_on(start, sequence)
        if (today - due).days >= self.open_days:
            return None
        return sequence, due
