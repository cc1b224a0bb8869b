"""Who's who: the story's people, one entry each, with roles and how many articles name them.

The understand stage already gives each person a canonical name from its registry (and a stable
id). Across articles one person is one entry: entries are joined by registry id, then by the same
set of name words in any order ("Sanae Takaichi" / "Takaichi Sanae"), and a one-word name
("Takaichi") joins the only longer name that contains it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsdesk.analyse.text import Doc, words
from newsdesk.model import PersonEntry


@dataclass(slots=True)
class _Person:
    names: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    mentions: Counter[str] = field(default_factory=Counter)
    entity_id: str | None = None
    first: tuple[int, int] = (1 << 30, 0)
    tokens: frozenset[str] = frozenset()


def build_people(docs: list[Doc]) -> list[PersonEntry]:
    people: list[_Person] = []
    by_id: dict[str, _Person] = {}
    by_tokens: dict[frozenset[str], _Person] = {}
    for doc in docs:
        for ent in doc.understanding.people:
            tokens = frozenset(words(ent.name))
            if not tokens:
                continue
            person = (by_id.get(ent.id) if ent.id else None) or by_tokens.get(tokens)
            if person is None:
                person = _Person(entity_id=ent.id, tokens=tokens)
                people.append(person)
            if ent.id:
                by_id.setdefault(ent.id, person)
            by_tokens.setdefault(tokens, person)
            person.names[ent.name] += 1
            person.articles.add(doc.id)
            for role in ent.roles:
                if role.strip():
                    person.roles[role.strip()] += 1
            for m in ent.mentions:
                person.mentions[m.text] += 1
            first_sentence = min((m.sentence for m in ent.mentions), default=0)
            person.first = min(person.first, (doc.order, first_sentence))
    people = _fold_single_names(people)
    people.sort(key=lambda p: (-len(p.articles), p.first))
    return [
        PersonEntry(
            name=p.names.most_common(1)[0][0],
            roles=_roles(p.roles),
            articles=len(p.articles),
            entity_id=p.entity_id,
            mentions=sorted(p.mentions),
        )
        for p in people
    ]


def _roles(counts: Counter[str]) -> list[str]:
    """Most frequent first; a role that only begins a longer one ("Bộ trưởng") is left out."""
    roles = [r for r, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return [r for r in roles if not any(o != r and o.startswith(r + " ") for o in roles)]


def _fold_single_names(people: list[_Person]) -> list[_Person]:
    """Join a one-word person ("Rubio") into the only longer name holding that word."""
    kept: list[_Person] = []
    singles = [p for p in people if len(p.tokens) == 1]
    longer = [p for p in people if len(p.tokens) > 1]
    for p in singles:
        hosts = [q for q in longer if p.tokens <= q.tokens]
        if len(hosts) == 1:
            host = hosts[0]
            host.names.update({n: 0 for n in p.names})
            host.roles.update(p.roles)
            host.articles |= p.articles
            host.mentions.update(p.mentions)
            host.first = min(host.first, p.first)
            host.entity_id = host.entity_id or p.entity_id
        else:
            kept.append(p)
    return longer + kept
