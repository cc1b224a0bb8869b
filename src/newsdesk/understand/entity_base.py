"""Shared pieces of the entity recogniser (``entities.py``): word tokens with their offsets,
the lexicons as phrase matchers, and capitalised name runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdesk.understand import names as nm
from newsdesk.understand.lexicon import table, toml, word_set

# A word may hold an apostrophe between letters (``Jama'a``, ``O'Neill``): one name part.
_TOKEN = re.compile(r"\w+(?:['’](?!s\b)\w+)*|[^\w\s]")  # not an English "'s"


_CREDIT = re.compile(
    r"(?:^|(?<=[\s(]))(?:Ảnh|Nguồn|Photographer|Photo|Video|Đồ họa|Clip)\s*:", re.IGNORECASE
)


# A credit with no colon: "Ảnh VGP/Từ Lương", "Nguồn TTXVN/Hồng Điệp" (an agency in capitals
# and a slash right after the cue word).
_BARE_CREDIT = re.compile(r"(?:^|(?<=[\s(]))(?:Ảnh|Nguồn)\s+(?=[A-ZĐ]{2,}\s*/)")
_BARE_CREDIT_REST = re.compile(r"[A-ZĐ]{2,}\s*/")


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
def _descriptors() -> _Phrases:
    return _Phrases({t: t for t in _people()["descriptors"]}, fold_case=False)


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


def _tokens(text: str, s: int, e: int) -> list[_Tok]:
    sentence = text[s:e]
    cues = sorted(m.end() for rx in (_CREDIT, _BARE_CREDIT) for m in rx.finditer(sentence))
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
    if t.text in ("Ảnh", "Nguồn") and _BARE_CREDIT_REST.match(rest):
        return True
    return t.text.casefold() in _CREDIT_WORDS and rest.startswith(":")


_CREDIT_WORDS = frozenset(["ảnh", "nguồn", "photographer", "photo", "video", "clip"])


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
    end = toks[j - 1].end
    if kind == "person" and (cut := _glued_word_len(toks[j - 1].text)):
        name, end = name[:-cut], end - cut  # "Moon Geun Youngđã": the next word typed glued
    return _Found(kind, name, canonical or name, index, toks[i].start, end, role)


_GLUED_WORDS = ("đã", "được", "đang", "để", "đến", "và", "là", "cũng", "sẽ", "với", "của")


def _glued_word_len(word: str) -> int:
    """Length of a Vietnamese function word glued to the end of a Latin name (``Youngđã``,
    ``Smithvà``): the name part must be at least two ASCII letters and the word must carry a
    Vietnamese letter, so ``Ashleyla`` or ``Vale`` stay whole."""
    for w in _GLUED_WORDS:
        head = word[: -len(w)]
        if word.endswith(w) and len(head) >= 2 and head.isascii() and head.isalpha():
            return len(w) if not w.isascii() else 0
    return 0


def _surface(toks: list[_Tok], i: int, j: int) -> str:
    parts = [toks[i].text]
    for k in range(i + 1, j):
        glue = "" if toks[k].start == toks[k - 1].end else " "
        parts.append(glue + toks[k].text)
    return "".join(parts)


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
    if (
        q - p >= 4
        and toks[p].text in nm.vi_family_names()
        and _runs_on(toks, q)
        and not (q - p == 4 and toks[p + 1].text in _people()["middle_names"])
    ):
        # "ông Phùng Quốc Hiển Đánh giá": the next sentence's first word; but four syllables
        # with a middle name ("Nguyễn Thị Minh Khai sinh") are a whole name
        q -= 1
    elif (
        q - p >= 3
        and not toks[q - 1].text.isascii()
        and all(
            toks[k].text.isascii() and not nm.is_vietnamese_syllable(toks[k].text)
            for k in range(p, q - 1)
        )
        and _runs_on(toks, q)
    ):
        q -= 1  # "Salman Khurshid Tuyên bố": a Vietnamese word starting the next sentence
    return q


def _one_letter_syllable(t: _Tok, inside: bool) -> bool:
    """``Nguyễn Á``, ``Lê Ý``: a one-letter Vietnamese syllable (with its diacritic) inside a
    name; a bare ASCII capital is an initial or a symbol, handled apart."""
    return inside and not t.text.isascii() and nm.is_vietnamese_syllable(t.text)


def _raw_name_run(toks: list[_Tok], p: int) -> int:
    q = p
    particles = 0  # "Abdullah bin Abdul Aziz al Saud": particles do not count to the limit
    while q < len(toks) and q - p < 5 + particles:
        t = toks[q]
        if (
            t.text in "-‐"
            and q > p
            and q + 1 < len(toks)
            and t.start == toks[q - 1].end
            and toks[q + 1].start == t.end
            and toks[q + 1].text.isalpha()
            and not (len(toks[q + 1].text) >= 2 and toks[q + 1].text.isupper())
            and not (
                toks[q + 1].text[:1].isupper()
                and not toks[q + 1].text.isascii()
                and toks[q - 1].text.isascii()
            )
        ):
            q += 2  # "Jae-myung", not "Huỳnh Nghĩa-ĐBQH" (a title's initials)
            continue
        if (
            q > p
            and t.text in _people()["name_particles"]
            and q + 1 < len(toks)
            and nm.is_foreign(toks[q - 1].text)
        ):
            if toks[q + 1].cap:
                q += 1  # "Juan Martin del Potro"
                particles += 1
                continue
            if (
                toks[q + 1].text in _people()["name_particles"]
                and q + 2 < len(toks)
                and toks[q + 2].cap
            ):
                q += 2  # "Carla de la Fuente"
                continue
        if (
            q > p
            and t.text in _people()["name_particles"]
            and q + 2 < len(toks)
            and toks[q + 1].text in "-‐"
            and toks[q + 1].start == t.end
            and toks[q + 2].start == toks[q + 1].end
            and toks[q + 2].cap
            and nm.is_foreign(toks[q - 1].text)
        ):
            q += 3  # "Abdulaziz al-Saud", "Saud al-Faisal"
            continue
        if q > p and (ini := _initials_end(toks, q)) > q:
            q = ini  # "Sergei V.Mikhailov", "Nguyễn Thị T.V.": initials keep their dots
            if q >= len(toks) or not toks[q].cap:
                break
            if toks[q].start != toks[q - 1].end and not (
                nm.is_foreign(toks[q].text) and nm.is_foreign(toks[p].text)
            ):
                break  # "Nguyễn Thị T.V. Sau đó": the next sentence's word
            continue
        if (
            len(t.text) == 1
            and t.text.isupper()
            and q - p >= 2
            and (toks[p].text in nm.vi_family_names())
        ):
            q += 1  # "ông Bùi Tiến D": a name the paper shortened
            break
        if not (
            t.cap and _letters(t.text) and (len(t.text) >= 2 or _one_letter_syllable(t, q > p))
        ):
            break
        if q > p and _titles().match(toks, q):
            break
        if (
            q > p
            and (h := _honorifics().match(toks, q))
            and not (h[1] in _people()["lower_only_honorifics"] and t.cap)
        ):
            break
        if (
            (t.text.casefold() in _not_names() or _org_head(toks, q))
            and not (
                q > p + 1
                and toks[q - 1].text in _people()["middle_names"]
                and t.text in _people()["number_given_names"]
            )
            and not _cue_word_as_given_name(toks, p, q)
        ):
            break  # but "Lê Văn Năm", "Trần Thị Ba": numbers are given names after Văn/Thị
        q += 1
    return q


def _cue_word_as_given_name(toks: list[_Tok], p: int, q: int) -> bool:
    """``GS.TS Đinh Quang Báo, …``: a one-syllable word that elsewhere starts a body (``Báo``,
    ``Ban``, ``Đài``) ends a Vietnamese family name and one more syllable when no name of a body
    follows it (punctuation, the end, or a function word comes next)."""
    if q != p + 2 or toks[p].text not in nm.vi_family_names():
        return False
    if not nm.is_vietnamese_syllable(toks[q].text):
        return False
    nxt = toks[q + 1].text if q + 1 < len(toks) else ""
    if toks[p + 1].text in _people()["middle_names"] and len(toks[q].text) >= 2:
        # "Phan Văn Sáng (sinh năm 1988)": after "Văn"/"Thị" comes a given name, whatever else
        # the word means ("Sáng" is a morning too); not when a capitalised word follows
        return not (nxt[:1].isupper() and nxt.isalpha())
    if toks[q].text not in _NAME_BREAK_CUES:
        return False
    return not nxt or not nxt.isalpha() or nxt.casefold() in _function_words()


def _letters(word: str) -> bool:
    """Letters only, an apostrophe between them allowed (``Jama'a``)."""
    return word.replace("'", "").replace("’", "").isalpha()


def _initials_end(toks: list[_Tok], q: int) -> int:
    """After initials written with their dots inside a name (``V.`` of ``Sergei V.Mikhailov``,
    ``T.V.`` of ``Nguyễn Thị T.V.``); ``q`` when none start at ``q``. An ASCII capital glued to
    its dot, then either the surname glued to that dot or another initial; a lone ``A.`` is left
    alone (the dot may end the sentence)."""
    k = q
    count = 0
    while (
        k + 1 < len(toks)
        and len(toks[k].text) == 1
        and toks[k].text.isascii()
        and toks[k].text.isupper()
        and toks[k + 1].text == "."
        and toks[k + 1].start == toks[k].end
    ):
        k += 2
        count += 1
        glued = k < len(toks) and toks[k].start == toks[k - 1].end and toks[k].cap
        if glued and len(toks[k].text) >= 2:
            return k  # "V.Mikhailov": the surname glued to the initial's dot
        if (
            not glued
            and count == 1
            and q > 0
            and k < len(toks)
            and toks[k].cap
            and len(toks[k].text) >= 2
            and nm.is_foreign(toks[k].text)
            and nm.is_foreign(toks[q - 1].text)
        ):
            return k  # "William H. Watson": a foreign middle initial between two foreign words
        if not glued:
            break
    return k if count >= 2 else q


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


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("stopwords.txt") if "_" not in w)


@cache
def _not_person_before() -> _Phrases:
    return _Phrases({w: w for w in _people()["not_person_before"]}, fold_case=True)


@cache
def _lower_only_honorifics() -> frozenset[str]:
    return frozenset(w.casefold() for w in _people()["lower_only_honorifics"])


@cache
def _person_verbs() -> _Phrases:
    return _Phrases({w: w for w in _people()["person_verbs"]}, fold_case=True)


@cache
def _person_acts_of() -> _Phrases:
    return _Phrases({w: w for w in _people()["person_acts_of"]}, fold_case=True)


@cache
def _speech_after() -> _Phrases:
    return _Phrases({w: w for w in _people()["speech_after"]}, fold_case=True)


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


def _vi_name_at(toks: list[_Tok], k: int) -> int:
    """End of a Vietnamese full name starting at ``k`` (a family name and two or three more
    syllables, ending the capitalised run), 0 when there is none."""
    if k >= len(toks) or toks[k].text not in nm.vi_family_names():
        return 0
    end = _name_run(toks, k)
    words = [toks[x].text for x in range(k, end)]
    if 3 <= len(words) <= 4 and all(map(nm.is_vietnamese_syllable, words)):
        return end
    return 0
