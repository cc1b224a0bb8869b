"""Vietnamese words: segmentation (underthesea ``word_tokenize``) and keywords for grouping.

``keywords`` keeps the segmented content words of a text, lower-cased, syllables joined by
``_`` (``thủ_tướng``; ``hoà``/``hòa`` and ``thuỷ``/``thủy`` folded by ``text_normalize``), in
order and with repeats (counts matter to grouping), minus function
words (``lexicon/stopwords.txt``), numbers and punctuation. Measured: about 10 ms per article
of 1,800 characters (see ``benchmarks/bench_understand.py``); POS tagging would cost ~180 ms and
is not used.
"""

from __future__ import annotations

import re
from functools import cache

from newsdesk.understand.lexicon import word_set

__all__ = ["keywords", "words"]

_WORDY = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[^\W\d_]{2,}")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("stopwords.txt"))


def words(text: str) -> list[str]:
    """Segmented words (syllables joined by a space), as underthesea gives them, after
    ``text_normalize`` (old and new tone placement fold together: ``hoà`` -> ``hòa``)."""
    from underthesea import text_normalize, word_tokenize

    return list(word_tokenize(text_normalize(text)))


def keywords(text: str, language: str | None = "vi") -> list[str]:
    """Content words for grouping: segmented Vietnamese, or plain words in other languages."""
    if language == "ja":
        from newsdesk.understand import ja

        return ja.keywords(text)
    if language not in (None, "vi"):
        return [
            w.casefold()
            for w in _LATIN_WORD.findall(text)
            if w.casefold() not in _stopwords() and len(w) > 2
        ]
    out: list[str] = []
    stop = _stopwords()
    for w in words(text):
        if not _WORDY.search(w):
            continue
        key = "_".join(w.casefold().split())
        if key in stop or len(key) < 2:
            continue
        out.append(key)
    return out
