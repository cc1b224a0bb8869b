"""Trim a sentence to the clause that carries an event.

The event line of the timeline is always a piece of the source sentence, never a rewrite: the
sentence is cut into clauses at commas, semicolons and reporting verbs ("... cho biết <clause>"),
the clause holding the date is kept, and it is widened with its neighbours while it is too short
to say anything by itself ("Trước đó, ngày 28/10, tại hội nghị ..., A và B cam kết ..."). Leading
connectors ("Trước đó", "Tuy nhiên") are dropped and a line longer than ``EVENT_MAX_CHARS`` is cut
on a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.analyse.lexicon import (
    CIRCUMSTANCE_OPENERS,
    CLAUSE_MIN_WORDS,
    CONTINUATIONS,
    EVENT_MAX_CHARS,
    LEADING_CONNECTORS,
    PLANNED_MARKERS,
    REPORTING_VERBS,
)
from newsdesk.analyse.lexicon import SPLIT_VERBS as _SPLIT_VERBS
from newsdesk.analyse.text import cut_words, find_phrase, words

_BREAK = re.compile(r"[,;:]\s+|\s+[-–—]\s+|[.!?…][\"”’]\s+")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def clause_spans(sentence: str) -> list[Span]:
    """Clause boundaries of ``sentence`` as character spans covering it in order."""
    cuts = {0, len(sentence)}
    depth = _depths(sentence)
    for m in _BREAK.finditer(sentence):
        if depth[m.start()] == 0:  # never inside (…) or “…”
            cuts.add(m.end())
    for verb in _SPLIT_VERBS:
        pos = find_phrase(sentence, verb)
        while pos >= 0:
            cuts.add(pos + len(verb))
            pos = find_phrase(sentence, verb, pos + 1)
    ordered = sorted(cuts)
    spans = [
        Span(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if sentence[a:b].strip()
    ]
    return spans


def _depths(sentence: str) -> list[int]:
    """Nesting depth in parentheses and curly quotes at each character."""
    out: list[int] = []
    depth = 0
    for ch in sentence:
        if ch in "(“[":
            depth += 1
        out.append(depth)
        if ch in ")”]" and depth > 0:
            depth -= 1
    return out


def _weak(text: str) -> bool:
    return len(words(text)) < CLAUSE_MIN_WORDS


def _circumstance(text: str) -> bool:
    """A clause that only sets the scene: "tại hội nghị ...", "ngày 28/10"."""
    toks = words(text)
    return bool(toks) and (toks[0] in CIRCUMSTANCE_OPENERS or len(toks) < CLAUSE_MIN_WORDS)


def event_clause(sentence: str, start: int, end: int | None = None) -> str:
    """The clause of ``sentence`` that carries the text at ``start:end``, trimmed (not reworded)."""
    if not sentence.strip():
        return ""
    end = start + 1 if end is None else end
    spans = clause_spans(sentence)
    if not spans:
        return _tidy(sentence)
    idx = next((i for i, s in enumerate(spans) if s.start <= start < s.end), len(spans) - 1)
    lo = hi = idx
    # a date at the head of the sentence introduces what follows it; a date further on
    # modifies the predicate before it ("nâng ... lên 2% GDP, như cam kết, vào năm 2027")
    while _needs_more(sentence, spans, lo, hi):
        left_ok = lo > 0 and not _ends_with_split_verb(_text(sentence, spans, lo - 1, lo - 1))
        right_ok = hi + 1 < len(spans)
        if (
            left_ok
            and (idx > 0 or not right_ok)
            and not _ends_with_split_verb(_text(sentence, spans, lo, hi))
        ):
            lo -= 1
        elif right_ok:
            hi += 1
        elif lo > 0:
            lo -= 1
        else:
            break
    return _tidy(strip_connectors(_text(sentence, spans, lo, hi)))


def _text(sentence: str, spans: list[Span], lo: int, hi: int) -> str:
    return sentence[spans[lo].start : spans[hi].end]


def _needs_more(sentence: str, spans: list[Span], lo: int, hi: int) -> bool:
    """The clause so far has no main clause, reports without its content, or continues the
    clause before it."""
    text = _text(sentence, spans, lo, hi)
    head = strip_connectors(text)
    first = words(head)[:1]
    if _ends_with_split_verb(text):
        return True
    if lo > 0 and first and first[0] in CONTINUATIONS and not head[:1].isupper():
        return True
    return all(_circumstance(_text(sentence, spans, i, i)) for i in range(lo, hi + 1)) and (
        hi + 1 < len(spans) or lo > 0
    )


def _ends_with_split_verb(text: str) -> bool:
    head = text.rstrip(" ,;:").lower()
    return any(head.endswith(v) for v in _SPLIT_VERBS)


def strip_connectors(text: str) -> str:
    out = text.strip()
    changed = True
    while changed:
        changed = False
        low = out.lower()
        for conn in LEADING_CONNECTORS:
            if low.startswith(conn) and (len(low) == len(conn) or not low[len(conn)].isalnum()):
                out = out[len(conn) :].lstrip(" ,;:")
                changed = True
                break
    return out


def _tidy(text: str) -> str:
    text = text.strip().strip(",;:–—- ").rstrip(".!?…")
    text = text.strip("\"“”'‘’ ")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    text = cut_words(text, EVENT_MAX_CHARS)
    return text[:1].upper() + text[1:] if text else text


def is_planned(clause: str) -> bool:
    """True when ``clause`` speaks of the future by itself, not inside reported speech."""
    low = clause.lower()
    first_marker = min(
        (p for p in (find_phrase(low, m) for m in PLANNED_MARKERS) if p >= 0), default=-1
    )
    if first_marker < 0:
        return False
    first_verb = min(
        (p for p in (find_phrase(low, v) for v in REPORTING_VERBS) if p >= 0), default=-1
    )
    return first_verb < 0 or first_marker < first_verb
