"""Who wrote it and whom it credits: bylines, outlets, datelines and news agencies.

end matter      the last lines: "./." wire marker, "Nguồn: NHK, Kyodonews", "(Theo Reuters)",
                "Tuấn Nhật, Ngọc Huân/VOV-Tokyo", an author's name alone
lead prefixes   "[Thời sự Kuala Lumpur] ..." (Jiji, translated), "(Bloomberg): ...",
                "(Dân trí) - ...", "Tokyo (TTXVN) - ..."
mentions        "Hãng thông tấn Jiji ngày 6/12 dẫn lời ...", "theo Reuters", "AFP đưa tin"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.read import lexicon


def _alias_pattern(alias: str) -> str:
    escaped = re.escape(alias)
    if alias.isupper() or len(alias) <= 3:
        return escaped  # acronyms: exact case ("AP", not "ap")
    return "(?i:" + escaped + ")"


def _names_pattern(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    canonical: dict[str, str] = {}
    for name, aliases in table.items():
        for alias in (name, *aliases):
            canonical.setdefault(alias.casefold(), name)
    alternatives = sorted({a for n, al in table.items() for a in (n, *al)}, key=len, reverse=True)
    body = "|".join(_alias_pattern(a) for a in alternatives)
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])"), canonical


AGENCY_RE, _AGENCY_OF = _names_pattern(lexicon.AGENCIES)
OUTLET_RE, _OUTLET_OF = _names_pattern(lexicon.OUTLETS)

_CUES = "|".join(re.escape(c) for c in sorted(lexicon.CREDIT_CUES, key=len, reverse=True))
_VERBS = "|".join(re.escape(v) for v in lexicon.CREDIT_VERBS)
_BRACKET_LEAD = re.compile(r"^[\[【](?P<label>[^\]】\n]{2,60})[\]】]\s*")
_PAREN_LEAD = re.compile(r"^\((?P<name>[^)\n]{2,40})\)\s*[:\-–—]\s*")
_PLACE_LEAD = re.compile(
    r"^(?P<place>[A-ZĐÀ-Ỹ][\w.]*(?:\s+[A-ZĐÀ-Ỹ][\w.]*){0,3})\s*\((?P<name>[^)\n]{2,40})\)\s*[\-–—:]\s*"
)
_WIRE_END = re.compile(r"\s*\.?/\.\s*$")
_SOURCE_MARKERS = "|".join(
    re.escape(m) for m in sorted(lexicon.SOURCE_LINE_MARKERS, key=len, reverse=True)
)
_SOURCE_LINE = re.compile(
    r"^\(?\s*(?i:" + _SOURCE_MARKERS + r")\s*:?\s+(?P<names>[^()]{2,100}?)\s*\)?\s*\.?$"
)
_SLASH_BYLINE = re.compile(
    r"^(?P<names>[^/()\d]{2,80}?)\s*/\s*(?P<outlet>[^/\-–—()\d]{2,40}?)"
    r"(?:\s*[-–—]\s*(?P<dateline>[^/()\d]{2,40}))?\s*\.?$"
)
_AUTHOR_PAREN = re.compile(r"^(?P<names>[^()]{2,60}?)\s*\(\s*(?P<note>[^()]{2,60})\s*\)\s*\.?$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\s-\s|\svà\s)\s*")
_STRIP_WORDS = re.compile(r"^(?i:hãng thông tấn|hãng tin|hãng|báo|tờ|đài|kênh|trang|tạp chí)\s+")


@dataclass(slots=True)
class Credits:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dateline: str | None = None
    agencies: list[str] = field(default_factory=list)

    def agency(self, name: str) -> None:
        if name and name not in self.agencies:
            self.agencies.append(name)

    def author(self, name: str) -> None:
        if name and name not in self.authors:
            self.authors.append(name)


def agency_of(name: str) -> str | None:
    m = AGENCY_RE.fullmatch(name.strip())
    return _AGENCY_OF.get(m.group(0).casefold()) if m else None


def outlet_of(name: str) -> str | None:
    m = OUTLET_RE.fullmatch(name.strip())
    return _OUTLET_OF.get(m.group(0).casefold()) if m else None


def strip_wire_end(paragraph: str) -> str:
    """Remove the "./." end marker of Vietnamese wire copy, keeping the full stop."""
    if not paragraph.endswith("/."):
        return paragraph
    stripped = _WIRE_END.sub("", paragraph)
    return stripped + "." if stripped and stripped[-1] not in '.!?"”' else stripped


def take_end_matter(paragraphs: list[str], credits: Credits) -> list[str]:
    """Remove bylines and source lines from the end of ``paragraphs`` into ``credits``."""
    out = list(paragraphs)
    if out:
        out[-1] = strip_wire_end(out[-1])
    if out:
        out[-1] = _glued_tail(out[-1], credits)
    for _ in range(4):
        if not out:
            break
        last = out[-1]
        if not last.strip(" ./"):
            out.pop()
            continue
        if _source_line(last, credits) or _byline(last, credits):
            out.pop()
            if out:
                out[-1] = strip_wire_end(out[-1])
            continue
        break
    return out


def _source_line(line: str, credits: Credits) -> bool:
    m = _SOURCE_LINE.match(line)
    if not m or len(line) > 110:
        return False
    names = [n for n in _NAME_SPLIT.split(m.group("names")) if n.strip()]
    if not names or any(not _known_or_name(_STRIP_WORDS.sub("", n)) for n in names):
        return False
    for raw in names:
        name = _STRIP_WORDS.sub("", raw.strip())
        agency = agency_of(name)
        outlet = outlet_of(name)
        if agency:
            credits.agency(agency)
        elif outlet:
            credits.outlet = credits.outlet or outlet
        else:
            credits.agency(name)
    return True


def _byline(line: str, credits: Credits) -> bool:
    if len(line) > lexicon.BYLINE_MAX:
        return False
    m = _SLASH_BYLINE.match(line)
    if m:
        outlet = m.group("outlet").strip()
        known = outlet_of(outlet) or agency_of(outlet)
        names = [n for n in _NAME_SPLIT.split(m.group("names")) if n.strip()]
        if (known or outlet.isupper()) and names and all(_is_name(n) for n in names):
            for name in names:
                credits.author(_name_case(name))
            credits.outlet = credits.outlet or known or outlet
            if m.group("dateline"):
                credits.dateline = credits.dateline or m.group("dateline").strip()
            return True
        return False
    m = _AUTHOR_PAREN.match(line)
    if m:
        names = [n for n in _NAME_SPLIT.split(m.group("names")) if n.strip()]
        note = m.group("note")
        if names and all(_is_name(n) for n in names):
            for name in names:
                credits.author(_name_case(name))
            source = _SOURCE_LINE.match(note)
            if source:
                _source_line(note, credits)
            return True
        return False
    names = [n for n in _NAME_SPLIT.split(line.rstrip(".")) if n.strip()]
    if names and len(line.split()) <= lexicon.BYLINE_MAX_WORDS and all(_is_name(n) for n in names):
        for name in names:
            name = name.strip()
            if name.upper() in lexicon.ANONYMOUS_BYLINES:
                continue
            agency, outlet = agency_of(name), outlet_of(name)
            if agency:
                credits.agency(agency)
            elif outlet or name.casefold().startswith(("báo ", "tạp chí ", "đài ")):
                credits.outlet = credits.outlet or outlet or name
            else:
                credits.author(_name_case(name))
        return True
    return False


_GLUED = re.compile(r"[.!?…\"”»)]\s+(?P<tail>[^.!?…\"“”()]{2,80})$")


def _glued_tail(paragraph: str, credits: Credits) -> str:
    """A byline or source glued to the end of a one-line body ("… quốc hội. NGUYỆT PHƯƠNG",
    "… 7,2%./. Đỗ Tuấn Anh/VOV-Phnom Penh") comes off it."""
    offset = max(0, len(paragraph) - 120)  # only the end is searched, however long the text
    m = _GLUED.search(paragraph, offset)
    body = paragraph[: m.start() + 1] if m else ""
    if not m or len(body) < 40:
        return paragraph
    tail = m.group("tail").strip()
    if _source_line(tail, credits) or _byline(tail, credits):
        return strip_wire_end(body)
    return paragraph


def _known_or_name(text: str) -> bool:
    return bool(agency_of(text) or outlet_of(text)) or _is_name(text)


def _is_name(text: str) -> bool:
    """A person's or an organisation's name: 1-5 capitalised words, no sentence punctuation."""
    words = text.strip().split()
    if not 1 <= len(words) <= 5:
        return False
    if words[0].casefold() in lexicon.NOT_AUTHOR_WORDS:
        return False
    if any(c in text for c in '.!?:;"“”'):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in ("&", "+") for w in words)


def _name_case(name: str) -> str:
    name = name.strip()
    if name.isupper() and len(name) > 3:
        return " ".join(w.capitalize() for w in name.split())
    return name


def take_lead_prefix(paragraph: str, credits: Credits, *, set_dateline: bool) -> str:
    """Remove "[Thời sự X]", "(Bloomberg):", "(Dân trí) -", "Tokyo (TTXVN) -" from a lead."""
    m = _BRACKET_LEAD.match(paragraph)
    if m:
        label = m.group("label").strip()
        for key, agency in lexicon.BRACKET_DATELINE_AGENCIES.items():
            if label.casefold().startswith(key):
                credits.agency(agency)
                place = label[len(key) :].strip()
                if place and set_dateline:
                    credits.dateline = credits.dateline or place
                return paragraph[m.end() :]
        for suffix, agency in lexicon.BRACKET_DATELINE_SUFFIXES.items():
            if label.endswith(suffix):
                credits.agency(agency)
                place = label[: -len(suffix)].strip()
                if place and set_dateline:
                    credits.dateline = credits.dateline or place
                return paragraph[m.end() :]
    m = _PAREN_LEAD.match(paragraph)
    if m and _credit_name(m.group("name"), credits):
        return paragraph[m.end() :]
    m = _PLACE_LEAD.match(paragraph)
    if m and _credit_name(m.group("name"), credits):
        if set_dateline:
            credits.dateline = credits.dateline or _name_case(m.group("place"))
        return paragraph[m.end() :]
    return paragraph


def _credit_name(name: str, credits: Credits) -> bool:
    found = False
    for part in re.split(r"\s*/\s*", name):
        agency, outlet = agency_of(part), outlet_of(part)
        if agency:
            credits.agency(agency)
            found = True
        elif outlet:
            credits.outlet = credits.outlet or outlet
            found = True
    return found


_ALIASES: list[tuple[str, str]] = sorted(
    ((alias, name) for name, aliases in lexicon.AGENCIES.items() for alias in (name, *aliases)),
    key=lambda pair: -len(pair[0]),
)
_CUE_BEFORE = re.compile(r"(?<![\w])(?i:" + _CUES + r")\s+$")
_VERB_AFTER = re.compile(r"\s*(?:,\s*)?(?i:" + _VERBS + r")(?![\w])")
_PAREN_BEFORE = re.compile(r"\(\s*(?:(?i:theo|nguồn)\s*:?\s*)?$")
_PAREN_AFTER = re.compile(r"\s*\)")


def _credited_at(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if _CUE_BEFORE.search(before) or _VERB_AFTER.match(after):
        return True
    return bool(_PAREN_BEFORE.search(before) and _PAREN_AFTER.match(after))


def _occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` standing as whole words in ``haystack``."""
    found = []
    at = haystack.find(needle)
    while at != -1:
        end = at + len(needle)
        if (at == 0 or not haystack[at - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        ):
            found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def scan_mentions(text: str, credits: Credits) -> None:
    """Agencies the running text credits ("Hãng thông tấn Jiji ... dẫn lời", "theo Reuters"),
    in the order the text first credits them. Aliases are found with plain string search; only
    their surroundings are matched against the cue and verb patterns."""
    folded = text.casefold()
    if len(folded) != len(text):  # offsets would not line up: compare case-sensitively
        folded = text
    hits: list[tuple[int, int, str]] = []
    for rank, (alias, name) in enumerate(_ALIASES):
        exact = alias.isupper() or len(alias) <= 3
        haystack, needle = (text, alias) if exact else (folded, alias.casefold())
        if needle not in haystack:
            continue
        for start in _occurrences(haystack, needle):
            if _credited_at(text, start, start + len(needle)):
                hits.append((start, rank, name))
                break
    for _start, _rank, name in sorted(hits):
        credits.agency(name)
