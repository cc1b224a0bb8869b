"""People named without evidence of their own in the sentence: a name the article already
knows written again (``Thu Phương`` after ``ca sĩ Thu Phương``, ``chính quyền Takaichi``), and
the other items of a list holding a known person or made only of Vietnamese-shaped names
(see ``entities.py``).
"""

from __future__ import annotations

from functools import cache

from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import (
    _Found,
    _found,
    _name_run,
    _not_names,
    _orgs,
    _people,
    _Phrases,
    _places,
    _speech_after,
    _surface,
    _Tok,
)
from newsdesk.understand.people import _brand_like
from newsdesk.understand.people_bare import _acts, _after_place_word, _auxiliaries


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
    # a word two full names share ("Rafael Nadal", "Toni Nadal") is taken too: the merge gives
    # it to the one the article introduced first
    targets = set(words) | singles
    out: list[_Found] = []
    vi_names = {n for n in full if all(map(nm.is_vietnamese_syllable, n.split()))}
    for index, toks in enumerate(sentences):
        taken = used[index]
        if vi_names:
            out.extend(_same_name_runs(toks, index, taken, vi_names))
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


def _same_name_runs(toks: list[_Tok], index: int, taken: set[int], names: set[str]) -> list[_Found]:
    """``Thu Phương`` named once after ``ca sĩ`` is a person wherever the article writes the
    same capitalised run again, exactly (a longer or shorter run is another name)."""
    out: list[_Found] = []
    k = 0
    while k < len(toks):
        end = _name_run(toks, k) if toks[k].cap and k not in taken else k
        if end > k and _surface(toks, k, end) in names and not _after_place_word(toks, k):
            if not any(x in taken for x in range(k, end)):
                out.append(_found("person", toks, k, end, None, index))
                taken.update(range(k, end))
            k = end
            continue
        k = max(end, k + 1)
    return out


def _opponents(
    sentences: list[list[_Tok]], used: list[set[int]], people: list[_Found]
) -> list[_Found]:
    """``Djokovic đã đánh bại Nadal``, ``Obama gặp Putin``: after a person found in the
    sentence and a verb of facing someone, a foreign name (one to three words, no place,
    organisation or brand) is the other person."""
    ends = {(f.sentence, f.end) for f in people}
    out: list[_Found] = []
    for index, toks in enumerate(sentences):
        taken = used[index]
        for k, tok in enumerate(toks):
            if (index, tok.end) not in ends:
                continue
            v = k + 1
            while v < len(toks) and v - k <= 4 and (a := _auxiliaries().match(toks, v)):
                v = a[0]
            verb = _facing().match(toks, v)
            w = v
            while verb is None and w < len(toks) and w - v < 7 and _clause_word(toks[w].text):
                w += 1  # "Robinho cướp bóng, phối hợp với Kaka": a verb later in the clause
                verb = _facing().match(toks, w)
            if verb is None:
                continue
            a = verb[0]
            b = _name_run(toks, a) if a < len(toks) and toks[a].cap else a
            if b == a or b - a > 3 or any(x in taken for x in range(a, b)):
                continue
            words = [toks[x].text for x in range(a, b)]
            if not all(map(nm.is_foreign, words)) or any(w.isupper() for w in words):
                continue
            if _brand_like(words[0]) or _places().match(toks, a) or _orgs().match(toks, a):
                continue
            out.append(_found("person", toks, a, b, None, index))
            taken.update(range(a, b))
    return out


def _clause_word(word: str) -> bool:
    """A lower-case word or a comma: still the clause the person is the subject of."""
    return word == "," or (word.isalpha() and word.islower() and word not in ("và", "nhưng"))


@cache
def _facing() -> _Phrases:
    return _Phrases({w: w for w in _people()["facing_verbs"]}, fold_case=True)


_LIST_SEPARATORS = frozenset([",", "và", "–", "-", "cùng", "hay", "hoặc"])


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
            if _pair_acting(toks, group):
                for a, b in group:
                    if not any(x in taken for x in range(a, b)):
                        out.append(_found("person", toks, a, b, None, index))
                        taken.update(range(a, b))
                continue
            known = [
                r
                for r in group
                if (index, toks[r[0]].start) in starts or _surface(toks, r[0], r[1]) in tails
            ]
            if not known and not _list_of_names(toks, group):
                continue
            a0 = group[0][0]
            if _after_place_word(toks, a0) or (
                a0 > 0 and toks[a0 - 1].text.casefold() in _people()["list_place_before"]
            ):
                continue  # "ở Kuala Lumpur, Port Moresby …": a list of places
            # "Cech, Ivanovic, Cahill, Terry": a known one-word foreign name (not a brand's:
            # "MobiFone") makes a list of surnames, whose other one-word items are people too
            surnames = any(
                b - a == 1 and nm.is_foreign(toks[a].text) and not _brand_like(toks[a].text)
                for a, b in known
            )
            for a, b in group:
                if (index, toks[a].start) in starts or any(x in taken for x in range(a, b)):
                    continue
                if b - a > 4 or _covers(_places().match(toks, a), b) or _orgs().match(toks, a):
                    continue
                if _after_place_word(toks, a) or (
                    a > 0 and toks[a - 1].text.casefold() in _people()["list_place_before"]
                ):
                    continue  # "ở Volgagrad, Asiyalova …", "thành phố Hồ Chí Minh, Aslan"
                if b - a == 1 and not nm.is_foreign(toks[a].text):
                    continue  # one Vietnamese syllable is too little to call a name
                first = toks[a].text
                vietnamese = all(nm.is_vietnamese_syllable(toks[x].text) for x in range(a, b))
                if (
                    not vietnamese
                    and first not in nm.western_given_names()
                    and (first not in nm.korean_family_names())
                    and not (surnames and b - a == 1 and not _brand_like(first))
                ):
                    continue  # "One Direction", "Imagine Dragons": bands sit in such lists too
                out.append(_found("person", toks, a, b, None, index))
                taken.update(range(a, b))
    return out


def _pair_acting(toks: list[_Tok], group: list[tuple[int, int]]) -> bool:
    """``Ngọc Thịnh – Gia Hân thì sẽ biểu diễn``, ``Lan Anh và Hoàng Minh cho biết``: two or
    three Vietnamese given names (two or three syllables each, no place, organisation or common
    capitalised word), then a verb of saying or one only people do (not one a team does)."""
    if len(group) > 3 or _after_place_word(toks, group[0][0]):
        return False
    a0 = group[0][0]
    if a0 > 0 and (
        toks[a0 - 1].cap or toks[a0 - 1].text.casefold() in _people()["list_place_before"]
    ):
        return False
    for a, b in group:
        words = [toks[k].text for k in range(a, b)]
        if not 2 <= len(words) <= 3 or not all(map(nm.is_vietnamese_syllable, words)):
            return False
        if any(w.casefold() in _not_names() for w in words):
            return False
        if _place_or_org_in(toks, a, b):
            return False
    end = group[-1][1]
    k = end
    if k < len(toks) and toks[k].text == "thì":
        k += 1
    if k < len(toks) and _speech_after().match(toks, k):
        return True
    return _acts(toks, k, _people()["team_verbs"])


def _list_of_names(toks: list[_Tok], group: list[tuple[int, int]]) -> bool:
    """A list with no known member is one of people when every item has the shape of a
    Vietnamese name (two to four syllables, none a place or organisation of the gazetteers):
    ``Phương Thanh, Minh Thuận, Đan Trường, Mỹ Tâm``; at least three items. Two names joined by
    a dash are not enough: in news that is far more often a route or a pair of places
    (``Văn Cao - Hòa Lạc``, ``Nam Thăng Long - Trần Hưng Đạo``) than a pair of partners."""
    if len(group) < 3:
        return False
    if _after_place_word(toks, group[0][0]):
        return False
    for a, b in group:
        words = [toks[k].text for k in range(a, b)]
        if not 2 <= len(words) <= 4 or not all(map(nm.is_vietnamese_syllable, words)):
            return False
        if _place_or_org_in(toks, a, b):
            return False
        if words[0].casefold() in _not_names():
            return False
    return True


def _place_or_org_in(toks: list[_Tok], a: int, b: int) -> bool:
    """An organisation anywhere in the item, the whole item a place, or a place of two words
    or more inside it; a one-word place alias ending a given name is the name's (``Tuấn Anh``,
    ``Minh Đức``)."""
    for k in range(a, b):
        if _orgs().match(toks, k):
            return True
        m = _places().match(toks, k)
        if m and (m[0] - k >= 2 or (k == a and m[0] >= b)):
            return True
    return False


def _covers(m: tuple[int, str] | None, b: int) -> bool:
    """A gazetteer match ending at or after ``b`` (``Anh`` alone is Britain; ``Anh Hùng`` is
    a name)."""
    return m is not None and m[0] >= b
