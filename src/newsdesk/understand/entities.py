"""People, organisations and places: a rule and lexicon recogniser for Vietnamese news.

No statistical NER (underthesea's ``ner`` downloads a model): the text's own signals are enough
for precise results. Sentence by sentence, over word tokens:

1. **credits** (``Ảnh: AP``, ``Nguồn: …``, ``Photographer: …``) are skipped: not news actors;
2. **people** need a trigger: a title (``Thủ tướng``, ``Bộ trưởng Quốc phòng``, ``Ngoại trưởng``
   …) optionally qualified by a country or body (``Tổng thống Mỹ``), or an honorific (``ông``,
   ``bà``, ``người đồng cấp Mỹ``), followed by a capitalised name. The title with its qualifier
   becomes a role; an appositive (``Ông X, Phó Tổng Giám đốc … tại Y``) too. A capitalised word
   with no trigger is never a person, so sentence starts and words like ``Chính phủ`` or
   ``Thế chiến`` stay out. Once a person is known in the article, later bare mentions of the
   name or of one of its foreign words (``chính quyền Takaichi``) count too;
3. **organisations**: the gazetteer (``lexicon/organizations.txt``), cue words with a name
   (``Công ty``, ``Tập đoàn``, ``Hãng thông tấn``, ``Bộ`` + field + country, ``Chính phủ Nhật
   Bản``), acronyms defined in parentheses after a cue (``Đảng … (CNRP)``) and foreign company
   names (``Mitsubishi Electric``);
4. **places**: the gazetteer (``lexicon/places.txt``; aliases fold to one name: ``Hoa Kỳ`` ->
   ``Mỹ``), compounds (``Nhật-Mỹ``, ``Mỹ-Trung``), and countries qualifying a title.

People found under several spellings are merged by ``newsdesk.understand.names`` (name order,
surname-only mentions); ``extract_entities`` returns in-article canonical names, the registry
(when given to ``understand_article``) makes them corpus-wide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdesk.model import Entity, Mention
from newsdesk.understand import names as nm
from newsdesk.understand.lexicon import table, toml, word_set
from newsdesk.understand.sentences import sentence_spans

__all__ = ["entities_in_spans", "extract_entities", "org_name", "strip_title"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_CREDIT = re.compile(
    r"(?:^|(?<=[\s(]))(?:Ảnh|Nguồn|Photographer|Photo|Video|Đồ họa|Clip)\s*:", re.IGNORECASE
)
_ACRONYM_DEF = re.compile(r"\((?P<acr>[A-ZĐ][A-Z0-9Đ&]{1,9})\)")
_NOT_ACRONYMS = frozenset(
    [
        "GDP",
        "GNP",
        "USD",
        "VND",
        "VNĐ",
        "EUR",
        "JPY",
        "CNY",
        "CPI",
        "FDI",
        "ODA",
        "CEO",
        "TP",
        "HCM",
        "TV",
        "AI",
        "IT",
        "PC",
        "SMS",
        "OK",
        "UBND",
        "HĐND",
        "THPT",
        "THCS",
        "ĐH",
        "TS",
        "GS",
        "PGS",
        "ThS",
        "KM",
        "STT",
        "ATM",
        "NXB",
        "II",
        "III",
        "IV",
        "VI",
        "VII",
        "VIII",
        "IX",
        "XI",
        "XII",
        "XX",
        "XXI",
    ]
)


@dataclass(slots=True)
class _Tok:
    text: str
    start: int  # offset in the whole text
    end: int

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper() and self.text[:1].isalpha()


@dataclass(slots=True)
class _Found:
    kind: str
    name: str  # as written (person: the name only, no title)
    canonical: str  # folded to the gazetteer's name (places, organisations)
    sentence: int
    start: int
    end: int
    role: str | None = None


# --------------------------------------------------------------------------- lexicons


class _Phrases:
    """Multi-word phrases matched over tokens, longest first."""

    def __init__(self, mapping: dict[str, str], *, fold_case: bool) -> None:
        self.fold_case = fold_case
        self.index: dict[str, list[tuple[list[str], str]]] = {}
        for surface, canonical in mapping.items():
            toks = [self._norm(t) for t in _TOKEN.findall(surface)]
            if toks:
                self.index.setdefault(toks[0], []).append((toks, canonical))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _norm(self, t: str) -> str:
        return t.casefold() if self.fold_case else t

    def match(self, toks: list[_Tok], i: int) -> tuple[int, str] | None:
        if i >= len(toks):
            return None
        first = toks[i].text
        keys = [self._norm(first)]
        if not self.fold_case and first[:1].isupper():
            keys.append(first[:1].lower() + first[1:])
        for key in keys:
            for words, canonical in self.index.get(key, []):
                j = i + len(words)
                if j <= len(toks) and all(
                    self._norm(toks[i + k].text) == words[k] for k in range(1, len(words))
                ):
                    return j, canonical
        return None


@cache
def _people() -> dict:
    return toml("people.toml")


@cache
def _places() -> _Phrases:
    return _Phrases({**table("places.txt"), **table("countries.txt")}, fold_case=False)


@cache
def _countries() -> _Phrases:
    return _Phrases(table("countries.txt"), fold_case=False)


@cache
def _orgs() -> _Phrases:
    return _Phrases(table("organizations.txt"), fold_case=False)


@cache
def _titles() -> _Phrases:
    return _Phrases({t: t for t in _people()["titles"]}, fold_case=True)


@cache
def _honorifics() -> _Phrases:
    lex = _people()
    return _Phrases(
        {t: t for t in [*lex["honorifics"], *lex["lower_only_honorifics"]]}, fold_case=True
    )


@cache
def _fields() -> _Phrases:
    return _Phrases({t: t for t in _people()["ministry_fields"]}, fold_case=True)


@cache
def _org_cues() -> _Phrases:
    return _Phrases({t: t for t in _people()["org_cues"]}, fold_case=False)


@cache
def _not_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in _people()["not_names"])


@cache
def _compound() -> dict[str, str]:
    return dict(_people()["compound_places"])


_NEWS_CUES = frozenset(
    [
        "Hãng thông tấn",
        "Hãng tin",
        "hãng thông tấn",
        "hãng tin",
        "Báo",
        "báo",
        "Đài",
        "Thông tấn xã",
        "Hãng",
    ]
)
_QUALIFIED_CUES = frozenset(
    [
        "Chính phủ",
        "Quốc hội",
        "Thượng viện",
        "Hạ viện",
        "Nội các",
        "Quân đội",
        "Hải quân",
        "Không quân",
        "Lục quân",
        "Cảnh sát",
        "Đại sứ quán",
        "Lãnh sự quán",
        "Tòa Bạch Ốc",
    ]
)


# --------------------------------------------------------------------------- entry


def extract_entities(text: str) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """``(people, organizations, places)`` in ``text``; sentence indexes ``split_sentences``."""
    return entities_in_spans(text, sentence_spans(text))


def entities_in_spans(
    text: str, spans: list[tuple[int, int]]
) -> tuple[list[Entity], list[Entity], list[Entity]]:
    found: list[_Found] = []
    sentences = [_tokens(text, s, e) for s, e in spans]
    used: list[set[int]] = []
    for index, toks in enumerate(sentences):
        taken: set[int] = set()
        found.extend(_scan(toks, index, taken))
        used.append(taken)
    people = [f for f in found if f.kind == "person"]
    found.extend(_list_mates(sentences, used, people))
    people = [f for f in found if f.kind == "person"]
    found.extend(_later_mentions(sentences, used, people))
    found.extend(_acronym_mentions(sentences, used, found))
    return _merge_people(found), _merge_simple(found, "organization"), _merge_simple(found, "place")


def org_name(name: str) -> str:
    """The gazetteer's name for an organisation written ``name`` (``Kyodonews`` -> ``Kyodo``)."""
    return table("organizations.txt").get(name.strip(), name.strip())


def strip_title(surface: str) -> str:
    """A person's name without the honorific or title in front (``bà Takaichi`` -> ``Takaichi``)."""
    toks = _tokens(surface, 0, len(surface))
    i = 0
    while i < len(toks):
        m = _titles().match(toks, i) or _honorifics().match(toks, i) or _places().match(toks, i)
        if m is None or m[0] >= len(toks):
            break
        i = m[0]
    return surface[toks[i].start :] if i < len(toks) else surface


# --------------------------------------------------------------------------- scanning


def _tokens(text: str, s: int, e: int) -> list[_Tok]:
    sentence = text[s:e]
    cues = [m.end() for m in _CREDIT.finditer(sentence)]
    out = []
    skipping = 0  # words of a credit still to skip ("Ảnh: Đỗ Tuấn Anh", "Nguồn: AFP/Reuters")
    for m in _TOKEN.finditer(sentence):
        word = m.group()
        if cues and m.start() >= cues[0]:
            cues.pop(0)
            skipping = 6
        if skipping:
            if word[:1].isupper() or word in "./&-,":
                skipping -= 1
                continue
            skipping = 0
        out.append(_Tok(word, s + m.start(), s + m.end()))
    out = [t for t in out if not _is_credit_cue(t, sentence, s)]
    return out


def _is_credit_cue(t: _Tok, sentence: str, s: int) -> bool:
    rest = sentence[t.end - s :].lstrip()
    return t.text.casefold() in _CREDIT_WORDS and rest.startswith(":")


_CREDIT_WORDS = frozenset(["ảnh", "nguồn", "photographer", "photo", "video", "clip"])


def _scan(toks: list[_Tok], index: int, taken: set[int]) -> list[_Found]:
    out: list[_Found] = []
    i = 0
    n = len(toks)
    firsts = _trigger_firsts()
    while i < n:
        if i in taken or toks[i].text.casefold() not in firsts:
            i += 1
            continue
        got = _person_at(toks, i, index, taken, out) or _org_at(toks, i, index, taken, out)
        i = got if got else i + 1
    _compounds(toks, index, taken, out)
    i = 0
    gazetteer_firsts = _gazetteer_firsts()
    while i < n:
        if i in taken or not (toks[i].cap or toks[i].text in gazetteer_firsts):
            i += 1
            continue
        m = _orgs().match(toks, i)
        kind = "organization"
        if m is None:
            m = _places().match(toks, i)
            kind = "place"
        if m and not any(k in taken for k in range(i, m[0])) and _standalone(toks, i, m[0], kind):
            out.append(_found(kind, toks, i, m[0], m[1], index))
            taken.update(range(i, m[0]))
            i = m[0]
            continue
        if toks[i].cap and (j := _company(toks, i)):
            out.append(_found("organization", toks, i, j, None, index))
            taken.update(range(i, j))
            i = j
            continue
        if toks[i].cap and (j := _bare_person(toks, i)):
            out.append(_found("person", toks, i, j, None, index))
            taken.update(range(i, j))
            i = j
            continue
        i += 1
    return out


@cache
def _trigger_firsts() -> frozenset[str]:
    """Folded first words of every title, honorific and organisation cue (a fast pre-check)."""
    lex = _people()
    words = [
        *lex["titles"],
        *lex["honorifics"],
        *lex["lower_only_honorifics"],
        *lex["title_prefixes"],
        *lex["title_drop"],
        *lex["org_cues"],
    ]
    return frozenset(_TOKEN.findall(w)[0].casefold() for w in words if _TOKEN.findall(w))


@cache
def _gazetteer_firsts() -> frozenset[str]:
    """First words of place and organisation names written in lower case (``châu Á``)."""
    return frozenset(k for ph in (_orgs(), _places()) for k in ph.index if not k[:1].isupper())


def _found(
    kind: str,
    toks: list[_Tok],
    i: int,
    j: int,
    canonical: str | None,
    index: int,
    role: str | None = None,
) -> _Found:
    name = _surface(toks, i, j)
    return _Found(kind, name, canonical or name, index, toks[i].start, toks[j - 1].end, role)


def _surface(toks: list[_Tok], i: int, j: int) -> str:
    parts = [toks[i].text]
    for k in range(i + 1, j):
        glue = "" if toks[k].start == toks[k - 1].end else " "
        parts.append(glue + toks[k].text)
    return "".join(parts)


def _standalone(toks: list[_Tok], i: int, j: int, kind: str) -> bool:
    """A one-syllable Vietnamese place alias (``Đức``, ``Anh``, ``Nhật``) inside a longer run of
    capitalised words is part of a name (``Nguyễn Minh Đức``), not the country."""
    if kind != "place" or j - i != 1 or not nm.is_vietnamese_syllable(toks[i].text):
        return True
    prev_cap = i > 0 and toks[i - 1].cap and toks[i - 1].text.casefold() not in _not_names()
    next_cap = j < len(toks) and toks[j].cap
    return not (prev_cap or next_cap)


def _qualifiers(
    toks: list[_Tok], p: int, index: int, out: list[_Found], taken: set[int]
) -> tuple[int, list[str]]:
    """Countries or bodies right after a title (``Tổng thống Mỹ``, ``Thủ lĩnh CNRP``)."""
    quals: list[str] = []
    for _ in range(2):
        m = _places().match(toks, p)
        if m:
            out.append(_found("place", toks, p, m[0], m[1], index))
            taken.update(range(p, m[0]))
            quals.append(m[1])
            p = m[0]
            continue
        m = _orgs().match(toks, p)
        if m:
            out.append(_found("organization", toks, p, m[0], m[1], index))
            taken.update(range(p, m[0]))
            quals.append(m[1])
            p = m[0]
            continue
        if p < len(toks) and _is_acronym(toks[p].text):
            quals.append(toks[p].text)
            p += 1
            continue
        if p + 1 < len(toks) and toks[p].text == "Chính" and toks[p + 1].text == "phủ":
            quals.append("Chính phủ")
            p += 2
            continue
        break
    return p, quals


def _is_acronym(t: str) -> bool:
    return 2 <= len(t) <= 8 and t.isupper() and t.isalpha() and t not in _NOT_ACRONYMS


_NAME_BREAK_CUES = frozenset(
    ["Bộ", "Sở", "Cục", "Viện", "Đảng", "Hãng", "Báo", "Đài", "Ban", "Quỹ", "CLB"]
)


def _org_head(toks: list[_Tok], q: int) -> bool:
    cue = _org_cues().match(toks, q)
    return bool(cue) and (cue[0] - q >= 2 or cue[1] in _NAME_BREAK_CUES)


def _name_run(toks: list[_Tok], p: int) -> int:
    """End of a capitalised name starting at ``p`` (``p`` when there is none)."""
    q = _raw_name_run(toks, p)
    if q - p >= 4 and toks[p].text in nm.vi_family_names() and _runs_on(toks, q):
        q -= 1  # "ông Phùng Quốc Hiển Đánh giá": the next sentence's first word
    return q


def _raw_name_run(toks: list[_Tok], p: int) -> int:
    q = p
    while q < len(toks) and q - p < 5:
        t = toks[q]
        if (
            t.text in "-‐"
            and q > p
            and q + 1 < len(toks)
            and t.start == toks[q - 1].end
            and toks[q + 1].start == t.end
            and toks[q + 1].text.isalpha()
        ):
            q += 2  # "Jae-myung"
            continue
        if (
            q > p
            and t.text in _people()["name_particles"]
            and q + 1 < len(toks)
            and toks[q + 1].cap
            and nm.is_foreign(toks[q - 1].text)
        ):
            q += 1  # "Juan Martin del Potro"
            continue
        if (
            len(t.text) == 1
            and t.text.isupper()
            and q - p >= 2
            and (toks[p].text in nm.vi_family_names())
        ):
            q += 1  # "ông Bùi Tiến D": a name the paper shortened
            break
        if not (t.cap and t.text.isalpha() and len(t.text) >= 2):
            break
        if q > p and _titles().match(toks, q):
            break
        if (
            q > p
            and (h := _honorifics().match(toks, q))
            and not (h[1] in _people()["lower_only_honorifics"] and t.cap)
        ):
            break
        if t.text.casefold() in _not_names() or _org_head(toks, q):
            break
        q += 1
    return q


def _person_at(toks: list[_Tok], i: int, index: int, taken: set[int], out: list[_Found]) -> int:
    lex = _people()
    p = i
    prefix = ""
    if toks[i].text.casefold() in lex["title_prefixes"] and _titles().match(toks, i + 1):
        prefix = toks[i].text.casefold() + " "
        p = i + 1
    elif toks[i].text.casefold() in lex["title_drop"] and _titles().match(toks, i + 1):
        p = i + 1
    title = _titles().match(toks, p)
    if title and title[0] - p == 1 and not toks[p].cap:
        title = None  # "kiện tướng" is no "Tướng"
    role: str | None = None
    qualify = True
    if title:
        p, role = title[0], prefix + title[1]
        if title[1] in ("Bộ trưởng", "Thứ trưởng"):
            q = p + 1 if p < len(toks) and toks[p].text == "Bộ" else p
            f = _fields().match(toks, q)
            if f:
                p, role = f[0], f"{role} {f[1]}"
    else:
        h = _honorifics().match(toks, i)
        if not h:
            return 0
        if h[1] in _people()["lower_only_honorifics"] and not toks[i].text.islower():
            return 0
        if (
            toks[i].text.casefold() in ("ông", "bà")
            and i + 1 < len(toks)
            and toks[i + 1].text.casefold() in ("con", "chủ", "bà", "ngoại", "nội", "già")
        ):
            return 0
        p = h[0]
        qualify = h[1] == "người đồng cấp"
    scratch: list[_Found] = []
    scratch_taken: set[int] = set()
    q, quals = _qualifiers(toks, p, index, scratch, scratch_taken) if qualify else (p, [])
    end = _name_run(toks, q)
    if end == q:
        return 0
    name_parts = [toks[k].text for k in range(q, end) if toks[k].text not in "-‐"]
    if all(part.casefold() in _not_names() for part in name_parts):
        return 0
    if len(name_parts[0]) >= 2 and name_parts[0].isupper():
        return 0  # "chuyên gia IT", "ngôi sao LA Galaxy": an acronym, not a name
    if _places().match(toks, q) and _places().match(toks, q)[0] >= end:  # type: ignore[index]
        return 0
    if end - q == 1 and toks[q].text in _compound() and end < len(toks) and toks[end].text in "-–":
        return 0  # "vận động viên Việt - Hàn": two countries
    if (
        title
        and title[1] in _people()["place_titles"]
        and not (nm.is_foreign(name_parts[0]) or name_parts[0] in nm.vi_family_names())
    ):
        return 0  # "Thị trưởng Nam Kinh": a place
    if title and len(name_parts) == 1 and _runs_on(toks, end):
        return 0  # "Giám đốc Thẩm mỹ viện": a word, not a name
    out.extend(scratch)
    taken.update(scratch_taken)
    if role is not None:
        role = " ".join([role, *quals]) if quals else role
        if not quals and end + 1 < len(toks) and toks[end].text == "của":
            place = _places().match(toks, end + 1)
            if place:
                role = f"{role} {place[1]}"
    elif end < len(toks) - 1 and toks[end].text == ",":
        appositive = _appositive(toks, end + 1)
        if appositive:
            role, stop = appositive
            out.append(_found("person", toks, q, end, None, index, role))
            taken.update(range(i, end))
            _orgs_within(toks, end + 1, stop, index, taken, out)
            return stop
    out.append(_found("person", toks, q, end, None, index, role))
    taken.update(range(i, end))
    return end


def _orgs_within(
    toks: list[_Tok], a: int, b: int, index: int, taken: set[int], out: list[_Found]
) -> None:
    """Organisations and places named inside a role phrase still count."""
    k = a
    while k < b:
        m = _orgs().match(toks, k)
        kind = "organization"
        if m is None:
            m = _places().match(toks, k)
            kind = "place"
        if m and m[0] <= b:
            out.append(_found(kind, toks, k, m[0], m[1], index))
            k = m[0]
        elif toks[k].cap and (j := _company(toks, k)) and j <= b:
            out.append(_found("organization", toks, k, j, None, index))
            k = j
        else:
            k += 1
    taken.update(range(a, b))


def _runs_on(toks: list[_Tok], end: int) -> bool:
    """A Vietnamese capitalised syllable that continues into a lowercase content word
    (``Thẩm mỹ``, ``An ninh``) is part of a common word, not a name."""
    return (
        end < len(toks)
        and toks[end].text.islower()
        and toks[end].text.isalpha()
        and not nm.is_foreign(toks[end - 1].text)
        and toks[end].text.casefold() not in _function_words()
    )


def _appositive(toks: list[_Tok], p: int) -> tuple[str, int] | None:
    """``X, Phó Tổng Giám đốc Ban … tại Mitsubishi Electric,``: the role after a name."""
    title = _titles().match(toks, p)
    if not title:
        return None
    q = title[0]
    links = set(_people()["role_links"])
    while q < len(toks) and q - p < 20:
        t = toks[q].text
        if toks[q].cap or (t in links and q + 1 < len(toks) and toks[q + 1].cap):
            q += 1
            continue
        if (
            t.islower()
            and q > title[0]
            and toks[q - 1].cap
            and q + 1 < len(toks)
            and (
                toks[q + 1].cap
                or (toks[q + 1].text in links and q + 2 < len(toks) and toks[q + 2].cap)
            )
        ):
            q += 1  # "Quốc phòng và Vũ trụ": a lowercase syllable inside a name
            continue
        break
    while q > title[0] and toks[q - 1].text in links:
        q -= 1
    return _surface(toks, p, q), q


def _org_at(toks: list[_Tok], i: int, index: int, taken: set[int], out: list[_Found]) -> int:
    if _orgs().match(toks, i) or _places().match(toks, i):
        return 0  # the gazetteer pass takes it
    cue = _org_cues().match(toks, i)
    if not cue:
        return 0
    p, word = cue
    if word in _NEWS_CUES:
        m = _orgs().match(toks, p)
        if m:
            out.append(_found("organization", toks, p, m[0], m[1], index))
            taken.update(range(i, m[0]))
            return m[0]
        end = _name_run(toks, p)
        if end == p:
            return 0
        out.append(_found("organization", toks, p, end, None, index))
        taken.update(range(i, end))
        return end
    if word == "Bộ":
        f = _fields().match(toks, p)
        if not f:
            return 0
        place = _countries().match(toks, f[0])
        if not place:
            return 0
        name = f"Bộ {f[1]} {place[1]}"
        out.append(
            _Found(
                "organization",
                _surface(toks, i, place[0]),
                name,
                index,
                toks[i].start,
                toks[place[0] - 1].end,
            )
        )
        out.append(_found("place", toks, f[0], place[0], place[1], index))
        taken.update(range(i, place[0]))
        return place[0]
    if word in _QUALIFIED_CUES:
        place = _countries().match(toks, p)
        if not place:
            return 0
        out.append(
            _Found(
                "organization",
                _surface(toks, i, place[0]),
                f"{word} {place[1]}",
                index,
                toks[i].start,
                toks[place[0] - 1].end,
            )
        )
        out.append(_found("place", toks, p, place[0], place[1], index))
        taken.update(range(i, place[0]))
        return place[0]
    end = _org_name_run(toks, p)
    if end == p or end - p > 8:
        return 0
    out.append(_found("organization", toks, i, end, None, index))
    taken.update(range(i, end))
    return end


def _org_name_run(toks: list[_Tok], p: int) -> int:
    """``Duy tân Nhật Bản``, ``Hòa Phát``, ``Vingroup``: an organisation's name after its cue.
    A lowercase syllable may sit between two capitalised ones; a Vietnamese name must not run
    on into a lowercase word that is not a function word (``Hội đồng An ninh`` is no name)."""
    q = p
    while q < len(toks) and q - p < 9:
        t = toks[q]
        if t.cap and t.text.isalpha():
            q += 1
            continue
        if (
            t.text.islower()
            and q > p
            and toks[q - 1].cap
            and q + 1 < len(toks)
            and toks[q + 1].cap
            and t.text not in _function_words()
            and not _org_cues().match(toks, q + 1)
        ):
            q += 1
            continue
        break
    runs_on = (
        p < q < len(toks)
        and toks[q].text.islower()
        and not nm.is_foreign(toks[q - 1].text)
        and toks[q].text.casefold() not in _function_words()
    )
    return p if runs_on else q


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("stopwords.txt") if "_" not in w)


@cache
def _not_person_before() -> _Phrases:
    return _Phrases({w: w for w in _people()["not_person_before"]}, fold_case=True)


@cache
def _speech_after() -> _Phrases:
    return _Phrases({w: w for w in _people()["speech_after"]}, fold_case=True)


def _after_place_word(toks: list[_Tok], i: int) -> bool:
    for back in (1, 2, 3, 4):
        m = _not_person_before().match(toks, i - back) if i - back >= 0 else None
        if m and m[0] == i:
            return True
    return False


def _bare_person(toks: list[_Tok], i: int) -> int:
    """A name with no title or honorific in front, when its shape says it is one:
    a Vietnamese full name (family name + 2-3 syllables), a common Western given name with a
    surname, a Korean family name + given name, or any short foreign name right before a verb
    of saying ("Dimitrov cho biết")."""
    end = _name_run(toks, i)
    if end == i or _after_place_word(toks, i):
        return 0
    parts = [toks[k].text for k in range(i, end) if toks[k].text not in "-‐"]
    first = parts[0]
    said = end < len(toks) and bool(_speech_after().match(toks, end))
    if first in nm.vi_family_names() and all(map(nm.is_vietnamese_syllable, parts)):
        if 3 <= len(parts) <= 4 or (len(parts) == 2 and said):
            return end
        return 0
    if first in nm.western_given_names() and 2 <= len(parts) <= 3 and nm.is_foreign(parts[-1]):
        return end
    if (
        first in nm.korean_family_names()
        and 2 <= len(parts) <= 3
        and (len(parts) == 3 or "-" in _surface(toks, i, end))
    ):
        return end
    if said and 2 <= len(parts) <= 3 and all(map(nm.is_foreign, parts)) and not first.isupper():
        return end
    if len(parts) <= 4 and not first.isupper() and _described_as_person(toks, end):
        return end
    return 0


_AGE = re.compile(
    r"^\s*(?:\(\s*)?(?:\d{1,3}\s+tuổi|SN\s*\d{4}|sinh năm\s*\d{4}|quê\s)", re.IGNORECASE
)


def _described_as_person(toks: list[_Tok], end: int) -> bool:
    """``Abdur-Rahman (5 tuổi)``, ``Phạm Anh Cường (quê Tây Ninh)``, ``Bùi Tiến D (SN 1953``,
    ``Lewthwaite 29 tuổi``, ``Wei Feng Chong (Malaysia)``: an age, a birth year, a home town or
    a nationality right after a name says it is a person's."""
    if end >= len(toks):
        return False
    k = end
    if toks[k].text == "," and k + 1 < len(toks):
        k += 1
    window = " ".join(t.text for t in toks[k : k + 5])
    if _AGE.match(window):
        return True
    if toks[end].text == "(" and end + 2 < len(toks):
        country = _countries().match(toks, end + 1)
        return bool(country) and country[0] < len(toks) and toks[country[0]].text == ")"
    return False


def _company(toks: list[_Tok], i: int) -> int:
    """``Mitsubishi Electric``: foreign capitalised words ending in a company word."""
    suffixes = set(_people()["company_suffixes"])
    q = i
    found = 0
    while q < len(toks) and toks[q].cap and nm.is_foreign(toks[q].text) and q - i < 5:
        q += 1
        if q - i >= 2 and toks[q - 1].text in suffixes:
            found = q
    if found and found < q:
        return q  # "LG Electronics Mobile": the capitalised words after the suffix belong too
    return found


def _compounds(toks: list[_Tok], index: int, taken: set[int], out: list[_Found]) -> None:
    """``Nhật-Mỹ``, ``Mỹ - Trung``, ``Nhật – Mỹ – Hàn``: each part is a place."""
    comp = _compound()
    n = len(toks)
    i = 0
    while i < n:
        chain = [i]
        j = i
        while (
            j + 2 < n
            and toks[j + 1].text in "-–"
            and (toks[j + 2].text in comp or _places().match(toks, j + 2))
        ):
            m = _places().match(toks, j + 2)
            j = m[0] - 1 if m else j + 2
            chain.append(j)
        if len(chain) > 1 and (toks[i].text in comp or _places().match(toks, i)):
            k = i
            while k <= chain[-1]:
                m = _places().match(toks, k)
                if m and (m[0] - k > 1 or toks[k].text not in comp):
                    if not any(x in taken for x in range(k, m[0])):
                        out.append(_found("place", toks, k, m[0], m[1], index))
                        taken.update(range(k, m[0]))
                    k = m[0]
                elif toks[k].text in comp:
                    if k not in taken:
                        out.append(_found("place", toks, k, k + 1, comp[toks[k].text], index))
                        taken.add(k)
                    k += 1
                else:
                    k += 1
            i = chain[-1] + 1
            continue
        i += 1


# --------------------------------------------------------------------------- second pass


def _later_mentions(
    sentences: list[list[_Tok]], used: list[set[int]], people: list[_Found]
) -> list[_Found]:
    """Bare later (or earlier) mentions of people already known in this article."""
    full = {f.name for f in people if len(f.name.split()) >= 2}
    words: dict[str, int] = {}
    for name in full:
        for w in nm.short_forms(name):
            if nm.is_foreign(w):
                words[w] = words.get(w, 0) + 1
    singles = {f.name for f in people if len(f.name.split()) == 1 and nm.is_foreign(f.name)}
    targets = {w for w, c in words.items() if c == 1} | singles
    out: list[_Found] = []
    for index, toks in enumerate(sentences):
        taken = used[index]
        for k, t in enumerate(toks):
            if k in taken or t.text not in targets:
                continue
            # a full name written out: take both words
            if k + 1 < len(toks) and f"{t.text} {toks[k + 1].text}" in full and k + 1 not in taken:
                out.append(_found("person", toks, k, k + 2, None, index))
                taken.update((k, k + 1))
                continue
            if k > 0 and f"{toks[k - 1].text} {t.text}" in full:
                continue
            out.append(_found("person", toks, k, k + 1, None, index))
            taken.add(k)
    return out


_LIST_SEPARATORS = frozenset([",", "và", "–", "-", "cùng"])


def _list_mates(
    sentences: list[list[_Tok]], used: list[set[int]], people: list[_Found]
) -> list[_Found]:
    """``Văn Nghĩa, Ngọc Hào, Xuân Nam và Văn Thành``: in a list of names where one item is
    a person already found, the other items shaped like names are people too."""
    starts = {(f.sentence, f.start) for f in people}
    tails = {
        " ".join(f.name.split()[-2:])
        for f in people
        if len(f.name.split()) >= 3 and f.name.split()[0] in nm.vi_family_names()
    }
    out: list[_Found] = []
    for index, toks in enumerate(sentences):
        taken = used[index]
        runs: list[tuple[int, int]] = []
        k = 0
        while k < len(toks):
            end = _name_run(toks, k) if toks[k].cap else k
            if end > k:
                runs.append((k, end))
                k = end
            else:
                k += 1
        groups: list[list[tuple[int, int]]] = []
        for run in runs:
            if groups:
                last = groups[-1][-1]
                between = [t.text for t in toks[last[1] : run[0]]]
                if 1 <= len(between) <= 2 and all(w in _LIST_SEPARATORS for w in between):
                    groups[-1].append(run)
                    continue
            groups.append([run])
        for group in groups:
            if len(group) < 2:
                continue
            known = [
                r
                for r in group
                if (index, toks[r[0]].start) in starts or _surface(toks, r[0], r[1]) in tails
            ]
            if not known:
                continue
            for a, b in group:
                if (index, toks[a].start) in starts or any(x in taken for x in range(a, b)):
                    continue
                if b - a > 4 or _places().match(toks, a) or _orgs().match(toks, a):
                    continue
                if b - a == 1 and not nm.is_foreign(toks[a].text):
                    continue  # one Vietnamese syllable is too little to call a name
                first = toks[a].text
                vietnamese = all(nm.is_vietnamese_syllable(toks[x].text) for x in range(a, b))
                if (
                    not vietnamese
                    and first not in nm.western_given_names()
                    and (first not in nm.korean_family_names())
                ):
                    continue  # "One Direction", "Imagine Dragons": bands sit in such lists too
                out.append(_found("person", toks, a, b, None, index))
                taken.update(range(a, b))
    return out


def _acronym_mentions(
    sentences: list[list[_Tok]], used: list[set[int]], found: list[_Found]
) -> list[_Found]:
    """``Đảng đối lập Cứu quốc Campuchia (CNRP)``: the acronym names an organisation, here and
    wherever it appears again in the article."""
    defined: set[str] = set()
    for toks in sentences:
        for k in range(1, len(toks) - 1):
            t = toks[k]
            if toks[k - 1].text == "(" and toks[k + 1].text == ")" and _is_acronym(t.text):
                window = [x.text for x in toks[max(0, k - 12) : k - 1]]
                phrase = " ".join(window)
                if any(c in phrase for c in _people()["org_cues"] if c[:1].isupper()):
                    defined.add(t.text)
    known = {f.canonical for f in found if f.kind == "organization"}
    out: list[_Found] = []
    for index, toks in enumerate(sentences):
        for k, t in enumerate(toks):
            if t.text in defined and t.text not in known and k not in used[index]:
                out.append(_found("organization", toks, k, k + 1, None, index))
                used[index].add(k)
    return out


# --------------------------------------------------------------------------- merging


def _merge_simple(found: list[_Found], kind: str) -> list[Entity]:
    by_name: dict[str, Entity] = {}
    for f in sorted((f for f in found if f.kind == kind), key=lambda f: f.start):
        e = by_name.setdefault(f.canonical, Entity(name=f.canonical, kind=kind))
        e.mentions.append(Mention(f.name, f.sentence, f.start, f.end))
    return list(by_name.values())


def _merge_people(found: list[_Found]) -> list[Entity]:
    people = sorted((f for f in found if f.kind == "person"), key=lambda f: f.start)
    groups: list[list[_Found]] = []
    key_of: dict[str, int] = {}
    # full names first: one group per name, both orders of a Japanese name together
    for f in people:
        parts = f.name.split()
        if len(parts) < 2:
            continue
        keys = nm.person_keys(f.name)
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
        if len(holders) == 1:
            groups[holders.pop()].append(f)
        else:
            g = singles.get(word)
            if g is None:
                g = singles[word] = len(groups)
                groups.append([])
            groups[g].append(f)
    entities = []
    for members in groups:
        if not members:
            continue
        entities.append(_person_entity(members))
    return entities


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
