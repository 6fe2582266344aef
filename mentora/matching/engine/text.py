"""Dependency-light TF-IDF goal vectors, and a hook for optional semantic embeddings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Small on purpose: TF-IDF already down-weights frequent words; this only drops glue.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "how",
        "i",
        "in",
        "into",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "want",
        "we",
        "with",
        "would",
        "like",
        "more",
        "better",
        "get",
        "learn",
        "about",
    ]
)

# An embedder maps texts to dense vectors; plug one in to replace TF-IDF (optional extra).
Embedder = Callable[[Sequence[str]], np.ndarray]


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stopwords or one-letter words."""
    return [t for t in _TOKEN.findall(text.lower()) if len(t) > 1 and t not in STOPWORDS]


def tfidf(texts: Sequence[str]) -> tuple[sp.csr_matrix, list[str]]:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) and the sorted vocabulary."""
    token_lists = [tokenize(t) for t in texts]
    vocabulary = sorted({t for tokens in token_lists for t in tokens})
    index = {t: i for i, t in enumerate(vocabulary)}
    rows: list[int] = []
    cols: list[int] = []
    for r, tokens in enumerate(token_lists):
        rows.extend([r] * len(tokens))
        cols.extend(index[t] for t in tokens)
    shape = (len(texts), len(vocabulary))
    counts = sp.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=shape,
    )
    counts.sum_duplicates()
    counts.sort_indices()
    df = np.bincount(counts.indices, minlength=len(vocabulary))
    idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
    weighted = counts.copy()
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weighted = sp.diags(1.0 / norms) @ weighted
    return sp.csr_matrix(weighted), vocabulary


def embed(texts: Sequence[str], embedder: Embedder) -> sp.csr_matrix:
    """L2-normalised dense embeddings wrapped as a sparse matrix, for the same products."""
    vectors = np.asarray(embedder(texts), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return sp.csr_matrix(vectors / norms)
