from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from mentora.accounts.models import Organisation
from mentora.demo.builder import DemoBuilder, demo_logins


class Command(BaseCommand):
    help = "Load the demo organisation (a French company of about 300 people) and print its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no organisation yet.",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, if_empty: bool, seed: int, **options: Any) -> None:
        if Organisation.objects.filter(slug="lumiere").exists():
            self.stdout.write("The demo organisation is already loaded.")
        elif if_empty and Organisation.objects.exists():
            self.stdout.write("The database already holds data: the demo was not loaded.")
            return
        else:
            builder = DemoBuilder(seed)
            org = builder.build()
            self.stdout.write(
                self.style.SUCCESS(f"Loaded {org.name}: {org.memberships.count()} people.")
            )
            for what, counts in builder.counts.items():
                figures = ", ".join(f"{kind}: {count}" for kind, count in counts.items())
                self.stdout.write(f"  {what} — {figures}")
        self.stdout.write(f"\nDemo logins (password: {settings.MENTORA_DEMO_PASSWORD})")
        for login in demo_logins():
            self.stdout.write(f"  {login.email:<36} {login.description}")
        self.stdout.write("")
