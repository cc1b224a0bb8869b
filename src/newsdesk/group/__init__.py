"""The group stage: copies folded into their originals, articles into stories.

    group_pending(store, settings)   every current article not yet grouped, in one run

A run loads the grouper's state from the store (document frequencies, the stories active within
``window_days`` of the newest story, the MinHash signatures of the last ``dup_window_days``),
groups the new articles (``session.Session``: the same code the evaluation runs), and writes
back, in one transaction, the stories that changed, their members, merge redirects and the state.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import numpy as np

from newsdesk.config import Settings
from newsdesk.group.cluster import Grouper
from newsdesk.group.dedup import Deduper, Signature
from newsdesk.group.features import parse_day
from newsdesk.group.index import StoryState
from newsdesk.group.params import GroupParams, params_from_settings
from newsdesk.group.session import Outcome, Session
from newsdesk.model import Story, StoryArticle
from newsdesk.report import StageReport
from newsdesk.store import Store
from newsdesk.store.base import utcnow

STATE_LAST_SEQ = "group.last_seq"
STATE_LAST_REVISION = "group.last_revision"  # rowid of the revisions table seen
CHUNK = 10_000  # articles per transaction when a backlog is grouped
Progress = Callable[[str, int, int], None]

__all__ = ["group_pending"]


class StoreArchive:
    """Stories leaving memory are written to the store; older reports bring them back."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.saved: dict[str, StoryState] = {}

    def save(self, states: list[StoryState], dirty: set[str] | None = None) -> None:
        """Stories leaving memory: the changed ones are written with the run (the others are
        already in the store as they are)."""
        for st in states:
            if dirty is None or st.id in dirty:
                self.saved[st.id] = st

    def load(self, day_from: float, day_to: float) -> list[StoryState]:
        out = [StoryState.loads(b) for b in self.store.group_states(day_from, day_to)]
        out = [self.saved.pop(st.id, st) for st in out]
        out += [
            st
            for st in list(self.saved.values())
            if st.last_day is not None and st.last_day >= day_from
        ]
        for st in out:
            self.saved.pop(st.id, None)
        return sorted({st.id: st for st in out}.values(), key=lambda s: s.seq)

    def id_taken(self, story_id: str) -> bool:
        return story_id in self.saved or self.store.story_id_taken(story_id)


def _load_grouper(store: Store, params: GroupParams, archive: StoreArchive) -> Grouper:
    df_blob = store.get_group_blob("df")
    df = None
    if df_blob is not None:
        df = np.frombuffer(zlib.decompress(df_blob), dtype=np.int32).copy()
        if len(df) != 1 << params.hash_bits:
            df = None
    counters = store.get_group_blob("counters")
    n_docs, next_seq = (0, 0)
    if counters is not None and df is not None:
        n_docs, next_seq = (int(x) for x in counters.decode().split(","))
    elif counters is not None:
        next_seq = int(counters.decode().split(",")[1])
    grouper = Grouper(params, archive=archive, df=df, n_docs=n_docs, next_seq=next_seq)
    latest = store.latest_story_day()
    start = None if latest is None else latest - params.window_days
    states = [
        StoryState.loads(b)
        for b in store.group_states(start, None, undated=True, limit=params.max_active_stories)
    ]
    grouper.load(states, start)
    return grouper


def _add_signatures(store: Store, deduper: Deduper, params: GroupParams, days: list[float]) -> None:
    """Signatures of the articles published within ``dup_window_days`` of ``days``."""
    if not days:
        return
    rows = store.signatures_between(
        min(days) - params.dup_window_days, max(days) + params.dup_window_days
    )
    for row in rows:
        values = row["hashvalues"]
        values = None if values is None else np.frombuffer(values, dtype=np.uint32).copy()
        deduper.add(Signature(row["article_id"], row["day"], "", row["size"], values))


def _persist(
    store: Store,
    grouper: Grouper,
    archive: StoreArchive,
    outcomes: list[Outcome],
    seqs: dict[str, int],
) -> tuple[int, int]:
    """Write what changed: redirects, members, grouper states, then copies (which sit in their
    original's story) and the Story records touched. Returns (stories written, redirects)."""
    redirects = 0
    for o in outcomes:
        if o.duplicate_of is None:
            store.put_member(
                o.article_id,
                o.story_id or "",
                o.score,
                o.reason,
                None,
                seqs[o.article_id],
                o.exact_key,
            )
    # Merges and splits replayed in order on the members' rows (copies follow their original):
    # only what moved is written, not every member of every story touched.
    split_moved: set[str] = set()
    for change in grouper.changes:
        if change.kind == "merge":
            store.add_story_redirect(change.source, change.target)
            store.execute(
                "UPDATE story_members SET story_id = ? WHERE story_id = ?",
                (change.target, change.source),
            )
            redirects += 1
            continue
        split_moved.update(change.articles)
        for chunk in range(0, len(change.articles), 400):
            part = change.articles[chunk : chunk + 400]
            marks = ",".join("?" * len(part))
            store.execute(
                f"UPDATE story_members SET story_id = ? WHERE article_id IN ({marks})"
                f" OR duplicate_of IN ({marks})",
                [change.target, *part, *part],
            )
    states = {st.id: st for st in archive.saved.values()}
    states.update({st.id: st for st in grouper.take_changed()})
    archive.saved = {}
    touched: dict[str, StoryState | None] = {}
    for st in sorted(states.values(), key=lambda s: s.seq):
        store.put_group_state(st.id, st.seq, st.first_day, st.last_day, st.dumps())
        for m in st.members:
            if m.id in split_moved:  # its reason now says where it was split from
                store.put_member(m.id, st.id, m.score, m.reason, None, seqs.get(m.id, 0), "")
        touched[st.id] = st
    for o in outcomes:
        if o.duplicate_of is not None:
            story_id = store.story_of_article(o.duplicate_of) or ""
            store.put_member(
                o.article_id,
                story_id,
                o.score,
                o.reason,
                o.duplicate_of,
                seqs[o.article_id],
                o.exact_key,
            )
            if story_id and story_id not in touched:
                touched[story_id] = None
    for story_id, st in touched.items():
        _write_story(store, story_id, st)
    return len(touched), redirects


def _write_story(store: Store, story_id: str, st: StoryState | None) -> None:
    """The Story record from its members. Only current revisions are listed: an article
    superseded by a newer revision of its source is left out, the newer revision stands in
    its place (a near-copy of its predecessor is listed as the article itself, not as a copy),
    and copies of the superseded text point to the revision that replaced it. A story left
    with no current article loses its record (its post goes, as for a merged story)."""
    rows = store.query(
        "SELECT m.article_id, m.score, m.reason, m.duplicate_of, a.source, a.outlet,"
        " a.published, a.current,"
        " (SELECT r.source FROM revisions r WHERE r.article_id = m.article_id"
        "  ORDER BY r.revision DESC LIMIT 1) AS line"
        " FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
        " ORDER BY COALESCE(a.published, '9999'), m.joined_seq, m.article_id",
        (story_id,),
    )
    live = [r for r in rows if r["current"]]
    superseded = {r["article_id"]: r["line"] for r in rows if not r["current"]}
    if not live:
        if rows:
            store.drop_story_record(story_id)
        return
    current_of_line = {r["line"]: r["article_id"] for r in live if r["line"]}
    story = store.story_record(story_id) or Story(id=story_id)
    story.articles = []
    for r in live:
        duplicate_of, reason = r["duplicate_of"], r["reason"]
        if duplicate_of in superseded:
            replacement = current_of_line.get(superseded[duplicate_of])
            if replacement == r["article_id"]:
                reason = f"replaces its earlier revision {duplicate_of} ({reason})"
                duplicate_of = None
            else:
                duplicate_of = replacement
        story.articles.append(
            StoryArticle(
                id=r["article_id"],
                source=r["source"],
                outlet=r["outlet"],
                published=r["published"],
                score=r["score"],
                reason=reason,
                duplicate_of=duplicate_of,
            )
        )
    published = sorted(r["published"] for r in live if r["published"])
    if published and story.created_at is None:
        story.created_at = published[0].replace("T", " ")[:19]
    story.updated_at = utcnow()
    store.put_story(story, bump=True)
    if st is not None:
        store.set_story_span(story_id, st.first_day, st.last_day)


def _rewrite_revised(store: Store) -> int:
    """Stories holding an article whose source got a new revision (or went back to an older
    one) since the last run are written again, so they list the current revision only."""
    last = int(store.get_state(STATE_LAST_REVISION, 0) or 0)
    lines, top = store.revision_lines_changed(last)
    stories = {sid for line in lines for sid in store.stories_of_revision_line(line)}
    for story_id in sorted(stories):
        _write_story(store, story_id, None)
    written = len(stories)
    if top != last:
        store.set_state(STATE_LAST_REVISION, top)
    return written


def group_pending(
    store: Store, settings: Settings, *, progress: Progress | None = None
) -> StageReport:
    """Group every current article that arrived since the last run (incremental, idempotent).

    A long backlog is taken in runs of ``CHUNK`` articles (each one transaction), so memory does
    not grow with the backlog; within a run, document frequencies of the whole run are counted
    first."""
    params = params_from_settings(settings)
    report = StageReport("group")
    last_seq = int(store.get_state(STATE_LAST_SEQ, 0) or 0)
    # articles in another language wait for their translation, which is grouped in their place
    # (the original never joins a story of its own)
    rows = store.query(
        "SELECT id, seq FROM articles WHERE seq > ? AND current = 1"
        " AND (language IS NULL OR language = ?) ORDER BY seq",
        (last_seq, settings.target_language),
    )
    rows = [r for r in rows if store.story_of_article(r["id"]) is None]
    if not rows:
        with store.transaction():
            revised = _rewrite_revised(store)
        report.unchanged = int(store.scalar("SELECT COUNT(*) FROM story_members"))
        if revised:
            report.notes.append(f"{revised} stories written again for revised articles")
        return report
    archive = StoreArchive(store)
    grouper = _load_grouper(store, params, archive)
    deduper = Deduper(params)
    deduper.exact_lookup = store.article_by_exact_key
    session = Session(grouper, deduper)
    total = len(rows)
    written = redirects = splits = dups = 0
    for start in range(0, total, CHUNK):
        part = rows[start : start + CHUNK]
        items = []
        for r in part:
            article = store.get_article(r["id"])
            if article is None:  # pragma: no cover - rows come from the same table
                continue
            items.append((article, store.get_understanding(article.id)))
        days = [d for d in (parse_day(a.published) for a, _ in items) if d is not None]
        _add_signatures(store, deduper, params, days)

        def chunk_progress(stage: str, done: int, _total: int, offset: int = start) -> None:
            if progress is not None:
                progress(stage, offset + done, total)

        outcomes = session.run(items, progress=chunk_progress)
        seqs = {r["id"]: r["seq"] for r in part}
        with store.transaction():
            n_written, n_redirects = _persist(store, grouper, archive, outcomes, seqs)
            for o in outcomes:
                sig = o.signature
                if o.duplicate_of is None and sig is not None:
                    values = sig.hashvalues
                    store.put_signature(
                        o.article_id,
                        sig.day,
                        sig.size,
                        None if values is None else values.astype(np.uint32).tobytes(),
                    )
            store.put_group_blob("df", zlib.compress(grouper.df.tobytes(), 1))
            store.put_group_blob("counters", f"{grouper.n_docs},{grouper.next_seq}".encode())
            store.set_state(STATE_LAST_SEQ, max(r["seq"] for r in part))
        written += n_written
        redirects += n_redirects
        splits += sum(1 for c in grouper.changes if c.kind == "split")
        grouper.changes = []
        dups += sum(1 for o in outcomes if o.duplicate_of)
        report.done += len(outcomes)
    with store.transaction():
        written += _rewrite_revised(store)
    report.notes.append(
        f"{report.done} articles grouped: {dups} copies, {written} stories written, "
        f"{redirects} merged, {splits} split"
    )
    return report
