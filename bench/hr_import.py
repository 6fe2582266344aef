"""HR import benchmark: a realistic HR export (reporting tree, bad rows), dry run and apply.

    .venv/bin/python bench/hr_import.py                 # 50,000 rows, temporary SQLite file
    DATABASE_URL=postgres:///mentora_bench?host=/var/run/postgresql \\
        .venv/bin/python bench/hr_import.py --rows 50000  # PostgreSQL (database must exist)

Prints the time of each step: first dry run, first apply, second dry run of the same file and
second apply (which must write nothing), then an update file where 5% of people changed, then
a complete export ("lists everyone still employed") from which 1% of people are missing.
The generated file uses what a French Excel export gives: BOM, `;`, French headers and
DD/MM/YYYY dates.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import sys
import tempfile
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = [
    "Finance",
    "Ressources humaines",
    "Informatique",
    "Juridique",
    "Marketing",
    "Ventes",
    "Achats",
    "Logistique",
    "Production",
    "Qualité",
    "R&D",
    "Communication",
    "Service client",
    "Sécurité",
    "Data",
    "Audit interne",
]
SITES = ["Paris", "Lyon", "Lille", "Nantes", "Toulouse", "Bordeaux", "Marseille", "Bruxelles"]
TITLES = [
    "Analyste",
    "Chargé de mission",
    "Chef de projet",
    "Ingénieur",
    "Technicien",
    "Responsable d'équipe",
    "Directeur",
    "Assistant",
    "Consultant",
    "Juriste",
]
FIRST = ["Camille", "Léa", "Hugo", "Nina", "Louis", "Chloé", "Jules", "Inès", "Arthur", "Zoé"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Moreau"]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def generate(rows: int, seed: int, domain: str, bad: bool = True) -> list[list[str]]:
    """A reporting tree of `rows` people (about 7 reports per manager) plus a few bad rows."""
    rng = random.Random(seed)
    people: list[list[str]] = []
    managers: list[str] = []
    for index in range(rows):
        employee_id = f"M{index + 1:06d}"
        depth_pool = managers[-2000:] if managers else []
        manager = rng.choice(depth_pool) if depth_pool else ""
        if index < rows // 7 + 1:
            managers.append(employee_id)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        hired = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        left = ""
        if index > 10 and rng.random() < 0.03:
            left = (hired + timedelta(days=rng.randrange(30, 2000))).strftime("%d/%m/%Y")
        people.append(
            [
                employee_id,
                _ascii(f"{first}.{last}.{index}@{domain}".lower()),
                first,
                last,
                rng.choice(DEPARTMENTS),
                rng.choice(SITES),
                rng.choice(TITLES),
                str(rng.randint(1, 6)),
                manager,
                hired.strftime("%d/%m/%Y"),
                left,
            ]
        )
    if bad and rows > 100:
        # About 0.1% bad rows, of each kind the dry run must report, among people who manage
        # nobody (a rejected manager would take their whole team with them).
        at = rows - 60
        people[at][1] = "not-an-email"
        people[at + 1][9] = "31/02/2020"
        people[at + 2][8] = "X999999"
        people[at + 3][1] = people[at + 4][1]
        people[at + 5][7] = "9"
        people[at + 6][10] = "01/01/1999"
        people[at + 6][9] = "01/01/2005"
        # A loop in the reporting line: a → b → c → a.
        people[at + 7][8], people[at + 8][8], people[at + 9][8] = (
            people[at + 8][0],
            people[at + 9][0],
            people[at + 7][0],
        )
    return people


def to_csv(people: list[list[str]]) -> bytes:
    import csv
    import io

    from mentora.hr_import.parse import FRENCH_COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(FRENCH_COLUMNS)
    writer.writerows(people)
    return "\ufeff".encode() + buffer.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    temporary = None
    if "DATABASE_URL" not in os.environ:
        temporary = Path(tempfile.mkdtemp()) / "hr_import_bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    # As in production: DEBUG off (Django would otherwise keep every SQL query in memory).
    os.environ.setdefault("MENTORA_DEBUG", "false")
    os.environ.setdefault("MENTORA_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault(
        "MENTORA_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from mentora.accounts.models import Membership, Organisation, Role, User
    from mentora.hr_import import runs, services
    from mentora.hr_import.models import HrImportStatus

    call_command("migrate", verbosity=0)
    services.SYNC_ROW_LIMIT = 10**9  # time the work itself, inline
    token = secrets.token_hex(3)
    organisation = Organisation.objects.create(name=f"Bench {token}", slug=f"bench-{token}")
    admin = User.objects.create_user(email=f"admin@{token}.bench.test", password=None)
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ORG_ADMIN)

    people = generate(args.rows, args.seed, f"{token}.bench.test")
    content = to_csv(people)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        version = str(connection.connection.info.server_version)
    print(
        f"{connection.vendor} {version} · Python {platform.python_version()} · "
        f"{os.cpu_count()} CPUs · {args.rows:,} rows, {len(content) / 1e6:.1f} MB"
    )

    def step(label: str, fn):  # noqa: ANN001, ANN202
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        print(f"{label:<34} {elapsed:7.2f} s")
        return result, elapsed

    def dry_run(data: bytes, absent_have_left: bool = False):  # noqa: ANN202
        return services.create_hr_import(
            organisation=organisation,
            actor=admin,
            file_name="rh.csv",
            content=data,
            absent_have_left=absent_have_left,
        )

    def apply(hr_import):  # noqa: ANN001, ANN202
        return runs.apply_hr_import(hr_import=hr_import, actor=admin, skip_rejected=True)

    timings = {}
    first, timings["dry run 1"] = step("dry run (new organisation)", lambda: dry_run(content))
    print(f"    counts: {first.counts}")
    outcome, timings["apply 1"] = step("apply (skip rejected rows)", lambda: apply(first))
    assert outcome == "applied", outcome
    members = Membership.objects.filter(organisation=organisation).count()
    print(f"    members now: {members:,}")

    second, timings["dry run 2"] = step("dry run, same file again", lambda: dry_run(content))
    print(f"    counts: {second.counts}")
    assert second.count("create") == 0 and second.count("update") == 0, second.counts
    outcome, timings["apply 2"] = step("apply, same file (no-op)", lambda: apply(second))
    assert outcome == "applied", outcome
    second.refresh_from_db()
    assert second.status == HrImportStatus.APPLIED

    rng = random.Random(args.seed + 1)
    for row in rng.sample(people[100:], len(people) // 20):
        row[6] = rng.choice(TITLES) + " senior"
        row[4] = rng.choice(DEPARTMENTS)
    changed = to_csv(people)
    third, timings["dry run 3"] = step("dry run, 5% of people changed", lambda: dry_run(changed))
    print(f"    counts: {third.counts}")
    outcome, timings["apply 3"] = step("apply, 5% of people changed", lambda: apply(third))
    assert outcome == "applied", outcome

    # Next month's complete export: 1% of people have gone and are simply missing from it
    # (picked away from the bad rows at the end, which were never imported).
    gone = set(rng.sample(range(100, len(people) - 100), len(people) // 100))
    complete = to_csv([row for index, row in enumerate(people) if index not in gone])
    fourth, timings["dry run 4"] = step(
        "dry run, complete file, 1% missing", lambda: dry_run(complete, absent_have_left=True)
    )
    print(f"    counts: {fourth.counts}")
    assert fourth.count("absent_leaving") and not fourth.needs_departure_confirmation
    outcome, timings["apply 4"] = step("apply, missing marked as left", lambda: apply(fourth))
    assert outcome == "applied", outcome

    print(
        f"first import (dry run + apply): {timings['dry run 1'] + timings['apply 1']:.2f} s; "
        f"re-import (dry run + no-op apply): {timings['dry run 2'] + timings['apply 2']:.2f} s; "
        f"update import: {timings['dry run 3'] + timings['apply 3']:.2f} s; "
        f"complete file, 1% missing: {timings['dry run 4'] + timings['apply 4']:.2f} s"
    )
    if temporary is not None:
        temporary.unlink()


if __name__ == "__main__":
    main()
