"""Japanese: sentences, words and proper names, with SudachiPy (core dictionary).

Used for articles that arrive in Japanese (before or instead of translation) and by the translate
stage, which keeps names consistent: ``person_names`` gives each name family name first, as
Japanese writes it, with its reading (``高市早苗`` -> ``タカイチ サナエ``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

__all__ = [
    "JaToken",
    "ProperName",
    "keywords",
    "proper_names",
    "person_names",
    "split_sentences",
    "tokens",
]

_SENTENCE_END = "。！？!?"
_OPEN, _CLOSE = "「『（(“", "」』）)”"
_tokenizer: Any = None
_lock = threading.Lock()


@dataclass(slots=True, frozen=True)
class JaToken:
    surface: str
    lemma: str
    pos: tuple[str, ...]
    reading: str


@dataclass(slots=True, frozen=True)
class ProperName:
    text: str
    kind: str  # person | place | organization
    reading: str


def _tok() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                from sudachipy import Dictionary

                _tokenizer = Dictionary(dict="core").tokenizer()
    return _tokenizer


def split_sentences(text: str) -> list[str]:
    """Lines, then sentence ends (``。！？``) outside brackets and quotes (「…。」 stays whole)."""
    out: list[str] = []
    for line in text.splitlines():
        depth = 0
        buf: list[str] = []
        for ch in line:
            buf.append(ch)
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE and depth:
                depth -= 1
            elif ch in _SENTENCE_END and depth == 0:
                piece = "".join(buf).strip()
                if piece:
                    out.append(piece)
                buf = []
        piece = "".join(buf).strip()
        if piece:
            out.append(piece)
    return out


def tokens(text: str) -> list[JaToken]:
    """Words in SudachiPy's mode C (longest units: names and compounds stay whole)."""
    from sudachipy import SplitMode

    out: list[JaToken] = []
    for sentence in split_sentences(text):
        for m in _tok().tokenize(sentence, SplitMode.C):
            out.append(
                JaToken(
                    m.surface(), m.dictionary_form(), tuple(m.part_of_speech()), m.reading_form()
                )
            )
    return out


_KINDS = {"人名": "person", "地名": "place", "組織名": "organization"}


def proper_names(text: str) -> list[ProperName]:
    """Proper nouns in order; a family name followed by a given name is one person."""
    out: list[ProperName] = []
    toks = tokens(text)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.pos[:2] != ("名詞", "固有名詞") or t.pos[2] not in _KINDS:
            i += 1
            continue
        kind = _KINDS[t.pos[2]]
        if (
            kind == "person"
            and t.pos[3] == "姓"
            and i + 1 < len(toks)
            and toks[i + 1].pos[2:4] == ("人名", "名")
        ):
            nxt = toks[i + 1]
            out.append(ProperName(t.surface + nxt.surface, kind, f"{t.reading} {nxt.reading}"))
            i += 2
            continue
        out.append(ProperName(t.surface, kind, t.reading))
        i += 1
    return out


def person_names(text: str) -> list[ProperName]:
    seen: dict[str, ProperName] = {}
    for name in proper_names(text):
        if name.kind == "person":
            seen.setdefault(name.text, name)
    return list(seen.values())


_CONTENT = re.compile(r"^(名詞|動詞|形容詞)")


def keywords(text: str) -> list[str]:
    """Content words (nouns, verbs, adjectives as dictionary forms), for grouping."""
    return [
        t.lemma
        for t in tokens(text)
        if _CONTENT.match(t.pos[0]) and t.pos[1] not in ("数詞", "非自立可能")
    ]
