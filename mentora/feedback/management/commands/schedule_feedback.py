"""Start the hourly feedback scheduler on the task worker, or run one pass here and now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from mentora.feedback import services


class Command(BaseCommand):
    help = (
        "Plan the feedback scheduler's run for this hour on the task worker (it then plans "
        "itself every hour); harmless to run again. With --now, run one pass in this process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Send what is due now, without the worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = services.run_scheduler()
            self.stdout.write(f"Pulses sent: {sent['pulses']}")
            self.stdout.write(
                f"Surveys opened: {sent['surveys_opened']}, invitations at closure: "
                f"{sent['survey_invitations']}, surveys closed: {sent['surveys_closed']}"
            )
            return
        if services.plan_scheduler_run(run_at=timezone.now()):
            self.stdout.write("The feedback scheduler is planned on the task worker.")
        else:
            self.stdout.write("The feedback scheduler was already planned for this hour.")
