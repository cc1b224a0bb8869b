"""Direct quotes and who said them.

A quote is the text between “…” (or "…", or “…" as typed in a hurry) of at least
``min_words`` words (shorter ones are terms in quotation marks: “kỷ nguyên vàng”). Its speaker is
the person the sentence names with a verb of saying (``lexicon/quotes.toml``):

    Thủ tướng Takaichi nhấn mạnh: “…”          speaker before the quote
    “…”, Tổng thống Trump nói.                 speaker after the quote
    Thủ tướng tuyên bố: “…”                    a bare title: the one person of the article
                                               holding it, if exactly one does

The speaker is given as the canonical name of the person entity, or None when the text does
not say who spoke.
"""

from __future__ import annotations

import re
from functools import cache

from newsdesk.model import Entity, Quote
from newsdesk.understand.lexicon import toml
from newsdesk.understand.sentences import sentence_spans

__all__ = ["extract_quotes", "quotes_in_spans"]

_QUOTE = re.compile(r"“(?P<a>[^“”]+?)[”\"]|\"(?P<b>[^\"“”]+?)\"|«(?P<c>[^«»]+?)»")


@cache
def _lex() -> dict:
    return toml("quotes.toml")


@cache
def _verb_before() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(_lex()["speech_verbs"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{verbs})(?:\s+rằng)?\s*[:,]?\s*$", re.IGNORECASE)


@cache
def _verb_any() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(_lex()["speech_verbs"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{verbs})(?!\w)", re.IGNORECASE)


@cache
def _verb_after() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(_lex()["speech_verbs"], key=len, reverse=True))
    return re.compile(rf"^\s*(?:{verbs})(?!\w)", re.IGNORECASE)


def extract_quotes(text: str, people: list[Entity] | None = None) -> list[Quote]:
    """Quotes in ``text``; with ``people`` (from ``extract_entities``) speakers are named."""
    if people is None:
        from newsdesk.understand.entities import extract_entities

        people = extract_entities(text)[0]
    return quotes_in_spans(text, sentence_spans(text), people)


def quotes_in_spans(text: str, spans: list[tuple[int, int]], people: list[Entity]) -> list[Quote]:
    mentions = sorted(
        ((m.start, m.end, p.name) for p in people for m in p.mentions if m.start >= 0),
        key=lambda x: x[0],
    )
    out: list[Quote] = []
    honorific = _honorific_of(text, mentions)
    for index, (s, e) in enumerate(spans):
        sentence = text[s:e]
        prev_end = 0
        for m in _QUOTE.finditer(sentence):
            inner = (m["a"] or m["b"] or m["c"] or "").strip()
            if len(inner.split()) < _lex()["min_words"]:
                prev_end = m.end()
                continue
            speaker = _speaker_before(text, s + prev_end, s + m.start(), mentions, people)
            if speaker is None:
                speaker = _speaker_after(text, s + m.end(), e, mentions)
            if speaker is None:
                speaker = _speaker_of_clause(text, s, s + m.start(), mentions)
            if speaker is None:
                window = spans[max(0, index - _lex()["pronoun_lookback"])][0]
                speaker = _speaker_by_pronoun(
                    text, (s + prev_end, s + m.start(), s + m.end(), e), window, mentions, honorific
                )
            out.append(Quote(text=inner, speaker=speaker, sentence=index, start=s + m.start()))
            prev_end = m.end()
    return out


def _speaker_before(text: str, a: int, b: int, mentions: list, people: list[Entity]) -> str | None:
    lead = text[a:b]
    verb = _verb_before().search(lead)
    if not verb:
        return None
    cut = a + verb.start()
    inside = [mm for mm in mentions if a <= mm[0] and mm[1] <= cut]
    if inside:
        start, end, name = inside[-1]
        # the subject is the mention right before the verb, not one inside a clause further back
        if not re.search(r"[,;]", text[end:cut]) or len(text[end:cut].split()) <= 3:
            return name
    return _by_title(text[a:cut], people)


@cache
def _pronoun_before() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(_lex()["speech_verbs"], key=len, reverse=True))
    pronouns = "|".join(re.escape(p) for p in _lex()["pronouns"])
    return re.compile(
        rf"(?<!\w)(?P<p>{pronouns})\s+(?:{verbs})(?:\s+rằng)?\s*[:,]?\s*$", re.IGNORECASE
    )


@cache
def _pronoun_after() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(_lex()["speech_verbs"], key=len, reverse=True))
    pronouns = "|".join(re.escape(p) for p in _lex()["pronouns"])
    return re.compile(rf"\s*[,.]?\s*(?P<p>{pronouns})\s+(?:{verbs})(?!\w)", re.IGNORECASE)


def _honorific_of(text: str, mentions: list) -> dict[str, set[str]]:
    """The pronouns each person is addressed with: ``ông Hiển`` -> {"ông"}."""
    pronouns = [p.casefold() for p in _lex()["pronouns"]]
    out: dict[str, set[str]] = {}
    for start, _end, name in mentions:
        before = text[max(0, start - 8) : start].casefold().split()
        if before and before[-1] in pronouns:
            out.setdefault(name, set()).add(before[-1])
    return out


def _speaker_by_pronoun(
    text: str,
    quote: tuple[int, int, int, int],
    window: int,
    mentions: list,
    honorific: dict[str, set[str]],
) -> str | None:
    """``Ông nói: “…”``, ``“…”, bà cho biết.``: the person addressed with that pronoun who was
    mentioned last before it, in this sentence or the few before; None when two such people
    are in that stretch (ambiguous) or none is."""
    lead_start, q_start, q_end, s_end = quote
    found = _pronoun_before().search(text, lead_start, q_start)
    cut = found.start() if found else -1
    if not found:
        found = _pronoun_after().match(text, q_end, s_end)
        cut = q_start
    if not found:
        return None
    pronoun = found["p"].casefold()
    names = {
        name
        for start, end, name in mentions
        if window <= start and end <= cut and pronoun in honorific.get(name, set())
    }
    return names.pop() if len(names) == 1 else None


def _speaker_of_clause(text: str, s: int, b: int, mentions: list) -> str | None:
    """``X khẳng định hai nước sẽ có “…”``: a partial quote inside what X said. The first verb
    of saying in the sentence with a person right before it names the speaker."""
    for verb in _verb_any().finditer(text, s, b):
        cut = verb.start()
        before = [mm for mm in mentions if s <= mm[0] and mm[1] <= cut]
        if not before:
            continue
        start, end, name = before[-1]
        gap = text[end:cut]
        if len(gap.split()) <= 3:
            return name
        # "Thủ tướng Takaichi - người vừa …, tuyên bố": the sentence's subject, an apposition
        if (
            len(text[s:start].split()) <= 3
            and re.match(r"^\s*[-–,]", gap)
            and len(gap.split()) <= 25
        ):
            return name
    return None


def _speaker_after(text: str, a: int, e: int, mentions: list) -> str | None:
    tail = text[a:e]
    if not re.match(r"^\s*[,.]?\s*", tail):
        return None
    for start, end, name in mentions:
        if a <= start <= a + 60 and end <= e:
            gap = text[a:start]
            if len(gap.split()) > 4:
                continue
            if _verb_after().match(text[end:e]):
                return name
    return None


def _by_title(lead: str, people: list[Entity]) -> str | None:
    """``Thủ tướng tuyên bố: …``: the only person of the article with that title."""
    words = lead.strip().rstrip(",").split(",")[-1].split()
    if not words or len(words) > 4:
        return None
    title = " ".join(words).casefold()
    exact = {p.name for p in people for r in p.roles if r.casefold() == title}
    if len(exact) == 1:
        return exact.pop()
    holders = {p.name for p in people for r in p.roles if r.casefold().startswith(title)}
    return holders.pop() if len(holders) == 1 else None
