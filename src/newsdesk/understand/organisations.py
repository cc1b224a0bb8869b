"""Organisations and compound places: cue words with a name, news agencies, acronyms defined
in parentheses, ``Nhật-Mỹ`` compounds (see ``entities.py``).
"""

from __future__ import annotations

from newsdesk.model import Entity, Mention
from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import (
    _compound,
    _countries,
    _fields,
    _Found,
    _found,
    _function_words,
    _is_acronym,
    _org_cues,
    _orgs,
    _people,
    _places,
    _surface,
    _Tok,
    _vi_name_at,
)

_NEWS_CUES = frozenset(
    [
        "Hãng thông tấn",
        "Hãng tin",
        "hãng thông tấn",
        "hãng tin",
        "Báo",
        "tờ báo",
        "nhật báo",
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
        end = _org_name_run(toks, p)
        if end == p or _places().match(toks, p):
            return 0  # "báo cáo", "Đài Hàn Quốc" (a place): no agency's name
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
        if (
            q > p
            and t.text in nm.western_given_names()
            and q + 1 < len(toks)
            and toks[q + 1].cap
            and nm.is_foreign(toks[q + 1].text)
        ):
            break  # "Tập đoàn Microsoft Bill Gates": the founder's name ends the company's
        if q > p and _vi_name_at(toks, q):
            break  # "Sở Y tế Hà Nội Nguyễn Khắc Hiền": the director's name ends the body's
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


def _merge_simple(found: list[_Found], kind: str) -> list[Entity]:
    by_name: dict[str, Entity] = {}
    for f in sorted((f for f in found if f.kind == kind), key=lambda f: f.start):
        e = by_name.setdefault(f.canonical, Entity(name=f.canonical, kind=kind))
        e.mentions.append(Mention(f.name, f.sentence, f.start, f.end))
    return list(by_name.values())
