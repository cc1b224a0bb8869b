"""Checks on every translated chunk: empty, refused, source script left beyond names, length ratio
out of range, protected tokens lost or repeated, headings lost. Each problem is one short phrase
naming what is wrong; the stage retries once with a stricter prompt, then flags for review."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newsdesk.translate.chunking import TOKEN, headings, tokens_in
from newsdesk.translate.lexicon import (
    BRACKETED_CJK,
    CJK,
    LENGTH_RATIO,
    LENGTH_RATIO_DEFAULT,
    MAX_CJK_CHARS,
    MAX_CJK_SHARE,
    RATIO_MIN_SOURCE_CHARS,
    RATIO_MIN_SOURCE_CHARS_DEFAULT,
    REFUSALS,
)

_LETTERS = re.compile(r"[^\W_]")


def letters(text: str) -> int:
    """Letters and digits, protected tokens left out."""
    return len(_LETTERS.findall(TOKEN.sub("", text)))


def leftover_script(output: str, allowed: Iterable[str] = ()) -> list[str]:
    """Runs of kana/kanji in ``output`` that are neither allowed names nor bracketed originals."""
    text = TOKEN.sub(" ", BRACKETED_CJK.sub(" ", output))
    for name in sorted(allowed, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    return re.findall(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]+", text)


def check_translation(
    source: str,
    output: str,
    *,
    source_language: str,
    allowed_names: Iterable[str] = (),
) -> list[str]:
    """Problems of ``output`` as a translation of ``source`` (both Markdown with ⟦n⟧ tokens)."""
    problems: list[str] = []
    if not output.strip():
        return ["empty answer"]
    if REFUSALS.search(output):
        return [f"refused or chatted instead of translating: {output.strip()[:60]!r}"]
    runs = leftover_script(output, allowed_names)
    left = sum(len(r) for r in runs)
    if (
        left > max(MAX_CJK_CHARS, MAX_CJK_SHARE * letters(output))
        and CJK.search(source) is not None
    ):
        sample = "".join(runs)[:20]
        problems.append(f"{left} characters still in the source script ({sample})")
    src_letters = letters(source)
    if src_letters >= RATIO_MIN_SOURCE_CHARS.get(source_language, RATIO_MIN_SOURCE_CHARS_DEFAULT):
        low, high = LENGTH_RATIO.get(source_language, LENGTH_RATIO_DEFAULT)
        ratio = letters(output) / src_letters
        if not low <= ratio <= high:
            problems.append(f"length ratio {ratio:.2f} outside {low}-{high} for {source_language}")
    expected, got = Counter(tokens_in(source)), Counter(tokens_in(output))
    lost = sorted(set(expected) - set(got))
    extra = sorted(n for n in got if got[n] > expected.get(n, 0))
    if lost:
        problems.append("protected spans lost: " + ", ".join(f"⟦{n}⟧" for n in lost))
    if extra:
        problems.append(
            "protected spans repeated or invented: " + ", ".join(f"⟦{n}⟧" for n in extra)
        )
    if headings(source) != headings(output):
        problems.append(
            f"headings changed: {' '.join(headings(source)) or 'none'} became "
            f"{' '.join(headings(output)) or 'none'}"
        )
    return problems
