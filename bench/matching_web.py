"""Matching through the web application on a generated 10,000-applicant programme.

    .venv/bin/python bench/matching_web.py                      # 10,000 applicants, SQLite
    .venv/bin/python bench/matching_web.py --applicants 2000
    DATABASE_URL=postgres:///mentora_bench?host=/var/run/postgresql \\
        .venv/bin/python bench/matching_web.py                  # PostgreSQL (database must exist)

Creates an organisation (departments, reporting lines), profiles with languages, slots and
skills, and a programme with approved applications (4 mentees for 1 mentor, capacity 5).
Then, as a coordinator through Django's test client: starts a run (the task runs in-process,
as a worker would), opens the review page, and publishes. Prints the time of each step.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SKILLS = [f"Skill {n:03d}" for n in range(150)]
SLOTS = [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("am", "pm", "ev")]
GOALS = [
    "lead a team and grow as a manager",
    "move into data science and machine learning",
    "improve public speaking and negotiation",
    "understand finance and budgeting",
    "build a network across sites",
    "get better at product management and user research",
]


def generate(applicants: int, rng: random.Random):  # noqa: ANN201
    from django.contrib.auth.hashers import make_password

    from mentora.accounts.models import Department, Membership, Organisation, User
    from mentora.enrolment.models import Application
    from mentora.profiles.models import Profile, ProfileSkill, Skill
    from mentora.programs.models import Programme

    org = Organisation.objects.create(name="Bench Corp", slug=f"bench-{time.time_ns()}")
    departments = Department.objects.bulk_create(
        [Department(organisation=org, name=f"Department {n}") for n in range(25)]
    )
    skills = Skill.objects.bulk_create([Skill(organisation=org, name=name) for name in SKILLS])
    password = make_password(None)
    n_mentors = applicants // 5
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench{n}@{org.slug}.example",
                first_name=f"P{n}",
                last_name="Bench",
                password=password,
            )
            for n in range(applicants + 1)
        ],
        batch_size=2000,
    )
    members = Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                organisation=org,
                role="coordinator" if n == 0 else "member",
                department=rng.choice(departments),
                seniority_level=rng.randint(4, 6) if n <= n_mentors else rng.randint(1, 3),
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    coordinator, people = members[0], members[1:]
    # Reporting lines: each junior reports to a random senior.
    for member in people[n_mentors:]:
        member.manager = rng.choice(people[:n_mentors])
    Membership.objects.bulk_update(people[n_mentors:], ["manager"], batch_size=2000)
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                membership=m,
                languages=[{"code": "fr", "level": "native"}]
                + ([{"code": "en", "level": "fluent"}] if rng.random() < 0.5 else []),
                availability=rng.sample(SLOTS, rng.randint(3, 7)),
                career_goals=rng.choice(GOALS),
                time_zone="Europe/Paris",
            )
            for m in people
        ],
        batch_size=2000,
    )
    popular = skills[:15]  # a long tail: a few skills everyone wants
    links = []
    for k, profile in enumerate(profiles):
        mentor = k < n_mentors
        pool = rng.sample(skills, 4) if mentor else rng.sample(popular, 1) + rng.sample(skills, 2)
        for skill in {s.pk: s for s in pool}.values():
            links.append(
                ProfileSkill(
                    profile=profile,
                    skill=skill,
                    direction="offered" if mentor else "sought",
                    level=rng.randint(3, 5) if mentor else rng.randint(2, 4),
                )
            )
    ProfileSkill.objects.bulk_create(links, batch_size=5000)
    programme = Programme.objects.create(
        organisation=org, name="Bench programme", status="matching", default_mentor_capacity=5
    )
    programme.coordinators.add(coordinator.user)
    Application.objects.bulk_create(
        [
            Application(
                programme=programme,
                membership=m,
                role="mentor" if k < n_mentors else "mentee",
                status="approved",
                goals=rng.choice(GOALS),
            )
            for k, m in enumerate(people)
        ],
        batch_size=2000,
    )
    return programme, coordinator


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applicants", type=int, default=10_000)
    parser.add_argument("--no-publish", action="store_true")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        temporary = Path(tempfile.mkdtemp()) / "matching_web_bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentora.settings")
    # Tasks are queued in the database as in production; the run is then executed here,
    # exactly as the worker would, so that its time is measured without polling.
    os.environ["MENTORA_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from mentora.matching.models import MatchingRun
    from mentora.matching.services.publication import execute_publication
    from mentora.matching.services.runs import execute_run

    t = time.perf_counter()
    programme, coordinator = generate(args.applicants, random.Random(2026))
    print(f"generated {args.applicants} applicants in {time.perf_counter() - t:.1f} s")

    client = Client()
    client.force_login(coordinator.user)
    total = time.perf_counter()
    t = time.perf_counter()
    response = client.post(f"/matching/programmes/{programme.pk}/start/")
    assert response.status_code == 302, response.status_code
    run = MatchingRun.objects.get(programme=programme)
    execute_run(run.pk)  # what `manage.py db_worker` does with the queued task
    run.refresh_from_db()
    run_seconds = time.perf_counter() - t
    assert run.status == "done", run.error
    print(
        f"run (POST start + worker): {run_seconds:.1f} s "
        f"[engine {run.engine_seconds:.1f} s, matched {run.matched_count}/{run.mentees_count}, "
        f"certified {run.certified}, total score {run.total_score:.1f}]"
    )
    t = time.perf_counter()
    page = client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/")
    assert page.status_code == 200
    print(f"review page: {time.perf_counter() - t:.2f} s")
    if not args.no_publish:
        t = time.perf_counter()
        response = client.post(f"/matching/programmes/{programme.pk}/runs/{run.pk}/publish/")
        assert response.status_code == 302
        run.refresh_from_db()
        if run.publish_status == "queued":  # large runs: the worker publishes
            execute_publication(run.pk, coordinator.user_id)
            run.refresh_from_db()
        assert run.published_at is not None, "publication refused"
        print(
            f"publish ({run.matched_count} relationships, e-mails queued): "
            f"{time.perf_counter() - t:.1f} s"
        )
    print(f"end to end through the web application: {time.perf_counter() - total:.1f} s")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )


if __name__ == "__main__":
    main()
