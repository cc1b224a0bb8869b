"""Slugs: ASCII ``^[a-z0-9-]+$`` from the title (python-slugify folds đ→d), at most
``SLUG_MAX`` characters cut on a word, unique across the output (``-2``, ``-3`` ... on collision)."""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from slugify import slugify

SLUG_MAX = 100
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FALLBACK = "tin"


def base_slug(title: str, *, fallback: str = FALLBACK) -> str:
    """The slug of ``title``: lower-case ASCII words joined by ``-``, cut on a word."""
    text = re.sub(r"(\d)[,.](\d)", r"\1-\2", title.replace("đ", "d").replace("Đ", "D"))
    slug = slugify(text, lowercase=True, separator="-")
    slug = re.sub(r"[^a-z0-9-]+", "-", slug).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    slug = cut_slug(slug, SLUG_MAX)
    return slug or fallback


def cut_slug(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    if cut.endswith("-"):
        return cut.rstrip("-")
    head = cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]
    return head[:limit].strip("-")


def unique_slug(
    title: str,
    taken: Container[str] | Callable[[str], bool],
    *,
    fallback: str = FALLBACK,
) -> str:
    """``base_slug(title)``, or with the smallest ``-N`` suffix that is not taken."""
    is_taken = taken if callable(taken) else taken.__contains__
    base = base_slug(title, fallback=fallback)
    if not is_taken(base):
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = cut_slug(base, SLUG_MAX - len(suffix)) + suffix
        if not is_taken(candidate):
            return candidate
        n += 1


def valid_slug(slug: str) -> bool:
    return len(slug) <= SLUG_MAX and bool(SLUG_RE.match(slug))
