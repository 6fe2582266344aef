"""Reader for OR-Library assignment files (assignNNN.txt)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def read_assignment(path: str | Path) -> np.ndarray:
    """The n x n integer cost matrix; line breaks inside the cost list carry no meaning."""
    numbers = np.array(Path(path).read_text().split(), dtype=np.int64)
    n = int(numbers[0])
    if len(numbers) != 1 + n * n:
        raise ValueError(f"{path}: expected {n * n} costs, found {len(numbers) - 1}")
    return numbers[1:].reshape(n, n)
