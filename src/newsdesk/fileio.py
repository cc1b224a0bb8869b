"""Small helpers shared by the stages that read dates off records and write files to disk."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path


def day_of(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string (``2025-10-28T06:56:10``), or None
    when there is none or it is not a real day."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (temp file + rename: a crash never leaves half a
    file) unless the file already holds exactly that. True when written."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
