"""The one sentence split every later stage cites by index.

Paragraphs first (any line break ends a paragraph: news sentences never run across lines), then
sentence ends inside each paragraph. A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by
a space and the start of a new sentence (a capital letter, a digit or an opening quote), or at a
full stop glued to a capital (``lãnh đạo.Trong``, a common typo). It does not end

- inside a quotation (``“… . …”``): a quote stays with the sentence that introduces it;
- after an abbreviation (``TP.``, ``ThS.``, ``Mr.``, ``v.v.`` …, see ``lexicon/abbreviations.txt``);
- inside a number (``27,5``, ``1.100``, ``8.30``) or an initial (``J. Smith``).

Japanese text ends sentences at ``。！？`` (no space follows), outside 「…」.

``sentence_spans`` gives ``(start, end)`` offsets into the text, ``split_sentences`` the strings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.understand.lexicon import word_set

_LINE = re.compile(r"[^\n]+")
_OPEN = "“«「『"
_CLOSE = "”»」』"
_ENDS = ".!?…"
_CJK_ENDS = "。！？"


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("abbreviations.txt"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of each sentence in ``text``, in order, stripped of spaces."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        _split_paragraph(text, line.start(), line.end(), spans)
    return spans


def split_sentences(body: str) -> list[str]:
    """The sentences of ``body``: paragraphs first, then sentence ends (see module doc)."""
    return [body[s:e] for s, e in sentence_spans(body)]


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    para = text[start:end]
    straight_ok = para.count('"') % 2 == 0  # unbalanced straight quotes: ignore them
    depth = 0
    straight_open = False
    begin = 0
    i = 0
    n = len(para)
    while i < n:
        ch = para[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if straight_open:
                straight_open = False
            elif depth:
                depth -= 1
            if depth == 0 and not straight_open and i > 0 and para[i - 1] in _ENDS:
                cut = _sentence_end(para, i - 1)  # “… .” Next sentence
                if cut:
                    _emit(text, start + begin, start + cut, out)
                    begin = cut
                    i = cut
                    continue
        elif ch == '"':
            if depth and not straight_open:
                depth -= 1  # “… " : a curly quote closed by a straight one
            elif straight_ok:
                straight_open = not straight_open
        elif ch in _CJK_ENDS and depth == 0 and not straight_open:
            cut = i + 1
            while cut < n and para[cut] in _CJK_ENDS + _CLOSE + "）)":
                cut += 1
            if cut < n:
                _emit(text, start + begin, start + cut, out)
                begin = cut
            i = cut
            continue
        elif ch in _ENDS and depth == 0 and not straight_open:
            cut = _sentence_end(para, i)
            if cut:
                _emit(text, start + begin, start + cut, out)
                begin = cut
                i = cut
                continue
        i += 1
    _emit(text, start + begin, end, out)


def _sentence_end(para: str, i: int) -> int:
    """Where the sentence ending at ``para[i]`` stops (exclusive), or 0 when it does not end."""
    n = len(para)
    j = i
    while j + 1 < n and para[j + 1] in _ENDS + _CLOSE + '")':
        j += 1
    after = j + 1
    if after >= n:
        return 0
    ch = para[i]
    if para[after] == " " or para[after] == "\t":
        k = after
        while k < n and para[k] in " \t":
            k += 1
        if k >= n:
            return 0
        nxt = para[k]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPEN + '"(['):
            return 0
        if ch == "." and j == i and _is_abbreviation(para, i):
            return 0
        return after
    # "lãnh đạo.Trong": a full stop glued to a capitalised word after a lowercase word
    if ch == "." and j == i and i > 1 and para[i - 1].islower() and para[i - 2].isalpha():
        nxt = para[after]
        if nxt.isupper() and after + 1 < n and para[after + 1].islower():
            return after
    return 0


def _is_abbreviation(para: str, i: int) -> bool:
    k = i
    while k > 0 and (para[k - 1].isalpha() or para[k - 1] == "."):
        k -= 1
    word = para[k : i + 1]
    if not word:
        return False
    if word.casefold() in _abbreviations():
        return True
    core = word.rstrip(".")
    # a single capital initial ("J. Smith"), not a one-letter Vietnamese word at a sentence end
    return len(core) == 1 and core.isupper()


def _emit(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        out.append((s, e))
