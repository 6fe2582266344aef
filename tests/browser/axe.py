"""Accessibility checks with axe-core (installed by `make` from package-lock.json).

The page's CSP blocks `page.add_script_tag`: it inserts an inline script without the
request's nonce. Playwright's own evaluation is not subject to the page's CSP, so axe's
source is evaluated that way: the policy stays in force while axe runs, and a test can
check for CSP violations on the very page it audits (no `bypass_csp` context needed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Moderate and minor findings are reviewed by hand; these block a page.
BLOCKING = {"serious", "critical"}


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe on the page as it stands; its serious and critical violations."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make test`, which installs axe-core.")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await window.axe.run(document)")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations, one line per failing element, for an assertion message."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}"
        for v in violations
        for node in v["nodes"]
    )
