"""Word lists for the understand stage, kept apart from the logic.

Text files hold one item a line (``#`` starts a comment); a line ``canonical | alias | alias``
names one thing and the other ways it is written. TOML files hold small keyed lists.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    out = []
    for raw in _read(name).splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def word_set(name: str) -> frozenset[str]:
    """Every item (canonical names and aliases) of a list file."""
    return frozenset(
        part.strip() for line in _lines(name) for part in line.split("|") if part.strip()
    )


@cache
def table(name: str) -> dict[str, str]:
    """``surface -> canonical`` for every name and alias of a list file."""
    mapping: dict[str, str] = {}
    for line in _lines(name):
        parts = [p.strip() for p in line.split("|") if p.strip()]
        for part in parts:
            mapping.setdefault(part, parts[0])
    return mapping


@cache
def toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_read(name))
