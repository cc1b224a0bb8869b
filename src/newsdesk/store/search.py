"""Full-text search over articles and stories (SQLite FTS5; owned by the web reader).

Both FTS tables use ``unicode61 remove_diacritics 2``, which folds every Vietnamese tone and
vowel mark but not ``đ`` (a letter of its own in Unicode). So ``đ``/``Đ`` are folded to ``d``/``D``
in the indexed text and in the query. Ranking is FTS5's bm25. Highlights are found again in
Python on the original text of the page of hits (``match_spans``: the tokenizer's rules — words,
no diacritics, no đ, case-folded), so snippets show the original with its ``đ`` and no second
FTS query is needed per hit.

Indexing is incremental: ``update_search_index()`` indexes the articles that arrived since the
last call (by ``articles.seq``), articles whose understanding appeared since, and stories whose
content changed (by fingerprint); ``reindex_search()`` rebuilds everything. User text never
reaches the FTS query syntax raw: it is cut into words and every word is quoted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newsdesk.model import Article, Story, Understanding
from newsdesk.store.base import Database, dumps, loads
from newsdesk.store.search_text import (
    _marked_html,
    fold,
    fold_key,
    fts_query,
    match_spans,
    query_words,
    word_key,
)

KINDS = ("article", "story")
RANK_CAP = 2000  # matches ranked at most, per kind (the newest)
COUNT_CAP = 10_000  # matches counted at most, per kind: past it the count says "more than"
_STATE_SEQ = "search.article_seq"
_STATE_OUTLETS = "search.outlets"


@dataclass(slots=True)
class SearchHit:
    kind: str  # article | story
    id: str
    title: str
    title_html: str  # escaped, matches in <mark>
    snippet: str  # escaped HTML, matches in <mark>
    score: float
    slug: str = ""
    date: str | None = None
    outlet: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "title_html": self.title_html,
            "snippet": self.snippet,
            "score": self.score,
            "slug": self.slug,
            "date": self.date,
            "outlet": self.outlet,
            **self.extra,
        }


class SearchMixin(Database):
    # ------------------------------------------------------------------ indexing

    def index_article(
        self,
        article: Article,
        understanding: Understanding | None = None,
        *,
        seq: int | None = None,
    ) -> None:
        """(Re)index one stored article; ``seq`` is its ``articles.seq`` (looked up if absent)."""
        if seq is None:
            seq = self.scalar("SELECT seq FROM articles WHERE id = ?", (article.id,))
            if seq is None:
                return
        title = article.title or article.generated_title or ""
        day = (article.published or "")[:10] or None
        meta = {
            "title": title,
            "outlet": article.outlet,
            "published": article.published,
            "language": article.language,
        }
        with self.transaction():
            self._drop_doc("article", seq)
            self.execute(
                "INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)",
                (seq, fold(title), fold(article.body)),
            )
            self.execute(
                "INSERT INTO search_docs(kind, ref, rid, day_from, day_to, updated, sig,"
                " has_understanding, translation_of, meta) VALUES ('article',?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    seq,
                    day,
                    day,
                    article.published,
                    article.id,
                    1 if understanding is not None else 0,
                    article.translation_of,
                    dumps(meta),
                ),
            )
            if article.outlet:
                self.execute(
                    "INSERT INTO search_outlets VALUES ('article',?,?)", (seq, article.outlet)
                )
            if understanding is not None:
                self._put_entities("article", seq, _understanding_entities(understanding))

    def index_story(self, story: Story, *, sig: str | None = None) -> None:
        """(Re)index one story: its title, description, timeline, people, figures, disagreements.
        ``sig`` fingerprints the stored record (computed from the story when absent)."""
        sig = sig or _sig(dumps(story.as_dict()))
        row = self.query_one(
            "SELECT rid FROM search_docs WHERE kind='story' AND ref=?", (story.id,)
        )
        stored = self._member_rows([a.id for a in story.articles])
        published = [a.published or stored.get(a.id, {}).get("published") for a in story.articles]
        days = sorted(p[:10] for p in published if p)
        outlets = sorted(
            {o for a in story.articles if (o := a.outlet or stored.get(a.id, {}).get("outlet"))}
        )
        first = stored.get(story.articles[0].id, {}) if story.articles else {}
        title = (
            story.title
            or first.get("title")
            or first.get("generated")
            or (first.get("source") or "").rsplit("/", 1)[-1]
        )
        entities: dict[str, tuple[str, str]] = {}
        for p in story.people:
            if p.entity_id:
                entities[p.entity_id] = ("person", p.name)
        for member in story.articles:
            u = self.get_understanding(member.id)  # type: ignore[attr-defined]
            if u is not None:
                for eid, (kind, name) in _understanding_entities(u).items():
                    entities.setdefault(eid, (kind, name))
        meta = {
            "title": title,
            "slug": story.slug,
            "description": story.description,
            "thumbnail": story.thumbnail,
            "articles": len(story.articles),
            "outlets": len(outlets),
            "created_at": story.created_at,
            "updated_at": story.updated_at or story.created_at,
            "use": story.use,
            "languages": sorted({r["language"] for r in stored.values() if r["language"]}),
        }
        with self.transaction():
            if row is not None:
                rid = row["rid"]
                self._drop_doc("story", rid)
            else:
                rid = (self.scalar("SELECT MAX(rid) FROM search_docs WHERE kind='story'") or 0) + 1
            self.execute(
                "INSERT INTO stories_fts(rowid, title, body) VALUES (?,?,?)",
                (rid, fold(title), fold(story_text(story))),
            )
            self.execute(
                "INSERT INTO search_docs(kind, ref, rid, day_from, day_to, updated, sig,"
                " has_understanding, meta, text) VALUES ('story',?,?,?,?,?,?,1,?,?)",
                (
                    story.id,
                    rid,
                    days[0] if days else None,
                    days[-1] if days else None,
                    story.updated_at or story.created_at,
                    sig,
                    dumps(meta),
                    story_text(story),
                ),
            )
            for outlet in outlets:
                self.execute("INSERT INTO search_outlets VALUES ('story',?,?)", (rid, outlet))
            self._put_entities("story", rid, entities)

    def _member_rows(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {
            r["id"]: r
            for r in self.query(
                "SELECT id, title, json_extract(data, '$.generated_title') AS generated, outlet,"
                f" published, language, source FROM articles WHERE id IN ({marks})",
                ids,
            )
        }

    def _drop_doc(self, kind: str, rid: int) -> None:
        table = "articles_fts" if kind == "article" else "stories_fts"
        self.execute(f"DELETE FROM {table} WHERE rowid = ?", (rid,))
        self.execute("DELETE FROM search_docs WHERE kind = ? AND rid = ?", (kind, rid))
        self.execute("DELETE FROM search_outlets WHERE kind = ? AND rid = ?", (kind, rid))
        self.execute("DELETE FROM search_entities WHERE kind = ? AND rid = ?", (kind, rid))

    def _put_entities(self, kind: str, rid: int, entities: dict[str, tuple[str, str]]) -> None:
        self.conn.executemany(
            "INSERT INTO search_entities VALUES (?,?,?,?,?)",
            [(kind, rid, eid, ek, fold_key(name)) for eid, (ek, name) in entities.items()],
        )

    def update_search_index(self) -> dict[str, int]:
        """Index what changed since the last call; returns counts of what was (re)indexed."""
        counts = {"articles": 0, "stories": 0, "removed": 0}
        last = int(self.get_state(_STATE_SEQ, 0) or 0)
        top = last
        with self.transaction():
            for row in self.query(
                "SELECT seq, data FROM articles WHERE seq > ? AND current = 1 ORDER BY seq", (last,)
            ):
                article = Article.from_dict(loads(row["data"]))
                self.index_article(article, self.get_understanding(article.id), seq=row["seq"])  # type: ignore[attr-defined]
                counts["articles"] += 1
            top = max(top, int(self.scalar("SELECT MAX(seq) FROM articles") or 0))
            # articles indexed before their understanding existed
            for row in self.query(
                "SELECT d.rid, a.data FROM search_docs d JOIN articles a ON a.seq = d.rid"
                " WHERE d.kind = 'article' AND d.has_understanding = 0 AND d.rid <= ?",
                (last,),
            ):
                article = Article.from_dict(loads(row["data"]))
                u = self.get_understanding(article.id)  # type: ignore[attr-defined]
                if u is not None:
                    self.index_article(article, u, seq=row["rid"])
                    counts["articles"] += 1
            # revisions that stopped being current
            for row in self.query(
                "SELECT d.rid FROM search_docs d JOIN articles a ON a.seq = d.rid"
                " WHERE d.kind = 'article' AND a.current = 0"
            ):
                self._drop_doc("article", row["rid"])
                counts["removed"] += 1
            known = {  # a story indexed before 0401 has no text yet: index it again
                r["ref"]: r["sig"] if r["text"] is not None else None
                for r in self.query("SELECT ref, sig, text FROM search_docs WHERE kind = 'story'")
            }
            # the raw records, hashed: no parsing unless a story changed
            current = {r["id"]: _sig(r["data"]) for r in self.query("SELECT id, data FROM stories")}
            seen = set(current)
            for story_id, sig in current.items():
                if known.get(story_id) != sig:
                    story = self.get_story(story_id)  # type: ignore[attr-defined]
                    if story is not None:
                        self.index_story(story, sig=sig)
                        counts["stories"] += 1
            for ref in set(known) - seen:  # merged away or deleted
                rid = self.scalar(
                    "SELECT rid FROM search_docs WHERE kind='story' AND ref=?", (ref,)
                )
                self._drop_doc("story", rid)
                counts["removed"] += 1
            self.set_state(_STATE_SEQ, top)
            self.set_state(_STATE_OUTLETS, self._outlets_now())
            # many small FTS segments slow every query down: merge them after a big update
            if counts["stories"] + counts["removed"] > 100:
                self.execute("INSERT INTO stories_fts(stories_fts) VALUES ('optimize')")
            if counts["articles"] + counts["removed"] > 1000:
                self.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        return counts

    def reindex_search(self) -> dict[str, int]:
        """Drop the whole index and build it again from the store."""
        with self.transaction():
            for table in (
                "articles_fts",
                "stories_fts",
                "search_docs",
                "search_outlets",
                "search_entities",
            ):
                self.execute(f"DELETE FROM {table}")
            self.set_state(_STATE_SEQ, 0)
            return self.update_search_index()

    # ------------------------------------------------------------------ reading

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        person: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[int, list[SearchHit]]:
        """Ranked (bm25, title weighs 5× the text) hits for ``query`` and how many there are
        (counted up to ``COUNT_CAP + 1`` per kind: a larger total means "more than").

        ``kind`` is ``article``, ``story`` or None for both; ``date_from``/``date_to`` are
        ``YYYY-MM-DD`` (inclusive); ``outlet`` is an outlet name; ``person`` an entity id or
        a name (diacritics ignored)."""
        match = fts_query(query)
        if not match:
            return 0, []
        kinds = KINDS if kind is None else (kind,)
        parts: list[str] = []
        params: list[Any] = []
        total = 0
        for k in kinds:
            table = "articles_fts" if k == "article" else "stories_fts"
            where = [f"{table} MATCH ?"]
            p: list[Any] = [match]
            if date_from:
                where.append("d.day_to >= ?")
                p.append(date_from)
            if date_to:
                where.append("d.day_from <= ?")
                p.append(date_to)
            if outlet:
                where.append(
                    f"EXISTS (SELECT 1 FROM search_outlets o WHERE o.kind = '{k}'"
                    " AND o.rid = d.rid AND o.outlet = ?)"
                )
                p.append(outlet)
            if person:
                where.append(
                    f"EXISTS (SELECT 1 FROM search_entities e WHERE e.kind = '{k}'"
                    " AND e.rid = d.rid AND (e.entity_id = ? OR e.name LIKE ?))"
                )
                p.extend([person, "%" + fold_key(person).replace("%", "").replace("_", "") + "%"])
            # the FTS table drives the query (CROSS JOIN keeps that order); the documents
            # table is joined only when a filter needs it
            join = (
                f" CROSS JOIN search_docs d ON d.kind = '{k}' AND d.rid = {table}.rowid"
                if len(where) > 1
                else ""
            )
            source = f" FROM {table}{join} WHERE {' AND '.join(where)}"
            count = int(
                self.scalar(f"SELECT COUNT(*) FROM (SELECT 1{source} LIMIT {COUNT_CAP + 1})", p)
                or 0
            )
            total += count
            if count == 0:
                continue
            # very common words: only the RANK_CAP newest matches are ranked (bm25 over tens of
            # thousands of rows would cost more than a reader waits; rowid order is arrival)
            floor = None
            if count > RANK_CAP:
                floor = self.scalar(
                    f"SELECT {table}.rowid{source} ORDER BY {table}.rowid DESC LIMIT 1 OFFSET ?",
                    [*p, RANK_CAP - 1],
                )
            rank_source = source + (f" AND {table}.rowid >= {int(floor)}" if floor else "")
            parts.append(
                f"SELECT '{k}' AS kind, {table}.rowid AS rid,"
                f" bm25({table}, 5.0, 1.0) AS score{rank_source}"
            )
            params.extend(p)
        if not parts or offset >= total:
            return total, []
        ranked = self.query(
            " UNION ALL ".join(parts) + " ORDER BY score, rid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        rows = []
        for r in ranked:
            doc = self.query_one(
                "SELECT ref, rid, meta, text, day_to AS day FROM search_docs"
                " WHERE kind = ? AND rid = ?",
                (r["kind"], r["rid"]),
            )
            if doc is not None:
                rows.append({**doc, "kind": r["kind"], "score": r["score"]})
        keys = frozenset(word_key(w) for w in query_words(query))
        return total, [self._hit(row, keys) for row in rows]

    def _hit(self, row: dict[str, Any], keys: frozenset[str]) -> SearchHit:
        kind = row["kind"]
        meta = loads(row["meta"]) or {}
        if kind == "article":
            found = self.query_one(
                "SELECT title, json_extract(data, '$.generated_title') AS generated,"
                " json_extract(data, '$.body') AS body FROM articles WHERE id = ?",
                (row["ref"],),
            ) or {"title": None, "generated": None, "body": ""}
            title = found["title"] or found["generated"] or ""
            body = found["body"] or ""
            hit = SearchHit(
                "article",
                row["ref"],
                title or row["ref"],
                "",
                "",
                row["score"],
                date=meta.get("published"),
                outlet=meta.get("outlet"),
                extra={"language": meta.get("language")},
            )
        else:
            title = meta.get("title", "")
            body = row.get("text") or ""
            hit = SearchHit(
                "story",
                row["ref"],
                title,
                "",
                "",
                row["score"],
                slug=meta.get("slug", ""),
                date=meta.get("updated_at"),
                extra={"articles": meta.get("articles", 0), "outlets": meta.get("outlets", 0)},
            )
        hit.title_html = str(_marked_html(hit.title, match_spans(hit.title, keys), whole=True))
        hit.snippet = str(_marked_html(body, match_spans(body, keys), whole=False))
        return hit

    def story_listing(self, *, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """Stories newest first (by last update) from the index: ``(total, [meta + id])``."""
        total = int(self.scalar("SELECT COUNT(*) FROM search_docs WHERE kind = 'story'") or 0)
        rows = self.query(
            "SELECT ref, day_from, day_to, meta FROM search_docs WHERE kind = 'story'"
            " ORDER BY day_to DESC NULLS LAST, updated DESC, rid DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        out = []
        for r in rows:
            meta = loads(r["meta"]) or {}
            out.append(
                {"id": r["ref"], "first_day": r["day_from"], "last_day": r["day_to"], **meta}
            )
        return total, out

    def stories_mentioning(
        self, entity_id: str, *, limit: int, offset: int
    ) -> tuple[int, list[dict]]:
        """Stories whose people or articles mention the entity, newest first."""
        where = (
            "FROM search_entities e JOIN search_docs d ON d.kind = 'story' AND d.rid = e.rid"
            " WHERE e.kind = 'story' AND e.entity_id = ?"
        )
        total = int(self.scalar(f"SELECT COUNT(*) {where}", (entity_id,)) or 0)
        rows = self.query(
            f"SELECT d.ref, d.day_from, d.day_to, d.meta {where}"
            " ORDER BY d.day_to DESC NULLS LAST, d.updated DESC LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        return total, [
            {
                "id": r["ref"],
                "first_day": r["day_from"],
                "last_day": r["day_to"],
                **(loads(r["meta"]) or {}),
            }
            for r in rows
        ]

    def translations_of(self, article_id: str) -> list[str]:
        """Ids of indexed articles that translate ``article_id``."""
        return [
            r["ref"]
            for r in self.query(
                "SELECT ref FROM search_docs WHERE kind = 'article' AND translation_of = ?",
                (article_id,),
            )
        ]

    def search_outlets_list(self) -> list[str]:
        """The outlets of indexed articles (kept in the state table at each index update)."""
        found = self.get_state(_STATE_OUTLETS)
        return list(found) if found is not None else self._outlets_now()

    def _outlets_now(self) -> list[str]:
        return [
            r["outlet"]
            for r in self.query(
                "SELECT DISTINCT outlet FROM search_outlets WHERE kind = 'article' ORDER BY outlet"
            )
        ]


def story_text(story: Story) -> str:
    """The searchable text of a story, in a fixed order (snippets are cut from it)."""
    parts: list[str] = [story.description]
    parts += [e.text for e in story.timeline]
    parts += [p.name + (" (" + ", ".join(p.roles) + ")" if p.roles else "") for p in story.people]
    parts += [f.text + (" " + f.of if f.of else "") for f in story.figures]
    parts += [d.topic for d in story.disagreements]
    return "\n".join(p for p in parts if p)


def _understanding_entities(u: Understanding) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for group in (u.people, u.organizations, u.places):
        for e in group:
            if e.id:
                found.setdefault(e.id, (e.kind, e.name))
    return found


def _sig(data: str) -> str:
    return hashlib.sha1(data.encode()).hexdigest()
