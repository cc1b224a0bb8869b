"""Markdown-preserving chunking.

A document is cut into blocks at blank lines. Blocks a model must not touch (fenced and indented
code, tables, lines of images only, raw HTML, rules) are kept aside and stand in the text as a
token ``⟦n⟧``; inside the other blocks, images, links, inline code, autolinks, bare URLs and HTML
tags become tokens too. Blocks are packed, in order, into chunks of at most ``max_chars``; a
block larger than that is cut at sentence ends and its pieces glued back with a space.
``Plan.assemble`` puts translated chunks back together and the tokens back in place, so what
was protected comes out byte for byte as it went in. Headings stay headings (checked after
translation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"⟦\s*(\d+)\s*⟧")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_LINE = re.compile(r"^\s*\|")
_IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_LINKED_IMAGE_ONLY = re.compile(r"^\s*(?:\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)\s*)+$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_HTML_BLOCK = re.compile(r"^\s*<(?:!--|/?[a-zA-Z][^>]*>)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
# Inline spans protected inside translatable blocks, most specific first.
_INLINE = re.compile(
    r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)"  # linked image
    r"|!\[[^\]]*\]\([^)]*\)"  # image
    r"|\[[^\]\n]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)"  # link
    r"|`[^`\n]+`"  # inline code
    r"|<https?://[^>\s]+>"  # autolink
    r"|<[a-zA-Z/][^>\n]*>"  # inline HTML tag
    r"|https?://[^\s)\]>]+"  # bare URL
)
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;:])\s+(?=\S)")


@dataclass(slots=True)
class Chunk:
    index: int
    text: str  # with tokens in place of protected spans
    tokens: list[int] = field(default_factory=list)  # token numbers it contains


@dataclass(slots=True)
class Piece:
    kind: str  # "keep" (passthrough block) or "chunk" (index into Plan.chunks)
    value: str | int
    glue: str = "\n\n"  # what separates it from the previous piece


@dataclass
class Plan:
    chunks: list[Chunk]
    pieces: list[Piece]
    protected: dict[int, str]

    def assemble(self, translations: list[str]) -> str:
        """The document with every chunk replaced by its translation, tokens restored."""
        if len(translations) != len(self.chunks):
            raise ValueError(f"{len(translations)} translations for {len(self.chunks)} chunks")
        out: list[str] = []
        for piece in self.pieces:
            text = translations[piece.value] if piece.kind == "chunk" else piece.value
            assert isinstance(text, str)
            out.append((piece.glue if out else "") + text.strip("\n"))
        return restore(("".join(out)), self.protected)


def restore(text: str, protected: dict[int, str]) -> str:
    """Put protected spans back (repeatedly: a kept block may hold inline tokens)."""
    for _ in range(3):
        new = TOKEN.sub(lambda m: protected.get(int(m.group(1)), m.group(0)), text)
        if new == text:
            break
        text = new
    return text


def tokens_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in TOKEN.finditer(text)]


def split_blocks(markdown: str) -> list[tuple[str, bool]]:
    """(block, translatable) pairs, in order."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    blocks: list[tuple[str, bool]] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            blocks.append(("\n".join(buf), True))
            buf.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker, j = fence.group(1), i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(marker):
                j += 1
            blocks.append(("\n".join(lines[i : j + 1]), False))
            i = j + 1
            continue
        if _TABLE_LINE.match(line):
            flush()
            j = i
            while j < len(lines) and _TABLE_LINE.match(lines[j]):
                j += 1
            blocks.append(("\n".join(lines[i:j]), False))
            i = j
            continue
        if not line.strip():
            flush()
            i += 1
            continue
        if not buf and (line.startswith("    ") or line.startswith("\t")):
            j = i
            while j < len(lines) and lines[j].startswith(("    ", "\t")):
                j += 1
            blocks.append(("\n".join(lines[i:j]), False))
            i = j
            continue
        if _HEADING.match(line):  # a heading is a block of its own
            flush()
            blocks.append((line, True))
            i += 1
            continue
        buf.append(line)
        i += 1
    flush()
    return [(b, t and not _passthrough(b)) for b, t in blocks]


def _passthrough(block: str) -> bool:
    return all(
        _IMAGE_ONLY.match(line)
        or _LINKED_IMAGE_ONLY.match(line)
        or _RULE.match(line)
        or _HTML_BLOCK.match(line)
        or not line.strip()
        for line in block.split("\n")
    )


def _split_long(text: str, max_chars: int) -> list[str]:
    """Cut one long block at sentence ends into pieces of at most ``max_chars`` (when possible)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > max_chars:  # a "sentence" longer than the budget: cut it hard
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:max_chars])
            sentence = sentence[max_chars:]
        joined = current + (" " if current and not _is_cjk_end(current) else "") + sentence
        if current and len(joined) > max_chars:
            pieces.append(current)
            current = sentence
        else:
            current = joined
    if current:
        pieces.append(current)
    return [p.strip() for p in pieces if p.strip()]


def _is_cjk_end(text: str) -> bool:
    return bool(text) and ord(text[-1]) >= 0x3000


def plan(markdown: str, max_chars: int = 6000) -> Plan:
    """Cut ``markdown`` into chunks of at most ``max_chars`` with protected spans tokenised."""
    max_chars = max(200, int(max_chars))
    protected: dict[int, str] = {}

    def protect(span: str) -> str:
        n = len(protected)
        protected[n] = span
        return f"⟦{n}⟧"

    chunks: list[Chunk] = []
    pieces: list[Piece] = []
    current: list[str] = []

    def close_chunk() -> None:
        if not current:
            return
        text = "\n\n".join(current)
        chunks.append(Chunk(len(chunks), text, tokens_in(text)))
        pieces.append(Piece("chunk", len(chunks) - 1))
        current.clear()

    for block, translatable in split_blocks(markdown):
        if not translatable:
            if current:  # stands inside the chunk as one token
                current.append(protect(block))
            else:
                pieces.append(Piece("keep", block))
            continue
        text = _INLINE.sub(lambda m: protect(m.group(0)), block)
        size = sum(len(c) + 2 for c in current)
        if len(text) > max_chars:
            close_chunk()
            for k, part in enumerate(_split_long(text, max_chars)):
                chunks.append(Chunk(len(chunks), part, tokens_in(part)))
                pieces.append(Piece("chunk", len(chunks) - 1, "\n\n" if k == 0 else " "))
            continue
        if current and size + len(text) > max_chars:
            close_chunk()
        current.append(text)
    close_chunk()
    _fix_glue(pieces)
    return Plan(chunks, pieces, protected)


def _fix_glue(pieces: list[Piece]) -> None:
    """A chunk closed by a size limit still starts a new paragraph (glue already set)."""
    if pieces:
        pieces[0].glue = ""


def headings(markdown: str) -> list[str]:
    """The heading markers (``#``, ``##`` ...) of a text, in order, outside code fences."""
    found: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        m = _HEADING.match(line)
        if m and not fenced:
            found.append(m.group(1))
    return found
