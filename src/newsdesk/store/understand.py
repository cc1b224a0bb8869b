"""Understandings and the entity registry (owned by the understand stage).

Tables (migration ``0100_understand.sql``): ``understandings`` (one JSON record per article and
the extractor version that wrote it), ``entities`` (id, kind, canonical name, roles),
``entity_aliases`` (normalised key -> entity) and ``article_entities`` (who is mentioned where).

The registry methods (``registry_*``) implement ``newsdesk.understand.names.Registry`` through
``StoreRegistry``. A canonical name may improve later (a surname-only "Trump" becomes "Donald
Trump" once the full name is seen); ids never change, and ``get_understanding`` always gives the
current canonical names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsdesk.model import Understanding
from newsdesk.store.base import Database, dumps, loads, utcnow
from newsdesk.understand.names import entity_id as make_entity_id


class UnderstandMixin(Database):
    # ------------------------------------------------------------------ understandings

    def put_understanding(
        self, u: Understanding, *, version: int | None = None, published: str | None = None
    ) -> str:
        """Store ``u`` (replacing an older one) and index its entities. Returns "new",
        "unchanged" or "replaced". One transaction."""
        from newsdesk.understand import UNDERSTAND_VERSION

        version = UNDERSTAND_VERSION if version is None else version
        data = dumps(u.as_dict())
        with self.transaction():
            old = self.query_one(
                "SELECT version, data FROM understandings WHERE article_id = ?", (u.article_id,)
            )
            if old is not None and old["version"] == version and old["data"] == data:
                return "unchanged"
            if published is None:
                published = self.scalar(
                    "SELECT published FROM articles WHERE id = ?", (u.article_id,)
                )
            self.execute(
                "INSERT INTO understandings(article_id, version, data, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT(article_id) DO UPDATE SET version = excluded.version,"
                " data = excluded.data, updated_at = excluded.updated_at",
                (u.article_id, version, data, utcnow()),
            )
            self.execute("DELETE FROM article_entities WHERE article_id = ?", (u.article_id,))
            for entity in [*u.people, *u.organizations, *u.places]:
                if not entity.id:
                    continue
                self.execute(
                    "INSERT INTO article_entities(article_id, entity_id, kind, mentions, published)"
                    " VALUES (?,?,?,?,?) ON CONFLICT(article_id, entity_id) DO UPDATE SET"
                    " mentions = article_entities.mentions + excluded.mentions",
                    (u.article_id, entity.id, entity.kind, max(1, len(entity.mentions)), published),
                )
                if entity.roles:
                    self._add_roles(entity.id, entity.roles)
            if old is not None:  # the story holding it says something else now: analyse again
                self.execute(
                    "UPDATE stories SET version = version + 1 WHERE id IN"
                    " (SELECT story_id FROM story_members WHERE article_id = ?)",
                    (u.article_id,),
                )
            return "new" if old is None else "replaced"

    def get_understanding(self, article_id: str) -> Understanding | None:
        """The stored understanding of an article (None until the understand stage ran), with
        the registry's current canonical names."""
        row = self.query_one("SELECT data FROM understandings WHERE article_id = ?", (article_id,))
        if row is None:
            return None
        u = Understanding.from_dict(loads(row["data"]))
        entities = [*u.people, *u.organizations, *u.places]
        ids = [e.id for e in entities if e.id]
        if ids:
            marks = ",".join("?" * len(ids))
            names = {
                r["id"]: r["name"]
                for r in self.query(f"SELECT id, name FROM entities WHERE id IN ({marks})", ids)
            }
            renamed = {}
            for e in entities:
                if e.id and names.get(e.id) and names[e.id] != e.name:
                    renamed[e.name] = names[e.id]
                    e.name = names[e.id]
            for q in u.quotes:
                if q.speaker in renamed:
                    q.speaker = renamed[q.speaker]
        return u

    def understanding_version(self, article_id: str) -> int | None:
        return self.scalar("SELECT version FROM understandings WHERE article_id = ?", (article_id,))

    def articles_needing_understanding(self, version: int) -> list[str]:
        """Current articles with no understanding, or one written by an older extractor."""
        rows = self.query(
            "SELECT a.id FROM articles a LEFT JOIN understandings u ON u.article_id = a.id"
            " WHERE a.current = 1 AND (u.article_id IS NULL OR u.version < ?) ORDER BY a.seq",
            (version,),
        )
        return [r["id"] for r in rows]

    def count_understandings(self) -> int:
        return int(self.scalar("SELECT COUNT(*) FROM understandings"))

    # ------------------------------------------------------------------ entities

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """``{id, kind, name, roles, aliases, articles}`` or None."""
        row = self.query_one(
            "SELECT id, kind, name, roles FROM entities WHERE id = ?", (entity_id,)
        )
        if row is None:
            return None
        aliases = [
            r["surface"]
            for r in self.query(
                "SELECT DISTINCT surface FROM entity_aliases WHERE entity_id = ? ORDER BY surface",
                (entity_id,),
            )
        ]
        count = self.scalar(
            "SELECT COUNT(*) FROM article_entities WHERE entity_id = ?", (entity_id,)
        )
        return {
            "id": row["id"],
            "kind": row["kind"],
            "name": row["name"],
            "roles": loads(row["roles"]),
            "aliases": aliases,
            "articles": int(count),
        }

    def entity_by_name(self, name: str, kind: str | None = None) -> dict[str, Any] | None:
        """The one entity called ``name`` however written ("bà Takaichi", "Takaichi Sanae"):
        by canonical name, then alias, then one-word reference. None when none or several."""
        from newsdesk.understand.entities import strip_title
        from newsdesk.understand.names import name_key, pair_key, short_key

        bare = strip_title(name.strip())
        keys = [name_key(name), name_key(bare)]
        if (pk := pair_key(bare.split())) is not None:
            keys.append(pk)
        if len(bare.split()) == 1:
            keys.append(short_key(bare))
        for key in keys:
            sql = "SELECT DISTINCT entity_id AS id FROM entity_aliases WHERE key = ?"
            params: tuple = (key,)
            if kind:
                sql += " AND kind = ?"
                params = (key, kind)
            ids = [r["id"] for r in self.query(sql, params)]
            if len(ids) == 1:
                return self.entity(ids[0])
            if len(ids) > 1:
                return None
        return None

    def entity_mentions(self, entity_id: str) -> list[dict[str, Any]]:
        """Every current article mentioning the entity, newest first:
        ``{article_id, title, outlet, published, mentions}``."""
        return self.query(
            "SELECT ae.article_id, a.title, a.outlet, ae.published, ae.mentions"
            " FROM article_entities ae JOIN articles a ON a.id = ae.article_id"
            " WHERE ae.entity_id = ? AND a.current = 1"
            " ORDER BY COALESCE(ae.published, '') DESC, a.seq DESC",
            (entity_id,),
        )

    def iter_entities(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """Entities with their article counts, most mentioned first."""
        sql = (
            "SELECT e.id, e.kind, e.name, e.roles, COUNT(ae.article_id) AS articles"
            " FROM entities e LEFT JOIN article_entities ae ON ae.entity_id = e.id"
        )
        params: tuple = ()
        if kind:
            sql += " WHERE e.kind = ?"
            params = (kind,)
        sql += " GROUP BY e.id ORDER BY articles DESC, e.name"
        for r in self.query(sql, params):
            yield {**r, "roles": loads(r["roles"])}

    def _add_roles(self, entity_id: str, roles: list[str]) -> None:
        current = loads(
            self.scalar("SELECT roles FROM entities WHERE id = ?", (entity_id,)) or "[]"
        )
        merged = current + [r for r in roles if r not in current]
        if merged != current:
            self.execute("UPDATE entities SET roles = ? WHERE id = ?", (dumps(merged), entity_id))

    # ------------------------------------------------------------------ registry

    def registry_lookup(self, kind: str, key: str) -> list[str]:
        return [
            r["entity_id"]
            for r in self.query(
                "SELECT entity_id FROM entity_aliases WHERE kind = ? AND key = ? ORDER BY rowid",
                (kind, key),
            )
        ]

    def registry_canonical(self, entity_id: str) -> str | None:
        return self.scalar("SELECT name FROM entities WHERE id = ?", (entity_id,))

    def registry_create(self, kind: str, name: str, key: str) -> str:
        salt = 0
        while True:
            eid = make_entity_id(kind, key, salt)
            if not self.query_one("SELECT 1 FROM entities WHERE id = ?", (eid,)):
                break
            salt += 1
        with self.transaction():
            self.execute(
                "INSERT INTO entities(id, kind, name, created_at) VALUES (?,?,?,?)",
                (eid, kind, name, utcnow()),
            )
        return eid

    def registry_rename(self, entity_id: str, name: str) -> None:
        with self.transaction():
            self.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))

    def registry_add_alias(self, kind: str, key: str, entity_id: str, surface: str) -> None:
        with self.transaction():
            self.execute(
                "INSERT OR IGNORE INTO entity_aliases(kind, key, entity_id, surface) VALUES (?,?,?,?)",
                (kind, key, entity_id, surface),
            )


class StoreRegistry:
    """``newsdesk.understand.names.Registry`` over the store's tables, with a read cache for
    one run (the stage is the registry's only writer while it runs)."""

    def __init__(self, store: UnderstandMixin) -> None:
        self.store = store
        self._aliases: dict[tuple[str, str], list[str]] = {}
        self._names: dict[str, str | None] = {}

    def lookup(self, kind: str, key: str) -> list[str]:
        found = self._aliases.get((kind, key))
        if found is None:
            found = self._aliases[(kind, key)] = self.store.registry_lookup(kind, key)
        return list(found)

    def canonical(self, entity_id: str) -> str | None:
        if entity_id not in self._names:
            self._names[entity_id] = self.store.registry_canonical(entity_id)
        return self._names[entity_id]

    def create(self, kind: str, name: str, key: str) -> str:
        eid = self.store.registry_create(kind, name, key)
        self._names[eid] = name
        return eid

    def rename(self, entity_id: str, name: str) -> None:
        self.store.registry_rename(entity_id, name)
        self._names[entity_id] = name

    def add_alias(self, kind: str, key: str, entity_id: str, surface: str) -> None:
        ids = self.lookup(kind, key)
        if entity_id in ids:
            return
        self.store.registry_add_alias(kind, key, entity_id, surface)
        self._aliases[(kind, key)] = [*ids, entity_id]
