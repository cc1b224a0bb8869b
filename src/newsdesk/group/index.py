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
BINARY_MAGIC = b"\x00GS2"  # a story state blob in the binary layout (StoryState.dumps)


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
    # One zlib blob: a 4-byte header length, a JSON header (ids, days, scores, reasons and the
    # length of each array), then the arrays' raw bytes (int64 keys, float32 weights and term
    # frequencies, int8 channels). Blobs of the first format (all JSON, base64) still load.

    def dumps(self) -> bytes:
        ints: list[np.ndarray] = [self.ckeys.astype(np.int64)]
        floats: list[np.ndarray] = [self.cvals.astype(np.float32)]
        chans: list[np.ndarray] = []
        rows = []
        for m in self.members:
            nk = -1 if m.keys is None or m.vals is None else len(m.keys)
            ntf = -1 if nk < 0 or m.tf is None or m.ch is None else len(m.tf)
            if nk >= 0:
                ints.append(m.keys.astype(np.int64))  # type: ignore[union-attr]
                floats.append(m.vals.astype(np.float32))  # type: ignore[union-attr]
            if ntf >= 0:
                floats.append(m.tf.astype(np.float32))  # type: ignore[union-attr]
                chans.append(m.ch.astype(np.int8))  # type: ignore[union-attr]
            rows.append([m.id, m.day, m.score, m.reason, nk, ntf])
        header = json.dumps(
            {
                "id": self.id,
                "seq": self.seq,
                "first_day": self.first_day,
                "last_day": self.last_day,
                "mark": self.mark,
                "checked_at": self.checked_at,
                "epoch": self.epoch,
                "dropped": self.dropped,
                "nc": len(self.ckeys),
                "members": rows,
            },
            separators=(",", ":"),
        ).encode()
        parts = [
            BINARY_MAGIC,
            len(header).to_bytes(4, "little"),
            header,
            np.concatenate(ints).tobytes(),
            np.concatenate(floats).tobytes(),
            np.concatenate(chans).tobytes() if chans else b"",
        ]
        return zlib.compress(b"".join(parts), 1)

    @classmethod
    def loads(cls, blob: bytes) -> StoryState:
        raw = zlib.decompress(blob)
        if not raw.startswith(BINARY_MAGIC):
            return cls._loads_json(raw)
        at = len(BINARY_MAGIC)
        size = int.from_bytes(raw[at : at + 4], "little")
        data = json.loads(raw[at + 4 : at + 4 + size])
        rows = data["members"]
        n_int = data["nc"] + sum(max(r[4], 0) for r in rows)
        n_float = n_int + sum(max(r[5], 0) for r in rows)
        n_chan = n_float - n_int
        at += 4 + size
        ints = np.frombuffer(raw, dtype=np.int64, count=n_int, offset=at)
        at += 8 * n_int
        floats = np.frombuffer(raw, dtype=np.float32, count=n_float, offset=at)
        at += 4 * n_float
        chans = np.frombuffer(raw, dtype=np.int8, count=n_chan, offset=at)
        st = cls(id=data["id"], seq=data["seq"])
        st.first_day, st.last_day = data["first_day"], data["last_day"]
        st.mark, st.checked_at = data["mark"], data["checked_at"]
        st.epoch, st.dropped = data["epoch"], data["dropped"]
        nc = data["nc"]
        st.ckeys, st.cvals = ints[:nc].copy(), floats[:nc].copy()
        ki = fi = nc
        ci = 0
        for mid, day, score, reason, nk, ntf in rows:
            m = Member(mid, day, score, reason)
            if nk >= 0:
                m.keys, m.vals = ints[ki : ki + nk].copy(), floats[fi : fi + nk].copy()
                ki += nk
                fi += nk
            if ntf >= 0:
                m.tf, m.ch = floats[fi : fi + ntf].copy(), chans[ci : ci + ntf].copy()
                fi += ntf
                ci += ntf
            st.members.append(m)
        return st

    @classmethod
    def _loads_json(cls, raw: bytes) -> StoryState:
        data = json.loads(raw)

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
        lists = self.lists
        keep, scan = self.keep, self.scan
        added = 0
        for k in keys.tolist():
            plist = lists.get(k)
            if plist is None:
                lists[k] = [story_id]
            elif plist[-1] != story_id:
                plist.append(story_id)
                if len(plist) > keep:  # only the newest ``scan`` entries are ever read
                    added -= len(plist) - scan
                    del plist[: len(plist) - scan]
            else:
                continue
            added += 1
        self.entries += added

    def resolve(self, story_id: str) -> str:
        seen = story_id
        while seen in self.alias:
            seen = self.alias[seen]
        if seen != story_id:
            self.alias[story_id] = seen
        return seen

    def lookup(self, keys: np.ndarray, live: dict[str, StoryState]) -> Counter[str]:
        """For each story in memory, how many of ``keys`` it carries (each term counted once per
        story, among the newest ``scan`` entries of its posting list)."""
        hits: Counter[str] = Counter()
        alias = self.alias
        live_ids = live.keys()
        for k in keys.tolist():
            plist = self.lists.get(k)
            if not plist:
                continue
            ids = set(plist[-self.scan :])
            moved = ids & alias.keys()
            if moved:
                ids -= moved
                ids.update(self.resolve(sid) for sid in moved)
            hits.update(ids & live_ids)
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
