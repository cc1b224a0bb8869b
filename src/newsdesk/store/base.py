"""One SQLite database: one connection per Store, WAL, explicit transactions, named migrations.

Migrations are the ``*.sql`` files in ``store/migrations/``, applied once each in name order and
recorded in ``schema_migrations``. Number ranges are kept per area so they never collide:
0001-0099 articles, 0100 understand, 0200 group, 0300 analyse/publish, 0400 search/web,
0500 translate/providers, 0600 sources/collect.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.errors import MigrationError, StoreError


def utcnow() -> str:
    """Now, UTC, as ``YYYY-MM-DD HH:MM:SS``."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str | bytes | None) -> Any:
    return None if text is None else json.loads(text)


def migration_files() -> list[tuple[str, str]]:
    folder = resources.files("newsdesk.store") / "migrations"
    found = sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    )
    return found


class Database:
    """The SQLite connection and its transactions. Rows come back as dicts."""

    def __init__(self, path: str | Path = "newsdesk.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._depth = 0
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(
                    uri, uri=True, check_same_thread=False, isolation_level=None
                )
            else:
                self.conn = sqlite3.connect(
                    self.path, check_same_thread=False, isolation_level=None, timeout=30
                )
            self.conn.row_factory = _dict_row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly and self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open the store: {e}") from e
        if not readonly:
            self.migrate()

    # ---------------------------------------------------------------- transactions

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one). All or nothing."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if outer:
                    self.conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.Error as e:
                    self.conn.execute("ROLLBACK")
                    raise StoreError(f"{self.path}: commit failed: {e}") from e

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: {e} (in: {sql.strip().splitlines()[0][:80]})") from e

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return self.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        return self.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else next(iter(row.values()))

    # ---------------------------------------------------------------- meta

    def get_state(self, key: str, default: Any = None) -> Any:
        row = self.query_one("SELECT value FROM state WHERE key = ?", (key,))
        return default if row is None else loads(row["value"])

    def set_state(self, key: str, value: Any) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, dumps(value)),
            )

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; return their names."""
        applied: list[str] = []
        with self._lock:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {r["name"] for r in self.conn.execute("SELECT name FROM schema_migrations")}
            for name, sql in migration_files():
                if name in done:
                    continue
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    for statement in _split_sql(sql):
                        self.conn.execute(statement)
                    self.conn.execute(
                        "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                        (name, utcnow()),
                    )
                    self.conn.execute("COMMIT")
                except sqlite3.Error as e:
                    self.conn.execute("ROLLBACK")
                    raise MigrationError(f"{self.path}: migration {name} failed: {e}") from e
                applied.append(name)
        return applied

    def schema_version(self) -> list[str]:
        return [r["name"] for r in self.query("SELECT name FROM schema_migrations ORDER BY name")]

    def close(self) -> None:
        self.conn.close()


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {col[0]: value for col, value in zip(cursor.description, row, strict=True)}


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (handles triggers' BEGIN ... END; blocks)."""
    statements: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        buf.append(line)
        candidate = "\n".join(buf).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            buf = []
    rest = "\n".join(buf).strip()
    if rest and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf):
        statements.append(rest)
    return statements
