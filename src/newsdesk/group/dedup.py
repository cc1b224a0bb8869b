"""Exact copies and near-copies (syndicated wire copy), found before grouping.

* exact: the same text once case, punctuation and spacing are folded (a sha1 of that).
* near: MinHash over word 5-gram shingles of the body, candidates from an LSH index (datasketch),
  then a check on the estimated overlap: the shorter text lies mostly inside the longer
  (a changed lead, another byline, a trimmed ending; 70%) and the two share at least 40% of their
  union (a short paragraph quoted in a long report is not a copy of it).

The index holds only articles of the last ``dup_window_days`` days (by publication), so its
memory is bounded; older signatures stay in the store and are reloaded when a run starts.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsdesk.group.params import GroupParams

FOLD = re.compile(r"\W+")
WORDS = re.compile(r"\w+")
SCHEME = "affine32"  # datasketch 2 hashing scheme, fixed so stored signatures stay comparable


_PERMUTATIONS: dict[int, object] = {}


def _minhash(num_perm: int, hashvalues: np.ndarray | None = None) -> MinHash:
    """A MinHash with the permutations made once per ``num_perm`` (datasketch would redo them)."""
    perms = _PERMUTATIONS.get(num_perm)
    if perms is None:
        perms = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations
        _PERMUTATIONS[num_perm] = perms
    return MinHash(
        num_perm=num_perm, seed=1, hashvalues=hashvalues, permutations=perms, scheme=SCHEME
    )


def exact_key(text: str) -> str:
    folded = FOLD.sub(" ", text.lower()).strip()
    return hashlib.sha1(folded.encode()).hexdigest()


def shingles(text: str, k: int) -> set[bytes]:
    words = [w.lower() for w in WORDS.findall(text)]
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


@dataclass(slots=True)
class Signature:
    article_id: str
    day: float | None
    exact: str
    size: int  # number of distinct shingles
    hashvalues: np.ndarray | None  # uint32[num_perm] (affine32), None for very short texts


@dataclass(slots=True)
class Copy:
    original: str
    kind: str  # "exact" | "near"
    containment: float
    jaccard: float

    @property
    def reason(self) -> str:
        if self.kind == "exact":
            return f"exact copy of {self.original}"
        return (
            f"near-copy of {self.original} (contained {self.containment:.2f}, "
            f"overlap {self.jaccard:.2f})"
        )


def signature(article_id: str, day: float | None, body: str, params: GroupParams) -> Signature:
    sh = shingles(body, params.shingle_words)
    values = None
    if len(sh) >= params.min_shingles:
        mh = _minhash(params.num_perm)
        mh.update_batch(list(sh))
        values = mh.hashvalues.copy()
    return Signature(article_id, day, exact_key(body), len(sh), values)


class Deduper:
    """Finds the original an article copies, among the articles it has seen (time-windowed)."""

    def __init__(self, params: GroupParams) -> None:
        self.params = params
        self.lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm)
        self.exact: dict[str, str] = {}
        self.sigs: dict[str, Signature] = {}
        self._by_day: list[tuple[float, str]] = []  # heap of (day, article id) for eviction
        self.watermark: float | None = None
        # Exact copies older than the window: asked of the store (one indexed lookup).
        self.exact_lookup: Callable[[str], str | None] | None = None

    def __len__(self) -> int:
        return len(self.sigs)

    def find(self, sig: Signature) -> Copy | None:
        """The original ``sig`` copies, or None. Ties go to the earliest-added original."""
        original = self.exact.get(sig.exact)
        if original is None and self.exact_lookup is not None:
            original = self.exact_lookup(sig.exact)
        if original is not None and original != sig.article_id:
            return Copy(original, "exact", 1.0, 1.0)
        if sig.hashvalues is None:
            return None
        mh = _minhash(self.params.num_perm, sig.hashvalues)
        best: Copy | None = None
        for key in sorted(self.lsh.query(mh)):
            other = self.sigs.get(key)
            if other is None or other.hashvalues is None or key == sig.article_id:
                continue
            jac = float(np.mean(other.hashvalues == sig.hashvalues))
            inter = jac * (sig.size + other.size) / (1.0 + jac)
            containment = min(1.0, inter / max(1, min(sig.size, other.size)))
            if containment < self.params.dup_containment or jac < self.params.dup_jaccard:
                continue
            if best is None or (jac, containment) > (best.jaccard, best.containment):
                best = Copy(key, "near", containment, jac)
        return best

    def add(self, sig: Signature) -> None:
        if sig.article_id in self.sigs:
            return
        self.sigs[sig.article_id] = sig
        self.exact.setdefault(sig.exact, sig.article_id)
        if sig.hashvalues is not None:
            mh = _minhash(self.params.num_perm, sig.hashvalues)
            self.lsh.insert(sig.article_id, mh)
        if sig.day is not None:
            self.watermark = sig.day if self.watermark is None else max(self.watermark, sig.day)
        day = sig.day if sig.day is not None else self.watermark
        if day is not None:
            heapq.heappush(self._by_day, (day, sig.article_id))
            self._evict()

    def _evict(self) -> None:
        assert self.watermark is not None
        horizon = self.watermark - self.params.dup_window_days
        while self._by_day and self._by_day[0][0] < horizon:
            _, key = heapq.heappop(self._by_day)
            sig = self.sigs.pop(key, None)
            if sig is None:
                continue
            if self.exact.get(sig.exact) == key:
                del self.exact[sig.exact]
            if sig.hashvalues is not None:
                self.lsh.remove(key)
