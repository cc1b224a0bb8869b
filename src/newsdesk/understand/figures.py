"""Figures (amounts, percentages, counts) in Vietnamese news text.

Vietnamese number conventions: ``.`` groups thousands (``1.100`` = 1100), ``,`` is the decimal
mark (``27,5`` = 27.5); a dot followed by one or two digits (``3.5%``) is read as a decimal, the
text being clearly in the other convention there. Multipliers (``tỷ``/``tỉ``, ``triệu``,
``nghìn``/``ngàn``, ``nghìn tỷ``) scale the number; a unit word (``USD``, ``yên``, ``đồng``, ``%``,
``người``, ``tấn`` …, see ``lexicon/figures.toml``) gives its unit code. A number with neither a
multiplier nor a unit is not a figure; nor is a number inside a time expression (dates, years)
or right after an identifier word (``Điều 5``, ``số 3``, ``lúc 8.30``).

A change ``từ 27,5% xuống còn 15%`` gives both figures; the second (the new value) also carries
``change_from`` 27.5 and ``change_to`` 15. ``of`` says what a figure
measures when the sentence says so: ``2% GDP`` (of ``GDP``), ``giảm mức thuế đối với ô tô từ
27,5%`` (of ``thuế đối với ô tô``), ``đầu tư 550 tỷ USD`` (of ``đầu tư``).
"""

from __future__ import annotations

import re
from functools import cache

from newsdesk.model import Figure
from newsdesk.understand.dates import date_spans
from newsdesk.understand.lexicon import toml
from newsdesk.understand.sentences import sentence_spans

__all__ = ["extract_figures", "figures_in_spans", "parse_number"]


@cache
def _lex() -> dict:
    return toml("figures.toml")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+"


@cache
def _figure_re() -> re.Pattern[str]:
    lex = _lex()
    return re.compile(
        rf"(?P<neg>(?<![\w.,/-])[-−](?=\d))?(?<![\w.,/])(?<!\w-)(?P<num>{_NUM})"
        rf"(?:\s*(?:-|–|đến|tới)\s*(?P<num2>{_NUM}))?"
        rf"(?:\s*(?P<mult>{_alt(lex['multipliers'])})(?!\w))?"
        rf"(?:\s*(?P<unit>{_alt(lex['units'])})(?:(?<=%)|(?![\w$])))?"
        r"(?:(?<=%)|(?!\w|[.,/]\d))",
        re.IGNORECASE,
    )


@cache
def _unit_codes() -> dict[str, str]:
    return {k.casefold(): v for k, v in _lex()["units"].items()}


@cache
def _not_before() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt(_lex()['not_figure_before'])})\s*$", re.IGNORECASE)


@cache
def _not_before_unit() -> re.Pattern[str]:
    """Identifier words that still rule a number out when a unit follows ("Điều 5%" is rare, but
    "lúc 8 giờ", "số 1.000 người" …): the clearly non-quantity ones."""
    words = ["điều", "khoản", "lúc", "quốc lộ", "tỉnh lộ", "mã", "chấm", "bão số"]
    return re.compile(rf"(?<!\w)(?:{_alt(words)})\s*$", re.IGNORECASE)


@cache
def _of_after() -> re.Pattern[str]:
    return re.compile(rf"^\s+(?P<of>(?:{_alt(_lex()['of_heads'])})(?!\w))", re.IGNORECASE)


@cache
def _of_before() -> re.Pattern[str]:
    lex = _lex()
    to = _alt(lex["change_to"] + lex["change_from"] + ["đạt", "ở mức", "ở"])
    return re.compile(
        rf"(?<!\w)(?:{_alt(lex['change_verbs'])})\s+(?P<np>[^,.;:!?“”\"()]{{2,70}}?)\s+(?:{to})"
        rf"(?:\s+mức)?(?:\s+(?:{_alt(lex['approx'])}))?\s*$",
        re.IGNORECASE,
    )


@cache
def _of_verb() -> re.Pattern[str]:
    lex = _lex()
    return re.compile(
        rf"(?<!\w)(?P<verb>{_alt(lex['of_verbs'])})(?:\s+(?:{_alt(lex['approx'])}))?\s*$",
        re.IGNORECASE,
    )


@cache
def _change_gap() -> re.Pattern[str]:
    lex = _lex()
    return re.compile(
        rf"^\s*(?:[^,.;:!?]{{0,60}}?\s)?(?:{_alt(lex['change_to'])})(?:\s+mức)?\s*$", re.IGNORECASE
    )


_FROM = re.compile(r"(?<!\w)từ\s+(?:mức\s+)?$", re.IGNORECASE)
_FOR = re.compile(r"^\s+cho\s+(?P<np>[^,.;:!?“”\"()]{3,80})", re.IGNORECASE)
_FOR_STOP = re.compile(r"\s(?:và|nhằm|để|trong|nếu|khi|nhưng|vào|theo)\s.*$", re.IGNORECASE)


def parse_number(text: str) -> float:
    """A number written the Vietnamese way: ``1.100`` -> 1100, ``27,5`` -> 27.5, ``3.5`` -> 3.5."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    raise ValueError(f"not a number: {text!r}")


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``; ``sentence`` indexes ``split_sentences(text)``."""
    spans = sentence_spans(text)
    return figures_in_spans(text, spans, date_spans(text, spans))


def figures_in_spans(
    text: str, spans: list[tuple[int, int]], dates: list[tuple[int, int]]
) -> list[Figure]:
    out: list[Figure] = []
    currency = _currency_of(text)  # the article's only currency, for "150 triệu" without one
    for index, (s, e) in enumerate(spans):
        inside = [(a, b) for a, b in dates if a < e and b > s]
        out.extend(_sentence_figures(text, s, e, index, inside, currency))
    return out


def _sentence_figures(
    text: str, s: int, e: int, index: int, dates: list[tuple[int, int]], currency: str | None = None
) -> list[Figure]:
    sentence = text[s:e]
    mults = {k.casefold(): v for k, v in _lex()["multipliers"].items()}
    found: list[tuple[int, int, Figure]] = []
    for m in _figure_re().finditer(sentence):
        a = s + m.start()
        if any(da < s + m.end() and db > a for da, db in dates):
            continue
        head = sentence[: m.start()]
        if not m["unit"] and _not_before().search(head[-40:]) and not _AMONG.search(head[-20:]):
            continue
        if m["unit"] and _not_before_unit().search(head[-40:]):
            continue
        end = m.end()
        if m["unit"]:
            unit = _unit_codes()[" ".join(m["unit"].casefold().split())]
        else:
            if _named_before(head) or _identifier_before(head):
                continue
            if m["num2"] and parse_number(m["num2"]) <= parse_number(m["num"]):
                continue  # "3-0", "11-2": a score, not a range
            counted = _counted_noun(sentence, m.end(), head)
            if counted is not None:
                unit, end = counted
            elif m["mult"]:
                unit = _currency_of(sentence) or currency or "count"
            else:
                continue
        b = s + end
        mult = mults[" ".join(m["mult"].casefold().split())] if m["mult"] else 1.0
        try:
            first = parse_number(m["num"]) * (-1.0 if m["neg"] else 1.0)
            second = parse_number(m["num2"]) if m["num2"] else None
        except ValueError:
            continue
        of = _of(sentence, m.start(), end, unit)
        if second is not None:  # "20-30%": two figures sharing the unit
            tail = sentence[m.end("num2") : end]
            f1 = Figure(m["num"] + tail, _scaled(first, mult), unit, index, of=of, start=a)
            found.append((a, a + len(m["num"]), f1))
            b2 = s + m.start("num2")
            text2 = sentence[m.start("num2") : end]
            found.append(
                (b2, b, Figure(text2, _scaled(second, mult), unit, index, of=of, start=b2))
            )
            continue
        f = Figure(sentence[m.start() : end], _scaled(first, mult), unit, index, of=of, start=a)
        found.append((a, b, f))
    return found_with_changes(sentence, s, found)


_NEXT_WORDS = re.compile(
    r"\s([^\W\d_]+)(?:\s([^\W\d_]+))?(?:\s([^\W\d_]+))?(?:\s([^\W\d_]+))?(?:\s([^\W\d_]+))?"
)
_AMONG = re.compile(r"(?:trong|tổng|con)\s+số\s*$", re.IGNORECASE)
_UPPER_COUNTED = {
    "SV": "person",
    "HS": "person",
    "CEO": "person",
    "VĐV": "person",
    "GS": "person",
    "PGS": "person",
    "TS": "person",
    "ThS": "person",
    "ĐTDĐ": "count",
}
_COUNTED_STOPWORDS = frozenset(["lần", "cuộc", "việc", "người", "phần", "bên", "phía"])
_CLASSIFIERS = frozenset(["vị", "chiếc", "con", "cái", "ngôi", "căn", "bức", "tấm", "người"])
_CAP_WORD_END = re.compile(r"([A-Z][A-Za-z]+)\s?$")
_CURRENCY_CODES = frozenset(["USD", "VND", "EUR", "JPY", "CNY", "GBP", "KRW", "RUB", "THB", "PHP"])


@cache
def _person_nouns() -> list[list[str]]:
    return sorted((n.split() for n in _lex()["person_nouns"]), key=len, reverse=True)


@cache
def _function_words() -> frozenset[str]:
    from newsdesk.understand.lexicon import word_set

    return frozenset(w.casefold() for w in word_set("stopwords.txt") if "_" not in w)


@cache
def _currency_re() -> re.Pattern[str]:
    words = [u for u, code in _lex()["units"].items() if code in _CURRENCY_CODES]
    return re.compile(rf"(?<!\w)(?:{_alt(words)})(?![\w$])", re.IGNORECASE)


def _counted_noun(sentence: str, end: int, head: str) -> tuple[str, int] | None:
    """``12 người`` -> ("person", end of "người"); ``6 đội`` -> ("count", …); None when the
    number is not directly followed by a counted noun (a duration, an age, a verb …)."""
    m = _NEXT_WORDS.match(sentence, end)
    if not m:
        return None
    words = [w for w in m.groups() if w]
    if words[0] in _UPPER_COUNTED:
        return _UPPER_COUNTED[words[0]], m.end(1)
    if not words[0].islower():
        return None
    lex = _lex()
    prev = head.split()[-1].casefold() if head.split() else ""
    among = bool(_AMONG.search(head[-20:]))
    if (prev in lex["not_counted_before"] and not among) or words[0].casefold() in lex[
        "not_counted"
    ]:
        return None
    if words[0] == "lần" and prev in ("gấp", "hơn"):
        return None  # "gấp 3 lần": a multiplier
    offset = m.start(1)
    for skip in (0, 1):  # "18 vị vận động viên": a classifier, then the noun
        if skip and words[0] not in _CLASSIFIERS:
            break
        rest = words[skip:]
        for noun in _person_nouns():
            if rest[: len(noun)] == noun:
                start = offset + (len(words[0]) + 1 if skip else 0)
                return "person", start + len(" ".join(noun))
    if words[0].casefold() in _function_words() and words[0] not in _COUNTED_STOPWORDS:
        return None
    if words[0] in _CLASSIFIERS and len(words) > 1 and words[1] not in _function_words():
        return "count", m.end(2)  # "1.200 ngôi nhà"
    return "count", _noun_end(sentence, m, words)


def _noun_end(sentence: str, m: re.Match[str], words: list[str]) -> int:
    """Where the counted noun ends: ``30 triệu sản phẩm``, ``60 dự án``, ``2 trận đấu`` cover
    the whole noun, not its first syllable. A noun of the lexicon's ``counted_compounds``
    first, else underthesea's word segmentation of the next words (only when it joins the
    first syllable with the next ones)."""
    low = [w.casefold() for w in words]
    for noun in _counted_compounds():
        if low[: len(noun)] == noun:
            return m.end(len(noun))
    if len(words) < 2 or low[1] in _function_words():
        return m.end(1)
    first = _segment(" ".join(words[:3]))
    syllables = len(first.split())
    if 2 <= syllables <= len(words) and first.casefold().split() == low[:syllables]:
        return m.end(syllables)
    return m.end(1)


@cache
def _counted_compounds() -> list[list[str]]:
    return sorted(
        (n.casefold().split() for n in _lex()["counted_compounds"]), key=len, reverse=True
    )


@cache
def _segment(words: str) -> str:
    """The first word underthesea's segmenter finds in ``words`` (syllables space-joined)."""
    from underthesea import word_tokenize

    toks = word_tokenize(words)
    return toks[0] if toks else ""


def _identifier_before(head: str) -> bool:
    """``Bình Phước 1``, ``EMA 2012``, ``51R- 5415``: a number that is part of a name or a code
    (a capitalised word not starting the sentence, or a word holding digits, right before)."""
    words = head.split()
    if not words:
        return False
    last = words[-1]
    if last[-1:] in ',.;:!?)“”"':
        return False  # "… 25/10/2013, 37 nghệ sĩ": the word before ends a clause
    if any(c.isdigit() for c in last):
        return True
    return len(words) >= 2 and last[:1].isupper() and words[-2][-1:] not in '.:;!?“"('


def _named_before(head: str) -> bool:
    """``iPhone 6``, ``Snapdragon 800``, ``Android 4.3``: a number in a product's name."""
    from newsdesk.understand.names import is_foreign

    m = _CAP_WORD_END.search(head)
    return bool(m) and not m.group(1).isupper() and is_foreign(m.group(1))


def _currency_of(sentence: str) -> str | None:
    """The one currency a sentence names, for an amount written without one (``150 triệu``)."""
    codes = {
        _unit_codes()[" ".join(u.casefold().split())] for u in _currency_re().findall(sentence)
    }
    return codes.pop() if len(codes) == 1 else None


def found_with_changes(sentence: str, s: int, found: list[tuple[int, int, Figure]]) -> list[Figure]:
    figures = [f for _, _, f in found]
    for (a1, b1, f1), (a2, _b2, f2) in zip(found, found[1:], strict=False):
        if f1.unit != f2.unit:
            continue
        if not _FROM.search(sentence[: a1 - s]):
            continue
        if not _change_gap().match(sentence[b1 - s : a2 - s]):
            continue
        of = f1.of or f2.of
        f1.of = f1.of or of
        f2.of = f2.of or of
        f2.change_from = f1.value
        f2.change_to = f2.value
    return figures


def _scaled(value: float, mult: float) -> float:
    v = value * mult
    return float(round(v)) if mult >= 1000 and abs(v - round(v)) < 1e-6 * max(1.0, v) else v


def _of(sentence: str, a: int, b: int, unit: str) -> str | None:
    """What the figure at ``sentence[a:b]`` measures, when the sentence says so."""
    if unit == "percent":
        after = _of_after().match(sentence[b:])
        if after:
            rest = sentence[b + after.end() :]
            words = after["of"]
            paren = re.match(r"^\s*\([^()]{1,40}\)", rest)
            if paren:
                words += rest[: paren.end()]
            else:
                words += _phrase(rest)
            return " ".join(words.split())
    before = sentence[:a]
    m = _of_before().search(before)
    if m:
        np = m["np"].strip()
        for word in sorted(_lex()["of_strip"], key=len, reverse=True):
            if np.casefold().startswith(word + " "):
                np = np[len(word) + 1 :]
                break
        if np and not re.search(r"\d", np):
            return np
    v = _of_verb().search(before)
    if v:
        return v["verb"].casefold()
    f = _FOR.match(sentence[b:])
    if f and unit not in ("percent",):
        np = _FOR_STOP.sub("", f["np"]).strip()
        np = re.sub(r"^(?:các|những)\s+", "", np, flags=re.IGNORECASE)
        if 1 <= len(np.split()) <= 10:
            return np
    return None


def _phrase(rest: str) -> str:
    """Continue an ``of`` phrase word by word until a stop word or punctuation (8 words)."""
    stops = {w.casefold() for w in _lex()["of_stop"]}
    out: list[str] = []
    for word in rest.split(" "):
        if not word:
            continue
        clean = word.rstrip(',.;:!?”")')
        if clean.casefold() in stops or not clean or len(out) >= 6 or re.search(r"\d", clean):
            break
        out.append(clean)
        if clean != word:
            break
    return (" " + " ".join(out)) if out else ""
