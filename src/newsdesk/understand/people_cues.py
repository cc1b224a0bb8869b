"""People named in lists a cue introduces, with no title of their own (see ``entities.py``):

* examples after a plural person noun and ``như`` (``các tiền vệ như Nani hay Januzaj``,
  ``những gương mặt quen thuộc như Hoàng Quyên``, ``các HLV như: Michael Schwandt, Hani Abaza``);
* performers each named with a quoted work (``Bảo Anh với “Anh muốn em sống ra sao”, Hoàng
  Tôn với “Dành cho em”``).
"""

from __future__ import annotations

from functools import cache

from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import (
    _company,
    _Found,
    _found,
    _honorifics,
    _name_run,
    _not_names,
    _orgs,
    _people,
    _Phrases,
    _places,
    _Tok,
)
from newsdesk.understand.people import _brand_like

_ITEM_SEPARATORS = frozenset([",", "và", "hay", "hoặc", "cùng", ";"])
_OPEN_QUOTES = frozenset(["“", '"', "«"])
_PERFORMER_OPENERS = frozenset([",", ";", ".", ":", "và", "–", "-"])


def cued_people(toks: list[_Tok], index: int, taken: set[int]) -> list[_Found]:
    """People of one sentence named in an example list or beside a quoted work."""
    out: list[_Found] = []
    for k, t in enumerate(toks):
        if t.text == "như" and k not in taken:
            out.extend(_examples(toks, k, index, taken))
    out.extend(_performers(toks, index, taken))
    return out


@cache
def _example_cues() -> _Phrases:
    return _Phrases({w: w for w in _people()["example_cues"]}, fold_case=True)


def _examples(toks: list[_Tok], k: int, index: int, taken: set[int]) -> list[_Found]:
    """``các tiền vệ như Nani hay Januzaj``: a plural marker and a person noun (an honorific or
    a word such as ``gương mặt``, ``cái tên``) at most eight lower-case words before ``như``;
    every item of the list after it shaped like a name (no place, organisation, band or brand)
    is a person."""
    if _cued_plural(toks, k):
        min_parts = 1
    elif _cued_singular(toks, k):
        min_parts = 2  # "ngôi sao bóng đá như Djibril Cisse hay Jeremy Menez": full names only
    else:
        return []
    a = k + 1
    if a < len(toks) and toks[a].text == ":":
        a += 1
    out: list[_Found] = []
    while a < len(toks) and toks[a].cap:
        b = _name_run(toks, a)
        if b == a:
            break
        if (
            not any(x in taken for x in range(a, b))
            and _item_is_name(toks, a, b)
            and sum(toks[x].text not in "-‐" for x in range(a, b)) >= min_parts
        ):
            out.append(_found("person", toks, a, b, None, index))
            taken.update(range(a, b))
        if b < len(toks) and toks[b].text == "(":
            b = _past_brackets(toks, b)  # "Chloe (em gái Michell), Jenifer Bartoli"
        if b < len(toks) and toks[b].text in _ITEM_SEPARATORS and b + 1 < len(toks):
            a = b + 1
            if toks[a].text in _ITEM_SEPARATORS and a + 1 < len(toks):
                a += 1  # ", và"
            continue
        break
    return out


def _cued_plural(toks: list[_Tok], k: int) -> bool:
    for start in range(k - 1, max(-1, k - 11), -1):
        t = toks[start].text
        if t in (".", ";", "!", "?", "“", "”", '"'):
            return False
        if t.casefold() not in _people()["plural_markers"][:3]:  # các, những, nhiều
            continue
        cue = _example_cues().match(toks, start + 1) or _honorifics().match(toks, start + 1)
        if cue is None or cue[0] > k or cue[1] in _people()["team_nouns"]:
            continue  # "các đối thủ như Samsung, HTC": companies and teams are rivals too
        between = toks[cue[0] : k]
        return all(
            (x.text.isalpha() and x.text.islower()) or x.text.isdigit() or x.text == ","
            for x in between
        )
    return False


def _past_brackets(toks: list[_Tok], b: int) -> int:
    """After a short remark in brackets that ends a list item (``Chloe (em gái Michell)``);
    ``b`` itself when the bracket does not close within eight words."""
    for k in range(b + 1, min(len(toks), b + 10)):
        if toks[k].text == ")":
            return k + 1
        if toks[k].text in ("(", ".", ";", "“", "”", '"'):
            break
    return b


def _cued_singular(toks: list[_Tok], k: int) -> bool:
    """``với ngôi sao bóng đá như Djibril Cisse``: a person noun of the example cues (not an
    honorific, not a team's) with no plural marker, at most three lower-case words before
    ``như``; the items must then be full names (``_examples``)."""
    for start in range(k - 1, max(-1, k - 5), -1):
        cue = _example_cues().match(toks, start)
        if cue is None or cue[0] > k or cue[1] in _people()["team_nouns"]:
            if not (toks[start].text.isalpha() and toks[start].text.islower()):
                return False
            continue
        if start > 0 and toks[start - 1].text.casefold() in ("một", "mỗi", "từng"):
            return False  # "một ngôi sao như Messi": a comparison with one person
        return all(x.text.isalpha() and x.text.islower() for x in toks[cue[0] : k])
    return False


def _item_is_name(toks: list[_Tok], a: int, b: int) -> bool:
    parts = [toks[x].text for x in range(a, b) if toks[x].text not in "-‐"]
    if not 1 <= len(parts) <= 4:
        return False
    if any(len(p) >= 2 and p.isupper() for p in parts) or _brand_like(parts[0]):
        return False  # "EXO", "MobiFone"
    if parts[0] in _people()["not_name_starts"] or " ".join(parts).casefold() in _not_names():
        return False  # "The Killers"
    if any(p.casefold() in _not_names() for p in parts):
        return False
    if b < len(toks) and toks[b].text in _people()["english_small_words"]:
        return False  # "Kings of Leon": a band's name goes on
    if (m := _places().match(toks, a)) and m[0] >= b:
        return False  # the whole item is a place ("Bảo Anh" is a name, "Anh" alone Britain)
    if any(_orgs().match(toks, x) for x in range(a, b)):
        return False
    return not _company(toks, a)


@cache
def _music_words() -> _Phrases:
    return _Phrases({w: w for w in _people()["music_words"]}, fold_case=True)


def _performers(toks: list[_Tok], index: int, taken: set[int]) -> list[_Found]:
    """``Bảo Anh với “Anh muốn em sống ra sao”, Trung Quân Idol với “Nhìn lại”``: a name
    standing alone (after the sentence start, a comma, ``và``) right before ``với``/``cùng`` and
    a quoted title is a performer, when the sentence names two such pairs or speaks of music."""
    pairs: list[tuple[int, int]] = []
    a = 0
    while a < len(toks):
        if not toks[a].cap or a in taken:
            a += 1
            continue
        b = _name_run(toks, a)
        if b == a:
            a += 1
            continue
        c = b + 1 if b < len(toks) and toks[b].text in _people()["name_suffixes"] else b
        if (
            c + 1 < len(toks)
            and toks[c].text in ("với", "cùng")
            and toks[c + 1].text in _OPEN_QUOTES
            and (a == 0 or toks[a - 1].text in _PERFORMER_OPENERS)
            and not any(x in taken for x in range(a, b))
            and _performer_shape(toks, a, b)
        ):
            pairs.append((a, b))
        a = b
    if not pairs:
        return []
    music = any(_music_words().match(toks, x) for x in range(len(toks)))
    if not music:
        # "Xiaomi với “Mi 3”, Oppo với “N1”": brands beside their products; only Vietnamese
        # names, two pairs at least, go without a word of music
        pairs = [(a, b) for a, b in pairs if nm.is_vietnamese_syllable(toks[a].text)]
        if len(pairs) < 2:
            return []
    out = []
    for a, b in pairs:
        out.append(_found("person", toks, a, b, None, index))
        taken.update(range(a, b))
    return out


def _performer_shape(toks: list[_Tok], a: int, b: int) -> bool:
    """Two or three Vietnamese syllables (no place, organisation, title or common capitalised
    word), or one to three foreign words with no band, brand or company look."""
    parts = [toks[x].text for x in range(a, b) if toks[x].text not in "-‐"]
    if _honorifics().match(toks, a) or not _item_is_name(toks, a, b):
        return False
    if all(map(nm.is_vietnamese_syllable, parts)):
        return 2 <= len(parts) <= 3
    return len(parts) <= 3 and all(map(nm.is_foreign, parts))
