"""Stable article ids: the first 16 hex digits of sha256 over the normalized content.

The content is what the document says, not where it was found: the title, the publication
date and the body, NFC-normalized, case-folded and with whitespace collapsed. The same article
read twice (or from two paths) gets the same id; any change to its words gets a new one.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalize_for_id(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def article_id(
    body: str,
    *,
    title: str | None = None,
    published: str | None = None,
    salt: str = "",
) -> str:
    """Id of an article from its content. ``salt`` separates records that share their words
    but must stay apart (e.g. a translation: ``salt="translation:vi"``)."""
    parts = [normalize_for_id(title), normalize_for_id(published), normalize_for_id(body), salt]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
