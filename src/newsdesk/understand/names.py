"""One person however written: name keys, name order and the entity registry.

Name order. Vietnamese, Chinese and Korean names are kept as written (family name first).
Japanese names come in both orders in the Vietnamese press ("Takaichi Sanae", "Sanae Takaichi");
the canonical form here is **given name first** ("Sanae Takaichi"), decided by a surname-only
mention in the same article ("bà Takaichi") or by the lists of Japanese family and given names
(``lexicon/family_names_ja.txt``, ``given_names_ja.txt``). Either way both orders share one
order-free key, so they are one entity; every surface form is kept as an alias.

Keys. ``name_key`` folds case and spacing (diacritics stay: they tell Vietnamese names apart);
``pair_key`` is the order-free key of a two-part romanised name; ``short_key`` is the key of a
one-word reference ("ông Koizumi") which links to a full name holding that word when exactly
one candidate exists (in the article first, then in the registry).

The registry (``Registry``) keeps one id and one canonical name per entity across articles; the
store implements it over SQLite (``store/understand.py``), ``MemoryRegistry`` in memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from newsdesk.understand.lexicon import word_set

_ROMAJI = re.compile(
    r"^(?:(?:ky|gy|sh|ch|ny|hy|by|py|my|ry|ts|[kgsztdnhbpmyrwfj])?[aiueoōū]|n(?![aiueoōū]))+$",
    re.IGNORECASE,
)
_VI_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?$",
    re.IGNORECASE,
)


@cache
def _ja_family() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("family_names_ja.txt"))


@cache
def _ja_given() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("given_names_ja.txt"))


@cache
def _vi_family() -> frozenset[str]:
    return frozenset(word_set("family_names_vi.txt"))


def vi_family_names() -> frozenset[str]:
    return _vi_family()


@cache
def western_given_names() -> frozenset[str]:
    return word_set("given_names_western.txt") | word_set("given_names_world.txt")


@cache
def korean_family_names() -> frozenset[str]:
    return frozenset(word_set("family_names_ko.txt"))


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def tokens(name: str) -> list[str]:
    return name.split()


def is_romaji(token: str) -> bool:
    return bool(_ROMAJI.match(token)) and token.isascii()


def is_vietnamese_syllable(token: str) -> bool:
    return bool(_VI_SYLLABLE.match(token))


def is_foreign(token: str) -> bool:
    """A word that cannot be a Vietnamese syllable (``Takaichi``, ``Trump``, ``Anwar``)."""
    return not is_vietnamese_syllable(token)


def is_known_name_part(token: str) -> bool:
    """A word of the name lists: a Western given name, a Korean or Japanese family name."""
    return (
        token in western_given_names()
        or token in korean_family_names()
        or token.casefold() in _ja_family()
    )


def is_vietnamese_name(parts: list[str]) -> bool:
    return len(parts) >= 2 and parts[0] in _vi_family() and all(map(is_vietnamese_syllable, parts))


def is_japanese_pair(parts: list[str]) -> bool:
    """Two romanised parts, at least one a known Japanese name (either order)."""
    if len(parts) != 2 or not all(map(is_romaji, parts)):
        return False
    low = [p.casefold() for p in parts]
    return any(p in _ja_family() or p in _ja_given() for p in low)


def name_key(name: str) -> str:
    return fold(name)


def pair_key(parts: list[str]) -> str | None:
    if len(parts) != 2 or not all(map(is_romaji, parts)):
        return None
    return "~" + " ".join(sorted(p.casefold() for p in parts))


def short_key(token: str) -> str:
    return "1:" + fold(token)


def family_of(parts: list[str], family_hint: str | None = None) -> str | None:
    """The family name of a two-part Japanese name, when known."""
    if len(parts) != 2:
        return None
    low = [p.casefold() for p in parts]
    if family_hint and family_hint.casefold() in low:
        return parts[low.index(family_hint.casefold())]
    for i, p in enumerate(low):
        if p in _ja_family() and low[1 - i] not in _ja_family():
            return parts[i]
    for i, p in enumerate(low):
        if p in _ja_given():
            return parts[1 - i]
    return None


def canonical_person(parts: list[str], family_hint: str | None = None) -> str:
    """The canonical order of a person's name (given name first for Japanese names)."""
    if len(parts) == 2 and all(map(is_romaji, parts)):
        family = family_of(parts, family_hint)
        if family is not None:
            given = parts[1] if parts[0] == family else parts[0]
            return f"{given} {family}"
    return " ".join(parts)


def person_keys(name: str) -> list[str]:
    """Every registry key a full person name answers to."""
    parts = tokens(name)
    keys = [name_key(name)]
    pk = pair_key(parts)
    if pk:
        keys.append(pk)
    return keys


# Arabic articles glued to a surname by a hyphen: "al-Assad" is written "Assad" too.
_ARTICLE = re.compile(r"^(?:al|el|Al|El|ad|ar|as|at|an|ash|az)[-‐‑]", re.UNICODE)
# Initials glued to a surname: "V.Mikhailov" is written "Mikhailov" too.
_INITIALS = re.compile(r"^(?:[A-Z]\.)+(?=\w{2})")


def _bare_surname(part: str) -> str:
    return _INITIALS.sub("", _ARTICLE.sub("", part))


def short_forms(name: str) -> list[str]:
    """The one-word references a full name answers to: its first and last word, and the last
    without an Arabic article or initials (``Bashar al-Assad`` -> ``Assad``)."""
    parts = tokens(name)
    if len(parts) < 2:
        return []
    return list(dict.fromkeys([parts[-1], _bare_surname(parts[-1]), parts[0]]))


def initials_free(name: str) -> str | None:
    """``Sergei V.Mikhailov`` -> ``Sergei Mikhailov``; None when the name has no initials."""
    parts = [_INITIALS.sub("", p) for p in tokens(name)]
    parts = [p for p in parts if not re.fullmatch(r"(?:[A-Z]\.)+", p)]
    bare = " ".join(parts)
    return bare if len(parts) >= 2 and bare != " ".join(tokens(name)) else None


def entity_id(kind: str, key: str, salt: int = 0) -> str:
    digest = hashlib.sha256(f"{kind}\x1f{key}\x1f{salt}".encode()).hexdigest()[:12]
    return f"{_ID_PREFIX.get(kind, kind[:1])}{digest}"


_ID_PREFIX = {"person": "p", "organization": "o", "place": "l"}


# --------------------------------------------------------------------------- registry


class Registry(Protocol):
    """Where canonical names live across articles (the store implements it)."""

    def lookup(self, kind: str, key: str) -> list[str]: ...

    def canonical(self, entity_id: str) -> str | None: ...

    def create(self, kind: str, name: str, key: str) -> str: ...

    def rename(self, entity_id: str, name: str) -> None: ...

    def add_alias(self, kind: str, key: str, entity_id: str, surface: str) -> None: ...


@dataclass
class MemoryRegistry:
    """A registry held in memory (tests, one-off runs without a store)."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (kind, name)
    aliases: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def lookup(self, kind: str, key: str) -> list[str]:
        return list(self.aliases.get((kind, key), []))

    def canonical(self, entity_id: str) -> str | None:
        item = self.names.get(entity_id)
        return None if item is None else item[1]

    def create(self, kind: str, name: str, key: str) -> str:
        salt = 0
        while (eid := entity_id(kind, key, salt)) in self.names:
            salt += 1
        self.names[eid] = (kind, name)
        return eid

    def rename(self, entity_id: str, name: str) -> None:
        kind, _ = self.names[entity_id]
        self.names[entity_id] = (kind, name)

    def add_alias(self, kind: str, key: str, entity_id: str, surface: str) -> None:
        ids = self.aliases.setdefault((kind, key), [])
        if entity_id not in ids:
            ids.append(entity_id)


def resolve(registry: Registry, kind: str, name: str, surfaces: list[str]) -> tuple[str, str]:
    """The registry id and canonical name for an entity found in one article as ``name``
    (its in-article canonical name) written as ``surfaces``. Creates or upgrades as needed."""
    if kind != "person":
        key = name_key(name)
        ids = registry.lookup(kind, key)
        eid = ids[0] if ids else registry.create(kind, name, key)
        for s in {name, *surfaces}:
            registry.add_alias(kind, name_key(s), eid, s)
        return eid, registry.canonical(eid) or name
    parts = tokens(name)
    if len(parts) >= 2:
        eid = _resolve_full(registry, name, parts)
    else:
        eid = _resolve_short(registry, name)
    for s in {name, *surfaces}:
        registry.add_alias("person", name_key(s), eid, s)
    return eid, registry.canonical(eid) or name


def _unique(ids: list[str]) -> str | None:
    distinct = list(dict.fromkeys(ids))
    return distinct[0] if len(distinct) == 1 else None


def _resolve_full(registry: Registry, name: str, parts: list[str]) -> str:
    keys = person_keys(name)
    found = _unique([i for k in keys for i in registry.lookup("person", k)])
    if found is None:
        # a surname-only entity already in the registry ("Trump") becomes this full name
        singles = [
            i
            for s in short_forms(name)
            for i in registry.lookup("person", name_key(s))
            if len(tokens(registry.canonical(i) or "")) == 1
        ]
        found = _unique(singles)
        if found is not None:
            registry.rename(found, name)
    if found is None:
        found = registry.create("person", name, keys[-1])
    else:
        current = registry.canonical(found) or ""
        if len(tokens(current)) < len(parts):
            registry.rename(found, name)
    for k in keys:
        registry.add_alias("person", k, found, name)
    for s in short_forms(name):
        registry.add_alias("person", short_key(s), found, s)
    return found


def _resolve_short(registry: Registry, name: str) -> str:
    full = _unique(registry.lookup("person", short_key(name)))
    if full is not None:
        return full
    same = _unique(registry.lookup("person", name_key(name)))
    if same is not None:
        return same
    return registry.create("person", name, name_key(name))
