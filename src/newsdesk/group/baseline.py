"""The issue's reference point for grouping, built again so that every evaluation shows it.

TF-IDF over syllable unigrams and bigrams of the title (twice) and the body, cosine similarity:

* ``batch``: average-linkage agglomerative clustering (scipy) cut where the average similarity
  between two groups falls under the threshold;
* ``stream``: single-pass online clustering in the given order: an article joins the group
  whose centroid it is most similar to when that similarity reaches the threshold, else it
  starts one.

The document frequencies are those of the whole dataset in both modes (which flatters the
stream baseline: it sees the future's vocabulary). ``evaluate_baseline`` reports the baseline at
its fixed threshold and at the best threshold in hindsight over a grid on the evaluated data
itself: an upper bound no fixed configuration can reach, the strictest bar to compare the
production grouping with (``newsdesk eval grouping --baseline``).
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix

from newsdesk.group.evaluate import Labelled, _scores

# The threshold that reproduces the reference figures on VMDS (B-cubed F1 0.920 average
# linkage, 0.913 single pass; here 0.924 / 0.912). The team's sample corpus alone would have
# picked 0.2 (its plateau is 0.175-0.225), which scores the baseline lower on VMDS (0.893 / 0.853):
# the figure is the stricter bar.
FIXED_THRESHOLD = 0.25
GRID = [round(0.05 + 0.025 * i, 3) for i in range(19)]  # 0.05 .. 0.5

_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)


def _terms(title: str, body: str) -> Counter[str]:
    words = [w.lower() for w in _SYLLABLE.findall(f"{title} {title} {body}")]
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return counts


def tfidf(texts: list[tuple[str, str]]) -> csr_matrix:
    """Rows: L2-normalised TF-IDF vectors (raw counts, smooth IDF ln((1+n)/(1+df)) + 1)."""
    bags = [_terms(t, b) for t, b in texts]
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, bag in enumerate(bags):
        for term, count in bag.items():
            j = vocab.setdefault(term, len(vocab))
            rows.append(i)
            cols.append(j)
            vals.append(count * (math.log((1 + n) / (1 + df[term])) + 1))
    matrix = csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))), dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1 / norms[:, None]))


def batch_labels(vectors: csr_matrix, threshold: float) -> list[int]:
    """Average-linkage clusters whose members are on average at least ``threshold`` similar."""
    n = vectors.shape[0]
    if n < 2:
        return list(range(n))
    sims = (vectors @ vectors.T).toarray()
    distances = np.clip(1.0 - sims, 0.0, None)
    condensed = distances[np.triu_indices(n, k=1)]
    tree = linkage(condensed, method="average")
    return [int(x) for x in fcluster(tree, t=1.0 - threshold, criterion="distance")]


def stream_labels(vectors: csr_matrix, order: list[int], threshold: float) -> list[int]:
    """Single pass in ``order``: join the most similar centroid at or above ``threshold``.
    (The cosine to a centroid is computed from the article-article similarities: the dot product
    with a group's summed vector is the sum of the dot products with its members.)"""
    n = vectors.shape[0]
    sims = (vectors @ vectors.T).toarray()
    labels = np.full(n, -1, dtype=np.int64)
    placed: list[int] = []
    sq_norms: list[float] = []  # squared norm of each group's summed vector
    for i in order:
        if placed:
            idx = np.asarray(placed)
            dots = np.bincount(labels[idx], weights=sims[i, idx], minlength=len(sq_norms))
            cos = dots / np.sqrt(np.maximum(np.asarray(sq_norms), 1e-12))
            best = int(np.argmax(cos))
            if cos[best] >= threshold:
                labels[i] = best
                sq_norms[best] += 2 * dots[best] + sims[i, i]
                placed.append(i)
                continue
        labels[i] = len(sq_norms)
        sq_norms.append(float(sims[i, i]))
        placed.append(i)
    return [int(x) for x in labels]


def _score(ids: list[str], labels: list[int], gold: dict[str, str]) -> dict[str, Any]:
    return _scores({i: str(label) for i, label in zip(ids, labels, strict=True)}, gold, 0.0)


def evaluate_baseline(data: Iterable[Labelled], *, seed: int = 0) -> dict[str, dict[str, Any]]:
    """The baseline's scores, batch and stream (shuffled with ``seed``, as the production
    evaluation does), at ``FIXED_THRESHOLD`` and at the best threshold of ``GRID``."""
    labelled = list(data)
    ids = [x.article.id for x in labelled]
    gold = {x.article.id: x.cluster for x in labelled}
    vectors = tfidf([(x.article.title or "", x.article.body or "") for x in labelled])
    order = list(range(len(ids)))
    random.Random(seed).shuffle(order)
    out: dict[str, dict[str, Any]] = {}
    for mode in ("batch", "stream"):

        def run(threshold: float, mode: str = mode) -> dict[str, Any]:
            if mode == "batch":
                labels = batch_labels(vectors, threshold)
            else:
                labels = stream_labels(vectors, order, threshold)
            return {**_score(ids, labels, gold), "threshold": threshold}

        out[f"{mode}_fixed"] = run(FIXED_THRESHOLD)
        out[f"{mode}_best"] = max((run(t) for t in GRID), key=lambda r: r["bcubed_f1"])
    return out
