"""Start the analytics' nightly run on the task worker, or run one pass here and now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from mentora.analytics import nightly


class Command(BaseCommand):
    help = (
        "Plan the analytics' nightly run on the task worker (it then plans itself every "
        "night); harmless to run again. With --now, run one pass in this process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Recompute now, without the worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            done = nightly.run_nightly()
            self.stdout.write(f"Relationship health recomputed: {done['health']}")
            return
        if nightly.plan_nightly_run(after=timezone.now()):
            self.stdout.write("The analytics' nightly run is planned on the task worker.")
        else:
            self.stdout.write("The analytics' nightly run was already planned for tonight.")
