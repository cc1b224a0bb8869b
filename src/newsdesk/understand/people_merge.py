"""One entity per person: the spellings of one person found in an article merged (full names
in either order, a middle name left out, initials, a surname or a one-word mention, a tone mark
typed wrong), with the roles and mentions of all (see ``entities.py``)."""

from __future__ import annotations

import unicodedata

from newsdesk.model import Entity, Mention
from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import _Found, _people


def _merge_people(found: list[_Found]) -> list[Entity]:
    people = sorted((f for f in found if f.kind == "person"), key=lambda f: f.start)
    groups: list[list[_Found]] = []
    key_of: dict[str, int] = {}
    # full names first: one group per name, both orders of a Japanese name together
    for f in people:
        parts = f.name.split()
        if len(parts) < 2:
            continue
        keys = [*nm.person_keys(f.name), *_middle_free(parts)]
        if bare := nm.initials_free(f.name):
            keys.append(nm.name_key(bare))  # "Sergei V.Mikhailov" = "Sergei Mikhailov"
        g = next((key_of[k] for k in keys if k in key_of), None)
        if g is None:
            g = len(groups)
            groups.append([])
        groups[g].append(f)
        for k in keys:
            key_of[k] = g
    # "Tấn Tài" (the last two syllables, as sports pages write) joins "Lê Tấn Tài"
    for g, members in enumerate(groups):
        if not members or len(members[0].name.split()) != 2:
            continue
        tail = members[0].name
        holders = [
            h
            for h, other in enumerate(groups)
            if h != g
            and other
            and any(
                len(m.name.split()) >= 3 and " ".join(m.name.split()[-2:]) == tail for m in other
            )
        ]
        if len(holders) == 1:
            groups[holders[0]].extend(members)
            groups[g] = []
    # one-word mentions join the single full name holding that word
    singles: dict[str, int] = {}
    for f in people:
        if len(f.name.split()) >= 2:
            continue
        word = f.name.casefold()
        holders = {
            g
            for g, members in enumerate(groups)
            if any(word in [p.casefold() for p in nm.short_forms(m.name)] for m in members)
        }
        if not holders and nm.is_vietnamese_syllable(f.name):
            # "ông Hiền" beside "Phùng Quốc Hiển": a tone mark typed wrong, when no full name
            # holds the word as written and exactly one holds it but for its tone
            toneless = _toneless(word)
            holders = {
                g
                for g, members in enumerate(groups)
                if g not in singles.values()
                and any(
                    toneless == _toneless(m.name.split()[-1].casefold())
                    for m in members
                    if len(m.name.split()) >= 2
                )
            }
        if len(holders) > 1 and nm.is_foreign(f.name):
            # "Rafael Nadal" … "Toni Nadal" … "Nadal": the one the article introduced first
            # (its subject; a relative is then called by his given name)
            holders = {min(holders, key=lambda g: min(m.start for m in groups[g]))}
        if len(holders) > 1 and nm.is_vietnamese_syllable(f.name):
            holders = _nearest_holder(groups, holders, f)
        if len(holders) == 1:
            groups[holders.pop()].append(f)
        else:
            g = singles.get(word)
            if g is None:
                g = singles[word] = len(groups)
                groups.append([])
            groups[g].append(f)
    _merge_misspelt(groups)
    entities = []
    for members in groups:
        if not members:
            continue
        entities.append(_person_entity(members))
    return entities


def _nearest_holder(groups: list[list[_Found]], holders: set[int], f: _Found) -> set[int]:
    """``HLV Đinh Văn Dũng, người … Giúp việc cho ông Dũng``: of several full names holding a
    one-word Vietnamese mention, the one named last before it, when that was in the same or the
    previous sentence and no other holder was named there too; else all of them (undecided)."""
    recent = {
        g
        for g in holders
        if any(m.start < f.start and f.sentence - m.sentence <= 1 for m in groups[g])
    }
    if len(recent) != 1:
        return holders
    return recent


_VOWELS = frozenset("aeiouy")


def _merge_misspelt(groups: list[list[_Found]]) -> None:
    """``ông Meade`` twice, then ``Ông Meada`` once: a foreign one-word name written once that
    differs by one vowel from a word the article uses at least twice for exactly one other
    person is a misspelling of it, not a second person."""
    for g, members in enumerate(groups):
        if len(members) != 1 or len(members[0].name.split()) != 1:
            continue
        word = members[0].name
        if len(word) < 5 or not nm.is_foreign(word):
            continue
        holders = [
            h
            for h, other in enumerate(groups)
            if h != g and sum(_one_vowel_apart(word, m.name.split()[-1]) for m in other) >= 2
        ]
        if len(holders) == 1:
            groups[holders[0]].extend(members)
            groups[g] = []


def _one_vowel_apart(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))  # the five tone marks


def _toneless(word: str) -> str:
    """``hiển`` and ``hiền`` -> ``hiên``: the syllable without its tone mark (vowel marks such
    as ``ư``, ``ơ``, ``â`` stay: ``Hùng`` and ``Hưng`` are different names)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_TONES))


def _middle_free(parts: list[str]) -> list[str]:
    """``Phạm Thị Thanh Vân`` and ``Phạm Thanh Vân`` (the middle name left out) are one person."""
    if len(parts) >= 3 and parts[0] in nm.vi_family_names():
        kept = [p for k, p in enumerate(parts) if k == 0 or p not in _people()["middle_names"]]
        if len(kept) >= 3:
            return ["~vi " + nm.fold(" ".join(kept))]
    return []


def _person_entity(members: list[_Found]) -> Entity:
    full = [m for m in members if len(m.name.split()) >= 2]
    singles = [m.name for m in members if len(m.name.split()) == 1]
    if full:
        longest = max(full, key=lambda m: (len(m.name.split()), -m.start))
        parts = longest.name.split()
        hint = next((s for s in singles if s in parts), None)
        name = nm.canonical_person(parts, hint)
    else:
        name = members[0].name
    roles: list[str] = []
    for m in members:
        if m.role and m.role not in roles:
            roles.append(m.role)
    roles = [r for r in roles if not any(o != r and o.startswith(r + " ") for o in roles)]
    mentions = [Mention(m.name, m.sentence, m.start, m.end) for m in members]
    return Entity(name=name, kind="person", roles=roles, mentions=mentions)
