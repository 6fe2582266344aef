"""State changes of runs: queue one, execute it on the worker, store its pairs and totals."""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.matching import engine
from mentora.matching.errors import MatchingError
from mentora.matching.loader import Loaded, load_programme
from mentora.matching.models import MatchingRun, Proposal, RunStatus, Unmatched
from mentora.matching.services.settings import matching_settings
from mentora.programs.models import Programme, Status

STALE_RUN_MINUTES = 30

# People are paired while a programme gathers them or runs (rematches); a draft has nobody
# yet, and pairs formed in a closing or closed programme would have no time to meet.
PAIRING_STATUSES = (Status.ENROLLING, Status.MATCHING, Status.RUNNING)


def pairing_refusal(programme: Programme) -> str:
    """Why the programme cannot pair people now, in words; "" when it can."""
    if programme.status in PAIRING_STATUSES:
        return ""
    return _(
        "People are paired while the programme is enrolling, matching or running "
        "(current status: %(status)s)."
    ) % {"status": programme.get_status_display().lower()}


def require_pairing_open(programme: Programme) -> None:
    if refusal := pairing_refusal(programme):
        raise MatchingError(refusal)


@transaction.atomic
def start_run(*, programme: Programme, actor: User | None) -> MatchingRun:
    """Queue a run with the programme's current settings; the worker executes it."""
    from mentora.matching.tasks import execute_matching_run

    locked = Programme.objects.select_for_update().filter(pk=programme.pk).first()
    require_pairing_open(locked or programme)
    # A run stuck for longer than this (a worker died) no longer blocks new ones.
    recent = timezone.now() - timedelta(minutes=STALE_RUN_MINUTES)
    if MatchingRun.objects.filter(
        programme=programme,
        status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
        created_at__gte=recent,
    ).exists():
        raise MatchingError(_("A run is already in progress for this programme."))
    number = (
        MatchingRun.objects.filter(programme=programme).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    run = MatchingRun.objects.create(
        programme=programme,
        number=number,
        parameters=dict(matching_settings(programme).parameters),
        created_by=actor,
        progress_label="queued",
    )
    transaction.on_commit(lambda: execute_matching_run.enqueue(run.pk))
    return run


def _progress(run_id: int, percent: int, label: str) -> None:
    MatchingRun.objects.filter(pk=run_id).update(progress=percent, progress_label=label)


def execute_run(run_id: int) -> MatchingRun | None:
    """Run the engine for a queued run; a failure keeps every earlier run and stores why.

    Idempotent: only a queued run is claimed, so a retried task does nothing twice.
    """
    claimed = MatchingRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=5, progress_label="loading"
    )
    if not claimed:
        return None
    run = MatchingRun.objects.select_related("programme__organisation").get(pk=run_id)
    t0 = time.perf_counter()
    try:
        loaded = load_programme(run.programme, run.parameters)
        _progress(run_id, 30, "matching")
        t1 = time.perf_counter()
        result = engine.match(loaded.instance)
        engine_seconds = time.perf_counter() - t1
        _progress(run_id, 80, "saving")
        with transaction.atomic():
            _store_result(run, loaded, result)
            run.engine_seconds = engine_seconds
            run.duration = time.perf_counter() - t0
            run.status = RunStatus.DONE
            run.progress = 100
            run.progress_label = "done"
            run.finished_at = timezone.now()
            run.save()
    except Exception as error:  # noqa: BLE001 - any failure is shown to the coordinator
        MatchingRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
            duration=time.perf_counter() - t0,
        )
        run.refresh_from_db()
    return run


def _store_result(run: MatchingRun, loaded: Loaded, result: engine.MatchResult) -> None:
    instance = loaded.instance
    Proposal.objects.bulk_create(
        [
            Proposal(
                run=run,
                mentee_id=int(pair.mentee_id),
                mentor_id=int(pair.mentor_id),
                score=pair.score,
                breakdown=pair.breakdown,
                reasons=[{"key": r.key, "params": dict(r.params)} for r in pair.reasons],
                locked=pair.locked,
            )
            for pair in result.pairs
        ],
        batch_size=500,
    )
    unmatched = [
        Unmatched(
            run=run,
            membership_id=int(item.participant_id),
            role=item.role,
            reason=item.reason.key,
            params=dict(item.reason.params),
        )
        for item in result.unmatched
    ] + [
        Unmatched(run=run, membership_id=pk, role=role, reason=reason)
        for pk, role, reason in loaded.excluded
    ]
    Unmatched.objects.bulk_create(unmatched, batch_size=500)
    run.mentees_count = len(instance.mentees)
    run.mentors_count = len(instance.mentors)
    run.matched_count = len(result.pairs)
    run.unmatched_count = len(unmatched)
    run.total_score = float(result.total_score)
    run.certified = bool(result.certified)
    run.method = result.method
    run.stats = {
        key: float(value)
        for key, value in (result.stats or {}).items()
        if isinstance(value, int | float) and value == value  # drop NaN
    }
