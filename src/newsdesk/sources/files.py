"""Ingest documents from files, folders, globs and standard input into the store.

``ingest_paths(store, paths, settings, *, shape=None, progress=None)``:

    1. expand   files as given; folders recursively (text-like extensions only; hidden files
                and README/LICENSE-like files skipped, and counted in a note); glob patterns;
                ``-`` for standard input
    2. read     each document: size limit, decode, detect, read, clean (``newsdesk.read``)
    3. store    each document in one transaction: all its articles, or none of them

A path that cannot be read is rejected with one reason (recorded with ``store.add_reject``) and
the run goes on. Running again on the same input stores nothing new: every article is
``unchanged``. Killed half-way, the store holds whole documents only; re-running finishes the job.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsdesk.errors import ReadError
from newsdesk.model import Article
from newsdesk.read import lexicon, read_document
from newsdesk.report import StageReport

Progress = Callable[[str, int, int], None]
STAGE = "ingest"
_GLOB_CHARS = frozenset("*?[")


@dataclass(slots=True)
class IngestReport(StageReport):
    """A StageReport that also tells new articles from revised ones."""

    new: int = 0
    revised: int = 0

    def count_put(self, outcome: str) -> None:
        """Count one ``Store.put_article`` outcome: ``new``, ``revised`` or ``unchanged``."""
        if outcome == "new":
            self.new += 1
            self.done += 1
        elif outcome == "revised":
            self.revised += 1
            self.done += 1
        else:
            self.unchanged += 1

    def summary(self) -> str:
        return (
            f"{self.stage}: {self.new} new, {self.revised} revised, {self.unchanged} unchanged, "
            f"{len(self.rejected)} rejected"
        )


@dataclass(slots=True)
class _Item:
    label: str  # what the user sees and what the rejects table records
    path: Path | None  # None: standard input


def ingest_paths(
    store: Any,
    paths: Sequence[str],
    settings: Any,
    *,
    shape: str | None = None,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Read and store every document under ``paths`` (see the module docstring)."""
    report = IngestReport(stage=STAGE)
    earlier = {r["item"] for r in store.rejects("read")}  # to clear once they pass
    items = list(_expand(paths, store, report))
    total = len(items)
    if progress:
        progress(STAGE, 0, total)
    for done, item in enumerate(items, start=1):
        _ingest_one(store, item, settings, shape, report, stdin, earlier)
        if progress:
            progress(STAGE, done, total)
    return report


def _reject(store: Any, report: IngestReport, item: str, reason: str) -> None:
    store.add_reject(item, "read", reason)
    report.reject(item, reason)


def _expand(paths: Sequence[str], store: Any, report: IngestReport) -> Iterable[_Item]:
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield _Item("-", None)
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(_walk(path))
            skipped, pictures = _count_skipped(path)
            if skipped:
                note = f"{raw}: skipped {skipped} file(s) that are not documents"
                if pictures:
                    note += f" ({pictures} image{'s' if pictures > 1 else ''})"
                report.notes.append(note)
            if not found:
                report.notes.append(f"{raw}: folder holds no documents")
        elif path.exists():
            found = [path]
        elif _GLOB_CHARS & set(raw):
            found = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not found:
                _reject(store, report, raw, "no file matches this pattern")
        else:
            _reject(store, report, raw, "no such file or directory")
            continue
        for file in found:
            label = _label(file)
            if label not in seen:
                seen.add(label)
                yield _Item(label, file)


def _is_document(name: str) -> bool:
    path = Path(name)
    return (
        path.suffix.lower() in lexicon.TEXT_EXTENSIONS
        and path.stem.lower() not in lexicon.SKIPPED_NAMES
    )


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and _is_document(name):
                yield Path(root) / name


def _count_skipped(folder: Path) -> tuple[int, int]:
    """(files that are not documents, how many of them are images)."""
    count = pictures = 0
    for _root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and not _is_document(name):
                count += 1
                pictures += Path(name).suffix.lower() in lexicon.IMAGE_EXTENSIONS
    return count, pictures


def _label(path: Path) -> str:
    """The source name of a file: relative to the working directory when inside it."""
    absolute = os.path.normpath(os.path.abspath(path))
    cwd = os.getcwd()
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, cwd)
    return absolute


def _read_bytes(item: _Item, limit: int, stdin: BinaryIO | None) -> bytes:
    if item.path is None:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise ReadError(item.label, f"too large: more than {limit:,} bytes (max_bytes)")
        return data
    try:
        if not item.path.is_file():
            raise ReadError(item.label, "not a regular file")
        size = item.path.stat().st_size
        if size > limit:
            raise ReadError(item.label, f"too large: {size:,} bytes (max_bytes is {limit:,})")
        return item.path.read_bytes()
    except PermissionError as e:
        raise ReadError(item.label, "cannot read: permission denied") from e
    except IsADirectoryError as e:
        raise ReadError(item.label, "is a directory") from e
    except OSError as e:
        raise ReadError(item.label, f"cannot read: {e.strerror or e}") from e


def _ingest_one(
    store: Any,
    item: _Item,
    settings: Any,
    shape: str | None,
    report: IngestReport,
    stdin: BinaryIO | None,
    earlier: set[str],
) -> None:
    limit = int(getattr(settings, "max_bytes", 20_000_000))
    item_rejects: list[ReadError] = []
    try:
        data = _read_bytes(item, limit, stdin)
        source = item.label
        if item.path is None:
            source = "stdin:" + hashlib.sha256(data).hexdigest()[:12]
        articles = read_document(
            data, source, shape=shape, settings=settings, on_reject=item_rejects.append
        )
    except ReadError as e:
        _reject(store, report, item.label, e.reason)
        return
    if not articles and not item_rejects:
        _reject(store, report, item.label, "no articles found")
        return
    _store_document(store, item.label, articles, item_rejects, report, item.label in earlier)


def _store_document(
    store: Any,
    label: str,
    articles: list[Article],
    rejects: list[ReadError],
    report: IngestReport,
    clear: bool,
) -> None:
    """All the articles of one document in one transaction."""
    outcomes: list[str] = []
    with store.transaction():
        for article in articles:
            outcomes.append(store.put_article(article))
        for error in rejects:
            store.add_reject(error.item, "read", error.reason)
        if clear and not rejects:
            store.clear_rejects(label, "read")
    for outcome in outcomes:
        report.count_put(outcome)
    for error in rejects:
        report.reject(error.item, error.reason)
