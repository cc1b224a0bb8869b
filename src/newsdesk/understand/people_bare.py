"""People named with no title or honorific in front, when the run's shape or what surrounds it
says it is a person (see ``entities.py``): a Vietnamese full name, a given name of the wider
world with a surname, a name before a verb only people do or a verb of saying, after a thing
only a person does (``pha kiến tạo của``), with an age, a home town, a club or a title in
apposition after it.
"""

from __future__ import annotations

import re
from functools import cache

from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import (
    _countries,
    _honorifics,
    _name_run,
    _not_names,
    _not_person_before,
    _org_cues,
    _orgs,
    _people,
    _person_acts_of,
    _person_verbs,
    _Phrases,
    _places,
    _speech_after,
    _surface,
    _titles,
    _Tok,
)
from newsdesk.understand.people import (
    _BODY_STOPS,
    _brand_like,
    _names_person,
    _not_a_name_after,
    _teachers_level,
)


def _after_place_word(toks: list[_Tok], i: int) -> bool:
    for back in (1, 2, 3, 4):
        m = _not_person_before().match(toks, i - back) if i - back >= 0 else None
        if m and m[0] == i and not _teachers_level(toks, i - back, i - back):
            return True  # but "Cô giáo tiểu học Nguyễn Thị Hòa": the level she teaches
    return False


def _abbreviated_vi_name(parts: list[str]) -> bool:
    """``Nguyễn Thị T.V.``, ``Trần Văn K.H.``: a family name, a middle name, then initials with
    their dots (how papers shorten the names of suspects and victims)."""
    if len(parts) < 4 or parts[1] not in _people()["middle_names"]:
        return False
    tail = "".join(parts[2:])
    return (
        len(tail) >= 4
        and all(
            tail[x].isascii() and tail[x].isupper() and tail[x + 1] == "."
            for x in range(0, len(tail) - 1, 2)
        )
        and len(tail) % 2 == 0
    )


def _bare_person(toks: list[_Tok], i: int) -> int:
    """A name with no title or honorific in front, when its shape says it is one:
    a Vietnamese full name (family name + 2-3 syllables), a common Western given name with a
    surname, a Korean family name + given name, or any short foreign name right before a verb
    of saying ("Dimitrov cho biết")."""
    end = _name_run(toks, i)
    if end == i:
        return 0
    if _coach_team(toks, i, end):
        return end  # "trong đội Hồ Ngọc Hà": a talent show's team named after its coach
    if _after_place_word(toks, i):
        return 0
    if i > 1 and toks[i - 1].cap and toks[i - 1].text.casefold() in _not_names():
        return 0  # "ở Nhà Văn Hóa Thanh Niên": the tail of a longer proper name
    if (
        i > 0
        and toks[i - 1].text.casefold() in _people()["locative_before"]
        and end < len(toks)
        and toks[end].text == "("
    ):
        return 0  # "có trụ sở tại Virginia (Mỹ)": a place and its country
    if (
        end + 1 < len(toks)
        and toks[end].text == "("
        and toks[end + 1].text in _people()["district_words"]
    ):
        return 0  # "Kha Vạn Cân (quận Thủ Đức)": a street in its district, not a person
    if i > 0 and toks[i - 1].text in "-‐" and toks[i - 1].end == toks[i].start:
        return 0  # "Wal-Mart Michael Duke": the tail of a hyphenated word is no name's start
    if end < len(toks) and toks[end].text == "/" and toks[end].start == toks[end - 1].end:
        return 0  # "Đỗ Tuấn Anh/VOV-Phnom Penh": a byline with its agency
    parts = [toks[k].text for k in range(i, end) if toks[k].text not in "-‐"]
    first = parts[0]
    if len(parts) == 1 and _brand_like(first):
        return 0  # "MobiFone", "iPhone": a brand, not a surname
    if first in _people()["not_name_starts"] or " ".join(parts).casefold() in _not_names():
        return 0  # "Der Spiegel", "Port Moresby", "Trung Ương"
    if _not_a_name_after(toks, end):
        return 0
    said = end < len(toks) and bool(_speech_after().match(toks, end))
    if (
        3 <= len(parts) <= 4
        and parts[1] in _people()["middle_names"]
        and first not in nm.vi_family_names()
        and first.casefold() not in _not_names()
        and all(map(nm.is_vietnamese_syllable, parts))
        and not any(_places().match(toks, k) or _orgs().match(toks, k) for k in range(i, end))
    ):
        return end  # "Sồng Văn Páo": a family name the list lacks, then "Văn"/"Thị"
    if i > 0 and (cue := _org_cues().match(toks, i - 1)) and cue[0] > i:
        return 0  # "Thành Đoàn Đà Nẵng": the run starts inside a body's cue word
    if first == "Từ" and _places().match(toks, i + 1):
        return 0  # "Từ Thanh Hóa đến Huế": the preposition, not the family name Từ
    if first in nm.vi_family_names() and _abbreviated_vi_name(parts):
        return end  # "người phụ nữ tên Nguyễn Thị T.V.": the paper shortened the given names
    if first in nm.vi_family_names() and all(map(nm.is_vietnamese_syllable, parts)):
        if _team_of_province(toks, i, end, parts):
            return 0  # "Hoàng Anh Gia Lai": a club named with its province, no middle name
        if 3 <= len(parts) <= 4 or (len(parts) == 2 and (said or _described_as_person(toks, end))):
            return end
        if len(parts) == 2 and (
            _author_of(toks, i, end, parts) or _given_name_acting(toks, i, end, parts, said)
        ):
            return end  # "do Phạm Duy đặt lời", "Lê Duẩn qua đời"
        return 0
    given = nm.western_given_names()
    capitals = [part for part in parts if part[:1].isupper()]
    if first in given and 2 <= len(capitals) <= 3 and nm.is_foreign(parts[-1]):
        return end  # "Bill Gates", "Tim Cook", "Michelle Larcher de Brito" (particles between)
    foreign = all(map(nm.is_foreign, parts))
    if 3 <= len(parts) <= 4 and foreign and parts[1] in given and not first.isupper():
        return end  # "Juan Martin del Potro": an unlisted given name before a listed one
    if (
        len(parts) <= 3
        and foreign
        and not first.isupper()
        and not _orgs().match(toks, i)
        and (_acts(toks, end) or _work_of(toks, i) or _act_of(toks, i))
    ):
        return end  # "Djokovic đã đánh bại", "“Revolver” của Madonna"
    if (
        first in nm.korean_family_names()
        and 2 <= len(parts) <= 3
        and (len(parts) == 3 or "-" in _surface(toks, i, end))
    ):
        return end
    if said and 2 <= len(parts) <= 3 and all(map(nm.is_foreign, parts)) and not first.isupper():
        return end
    if (
        len(parts) <= 4
        and not any(len(part) >= 2 and part.isupper() for part in parts)
        and _described_as_person(toks, end)
    ):
        return end  # not "REAC Sportiskola SE (Hungary)": a club's initials
    if _given_name_acting(toks, i, end, parts, said):
        return end
    if _author_of(toks, i, end, parts):
        return end
    if _title_in_apposition(toks, i, end, parts):
        return end
    return 0


def _coach_team(toks: list[_Tok], i: int, end: int) -> bool:
    """``đội`` right before a Vietnamese full name (family name and two syllables, no place or
    organisation in it): a team of a talent show named after its coach, who is a person."""
    if i == 0 or toks[i - 1].text != "đội" or end - i != 3:
        return False
    parts = [toks[k].text for k in range(i, end)]
    if parts[0] not in nm.vi_family_names() or not all(map(nm.is_vietnamese_syllable, parts)):
        return False
    if any(p.casefold() in _not_names() for p in parts):
        return False
    return not any(_places().match(toks, k) or _orgs().match(toks, k) for k in range(i, end))


def _team_of_province(toks: list[_Tok], i: int, end: int, parts: list[str]) -> bool:
    """Four syllables, no ``Văn``/``Thị``, whose last two are a place of the gazetteer."""
    if len(parts) != 4 or any(p in _people()["middle_names"] for p in parts):
        return False
    m = _places().match(toks, end - 2)
    return m is not None and m[0] == end


def _title_in_apposition(toks: list[_Tok], i: int, end: int, parts: list[str]) -> bool:
    """``Tôn Nữ Thị Ninh, Viện trưởng Viện …``, ``Lê Quốc Vinh – Chủ tịch …``, ``Marco Rossi
    (Giám đốc …)``: a run shaped like a name (two to four Vietnamese syllables, or two or three
    foreign words), no place or organisation inside it, followed by a comma, dash or bracket and
    a title (or an honorific that may name a body) that is not itself followed by a name."""
    if end + 1 >= len(toks) or toks[end].text not in (",", "–", "-", "("):
        return False
    if toks[end].text == "-" and toks[end].start == toks[end - 1].end:
        return False  # a hyphen glued to the word: "Nhật-Mỹ"
    if _lone_foreign_described(toks, i, end, parts):
        return True  # "cho Torres, tiền đạo đang trải qua chuỗi trận tịt ngòi"
    cue = _titles().match(toks, end + 1)
    if cue is None:
        h = _honorifics().match(toks, end + 1)
        cue = h if h and h[1] in _people()["body_honorifics"] else None
    who = (
        toks[end].text == ","
        and end + 2 < len(toks)
        and toks[end + 1].text == "người"
        and toks[end + 2].text in _people()["relative_after_nguoi"]
    )
    if who:
        cue = (end + 2, "người")  # "Khánh Ly, người gắn bó với …": a relative clause on a person
    if cue is None or _names_person(toks, cue[0]):
        return False  # "GS Phong Lê, nhà báo Tạ Bích Loan": the cue starts another person
    if i > 0 and (toks[i - 1].cap or toks[i - 1].text.casefold() in _people()["locative_before"]):
        return False  # "Báo Thanh Niên, …", "Thầy Lại Thế Nam, …": the run is not all there is
    if _titles().match(toks, i) or _honorifics().match(toks, i):
        return False
    for k in range(i - 1, max(-1, i - 7), -1):
        if toks[k].text in _BODY_STOPS:
            break
        if _org_cues().match(toks, k):
            return False  # "Công ty Cổ phần Truyền thông Thanh Niên, Trưởng ban …": a body's name
    if any(part.isupper() or part.casefold() in _not_names() for part in parts):
        return False
    if any(_places().match(toks, k) or _orgs().match(toks, k) for k in range(i, end)):
        return False  # "Sông Lam Nghệ An, HLV …": a team named after its province
    if all(map(nm.is_vietnamese_syllable, parts)):
        return 2 <= len(parts) <= 4
    if who and len(parts) == 1 and not _brand_like(parts[0]):
        return i == 0 or toks[i - 1].text in _APPOSITION_OPENERS or toks[i - 1].text.islower()
    # a foreign run needs to stand alone ("Yakua Lopangkao, giám đốc …"), not end a phrase
    # ("trại huấn luyện Strugy Krasniye, Tư lệnh …", "khoác áo Real Madird, HLV …")
    alone = i == 0 or toks[i - 1].text in _APPOSITION_OPENERS
    return alone and 2 <= len(parts) <= 3 and all(map(nm.is_foreign, parts))


def _lone_foreign_described(toks: list[_Tok], i: int, end: int, parts: list[str]) -> bool:
    """One foreign word standing alone, then a comma and a noun only a person is (``Rooney,
    chân sút đang …``, ``Nani, tiền vệ người Bồ …``) going on in lower case: no body's
    honorific (``đại biểu``), no second name after the noun (``Arsenal, HLV Wenger``)."""
    if len(parts) != 1 or toks[end].text != "," or end + 2 >= len(toks):
        return False
    word = parts[0]
    if not nm.is_foreign(word) or _brand_like(word) or word.isupper():
        return False
    if word.casefold() in _not_names() or _orgs().match(toks, i) or _places().match(toks, i):
        return False
    if not (i == 0 or toks[i - 1].text in _APPOSITION_OPENERS or toks[i - 1].text.islower()):
        return False
    h = _honorifics().match(toks, end + 1) or _titles().match(toks, end + 1)
    if h is None or h[1] in _people()["body_honorifics"] or not toks[end + 1].text.islower():
        return False
    if h[1] in _people()["team_nouns"]:
        return False  # "Schalke, đối thủ khó chơi nhất": a team is an opponent too
    return h[0] < len(toks) and toks[h[0]].text.islower() and toks[h[0]].text.isalpha()


_APPOSITION_OPENERS = frozenset([",", ";", ":", "(", "“", '"', "–", "-", ".", "và"])


def _given_name_acting(toks: list[_Tok], i: int, end: int, parts: list[str], said: bool) -> bool:
    """``Minh Quân xuất hiện … hát``, ``Thanh Hằng chia sẻ``: two or three Vietnamese syllables
    (no place, organisation or common capitalised word among them) right before a verb of
    saying or a verb only a person does — not one a team does (``đánh bại``, ``ghi bàn``:
    ``Sông Lam đánh bại …``)."""
    if not 2 <= len(parts) <= 3 or not all(map(nm.is_vietnamese_syllable, parts)):
        return False
    if any(part.casefold() in _not_names() for part in parts) or _honorifics().match(toks, i):
        return False
    if any(_places().match(toks, k) or _orgs().match(toks, k) for k in range(i, end)):
        return False
    if i > 0 and (toks[i - 1].cap or _after_place_word(toks, i)):
        return False
    return said or _acts(toks, end, _people()["team_verbs"]) or _act_of(toks, i)


def _author_of(toks: list[_Tok], i: int, end: int, parts: list[str]) -> bool:
    """``do Phạm Duy đặt lời``, ``do Kenji Mori đạo diễn``: ``do`` (by), a name, then a verb
    of making a work — the maker of a song, a film, a book is a person."""
    if i == 0 or toks[i - 1].text != "do" or not _works_verbs().match(toks, end):
        return False
    if any(part.isupper() or part.casefold() in _not_names() for part in parts):
        return False
    if any(_places().match(toks, k) or _orgs().match(toks, k) for k in range(i, end)):
        return False
    if all(map(nm.is_vietnamese_syllable, parts)):
        return 2 <= len(parts) <= 4
    return len(parts) <= 3 and not _brand_like(parts[0])


@cache
def _works_verbs() -> _Phrases:
    return _Phrases({w: w for w in _people()["work_verbs"]}, fold_case=True)


def _act_of(toks: list[_Tok], i: int) -> bool:
    """``pha kiến tạo của Hazard``, ``lời khai của Tâm``: a thing only a person does or has,
    then ``của``, right before the name."""
    if i < 2 or toks[i - 1].text != "của":
        return False
    return any(
        (m := _person_acts_of().match(toks, k)) is not None and m[0] == i - 1
        for k in range(max(0, i - 4), i - 1)
    )


def _acts(toks: list[_Tok], end: int, unless: list[str] | None = None) -> bool:
    """A verb only people do right after the name (``Djokovic đã đánh bại``, ``Joshua đã ghi
    bàn``), an auxiliary (``đã``, ``đang`` …) allowed between."""
    k = end
    while k < len(toks) and k - end < 4 and (aux := _auxiliaries().match(toks, k)):
        k = aux[0]  # "đã", "bất ngờ", "đã chính thức"
    m = _person_verbs().match(toks, k) if k < len(toks) else None
    return m is not None and not (unless and m[1] in unless)


@cache
def _auxiliaries() -> _Phrases:
    return _Phrases({w: w for w in _people()["auxiliaries"]}, fold_case=True)


def _work_of(toks: list[_Tok], i: int) -> bool:
    """``“Revolver” của Madonna``, ``ca khúc “Fire” của Willie``: who a quoted work is by."""
    return (
        i >= 2 and toks[i - 1].text.casefold() == "của" and toks[i - 2].text in ("”", '"', "’", "»")
    )


_AGE = re.compile(
    r"^\s*(?:\(\s*)?(?:\d{1,3}\s+tuổi|SN\s*\d{4}|sinh năm\s*\d{4}|quê\s)", re.IGNORECASE
)


# "Bùi Tấn Trường (B.Bình Dương)", "Văn Quyết (HN.T&T)": a player's club, abbreviated, in
# parentheses right after the name (tokens joined by spaces).
# Not "(TP. Thủ Dầu Một)", "(Q.Tân Bình)": the abbreviations of cities, districts and wards.
_CLUB = re.compile(r"^\( (?!(?:TP|TX|TT|Q|P|H|X|T) \.)[A-ZĐ]{1,4} \. [A-ZĐ]")


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
    if _AGE.match(window) or (k == end and _CLUB.match(window)):
        return True
    if toks[end].text == "(" and end + 2 < len(toks):
        country = _countries().match(toks, end + 1)
        return bool(country) and country[0] < len(toks) and toks[country[0]].text == ")"
    return False
