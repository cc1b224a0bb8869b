"""Text helpers of the search index: folding as the FTS5 tokenizer does (plus đ), safe query
expressions, and highlights found on the original text.

``unicode61 remove_diacritics 2`` folds every Vietnamese tone and vowel mark but not ``đ`` (a
letter of its own in Unicode), so ``fold`` maps ``đ``/``Đ`` to ``d``/``D`` (one character for
one) in the indexed text and in the query. ``match_spans`` applies the tokenizer's rules in
Python (words, no diacritics, no đ, case-folded) to mark the matches of a page of hits on the
original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markupsafe import Markup, escape

MAX_QUERY_WORDS = 32
SNIPPET_CHARS = 240
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "\x01": " ", "\x02": " "})
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """The text as indexed: đ/Đ folded to d/D, one character for one (positions are kept)."""
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A comparison key with every diacritic and đ removed, lower-cased (for name filters)."""
    decomposed = unicodedata.normalize("NFD", fold(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def query_words(query: str) -> list[str]:
    """The words of a user query, NFC and folded, as FTS5 would tokenize them."""
    text = fold(unicodedata.normalize("NFC", query))
    return _WORD.findall(text)[:MAX_QUERY_WORDS]


def fts_query(query: str) -> str:
    """A safe FTS5 MATCH expression: every word quoted, all of them required."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query_words(query))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A word as the tokenizer compares it: no diacritics, no đ, case-folded."""
    return fold_key(word)


def match_spans(text: str, keys: frozenset[str]) -> list[tuple[int, int]]:
    """Where the words of ``text`` that the query matched are (the tokenizer's rules, in Python:
    this is how a hit is highlighted without asking FTS5 again)."""
    return [m.span() for m in _WORD.finditer(text) if word_key(m.group()) in keys]


def _marked_html(original: str, spans: list[tuple[int, int]], *, whole: bool) -> Markup:
    """Escaped ``original`` with ``spans`` in ``<mark>``; cut to a window around the first
    match unless ``whole``."""
    lo, hi = 0, len(original)
    if not whole and hi > SNIPPET_CHARS:
        first = spans[0][0] if spans else 0
        lo = max(0, first - SNIPPET_CHARS // 3)
        if lo:
            space = original.find(" ", lo)
            lo = space + 1 if 0 <= space < first else lo
        hi = min(len(original), lo + SNIPPET_CHARS)
        if hi < len(original):
            space = original.rfind(" ", lo, hi)
            hi = space if space > lo else hi
    out: list[str] = ["…" if lo else ""]
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(str(escape(original[pos:s])))
        out.append("<mark>" + str(escape(original[s:e])) + "</mark>")
        pos = e
    out.append(str(escape(original[pos:hi])))
    if hi < len(original):
        out.append("…")
    return Markup("".join(out).replace("\n", " "))
