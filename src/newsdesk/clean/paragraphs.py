"""Splitting raw text into paragraphs, and the inline Markdown that is not text."""

from __future__ import annotations

import re

_BLANK = re.compile(r"\n[ \t\xa0]*\n")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
_TERMINAL = tuple('.!?:;"”’)…|')
_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_STRAY_LINK_END = re.compile(r"\]\((?:https?://|/)[^)\s]*\)")
_UNCLOSED_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\((?:https?://|/)[^)\s]*(?=\s|$)")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_INLINE_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*([^)\s]*)\s*(?:\"[^\"]*\")?\)")
_DOT_BEFORE_WORD = re.compile(r"\.(?=\w\w)")
_STRUCTURAL = re.compile(r"^(?:[|!#>]|\[|[-*+] |\d+[.)] |```)")


def split_paragraphs(text: str, *, markdown: bool = False) -> list[str]:
    """Paragraphs of ``text``. Blocks are separated by blank lines; inside a block each line is
    a paragraph, except a line that plainly continues the one before (hard-wrapped text) and, in
    Markdown, every line that is not structural (image, heading, table row, list item)."""
    paragraphs: list[str] = []
    for block in _BLANK.split(text):
        current: str | None = None
        for raw in block.split("\n"):
            line = tidy(raw)
            if not line:
                continue
            if current is not None and _continues(current, line, markdown):
                current = current + " " + line
                continue
            if current:
                paragraphs.append(current)
            current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str, markdown: bool) -> bool:
    if _STRUCTURAL.match(line) or _STRUCTURAL.match(previous):
        return False
    if markdown:
        return True
    return not previous.endswith(_TERMINAL) and line[0].islower()


def tidy(text: str) -> str:
    """One line of text with invisible characters removed and spaces collapsed."""
    if any(c in text for c in _INVISIBLE_CHARS):
        text = text.translate(_INVISIBLE)
    if "\u3000" in text:  # the ideographic space is part of Japanese typography: keep it
        return "\u3000".join(" ".join(part.split()) for part in text.split("\u3000")).strip()
    return " ".join(text.split())


def inline_images(paragraph: str) -> tuple[str, list[tuple[str, str]]]:
    """Remove ``![alt](src)`` from a paragraph; return the rest and the (alt, src) pairs."""
    found = [(m.group(1).strip(), m.group(2).strip()) for m in _INLINE_IMAGE.finditer(paragraph)]
    if not found:
        return paragraph, []
    return tidy(_INLINE_IMAGE.sub(" ", paragraph)), found


def _unglue(m: re.Match[str]) -> str:
    """ "lãnh đạo.Trong" -> "lãnh đạo. Trong"; "TP.HCM", "v.v.", "vnexpress.net" stay."""
    text, i = m.string, m.start()
    before, after = text[max(0, i - 2) : i], text[i + 1 : i + 3]
    glued = len(before) == 2 and before.isalpha() and before.islower()
    return ". " if glued and after[0].isupper() and after[1].islower() else "."


def plain(text: str) -> str:
    """Inline Markdown to plain text: links keep their words, emphasis marks go, and a sentence
    glued to the one before ("lãnh đạo.Trong") gets its space back."""
    if "." in text:
        text = _DOT_BEFORE_WORD.sub(_unglue, text)
    if "[" in text or "](" in text:
        text = _LINK.sub(lambda m: m.group(1), text)
        text = _UNCLOSED_LINK.sub(lambda m: m.group(1), text)
        text = _STRAY_LINK_END.sub("", text)
    if "*" in text or "__" in text:
        for _ in range(2):  # "***x***" is bold inside italics
            text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
        if not any(c.isalnum() for c in text):
            return ""
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    return tidy(text)
