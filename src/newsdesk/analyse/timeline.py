"""The story's timeline: one event per thing that happened on a date, cited by every article
that reports it.

1. Every dated expression (``TimeRef``) in a member article that is not a duplicate becomes a
   *mention*: its date, the clause of its sentence that carries it (``clause.event_clause``),
   whether it was still planned when written, and a bag of features (content words, the people
   named in the sentence, event words folded through ``EVENT_SYNONYMS``).
2. Mentions of the same date (value and granularity) are clustered: a mention joins the event
   it overlaps most (IDF-weighted, over the story's own mentions) when the overlap reaches
   ``EVENT_MERGE_THRESHOLD``, unless both name people and share none.
3. Each cluster becomes one ``Event`` whose line is its most central clause, whose citations are
   every (article, sentence) in it, and which is planned only when every source still spoke of
   it as planned. Events are ordered by date.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.analyse.clause import event_clause, is_planned
from newsdesk.analyse.lexicon import EVENT_MERGE_THRESHOLD, EVENT_SYNONYMS
from newsdesk.analyse.lexicon import SPAN_OPENERS as _SPAN_OPENERS
from newsdesk.analyse.text import (
    Doc,
    date_earlier,
    date_key,
    date_later,
    features,
    find_phrase,
    has_phrase,
)
from newsdesk.model import Citation, Event, TimeRef

# A date right after these words opens a span ("kể từ năm 1945"); it is no event of its own.


@dataclass(slots=True)
class Mention:
    doc: Doc
    ref: TimeRef
    sentence: str
    clause: str
    planned: bool
    feats: set[str]
    people: set[str]
    order: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)


def mentions_of(doc: Doc) -> list[Mention]:
    """The dated mentions of one article that can stand as events."""
    out: list[Mention] = []
    u = doc.understanding
    people_by_sentence: dict[int, set[str]] = {}
    for person in u.people:
        key = person.id or person.name
        for m in person.mentions:
            people_by_sentence.setdefault(m.sentence, set()).add(key)
    for ref in u.dates:
        sentence = doc.sentence(ref.sentence)
        if sentence is None or sentence.rstrip().endswith("?"):
            continue
        pos = sentence.find(ref.text) if ref.text else -1
        if pos < 0:
            pos = sentence.lower().find(ref.text.lower()) if ref.text else -1
        if pos < 0:
            continue  # the date is not in the sentence it claims: nothing to cite
        before = sentence[:pos].rstrip().lower()
        if any(before.endswith(opener) for opener in _SPAN_OPENERS):
            continue
        clause = event_clause(sentence, pos, pos + len(ref.text))
        if not clause:
            continue
        anchor = ref.anchor or doc.anchor
        # after the article's date: still to come; before it: it happened, whatever the words
        if anchor and date_later(ref.value, anchor):
            planned = True
        elif anchor and date_earlier(ref.value, anchor):
            planned = False
        else:
            planned = is_planned(clause)
        people = people_by_sentence.get(ref.sentence, set())
        feats = features(clause) | {"@" + p for p in people}
        for word, folded in EVENT_SYNONYMS.items():
            if has_phrase(clause, word):
                feats.add("~" + folded)
        # the date's own words say nothing about what happened
        for w in features(ref.text):
            feats.discard(w)
        out.append(
            Mention(doc, ref, sentence, clause, planned, feats, people, (doc.order, ref.sentence))
        )
    return out


def _is_caption(m: Mention) -> bool:
    u = m.doc.understanding
    return m.ref.sentence >= len(u.sentences) - u.caption_sentences


def _similarity(a: Mention, b: Mention, weight: dict[str, float]) -> float:
    if a.people and b.people and not (a.people & b.people):
        return 0.0
    if a.doc.id == b.doc.id and a.ref.sentence == b.ref.sentence:
        return 1.0
    shared = sum(weight[f] for f in a.feats & b.feats)
    smaller = min(sum(weight[f] for f in a.feats), sum(weight[f] for f in b.feats))
    return shared / smaller if smaller else 0.0


def build_timeline(docs: list[Doc]) -> list[Event]:
    """Events of the story's non-duplicate articles, in date order."""
    mentions = [m for d in docs for m in mentions_of(d)]
    if not mentions:
        return []
    df = Counter(f for m in mentions for f in m.feats)
    n = len(mentions)
    weight = {f: math.log(1 + n / c) for f, c in df.items()}

    by_date: dict[tuple[str, str, str | None], list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.order):
        by_date.setdefault((m.ref.value, m.ref.granularity, m.ref.end), []).append(m)

    events: list[tuple[tuple, Event]] = []
    for (value, granularity, end), group in by_date.items():
        clusters: list[_Cluster] = []
        captions = [m for m in group if _is_caption(m)]
        group = [m for m in group if not _is_caption(m)]
        for m in group:
            best, best_score = None, 0.0
            for c in clusters:
                score = max(_similarity(m, other, weight) for other in c.mentions)
                if score > best_score:
                    best, best_score = c, score
            if best is not None and best_score >= EVENT_MERGE_THRESHOLD:
                best.mentions.append(m)
            else:
                clusters.append(_Cluster([m]))
        # a photo caption illustrates the day's main event when the day has one
        for m in captions:
            if clusters:
                max(clusters, key=lambda c: len({x.doc.id for x in c.mentions})).mentions.append(m)
            else:
                clusters.append(_Cluster([m]))
        for c in clusters:
            event = _event(value, granularity, end, c.mentions, weight)
            first = min(m.order for m in c.mentions)
            events.append(((date_key(value), event.planned, first), event))
    events.sort(key=lambda pair: pair[0])
    return [e for _, e in events]


def _event(
    value: str, granularity: str, end: str | None, group: list[Mention], weight: dict[str, float]
) -> Event:
    def centrality(m: Mention) -> tuple[int, float, int, int]:
        total = sum(_similarity(m, o, weight) for o in group if o is not m)
        return (0 if _is_caption(m) else 1, total, 0 if m.planned else 1, -abs(len(m.clause) - 110))

    lead = max(group, key=centrality)
    citations: list[Citation] = []
    seen: set[tuple[str, int]] = set()
    for m in sorted(group, key=lambda m: m.order):
        key = (m.doc.id, m.ref.sentence)
        if key in seen:
            continue
        seen.add(key)
        citations.append(
            Citation(m.doc.id, m.ref.sentence, m.ref.text, year_from_story=m.ref.unresolved)
        )
    return Event(
        date=value,
        granularity=granularity,
        text=lead.clause,
        citations=citations,
        planned=all(m.planned for m in group),
        end=end,
    )


def cites_date_text(sentence: str, text: str) -> bool:
    """True when ``sentence`` holds the cited date text (used by checks and tests)."""
    return find_phrase(sentence, text) >= 0 or text.lower() in sentence.lower()
