"""Sparse vectors, the inverted index over active stories, and the archive of inactive ones.

A vector is a pair of numpy arrays: sorted int64 term hashes and float32 weights. The inverted
index maps a term to the stories whose members carry it among their strongest terms; a new article
looks up only its own strongest terms, reads only the newest ``posting_scan`` entries of each list,
and scores at most ``max_candidates`` stories in full. So the work per article depends on these
constants, not on how many stories exist.

Stories idle for ``window_days`` leave memory for the archive (the store in production, a dict in
evaluations) and come back when an older report arrives.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

EMPTY_KEYS = np.zeros(0, dtype=np.int64)
EMPTY_VALS = np.zeros(0, dtype=np.float32)


def dot(ak: np.ndarray, av: np.ndarray, bk: np.ndarray, bv: np.ndarray) -> float:
    """Dot product of two sparse vectors (keys sorted and unique)."""
    if not len(ak) or not len(bk):
        return 0.0
    if len(ak) > len(bk):
        ak, av, bk, bv = bk, bv, ak, av
    idx = np.searchsorted(bk, ak)
    idx[idx >= len(bk)] = 0
    hit = bk[idx] == ak
    return float(np.dot(av[hit].astype(np.float64), bv[idx[hit]].astype(np.float64)))


def vec_add(
    ak: np.ndarray, av: np.ndarray, bk: np.ndarray, bv: np.ndarray, sign: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    keys = np.concatenate([ak, bk])
    vals = np.concatenate([av, bv * sign]).astype(np.float64)
    uniq, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=vals, minlength=len(uniq))
    keep = np.abs(sums) > 1e-6
    return uniq[keep], sums[keep].astype(np.float32)


def cap_terms(keys: np.ndarray, vals: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` strongest terms of a vector (keys kept sorted): a story's summed vector is
    bounded, however many members it has."""
    if n <= 0 or len(keys) <= n:
        return keys, vals
    keep = np.sort(top_terms(keys, vals, n))
    return keys[keep], vals[keep]


def top_terms(keys: np.ndarray, vals: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` largest weights; ties broken by key, so the choice is deterministic."""
    if len(keys) <= n:
        return np.lexsort((keys, -vals))
    return np.lexsort((keys, -vals))[:n]


@dataclass(slots=True)
class Member:
    id: str
    day: float | None
    score: float
    reason: str
    keys: np.ndarray | None = None  # None once the member is too old to be re-examined
    vals: np.ndarray | None = None  # TF-IDF weights under the IDF of the story's epoch
    tf: np.ndarray | None = None  # sublinear term frequencies, to re-weight as the IDF matures
    ch: np.ndarray | None = None  # channel of each term (0 text, 1 head, 2 entities)


@dataclass(slots=True)
class StoryState:
    """A story as the grouper sees it: members and the sum of their vectors."""

    id: str
    seq: int  # creation order: older stories win ties and survive merges
    members: list[Member] = field(default_factory=list)
    ckeys: np.ndarray = field(default_factory=lambda: EMPTY_KEYS)
    cvals: np.ndarray = field(default_factory=lambda: EMPTY_VALS)
    first_day: float | None = None
    last_day: float | None = None
    mark: float = 0.0  # the grouper's clock when last touched (evicts undated stories)
    checked_at: int = 0  # size at the last drift check
    epoch: int = 0  # documents seen when the member weights were last computed
    dropped: int = 0  # older members counted (and in the sum) but no longer held in memory

    @property
    def n(self) -> int:
        return len(self.members) + self.dropped

    def span(self, day: float | None) -> None:
        if day is None:
            return
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)

    # ---- persistence ------------------------------------------------------------------------

    def dumps(self) -> bytes:
        def arr(a: np.ndarray | None) -> str | None:
            return None if a is None else base64.b64encode(a.tobytes()).decode()

        data = {
            "id": self.id,
            "seq": self.seq,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "mark": self.mark,
            "checked_at": self.checked_at,
            "epoch": self.epoch,
            "dropped": self.dropped,
            "ckeys": arr(self.ckeys),
            "cvals": arr(self.cvals),
            "members": [
                [m.id, m.day, m.score, m.reason, arr(m.keys), arr(m.vals), arr(m.tf), arr(m.ch)]
                for m in self.members
            ],
        }
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 1)

    @classmethod
    def loads(cls, blob: bytes) -> StoryState:
        data = json.loads(zlib.decompress(blob))

        def arr(text: str | None, dtype: type) -> np.ndarray | None:
            return (
                None if text is None else np.frombuffer(base64.b64decode(text), dtype=dtype).copy()
            )

        st = cls(id=data["id"], seq=data["seq"])
        st.first_day, st.last_day = data["first_day"], data["last_day"]
        st.mark, st.checked_at = data["mark"], data["checked_at"]
        st.epoch = data.get("epoch", 0)
        st.dropped = data.get("dropped", 0)
        st.ckeys = arr(data["ckeys"], np.int64)  # type: ignore[assignment]
        st.cvals = arr(data["cvals"], np.float32)  # type: ignore[assignment]
        st.members = [
            Member(
                m[0],
                m[1],
                m[2],
                m[3],
                arr(m[4], np.int64),
                arr(m[5], np.float32),
                arr(m[6], np.float32),
                arr(m[7], np.int8),
            )
            for m in data["members"]
        ]
        return st


class Archive(Protocol):
    """Where stories go when they leave memory, and come back from."""

    def save(self, states: list[StoryState], dirty: set[str]) -> None:
        """Keep ``states`` (leaving memory); ``dirty`` are those changed since last written."""

    def load(self, day_from: float, day_to: float) -> list[StoryState]: ...

    def id_taken(self, story_id: str) -> bool: ...


class MemoryArchive:
    """An archive in a dict: evaluations and tests (production uses the store)."""

    def __init__(self) -> None:
        self.states: dict[str, StoryState] = {}
        self.retired: set[str] = set()

    def save(self, states: list[StoryState], dirty: set[str] | None = None) -> None:
        for st in states:
            self.states[st.id] = st

    def load(self, day_from: float, day_to: float) -> list[StoryState]:
        out = [
            st
            for st in self.states.values()
            if st.last_day is not None and day_from <= st.last_day and (st.first_day or 0) <= day_to
        ]
        for st in out:
            del self.states[st.id]
        return sorted(out, key=lambda s: s.seq)

    def id_taken(self, story_id: str) -> bool:
        return story_id in self.states or story_id in self.retired

    def retire(self, story_id: str) -> None:
        self.states.pop(story_id, None)
        self.retired.add(story_id)


class Postings:
    """term hash -> story ids (one entry per member), with redirects for merged stories."""

    def __init__(self, scan: int, keep: int = 0) -> None:
        self.scan = scan
        self.keep = max(keep, scan)  # a list longer than this is cut to its newest ``scan``
        self.lists: dict[int, list[str]] = {}
        self.alias: dict[str, str] = {}
        self.entries = 0

    def add(self, story_id: str, keys: np.ndarray) -> None:
        for k in keys.tolist():
            plist = self.lists.get(k)
            if plist is None:
                self.lists[k] = [story_id]
            elif plist[-1] != story_id:
                plist.append(story_id)
                if len(plist) > self.keep:  # only the newest ``scan`` entries are ever read
                    self.entries -= len(plist) - self.scan
                    del plist[: len(plist) - self.scan]
            else:
                continue
            self.entries += 1

    def resolve(self, story_id: str) -> str:
        seen = story_id
        while seen in self.alias:
            seen = self.alias[seen]
        if seen != story_id:
            self.alias[story_id] = seen
        return seen

    def lookup(self, keys: np.ndarray, live: dict[str, StoryState]) -> Counter[str]:
        hits: Counter[str] = Counter()
        for k in keys.tolist():
            plist = self.lists.get(k)
            if not plist:
                continue
            seen: set[str] = set()
            alias = self.alias
            for sid in plist[-self.scan :]:
                if sid in alias:
                    sid = self.resolve(sid)
                if sid not in seen and sid in live:
                    seen.add(sid)
                    hits[sid] += 1
        return hits

    def rebuild(self, live: dict[str, StoryState], index_terms: int) -> None:
        """Drop entries of stories no longer in memory (called after evictions)."""
        self.lists = {}
        self.alias = {}
        self.entries = 0
        for st in sorted(live.values(), key=lambda s: s.seq):
            for m in st.members:
                if m.keys is not None and m.vals is not None:
                    self.add(st.id, m.keys[top_terms(m.keys, m.vals, index_terms)])
