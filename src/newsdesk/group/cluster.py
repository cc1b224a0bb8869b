"""Online story assignment with merge and split correction. Pure: no store, no clock.

For each new article (a ``Doc``):

1. its document frequencies enter the stream's own IDF (a fixed-size hashed array);
2. each channel (text, head, entities) becomes a TF-IDF vector of its strongest terms,
   unit-normalised and scaled by the square root of the channel's weight, so that the dot
   product of two articles is the weighted sum of their channel cosines;
3. candidate stories come from the inverted index (never a scan of all stories);
4. a candidate's score is the *average* similarity of the article to its members (the dot
   product with the sum of member vectors, over the member count), times a time decay
   ``exp(-max(0, gap - grace) / tau)`` where ``gap`` is the distance in days from the article's
   date to the story's span;
5. the article joins the best story at or above ``join_threshold``, or starts a new one;
6. the story it joined is then checked: stories that turn out to be one (average similarity
   between their members at or above ``merge_threshold``) are merged into the older one; a story
   that has grown is re-examined for drift (average-linkage inside it) and groups that stand apart
   (below ``split_threshold``) are split off as stories of their own.

Same docs in the same order give the same stories: every tie is broken by a stable key.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix

from newsdesk.group.features import CHANNEL_ENTITY, CHANNEL_HEAD, CHANNEL_TEXT, Doc, term_hash
from newsdesk.group.index import (
    EMPTY_KEYS,
    EMPTY_VALS,
    Archive,
    Member,
    MemoryArchive,
    Postings,
    StoryState,
    cap_terms,
    dot,
    top_terms,
    vec_add,
)
from newsdesk.group.params import GroupParams


@dataclass(slots=True)
class Vector:
    keys: np.ndarray
    vals: np.ndarray
    labels: dict[int, str] = field(default_factory=dict)
    tf: np.ndarray | None = None
    ch: np.ndarray | None = None


@dataclass(slots=True)
class Decision:
    article_id: str
    story_id: str
    score: float
    reason: str
    started: bool


@dataclass(slots=True)
class Change:
    """A correction the store must know about: ``merge`` (old -> new), ``split`` (from -> new) or
    ``move`` (one member from -> to)."""

    kind: str
    source: str
    target: str
    articles: list[str] = field(default_factory=list)


class Grouper:
    def __init__(
        self,
        params: GroupParams,
        *,
        archive: Archive | None = None,
        df: np.ndarray | None = None,
        n_docs: int = 0,
        next_seq: int = 0,
    ) -> None:
        self.params = params
        self.archive: Archive = archive if archive is not None else MemoryArchive()
        self.df = df if df is not None else np.zeros(1 << params.hash_bits, dtype=np.int32)
        self.n_docs = n_docs
        self.next_seq = next_seq
        self.stories: dict[str, StoryState] = {}
        self.postings = Postings(params.posting_scan, params.posting_keep)
        self.changed: set[str] = set()
        self.touched: set[str] = set()  # stories articles joined since the last ``settle``
        self.changes: list[Change] = []
        self.watermark: float | None = None
        self.loaded_from: float | None = None  # every story active on or after this is in memory
        self.clock = 0.0
        self._evicted_since_rebuild = 0

    # ---------------------------------------------------------------- state

    def load(self, states: list[StoryState], loaded_from: float | None) -> None:
        for st in sorted(states, key=lambda s: s.seq):
            if st.id in self.stories:
                continue
            self.stories[st.id] = st
            # the members' posted terms at once: a story's entries are consecutive here, so
            # each term is posted once for the story, as member by member would
            posted = [
                m.keys[top_terms(m.keys, m.vals, self.params.index_terms)]
                for m in st.members
                if m.keys is not None and m.vals is not None
            ]
            if posted:
                self.postings.add(st.id, np.unique(np.concatenate(posted)))
            if st.last_day is not None:
                self.watermark = (
                    st.last_day if self.watermark is None else max(self.watermark, st.last_day)
                )
            self.clock = max(self.clock, st.mark)
        if loaded_from is not None:
            self.loaded_from = (
                loaded_from if self.loaded_from is None else min(self.loaded_from, loaded_from)
            )

    def take_changed(self) -> list[StoryState]:
        out = [self.stories[s] for s in sorted(self.changed) if s in self.stories]
        self.changed = set()
        return out

    # ---------------------------------------------------------------- features

    def observe(self, doc: Doc) -> None:
        """Count the doc's terms in the document frequencies (once per doc)."""
        keys = np.unique(np.concatenate([k for k, _ in self._hashed(doc)]))
        if len(keys):
            self.df[keys] += 1
        self.n_docs += 1

    def _hashed(self, doc: Doc) -> list[tuple[np.ndarray, list[str]]]:
        """Per channel: the term hashes and the terms (sorted), computed once per doc."""
        if doc.hashed is None:
            bits = self.params.hash_bits
            out = []
            for channel, counter in (
                (CHANNEL_TEXT, doc.text),
                (CHANNEL_HEAD, doc.head),
                (CHANNEL_ENTITY, doc.entity),
            ):
                terms = sorted(counter)
                keys = np.array([term_hash(channel, t, bits) for t in terms], dtype=np.int64)
                out.append((keys, terms))
            doc.hashed = out
        return doc.hashed

    def vectorize(self, doc: Doc) -> Vector:
        p = self.params
        parts_k: list[np.ndarray] = []
        parts_t: list[np.ndarray] = []
        parts_c: list[np.ndarray] = []
        labels: dict[int, str] = {}
        for c, (_channel, counter, weight, limit) in enumerate(
            (
                (CHANNEL_TEXT, doc.text, p.text_channel, p.article_terms),
                (CHANNEL_HEAD, doc.head, p.head_channel, p.head_terms),
                (CHANNEL_ENTITY, doc.entity, p.entity_channel, p.entity_terms),
            )
        ):
            if not counter or weight <= 0:
                continue
            keys, terms = self._hashed(doc)[c]
            tf = 1.0 + np.log(np.maximum(np.array([counter[t] for t in terms]), 1e-9))
            keep = top_terms(keys, tf * self._idf(keys), limit)
            parts_k.append(keys[keep])
            parts_t.append(tf[keep].astype(np.float32))
            parts_c.append(np.full(len(keep), c, dtype=np.int8))
            for i in keep.tolist():
                labels[int(keys[i])] = terms[i]
        if not parts_k:
            return Vector(EMPTY_KEYS, EMPTY_VALS, labels)
        keys = np.concatenate(parts_k)
        keys, first = np.unique(keys, return_index=True)  # a hash collision keeps one term
        tf = np.concatenate(parts_t)[first]
        ch = np.concatenate(parts_c)[first]
        return Vector(keys, self.weigh(keys, tf, ch), labels, tf, ch)

    def _idf(self, keys: np.ndarray) -> np.ndarray:
        idf = np.log((self.n_docs + self.params.idf_prior_docs) / (self.df[keys] + 0.5))
        return np.maximum(idf, 0.0)

    def weigh(self, keys: np.ndarray, tf: np.ndarray, ch: np.ndarray) -> np.ndarray:
        """TF-IDF under the current IDF, unit length per channel, scaled by sqrt(channel weight)."""
        p = self.params
        w = tf.astype(np.float64) * self._idf(keys)
        for c, weight in enumerate((p.text_channel, p.head_channel, p.entity_channel)):
            mask = ch == c
            norm = math.sqrt(float(np.dot(w[mask], w[mask])))
            w[mask] = w[mask] / norm * math.sqrt(weight) if norm > 0 else 0.0
        return w.astype(np.float32)

    def refresh(self, st: StoryState) -> None:
        """Re-weigh a story's members under the current IDF once the stream has grown by
        ``idf_refresh`` since they were weighed (early stories were weighed on a thin IDF)."""
        if st.epoch * self.params.idf_refresh >= self.n_docs:
            return
        for m in st.members:
            if m.keys is None or m.tf is None or m.ch is None or m.vals is None:
                continue
            new = self.weigh(m.keys, m.tf, m.ch)
            st.ckeys, st.cvals = vec_add(st.ckeys, st.cvals, m.keys, new - m.vals)
            m.vals = new
        st.ckeys, st.cvals = cap_terms(st.ckeys, st.cvals, self.params.story_terms)
        st.epoch = self.n_docs
        st.checked_at = 0  # re-examine for drift under the new weights

    # ---------------------------------------------------------------- time

    def time_factor(self, day: float | None, first: float | None, last: float | None) -> float:
        if day is None or first is None or last is None:
            return 1.0
        gap = max(0.0, first - day, day - last)
        return math.exp(-max(0.0, gap - self.params.time_grace_days) / self.params.time_tau_days)

    @staticmethod
    def _story_gap(a: StoryState, b: StoryState) -> float:
        """Days between the spans of two stories (0 when they overlap or one is undated)."""
        if a.first_day is None or b.first_day is None:
            return 0.0
        assert a.last_day is not None and b.last_day is not None
        return max(0.0, a.first_day - b.last_day, b.first_day - a.last_day)

    def _story_time(self, a: StoryState, b: StoryState) -> float:
        if a.first_day is None or b.first_day is None:
            return 1.0
        assert a.last_day is not None and b.last_day is not None
        gap = max(0.0, a.first_day - b.last_day, b.first_day - a.last_day)
        return math.exp(-max(0.0, gap - self.params.time_grace_days) / self.params.time_tau_days)

    # ---------------------------------------------------------------- assignment

    def candidates(
        self, keys: np.ndarray, vals: np.ndarray, exclude: str | None = None, limit: int = 0
    ) -> list[str]:
        query = keys[top_terms(keys, vals, self.params.query_terms)]
        hits = self.postings.lookup(query, self.stories)
        hits.pop(exclude or "", None)
        stories = self.stories
        limit = limit or self.params.max_candidates
        items = list(hits.items())
        if len(items) > limit:  # only stories sharing at least the limit-th best count can rank
            cut = heapq.nlargest(limit, hits.values())[-1]
            items = [kv for kv in items if kv[1] >= cut]
        ranked = heapq.nsmallest(limit, items, key=lambda kv: (-kv[1], stories[kv[0]].seq))
        return [sid for sid, _ in ranked]

    def assign(self, doc: Doc, *, observed: bool = False) -> Decision:
        """Put ``doc`` into the story it is most similar to, or start one."""
        if not observed:
            self.observe(doc)
        self._reach_back(doc.day)
        self.clock += 1.0
        vec = self.vectorize(doc)
        # A date found in the text (no publication date) may be the event's, a deadline or an
        # effective date months away: it neither decays the score nor moves the stream's clock.
        day = None if doc.day_from_text else doc.day
        best, best_score = self._best_story(vec.keys, vec.vals, day, 0.0)
        if best is not None and best_score >= self.params.join_threshold:
            reason = self._explain(vec, best, best_score)
            st = best
            started = False
        else:
            st = StoryState(id=self._new_id(doc.id), seq=self.next_seq, epoch=self.n_docs)
            self.next_seq += 1
            self.stories[st.id] = st
            best_score = 1.0
            reason = "started the story"
            started = True
        self._add_member(
            st,
            Member(
                doc.id, doc.day, round(best_score, 4), reason, vec.keys, vec.vals, vec.tf, vec.ch
            ),
        )
        story_id = self.correct(st.id)
        self.touched.add(story_id)
        self._advance(day)
        return Decision(doc.id, story_id, round(best_score, 4), reason, started)

    def _best_story(
        self,
        keys: np.ndarray,
        vals: np.ndarray,
        day: float | None,
        floor: float,
        *,
        exclude: str | None = None,
    ) -> tuple[StoryState | None, float]:
        """The candidate story a vector is on average most similar to (time-decayed), when it
        beats ``floor``; ties go to the older story. Returns (story or None, its score or floor)."""
        best: StoryState | None = None
        best_score = floor
        for sid in self.candidates(keys, vals, exclude=exclude):
            st = self.stories[sid]
            self.refresh(st)
            score = dot(keys, vals, st.ckeys, st.cvals) / st.n
            score *= self.time_factor(day, st.first_day, st.last_day)
            if score > best_score or (
                score == best_score and best is not None and st.seq < best.seq
            ):
                best, best_score = st, score
        return best, best_score

    def _explain(self, vec: Vector, st: StoryState, score: float) -> str:
        _, ia, ib = np.intersect1d(vec.keys, st.ckeys, assume_unique=True, return_indices=True)
        contrib = vec.vals[ia].astype(np.float64) * st.cvals[ib]
        order = np.lexsort((vec.keys[ia], -contrib))[:6]
        shared = [vec.labels.get(int(vec.keys[ia][i]), "?") for i in order.tolist()]
        return f"similarity {score:.3f} to {st.n} member(s); shared: " + ", ".join(shared)

    def _add_member(self, st: StoryState, m: Member) -> None:
        assert m.keys is not None and m.vals is not None
        st.members.append(m)
        st.ckeys, st.cvals = cap_terms(
            *vec_add(st.ckeys, st.cvals, m.keys, m.vals), self.params.story_terms
        )
        st.span(m.day)
        st.mark = self.clock
        self.postings.add(st.id, m.keys[top_terms(m.keys, m.vals, self.params.index_terms)])
        self._forget_old_vectors(st)
        self.changed.add(st.id)

    def _forget_old_vectors(self, st: StoryState) -> None:
        limit = self.params.split_max_members
        held = len(st.members)
        if held > limit:
            for m in st.members[: held - limit]:
                m.keys = m.vals = m.tf = m.ch = None
        kept = max(self.params.story_members_kept, limit)
        if held > kept:  # the oldest records leave memory; the store has them (story_members)
            st.dropped += held - kept
            del st.members[: held - kept]

    def _new_id(self, article_id: str) -> str:
        base = article_id
        candidate, k = base, 1
        while candidate in self.stories or self.archive.id_taken(candidate):
            k += 1
            candidate = f"{base}-{k}"
        return candidate

    # ---------------------------------------------------------------- correction

    def correct(self, story_id: str) -> str:
        """Merge ``story_id`` with stories that turned out to be the same; split it if it drifted.
        Returns the id the story has afterwards."""
        p = self.params
        for _ in range(8):
            st = self.stories[story_id]
            best: StoryState | None = None
            best_score = 0.0
            self.refresh(st)
            for sid in self.candidates(
                st.ckeys, st.cvals, exclude=story_id, limit=p.merge_candidates
            ):
                other = self.stories[sid]
                if self._story_gap(st, other) > p.merge_max_gap_days:
                    continue  # a running story does not swallow another months away
                self.refresh(other)
                score = dot(st.ckeys, st.cvals, other.ckeys, other.cvals) / (st.n * other.n)
                score *= self._story_time(st, other)
                # a story of one article merging is that article joining late: the join threshold
                need = p.join_threshold if min(st.n, other.n) == 1 else p.merge_threshold
                if score >= need and (
                    best is None
                    or score > best_score
                    or (score == best_score and other.seq < best.seq)
                ):
                    best, best_score = other, score
            if best is None:
                break
            story_id = self._merge(st, best)
        st = self.stories[story_id]
        if st.n >= p.split_min_members and st.n >= st.checked_at * p.split_growth:
            st.checked_at = st.n
            self._split(st)
        return story_id

    def settle(self) -> None:
        """End of a run: each story the run touched is checked once more, under the document
        frequencies of the whole run (drift, lone misfits, merges). Bounded by the stories of
        one run; a story is re-examined for drift only when it changed since its last check."""
        p = self.params
        touched, self.touched = self.touched, set()
        for sid in sorted({self.postings.resolve(s) for s in touched}, key=self._seq_of):
            st = self.stories.get(sid)
            if st is None or st.n < p.split_min_members:
                continue
            epoch, n = st.epoch, st.n
            self.refresh(st)
            if st.n != st.checked_at:
                st.checked_at = st.n
                self._split(st)
            if st.epoch != epoch or st.n != n:  # re-weighed, or parts left: merges may differ
                self.correct(sid)

    def _seq_of(self, story_id: str) -> int:
        st = self.stories.get(story_id)
        return st.seq if st is not None else -1

    def _merge(self, a: StoryState, b: StoryState) -> str:
        keep, gone = (a, b) if a.seq < b.seq else (b, a)
        moved = [m.id for m in gone.members]
        keep.members.extend(gone.members)
        keep.members.sort(key=lambda m: (m.day if m.day is not None else math.inf, m.id))
        keep.dropped += gone.dropped
        keep.ckeys, keep.cvals = cap_terms(
            *vec_add(keep.ckeys, keep.cvals, gone.ckeys, gone.cvals), self.params.story_terms
        )
        keep.span(gone.first_day)
        keep.span(gone.last_day)
        keep.epoch = min(keep.epoch, gone.epoch)
        keep.mark = self.clock
        self._forget_old_vectors(keep)
        del self.stories[gone.id]
        self.postings.alias[gone.id] = keep.id
        self.changed.add(keep.id)
        self.changed.discard(gone.id)
        self.changes.append(Change("merge", gone.id, keep.id, moved))
        if isinstance(self.archive, MemoryArchive):
            self.archive.retire(gone.id)
        return keep.id

    def _split(self, st: StoryState) -> None:
        with_vec = [i for i, m in enumerate(st.members) if m.keys is not None]
        if len(with_vec) < self.params.split_min_members:
            return
        groups = self._agglomerate([st.members[i] for i in with_vec])
        if len(groups) < 2:
            return
        groups.sort(key=lambda g: (-len(g), min(with_vec[i] for i in g)))
        # the members of every group that leaves, taken before any leaves (indices then shift)
        leaving = [
            [st.members[with_vec[i]] for i in g]
            for g in groups[1:]
            if len(g) >= self.params.split_min_group
        ]
        lone = [st.members[with_vec[g[0]]] for g in groups[1:] if len(g) == 1]
        for group in leaving:
            self._detach(st, group)
        if self.params.rehome_lone:
            for m in lone:
                self._rehome(st, m)

    def _rehome(self, st: StoryState, m: Member) -> None:
        """A lone member that stands apart from its story moves to the story it is now most
        similar to, if that one takes it (join threshold) and beats what it has where it is.
        With nowhere better to go it stays: a report is not left alone for being loosely tied."""
        assert m.keys is not None and m.vals is not None
        if st.n < 2:
            return
        day = m.day
        own = (dot(m.keys, m.vals, st.ckeys, st.cvals) - float(np.dot(m.vals, m.vals))) / (st.n - 1)
        floor = max(own, self.params.join_threshold)
        best, best_score = self._best_story(m.keys, m.vals, day, floor, exclude=st.id)
        if best is None:
            return
        st.members = [x for x in st.members if x.id != m.id]
        st.ckeys, st.cvals = vec_add(st.ckeys, st.cvals, m.keys, m.vals, -1.0)
        days = [x.day for x in st.members if x.day is not None]
        st.first_day, st.last_day = (min(days), max(days)) if days else (None, None)
        m.score = round(best_score, 4)
        m.reason = f"moved from {st.id}: similarity {best_score:.3f} to {best.n} member(s)"
        self._add_member(best, m)
        self.changed.add(st.id)
        self.changes.append(Change("move", st.id, best.id, [m.id]))

    def _agglomerate(self, members: list[Member]) -> list[list[int]]:
        """Average-linkage clustering of members, stopped at ``split_threshold``."""
        keys = np.concatenate([m.keys for m in members])  # type: ignore[misc]
        vals = np.concatenate([m.vals for m in members])  # type: ignore[misc]
        rows = np.concatenate([np.full(len(m.keys), i) for i, m in enumerate(members)])  # type: ignore[arg-type]
        uniq, cols = np.unique(keys, return_inverse=True)
        x = csr_matrix((vals.astype(np.float64), (rows, cols)), shape=(len(members), len(uniq)))
        sums = (x @ x.T).toarray()
        sizes = np.ones(len(members))
        groups: list[list[int]] = [[i] for i in range(len(members))]
        alive = np.ones(len(members), dtype=bool)
        np.fill_diagonal(sums, -np.inf)
        while alive.sum() > 1:
            avg = sums / np.outer(sizes, sizes)
            avg[~alive, :] = -np.inf
            avg[:, ~alive] = -np.inf
            i, j = np.unravel_index(int(np.argmax(avg)), avg.shape)
            if avg[i, j] < self.params.split_threshold:
                break
            i, j = min(i, j), max(i, j)
            sums[i, :] += sums[j, :]
            sums[:, i] += sums[:, j]
            sums[i, i] = -np.inf
            sizes[i] += sizes[j]
            alive[j] = False
            groups[i].extend(groups[j])
            groups[j] = []
        return [sorted(g) for g in groups if g]

    def _detach(self, st: StoryState, leaving: list[Member]) -> None:
        ids = {m.id for m in leaving}
        st.members = [m for m in st.members if m.id not in ids]
        for m in leaving:
            assert m.keys is not None and m.vals is not None
            st.ckeys, st.cvals = vec_add(st.ckeys, st.cvals, m.keys, m.vals, -1.0)
        days = [m.day for m in st.members if m.day is not None]
        oldest = st.first_day
        st.first_day, st.last_day = (min(days), max(days)) if days else (None, None)
        if st.dropped and oldest is not None:  # the members no longer held are the oldest
            st.first_day = oldest if st.first_day is None else min(oldest, st.first_day)
            st.last_day = oldest if st.last_day is None else st.last_day
        st.checked_at = st.n
        first = min(leaving, key=lambda m: (m.day if m.day is not None else math.inf, m.id))
        new = StoryState(
            id=self._new_id(first.id), seq=self.next_seq, checked_at=len(leaving), epoch=st.epoch
        )
        self.next_seq += 1
        self.stories[new.id] = new
        for m in sorted(leaving, key=lambda m: (m.day if m.day is not None else math.inf, m.id)):
            m.reason = f"split from {st.id}: " + m.reason
            self._add_member(new, m)
        self.changed.add(st.id)
        self.changes.append(Change("split", st.id, new.id, sorted(ids)))

    # ---------------------------------------------------------------- memory bound

    def _reach_back(self, day: float | None) -> None:
        """An article older than what is in memory: bring back the stories of its time."""
        if day is None or self.loaded_from is None:
            return
        start = day - self.params.window_days
        if start >= self.loaded_from:
            return
        self.load(self.archive.load(start, self.loaded_from), None)
        self.loaded_from = start

    def _advance(self, day: float | None) -> None:
        p = self.params
        if day is not None and (self.watermark is None or day > self.watermark):
            old = self.watermark
            self.watermark = day
            if old is None or int(day) > int(old):
                self._evict(day - p.window_days)
        if len(self.stories) > p.max_active_stories:
            self._evict(None)

    def _evict(self, horizon: float | None) -> None:
        p = self.params
        clock_horizon = self.clock - p.window_days * 200  # undated stories: by articles seen since
        if horizon is not None:
            self.loaded_from = (
                horizon if self.loaded_from is None else max(self.loaded_from, horizon)
            )
            gone = [
                st
                for st in self.stories.values()
                if (st.last_day is not None and st.last_day < horizon)
                or (st.last_day is None and st.mark < clock_horizon)
            ]
        else:
            ranked = sorted(self.stories.values(), key=lambda s: (s.last_day or -math.inf, s.seq))
            # down to ``evict_to`` of the bound, so the sort is not repeated for every article
            gone = ranked[: len(self.stories) - int(p.max_active_stories * p.evict_to)]
            if gone and gone[-1].last_day is not None:
                cut = gone[-1].last_day
                self.loaded_from = cut if self.loaded_from is None else max(self.loaded_from, cut)
        if not gone:
            return
        self.archive.save(sorted(gone, key=lambda s: s.seq), {st.id for st in gone} & self.changed)
        for st in gone:
            del self.stories[st.id]
            self.changed.discard(st.id)
        self._evicted_since_rebuild += len(gone)
        if self._evicted_since_rebuild > max(1000, len(self.stories)):
            self.postings.rebuild(self.stories, p.index_terms)
            self._evicted_since_rebuild = 0

    def all_states(self) -> list[StoryState]:
        """Stories in memory (evaluations add the archive's)."""
        return sorted(self.stories.values(), key=lambda s: s.seq)
