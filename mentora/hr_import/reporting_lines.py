"""Reporting lines of an HR file: managers that will exist, and no loops, once applied."""

from __future__ import annotations

from typing import Any

from mentora.hr_import.rows import PlanRow
from mentora.hr_import.state import OrgState


def reject_unknown_managers(rows: list[PlanRow], state: OrgState) -> None:
    """Reject rows whose manager is neither in the file nor in the organisation."""
    in_file = {row.employee_id for row in rows if row.employee_id}
    for row in rows:
        manager = row.manager_employee_id
        if manager and manager not in in_file and manager not in state.by_employee_id:
            row.reject("unknown_manager", manager=manager)


def check_reporting_lines(rows: list[PlanRow], state: OrgState, has_managers: bool) -> None:
    """Resolve managers; reject rows whose manager will not exist, then cycles, to a fixpoint.

    Rejecting a row can change the graph (an existing member keeps their current manager;
    a new person is not created), so both checks repeat until nothing more is rejected.
    Each pass is O(n); in practice one or two passes are needed.
    """
    first_line: dict[str, int] = {}
    for row in rows:
        first_line.setdefault(row.employee_id, row.line)
    while True:
        valid = {row.employee_id: row for row in rows if row.valid}
        for row in valid.values():
            row.manager = _resolve_manager(row, valid, state, has_managers)
        newly_rejected = _reject_orphans(valid, first_line)
        valid = {eid: row for eid, row in valid.items() if row.valid}
        newly_rejected += _reject_cycles(valid, state)
        if not newly_rejected:
            return


def _resolve_manager(
    row: PlanRow, valid: dict[str, PlanRow], state: OrgState, has_managers: bool
) -> tuple[str, Any]:
    if not has_managers:
        current = row.member.manager_id if row.member else None
        return _member_target(current, state)
    manager = row.manager_employee_id
    if not manager:
        return ("none", None)
    if manager in valid:
        return ("row", valid[manager])
    if manager in state.by_employee_id:
        return ("member", state.by_employee_id[manager])
    return ("missing", manager)


def _member_target(pk: int | None, state: OrgState) -> tuple[str, Any]:
    if pk is None or pk not in state.members:
        return ("none", None)
    return ("member", state.members[pk])


def _reject_orphans(valid: dict[str, PlanRow], first_line: dict[str, int]) -> int:
    """Reject rows whose manager is on a rejected line and does not exist yet (transitively)."""
    dead: dict[int, bool] = {}
    rejected = 0
    for start in valid.values():
        path: list[PlanRow] = []
        on_path: set[int] = set()
        row = start
        while True:
            if row.line in dead:
                verdict = dead[row.line]
                break
            if row.line in on_path:  # a loop among new people: the cycle check reports it
                verdict = False
                break
            path.append(row)
            on_path.add(row.line)
            kind, target = row.manager
            if kind == "missing":
                verdict = True
                break
            if kind == "row" and target.member is None:
                row = target
                continue
            verdict = False
            break
        for walked in path:
            dead[walked.line] = verdict
            if verdict:
                kind, target = walked.manager
                if kind == "missing":
                    walked.reject("manager_rejected", manager=target, line=first_line[target])
                else:
                    walked.reject("manager_rejected", manager=target.employee_id, line=target.line)
                rejected += 1
    return rejected


def _node(kind: str, target: Any, matched: dict[int, PlanRow]) -> tuple[str, Any] | None:
    """A node of the final reporting graph: a valid row, or a member the file does not touch."""
    if kind == "row":
        return ("row", target.line)
    if kind == "member":
        row = matched.get(target.pk)
        return ("row", row.line) if row is not None else ("member", target.pk)
    return None


def _reject_cycles(valid: dict[str, PlanRow], state: OrgState) -> int:
    """Find loops in the reporting line after import (each person has one manager: O(n))."""
    matched = {row.member.pk: row for row in valid.values() if row.member is not None}
    by_line = {row.line: row for row in valid.values()}

    def successor(node: tuple[str, Any]) -> tuple[str, Any] | None:
        if node[0] == "row":
            kind, target = by_line[node[1]].manager
            return _node(kind, target, matched)
        manager_id = state.members[node[1]].manager_id
        if manager_id is None or manager_id not in state.members:
            return None
        return _node("member", state.members[manager_id], matched)

    def label(node: tuple[str, Any]) -> str:
        if node[0] == "row":
            return by_line[node[1]].employee_id
        return state.members[node[1]].label

    done: set[tuple[str, Any]] = set()
    rejected = 0
    for row in list(valid.values()):
        node: tuple[str, Any] | None = ("row", row.line)
        path: list[tuple[str, Any]] = []
        position: dict[tuple[str, Any], int] = {}
        while node is not None and node not in done and node not in position:
            position[node] = len(path)
            path.append(node)
            node = successor(node)
        if node is not None and node in position:
            cycle = path[position[node] :]
            if any(kind == "row" for kind, _ in cycle):
                text = " → ".join([label(n) for n in cycle] + [label(cycle[0])])
                for kind, key in cycle:
                    if kind == "row":
                        by_line[key].reject("cycle", cycle=text)
                        rejected += 1
        done.update(path)
    return rejected


def manager_pk(row: PlanRow) -> int | None | str:
    """The manager's membership id after import, or "new" when they are created too."""
    kind, target = row.manager
    if kind == "member":
        return target.pk
    if kind == "row":
        return target.member.pk if target.member is not None else "new"
    return None


def manager_label(row: PlanRow) -> str:
    """How the report names the manager after import: employee ID, else e-mail."""
    kind, target = row.manager
    if kind == "row":
        return target.employee_id
    if kind == "member":
        return target.label
    return ""
