"""Entry point for `python -m mentora.matching.engine`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
