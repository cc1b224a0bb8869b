"""People: titles and honorifics before a name, and roles (names known by their shape alone:
``people_bare.py``; lists and later mentions: ``people_lists.py``; lists a cue introduces:
``people_cues.py``; one entity per person: ``people_merge.py``; see ``entities.py``).
"""

from __future__ import annotations

import functools
import re

from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import (
    _company,
    _compound,
    _countries,
    _descriptors,
    _fields,
    _Found,
    _found,
    _function_words,
    _honorifics,
    _is_acronym,
    _name_run,
    _not_names,
    _not_person_before,
    _org_cues,
    _orgs,
    _people,
    _places,
    _runs_on,
    _surface,
    _titles,
    _Tok,
    _vi_name_at,
)
from newsdesk.understand.organisations import _org_at

# abbreviations naming the kind of a place before its name ("TP Hà Nội", "TX Sơn Tây")
_PLACE_KINDS = frozenset(["TP", "TP.", "Tp", "Tp.", "TX", "TT", "Q.", "H."])


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
        if p + 1 < len(toks) and toks[p].text in _PLACE_KINDS and _places().match(toks, p + 1):
            p += 1  # "UBND TP Hà Nội": the kind of place, then the place
            continue
        if p + 1 < len(toks) and toks[p].text in _people()["place_kinds"]:
            if _places().match(toks, p + 1):
                quals.append(toks[p].text)
                p += 1  # "Chủ tịch UBND tỉnh Nam Định Phạm Đình Nghị"
                continue
            if _vi_name_at(toks, p + 1):
                quals.append(toks[p].text)
                p += 1  # "Chủ tịch UBND tỉnh Phạm Đình Nghị": the province is the article's
            break
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
    longer = _honorifics().match(toks, i)
    if title and longer and longer[0] > title[0]:
        title = None  # "Hậu vệ trái Đình Hoàng": the longer honorific, not the title "Hậu vệ"
    role: str | None = None
    qualify = True
    body = False
    if title:
        p, role = title[0], prefix + title[1]
        if title[1] in ("Bộ trưởng", "Thứ trưởng"):
            q = p + 1 if p < len(toks) and toks[p].text == "Bộ" else p
            f = _fields().match(toks, q)
            if f:
                p, role = f[0], f"{role} {f[1]}"
        if p < len(toks) and toks[p].cap and _cue_honorific(toks, p):
            p = _honorifics().match(toks, p)[0]  # type: ignore[index]  # "Giáo hoàng Pope Francis"
    else:
        h = _honorifics().match(toks, i)
        if not h:
            return 0
        if h[1].isupper() and not toks[i].text.isupper():
            return 0  # an acronym honorific is written in capitals: "Mc Hammer" is no "MC"
        if h[0] - i >= 2 and all(toks[k].cap for k in range(i, h[0])):
            return 0  # "Nhà Văn Hóa Thanh Niên": every word capitalised, a proper name
        if i > 0 and toks[i - 1].text.casefold() in lex["plural_markers"]:
            return 0  # "các cầu thủ Chelsea": a team or a country, not one person
        if h[1] in _people()["lower_only_honorifics"] and not toks[i].text.islower():
            return 0
        if (
            toks[i].text.casefold() in ("ông", "bà")
            and h[0] == i + 1
            and i + 1 < len(toks)
            and toks[i + 1].text.casefold() in ("con", "chủ", "bà", "ngoại", "nội", "già")
        ):
            return 0
        if i > 0 and toks[i].text == "em" and toks[i - 1].text.casefold() in ("trẻ", "anh", "chị"):
            return 0  # "trẻ em Hồi giáo", "anh em": a common noun, not the honorific "em"
        if _place_starts_with(toks, i):
            return 0  # "tỉnh Bà Rịa": the first syllable of a place, not the honorific "bà"
        p = h[0]
        if p < len(toks) and toks[p].cap and (_titles().match(toks, p) or _cue_honorific(toks, p)):
            return 0  # "đồng chí Thứ trưởng Bùi Văn Nam": the title that follows names the person
        qualify = h[1] == "người đồng cấp" or _country_then_name(toks, p)
        body = h[1] in lex["body_honorifics"]
    p = _past_descriptors(toks, p)
    if not title and p < len(toks) and not toks[p].cap:
        p = _past_field_words(toks, p)  # "nhà nghiên cứu bảo mật Askhan Soltani"
    scratch: list[_Found] = []
    scratch_taken: set[int] = set()
    q, quals = _qualifiers(toks, p, index, scratch, scratch_taken) if qualify else (p, [])
    if (title or body) and (k := _name_after_body(toks, q)):
        # "Giám đốc Sở Y tế Hà Nội Nguyễn Khắc Hiền": the body belongs to the role
        if not _org_at(toks, q, index, scratch_taken, scratch):
            _orgs_within(toks, q, k, index, scratch_taken, scratch)
        quals.append(_surface(toks, q, k))
        q = k
    end = _name_run(toks, q)
    if end == q:
        return 0
    if (
        end - q == 1
        and end < len(toks)
        and nm.is_romaji(toks[q].text)
        and nm.is_romaji(toks[end].text)
        and toks[end].text.islower()
        and len(toks[end].text) >= 5
        and not nm.is_vietnamese_syllable(toks[end].text)
    ):
        end += 1  # "Bộ trưởng Quốc phòng Itsunori onodera": a Japanese surname typed lower-case
    if (
        end - q >= 3
        and nm.is_foreign(toks[q].text)
        and not nm.is_known_name_part(toks[q].text)
        and all(nm.is_vietnamese_syllable(toks[k].text) for k in range(q + 1, end))
    ):
        q += 1  # "kiện tướng Dancesport Minh Trường": a discipline before a Vietnamese name
    if _glued_cho_biet(toks, q, end):
        # "bà Huacho biết": "cho biết" typed without its space; the name is "Hua"
        t = toks[q]
        out.append(_Found("person", t.text[:-3], t.text[:-3], index, t.start, t.end - 3, role))
        taken.update(range(i, end))
        return end
    name_parts = [toks[k].text for k in range(q, end) if toks[k].text not in "-‐"]
    if all(part.casefold() in _not_names() for part in name_parts):
        return 0
    if end < len(toks) and toks[end].text == "!" and toks[end].start == toks[end - 1].end:
        return 0  # "Người phát ngôn Yahoo!": a brand spelt with its exclamation mark
    if " ".join(name_parts).casefold() in _not_names() or name_parts[0] in lex["not_name_starts"]:
        return 0  # "Ủy ban Trung Ương", "tờ The Post"
    if not title and toks[i].text.casefold() == "bầu" and (q != i + 1 or end - q != 1):
        return 0  # "bầu Hiển" (a club's owner), not "Đại hội bầu BCH Hội Sinh viên" (to elect)
    if not title and not _tagged_as_name(toks, i, q, end):
        return 0  # "nữ ca sĩ Tiếng sét nơi vườn hoang", "Ca sĩ Sao Mai điểm hẹn"
    if len(name_parts[0]) >= 2 and name_parts[0].isupper():
        return 0  # "chuyên gia IT", "ngôi sao LA Galaxy": an acronym, not a name
    if _places().match(toks, q) and _places().match(toks, q)[0] >= end:  # type: ignore[index]
        return 0
    if (org := _orgs().match(toks, q)) and org[0] >= end:
        return 0  # "thủ thành Schalke": the club the keeper plays for
    if end - q == 1 and toks[q].text in _compound() and end < len(toks) and toks[end].text in "-–":
        return 0  # "vận động viên Việt - Hàn": two countries
    if title and end - q == 1 and toks[q].text in _compound():
        return 0  # "Thủ tướng Ấn và Tổng thống Nga": a country cut short
    if title and _org_cues().match(toks, q) and toks[q].text not in nm.vi_family_names():
        return 0  # "hiệu trưởng Trường Tiểu học Tân Lập": the body the title belongs to
    if (
        title
        and title[1] in _people()["place_titles"]
        and not (nm.is_foreign(name_parts[0]) or name_parts[0] in nm.vi_family_names())
    ):
        return 0  # "Thị trưởng Nam Kinh": a place
    if len(name_parts) == 1 and end < len(toks) and toks[end].text == "giáo":
        return 0  # "người Hồi giáo", "tín đồ Công giáo": a religion
    if title and len(name_parts) == 1 and _runs_on(toks, end):
        return 0  # "Giám đốc Thẩm mỹ viện": a word, not a name
    if _not_a_name_after(toks, end):
        return 0  # "phóng viên Tiin.vn", "giám khảo Got to dance": a site, a show
    if (
        not title
        and len(name_parts) == 1
        and end < len(toks)
        and toks[end].cap
        and _org_cues().match(toks, q)
    ):
        return 0  # "người sáng lập Trường Đại học …": a body's name follows the honorific
    if (
        not title
        and len(name_parts) == 1
        and i > 0
        and toks[i].cap
        and toks[i - 1].text.islower()
        and (h := _honorifics().match(toks, i)) is not None
        and h[1][:1].islower()
    ):
        return 0  # "cộng đồng Doanh nhân Việt": a capitalised honorific is part of a name
    if len(name_parts) == 1 and _brand_like(name_parts[0]):
        return 0  # "Phó tổng giám đốc MobiFone": a brand's name after the title
    if _company(toks, q) >= end:
        return 0  # "các phóng viên Daily Mail": a paper or a company, not a person
    if title and len(name_parts) == 1 and _role_in_apposition(toks, i):
        return 0  # "Lê Quốc Vinh, Chủ tịch Lemedia;": the body the role belongs to
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


def _not_a_name_after(toks: list[_Tok], end: int) -> bool:
    """What follows the run shows it is no name: a web address (``Tiin.vn``) or an English
    title going on in lower case (``Got to dance``)."""
    if end + 1 < len(toks) and toks[end].text == "." and toks[end].start == toks[end - 1].end:
        return toks[end + 1].text.casefold() in _people()["web_domains"]
    return end < len(toks) and toks[end].text in _people()["english_small_words"]


def _brand_like(word: str) -> bool:
    """``VinaPhone``, ``MobiFone``, ``IBM``: capitals inside a word are a brand's or an
    acronym's, not a surname's — but for the prefixes of surnames (``MacDonal``, ``McCarthy``,
    ``DiCaprio``, ``O'Neill``)."""
    if _SURNAME_PREFIX.match(word):
        return False
    return any(c.isupper() for c in word[1:])


_SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Le|La|Van|Von|O'|D')[A-Z]")


def _cue_honorific(toks: list[_Tok], p: int) -> bool:
    """An honorific at ``p`` that is one as written (``Thượng tọa``; not a capitalised ``Anh``,
    which is a name's syllable there: ``nhạc sỹ Anh Quân``)."""
    h = _honorifics().match(toks, p)
    return h is not None and h[1] not in _people()["lower_only_honorifics"]


def _tagged_as_name(toks: list[_Tok], i: int, q: int, end: int) -> bool:
    """One or two Vietnamese syllables after an honorific and before a lower-case word may be
    the start of a common word or a title (``nữ ca sĩ Tiếng sét …``, ``trọng tài Liên hiệp
    quốc``, ``Ca sĩ Sao Mai điểm hẹn``): underthesea's ``pos_tag`` (its bundled model, no
    download) over the cue, the name and four words after must not tag the word starting at
    the name as a common noun, pronoun, adjective … — a proper noun (``Np``) passes, and so
    does a verb (``V``): the tagger glues a name to the verb after it (``Xuân cách``) too
    often for that to mean anything."""
    if not 1 <= end - q <= 2 or end >= len(toks) or not toks[end].text.islower():
        return True
    if not all(nm.is_vietnamese_syllable(toks[k].text) for k in range(q, end)):
        return True
    window = [t.text for t in toks[i : min(len(toks), end + 4)]]
    tags = _pos_tags(" ".join(window))
    k = 0  # syllables consumed, counted from the cue
    for word, tag in tags:
        size = len(word.split())
        if i + k == q:
            return tag in ("Np", "V")
        if i + k > q:
            return True  # the tagger's words do not line up with ours: no veto
        k += size
    return True


@functools.lru_cache(maxsize=4096)
def _pos_tags(phrase: str) -> tuple[tuple[str, str], ...]:
    from underthesea import pos_tag

    return tuple((w, tag) for w, tag in pos_tag(phrase))


def _past_descriptors(toks: list[_Tok], p: int) -> int:
    """Skip what describes the person between a cue and the name: a nationality (``tiền đạo
    người Hà Lan Robin van Persie``, ``đối thủ người Thái Lan, Tanongsak …``) or an adjective
    (``ca sĩ trẻ Vũ Thắng Lợi``, ``nhạc sĩ nổi tiếng …``), when a capitalised word follows."""
    k = p
    if k + 1 < len(toks) and toks[k].text == "người" and (m := _countries().match(toks, k + 1)):
        k = m[0]
        if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].cap:
            k += 1
        if k < len(toks) and nm.is_vietnamese_syllable(toks[k].text) and _name_run(toks, k) - k < 2:
            return p  # "tiền đạo người Anh Vậy có phải": the next sentence, not a name
    else:
        m = _descriptors().match(toks, k)
        if m:
            k = m[0]
    label = _award_label_end(toks, k)
    if label:
        return label  # "Cầu thủ xuất sắc nhất: Khắc Ngọc (500 USD)"
    if k + 1 < len(toks) and toks[k].text == "số" and toks[k + 1].text.isdigit():
        k += 2  # "hạt giống số 8 Boonsak Ponsana", "tay vợt số 1 thế giới Novak Djokovic"
        if k + 1 < len(toks) and toks[k].text == "thế" and toks[k + 1].text == "giới":
            k += 2
    return k if k < len(toks) and toks[k].cap else p


def _teachers_level(toks: list[_Tok], p: int, k: int) -> bool:
    """``Cô giáo tiểu học Nguyễn Thị Hòa``: a school level right after a teacher's honorific is
    the level she teaches, not the start of a school's name."""
    before = " ".join(t.text.casefold() for t in toks[max(0, p - 2) : p])
    level = _not_person_before().match(toks, k)
    return (
        k == p
        and level is not None
        and level[1].casefold() in _people()["school_levels"]
        and any(before.endswith(w) for w in _people()["teacher_nouns"])
    )


def _past_field_words(toks: list[_Tok], p: int) -> int:
    """``nhà nghiên cứu bảo mật Askhan Soltani``, ``chuyên gia kinh tế Lê Đăng Doanh``: one to
    three lower-case words of a field between an honorific and a name, skipped when what
    follows is clearly a person's name (two or three foreign words, or a Vietnamese full name)
    and nothing among them is a function word, a number or a cue of its own."""
    k = p
    while k < len(toks) and k - p < 3 and toks[k].text.isalpha() and toks[k].text.islower():
        if k > p and toks[k].text == "người" and (c := _countries().match(toks, k + 1)):
            k = c[0]  # "cô nàng chuyển giới người Bỉ Victoria Dorval": then a nationality
            break
        if toks[k].text in _function_words() or _honorifics().match(toks, k):
            return p
        if _titles().match(toks, k) or _org_cues().match(toks, k) or _places().match(toks, k):
            return p
        if _not_person_before().match(toks, k) and not _teachers_level(toks, p, k):
            return p  # "Đạo diễn chương trình Kim Min-jae": a show, a street, a school named
        k += 1
    if k == p or k >= len(toks) or not toks[k].cap:
        return p
    if _names_person(toks, k):
        return k
    end = _name_run(toks, k)
    parts = [toks[x].text for x in range(k, end)]
    if (
        2 <= len(parts) <= 3
        and all(map(nm.is_foreign, parts))
        and not any(part.isupper() or part.casefold() in _not_names() for part in parts)
        and not any(_orgs().match(toks, x) or _places().match(toks, x) for x in range(k, end))
        and not _company(toks, k)
        and (end >= len(toks) or not toks[end].cap)
    ):
        return k
    return p


def _role_in_apposition(toks: list[_Tok], i: int) -> bool:
    """The title at ``i`` heads a body and follows a person's name and a comma or dash (``Lê
    Quốc Vinh, Chủ tịch Lemedia;``): it describes that name, and a one-word run after it is the
    body it heads. Not ``khoác áo Real Sociedad, HLV Moyes``: a club is no person's name."""
    if i < 3 or toks[i - 1].text not in (",", "–", "-"):
        return False
    if not _titles().match(toks, i) or _titles().match(toks, i)[1] not in _people()["head_titles"]:  # type: ignore[index]
        return False
    k = i - 2
    while k > 0 and toks[k - 1].cap and i - 2 - k < 4:
        k -= 1
    return _names_person(toks, k) and _name_run(toks, k) == i - 1


def _award_label_end(toks: list[_Tok], k: int) -> int:
    """``Cầu thủ xuất sắc nhất: Khắc Ngọc (500 USD)``, ``Thủ môn hay nhất giải: John Tristan``:
    an award's label (a superlative, ``nhất``, within six words, then a colon) between the
    cue and the name; where the name starts, or 0."""
    for c in range(k, min(len(toks), k + 7)):
        if toks[c].text == ":":
            ok = "nhất" in {t.text for t in toks[k:c]} and c + 1 < len(toks) and toks[c + 1].cap
            return c + 1 if ok else 0
        if toks[c].text in _BODY_STOPS:
            return 0
    return 0


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


def _appositive(toks: list[_Tok], p: int) -> tuple[str, int] | None:
    """``X, Phó Tổng Giám đốc Ban … tại Mitsubishi Electric,``: the role after a name."""
    title = _titles().match(toks, p)
    if not title or _names_person(toks, title[0]):
        return None  # "GS Phong Lê, nhà báo Tạ Bích Loan": a second person, not a role
    if (h := _honorifics().match(toks, p)) and h[0] > title[0]:
        return None  # "…, tiền vệ phải Phi Sơn": a longer cue naming the next person
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
        if (
            t.islower()
            and q > title[0]
            and toks[q - 1].cap
            and (q + 1 == len(toks) or toks[q + 1].text in _BODY_STOPS)
        ):
            q += 1  # "Phó Chủ tịch Liên đoàn,": the body's last syllable before the comma
        break
    while q > title[0] and toks[q - 1].text in links:
        q -= 1
    return _surface(toks, p, q), q


def _name_after_body(toks: list[_Tok], q: int) -> int:
    """Where a Vietnamese full name starts after the body a title names (``Chủ tịch Hội Nông
    dân Việt Nam Lại Xuân Môn``): within a dozen words, no punctuation between; 0 when the
    words after the title are a name already (or no such name follows)."""
    if q >= len(toks) or not toks[q].cap:
        return 0
    if _vi_name_at(toks, q) and not _places().match(toks, q):
        return 0  # the words after the title are a name ("Hà Nội …" is a place, not "Hà …")
    if nm.is_foreign(toks[q].text) and not _orgs().match(toks, q):
        for k in range(q + 1, min(len(toks), q + 4)):
            if not toks[k].cap or toks[k - 1].text in _BODY_STOPS:
                break
            if not nm.is_foreign(toks[k - 1].text) and not _company(toks, q):
                break
            if _vi_name_at(toks, k):
                return k  # "Chủ tịch HĐQT Ocean Bank Hà Văn Thắm": a foreign body, then a name
            if (
                k == q + 1
                and toks[q].text not in nm.western_given_names()
                and _names_person(toks, k)
            ):
                return k  # "ông chủ Facebook Mark Zuckerberg": a company, then a full name
        return 0  # "Tổng thống Barack Obama", a foreign name right after the title
    if _short_name_at(toks, q) and not _org_cues().match(toks, q):
        return 0  # "Chủ tịch Trung Quốc Tập Cận Bình và …": the name right after the title
    k = q + 1
    while k < min(len(toks), q + 12):
        if toks[k].text in _BODY_STOPS or toks[k].text in ("và", "cùng", "với"):
            return 0  # "… và Tổng thống Nga Vladimir Putin": another person's title
        if k > q + 1 and _titles().match(toks, k) and toks[k].cap:
            return 0
        place = _places().match(toks, k) or _countries().match(toks, k)
        if place and place[0] > k:
            k = place[0]  # "UBND TP Hà Nội Nguyễn Quang Vinh": Hà Nội is the body's place
            if _foreign_name_at(toks, k) or _short_name_at(toks, k):
                return k  # "Bộ Ngoại giao Trung Quốc Hua Chunying / Hồng Lỗi": a name after it
            continue
        if toks[k - 1].cap and _vi_name_at(toks, k):
            if _school_word_before(toks, q, k):
                return 0  # "hiệu trưởng Trường ĐH Nguyễn Tất Thành": a school's name
            return k
        k += 1
    return 0


def _school_word_before(toks: list[_Tok], q: int, k: int) -> bool:
    """A word that names things after people (``ĐH``, ``THPT``, ``đường``) ends the body."""
    return any(
        (m := _not_person_before().match(toks, x)) is not None and m[0] == k
        for x in range(max(q, k - 3), k)
    )


def _glued_cho_biet(toks: list[_Tok], q: int, end: int) -> bool:
    """One word ending in ``cho`` right before ``biết``, the rest a capitalised syllable."""
    if end - q != 1 or end >= len(toks) or toks[end].text != "biết":
        return False
    word = toks[q].text
    return len(word) >= 5 and word.endswith("cho") and word[0].isupper()


def _foreign_name_at(toks: list[_Tok], k: int) -> bool:
    """Two or three capitalised words, one at least not Vietnamese, making up the whole run at
    ``k`` and followed by a lower-case word (``Hua Chunying đã``)."""
    if k >= len(toks) or not toks[k].cap:
        return False
    end = _name_run(toks, k)
    parts = [toks[x].text for x in range(k, end)]
    return (
        2 <= len(parts) <= 3
        and any(map(nm.is_foreign, parts))
        and not any(part.isupper() for part in parts)
        and not _orgs().match(toks, k)
        and not _places().match(toks, k)
        and end < len(toks)
        and toks[end].text.islower()
        and not (nm.is_vietnamese_syllable(parts[-1]) and _runs_on(toks, end))
    )


def _short_name_at(toks: list[_Tok], k: int) -> bool:
    """Two or three capitalised Vietnamese syllables (a Chinese name in Sino-Vietnamese: ``Hồng
    Lỗi``, ``Tần Cương``) making up the whole run at ``k``, no place or organisation, followed by
    a lower-case word."""
    if k >= len(toks) or not toks[k].cap:
        return False
    end = _name_run(toks, k)
    parts = [toks[x].text for x in range(k, end)]
    return (
        2 <= len(parts) <= 3
        and all(map(nm.is_vietnamese_syllable, parts))
        and not any(part.casefold() in _not_names() for part in parts)
        and not any(_places().match(toks, x) or _orgs().match(toks, x) for x in range(k, end))
        and end < len(toks)
        and toks[end].text.islower()
    )


_BODY_STOPS = frozenset([",", ".", ";", ":", "(", ")", '"', "“", "”", "!", "?", "–", "-"])


def _place_starts_with(toks: list[_Tok], i: int) -> bool:
    """A capitalised honorific and the word after it are the first two words of a place in the
    gazetteer (``Bà Rịa – Vũng Tàu``, ``Bà Rịa``), so the honorific is part of the place."""
    if not toks[i].cap or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1].text
    return any(
        len(words) >= 2 and words[1] == nxt for words, _ in _places().index.get(toks[i].text, [])
    )


def _country_then_name(toks: list[_Tok], p: int) -> bool:
    """``nhà lãnh đạo Pháp Francois Hollande``: a country between an honorific and a name
    shaped like a person's qualifies the honorific."""
    m = _countries().match(toks, p) or _places().match(toks, p)
    return m is not None and (_names_person(toks, m[0]) or _foreign_name_at(toks, m[0]))


def _names_person(toks: list[_Tok], p: int) -> bool:
    """A name shaped like a person's starts at ``p``: a Vietnamese family name with one to
    three more syllables, or a common Western given name with a foreign surname."""
    if p >= len(toks) or not toks[p].cap:
        return False
    end = _name_run(toks, p)
    parts = [toks[k].text for k in range(p, end)]
    if not 2 <= len(parts) <= 4:
        return False
    if parts[0] in nm.vi_family_names():
        return all(map(nm.is_vietnamese_syllable, parts))
    return parts[0] in nm.western_given_names() and nm.is_foreign(parts[-1])
