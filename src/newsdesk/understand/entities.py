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

from functools import cache

from newsdesk.model import Entity
from newsdesk.understand import names as nm
from newsdesk.understand.entity_base import (
    _company,
    _Found,
    _found,
    _gazetteer_firsts,
    _honorifics,
    _lower_only_honorifics,
    _name_run,
    _not_names,
    _orgs,
    _people,
    _places,
    _speech_after,
    _titles,
    _Tok,
    _tokens,
    _trigger_firsts,
)
from newsdesk.understand.lexicon import table
from newsdesk.understand.organisations import (
    _acronym_mentions,
    _compounds,
    _merge_simple,
    _org_at,
)
from newsdesk.understand.people import _appositive, _person_at
from newsdesk.understand.people_bare import _after_place_word, _bare_person
from newsdesk.understand.people_cues import cued_people
from newsdesk.understand.people_lists import _later_mentions, _list_mates, _opponents
from newsdesk.understand.people_merge import _merge_people
from newsdesk.understand.sentences import sentence_spans

__all__ = ["entities_in_spans", "extract_entities", "org_name", "strip_title"]


def extract_entities(text: str) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """``(people, organizations, places)`` in ``text``; sentence indexes ``split_sentences``."""
    return entities_in_spans(text, sentence_spans(text))


def entities_in_spans(
    text: str, spans: list[tuple[int, int]], body_sentences: int | None = None
) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """Entities of ``text`` split into ``spans``; the first ``body_sentences`` spans are the
    body (default: all), whose last sentence may be the author's byline."""
    found: list[_Found] = []
    sentences = [_tokens(text, s, e) for s, e in spans]
    bylines = _byline_tokens(
        sentences, len(sentences) if body_sentences is None else body_sentences
    )
    used: list[set[int]] = []
    for index, toks in enumerate(sentences):
        taken: set[int] = set(bylines.get(index, ()))
        found.extend(_scan(toks, index, taken))
        found.extend(cued_people(toks, index, taken))
        used.append(taken)
    people = [f for f in found if f.kind == "person"]
    found.extend(_list_mates(sentences, used, people))
    people = [f for f in found if f.kind == "person"]
    found.extend(_later_mentions(sentences, used, people))
    people = [f for f in found if f.kind == "person"]
    found.extend(_list_mates(sentences, used, people))  # lists holding a later mention
    people = [f for f in found if f.kind == "person"]
    found.extend(_opponents(sentences, used, people))
    found.extend(_acronym_mentions(sentences, used, found))
    return _merge_people(found), _merge_simple(found, "organization"), _merge_simple(found, "place")


@cache
def _not_name_starts() -> frozenset[str]:
    return frozenset(_people()["not_name_starts"])


def _byline_tokens(sentences: list[list[_Tok]], n_body: int) -> dict[int, range]:
    """The body's last sentence (or the one before a closing ``Theo BBC``) when it is only a
    name, maybe with its agency or source: ``Hoàng Thị Hoa (TTXVN)``, ``Đặng Vương Hạnh``,
    ``Nguyễn Hồng Đăng Theo The Guardian``. The author of a report is not a news actor."""
    out: dict[int, range] = {}
    for index in (n_body - 1, n_body - 2):
        if index < 0 or index >= len(sentences) or not sentences[index]:
            continue
        toks = sentences[index]
        end = _byline_name(toks)
        if end and _source_tail(toks[end:]):
            out[index] = range(end)
            break
        if not _source_tail(toks):
            break  # only a closing "Theo …" sentence lets the byline sit one sentence earlier
    return out


def _byline_name(toks: list[_Tok]) -> int:
    k = 0
    while k < len(toks) and k < 5 and toks[k].cap and toks[k].text.isalpha():
        if toks[k].text.casefold() in _not_names() or (k and toks[k].text == "Theo"):
            break
        k += 1
    if k < 2 or _titles().match(toks, 0) or _honorifics().match(toks, 0):
        return 0
    return k


def _source_tail(toks: list[_Tok]) -> bool:
    """Nothing, ``(TTXVN)``, ``/VOV``, ``- TTXVN``, ``(ghi)``, ``(tổng hợp)``, ``Theo …`` or
    ``(Theo …)`` after a byline's name; a closing period allowed."""
    words = [t.text for t in toks if t.text not in ".)(/-–"]
    if not words:
        return True
    if words[0] in ("Theo", "theo"):
        return True
    return all(w.isupper() or w in ("ghi", "tổng", "hợp", "lược", "dịch") for w in words)


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
    lower_only = _lower_only_honorifics()
    while i < n:
        if i in taken or not (toks[i].cap or toks[i].text in gazetteer_firsts):
            i += 1
            continue
        if (
            toks[i].text == "Bác"
            and i > 0
            and i + 1 < n
            and toks[i + 1].text in nm.vi_family_names()
            and (i + 2 == n or not toks[i + 2].cap)
        ):
            out.append(_found("person", toks, i + 1, i + 2, None, index))  # "bên cạnh Bác Hồ"
            taken.update((i, i + 1))
            i += 2
            continue
        if toks[i].text.casefold() in lower_only and (j := _honorific_then_one_name(toks, i)):
            out.append(_found("person", toks, i + 1, j, None, index))  # "Cô Hòa chia sẻ"
            taken.update(range(i, j))
            i = j
            continue
        if (
            toks[i].text.casefold() in lower_only
            and i + 1 < n
            and toks[i + 1].text in nm.vi_family_names()
        ):
            i += 1  # "Anh Lê Tuấn Thanh, 22 tuổi": a sentence-initial honorific, not a name
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
            role = None
            if j + 1 < n and toks[j].text in (",", "–", "-", "("):
                appositive = _appositive(toks, j + 1)  # "Đinh Quốc Bảo, Phó Chủ tịch …"
                role = appositive[0] if appositive else None
            out.append(_found("person", toks, i, j, None, index, role))
            taken.update(range(i, j))
            i = j
            continue
        if toks[i].cap and (_after_place_word(toks, i) or toks[i].text in _not_name_starts()):
            i = max(i + 1, _name_run(toks, i))  # "chương trình Kim Min-jae": skip the whole name
            continue
        i += 1
    return out


def _honorific_then_one_name(toks: list[_Tok], i: int) -> int:
    """``Cô Hòa chia sẻ``, ``Anh Tuấn cho biết``, ``Chị Ngọc, con gái bà Lụa, …``: a
    capitalised honorific that starts the sentence, one Vietnamese syllable, then a verb of
    saying or a comma and a lower-case description: the syllable is a person."""
    if i != 0 or len(toks) < 4 or not toks[1].cap or not nm.is_vietnamese_syllable(toks[1].text):
        return 0
    if toks[1].text.casefold() in _not_names() or ((m := _places().match(toks, 0)) and m[0] > 1):
        return 0  # "Anh Quốc, …" is a place
    if _places().match(toks, 1) or _orgs().match(toks, 1):
        return 0
    described = toks[2].text == "," and (toks[3].text.islower() or toks[3].text.isdigit())
    if not described and (toks[2].cap or not _speech_after().match(toks, 2)):
        return 0
    return 2


def _standalone(toks: list[_Tok], i: int, j: int, kind: str) -> bool:
    """A one-syllable Vietnamese place alias (``Đức``, ``Anh``, ``Nhật``) inside a longer run of
    capitalised words is part of a name (``Nguyễn Minh Đức``), not the country."""
    if kind != "place" or j - i != 1 or not nm.is_vietnamese_syllable(toks[i].text):
        return True
    prev_cap = i > 0 and toks[i - 1].cap and toks[i - 1].text.casefold() not in _not_names()
    next_cap = j < len(toks) and toks[j].cap
    return not (prev_cap or next_cap)
