"""Production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MENTORA_DEBUG": "false", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check():
    result = _check_deploy(
        MENTORA_SECRET_KEY="a-production-secret-" + "x" * 40,
        MENTORA_SMTP_HOST="smtp.example.com",
        MENTORA_SSL_REDIRECT="true",
        MENTORA_ALLOWED_HOSTS="mentora.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _check_deploy(MENTORA_SECRET_KEY="")
    assert result.returncode != 0
    assert "MENTORA_SECRET_KEY must be set" in result.stderr
