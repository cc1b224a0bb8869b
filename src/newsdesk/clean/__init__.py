"""Clean: everything in a draft that is not running text moves out of the body into fields.

``clean(draft) -> Article`` runs, per section of the draft:

    1. paragraphs      split the raw text (blank lines, lines, Markdown blocks)
    2. structure       images (``![](src)``, table residue ``![]() |``) with their caption rows
                       and credit lines; caption paragraphs ("… Ảnh: AP", "(Nguồn: AFP)");
                       link-only lines and trailing ``| … |`` rows into ``related``; repeated
                       headings and sub-headings out; inline Markdown to plain text
    3. end matter      "./.", source lines, bylines (authors, outlet, dateline)
    4. lead prefixes   "[Thời sự X]", "(Bloomberg):", "(Dân trí) -"
then over the whole article:
    5. mentions        agencies the text credits ("Hãng thông tấn Jiji ... dẫn lời")
    6. fields          title (or a generated one, marked as such), language, id

A draft with no running text left raises ReadError.
"""

from __future__ import annotations

import re
from itertools import islice

from newsdesk.clean.captions import leading_caption, parse_caption, parse_credit_line
from newsdesk.clean.credits import (
    Credits,
    agency_of,
    outlet_of,
    scan_mentions,
    take_end_matter,
    take_lead_prefix,
)
from newsdesk.clean.paragraphs import inline_images, plain, split_paragraphs, tidy
from newsdesk.clean.related import RelatedCollector, is_table_row, row_cells
from newsdesk.errors import ReadError
from newsdesk.model import Article, Image, Related, Section
from newsdesk.read import lexicon
from newsdesk.read.draft import Draft
from newsdesk.read.headline import date_line
from newsdesk.read.ids import article_id

_SUBHEADING = re.compile(r"^#{1,6}\s+")
_LIST_MARK = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?(?=\s+[\"“]?[A-ZĐÀ-Ỹ])|[。！？](?=.)")


def clean(draft: Draft) -> Article:
    """One draft to one clean Article (NFC, running text only in ``body``)."""
    credits = Credits()
    published = draft.published
    for name in draft.authors:
        credits.author(tidy(name))
    images: list[Image] = list(draft.images)
    related = RelatedCollector()
    merged = sum(1 for s in draft.sections if s.heading) >= 1
    sections: list[Section] = []
    for index, section in enumerate(draft.sections):
        heading = plain(section.heading) if section.heading else None
        paragraphs = split_paragraphs(section.text, markdown=draft.markdown)
        is_last = index == len(draft.sections) - 1
        texts = _structure(paragraphs, heading, draft, images, related, trailing=is_last)
        texts = take_end_matter(texts, credits)
        while texts and date_line(texts[0]):  # a date line above the text (pages, wires)
            stated = date_line(texts.pop(0))
            published = published or stated
        if texts:
            texts[0] = take_lead_prefix(texts[0], credits, set_dateline=not merged)
            first = leading_caption(texts[0]) if not draft.markdown else None
            if first:
                images.append(Image(src="", caption=first[0], credit=first[1]))
                texts[0] = first[2]
        texts = [t for t in (tidy(t) for t in texts) if t]
        if texts or heading:
            sections.append(Section(heading=heading, text="\n\n".join(texts)))
    body = "\n\n".join(s.text for s in sections if s.text)
    if not _LETTERS.search(body):
        raise ReadError(draft.source, "no running text left after cleaning")
    words = sum(1 for _ in islice(_LETTERS.finditer(body), lexicon.MIN_BODY_WORDS))
    if words < lexicon.MIN_BODY_WORDS:  # no spaces in CJK text: two characters count as a word
        words += len(_CJK.findall(body[:400])) // 2
    if words < lexicon.MIN_BODY_WORDS:
        raise ReadError(draft.source, f"too little running text to be an article: {body[:60]!r}")
    scan_mentions(body, credits)
    title = plain(draft.title) if draft.title else None
    outlet = _outlet(draft.outlet) or credits.outlet
    language = _language(title, body)
    return Article(
        id=article_id(body, title=title, published=published),
        source=draft.source,
        shape=draft.shape,
        body=body,
        language=language,
        title=title or None,
        generated_title=None if title else generated_title(body),
        published=published,
        outlet=outlet,
        authors=credits.authors,
        dateline=credits.dateline,
        credited_agencies=credits.agencies,
        images=_unique_images(images),
        related=related.items,
        sections=sections if merged else [],
        frontmatter=draft.frontmatter,
        url=draft.url,
    )


def _structure(
    paragraphs: list[str],
    heading: str | None,
    draft: Draft,
    images: list[Image],
    related: RelatedCollector,
    *,
    trailing: bool,
) -> list[str]:
    """Running-text paragraphs of one section; images, captions and related rows taken out."""
    texts: list[str] = []
    pending: Image | None = None  # the last image, waiting for its caption or credit
    seen = {_key(heading), _key(draft.title)} - {""}
    longest_seen = max((len(t) for t in (heading, draft.title) if t), default=0) + 20
    rows_start = _trailing_rows_start(paragraphs) if trailing else len(paragraphs)
    in_related = False
    for position, paragraph in enumerate(paragraphs):
        if position >= rows_start:
            related.add_row(row_cells(paragraph))
            continue
        if in_related:
            if not related.add_line(paragraph):
                in_related = False
            else:
                continue
        if related.is_heading(paragraph):
            in_related = True
            continue
        rest, found = inline_images(paragraph)
        if found:
            for alt, src in found:
                pending = Image(src=src, caption=alt or None)
                images.append(pending)
            paragraph = rest.strip(" |")
            if not paragraph:
                continue
        if is_table_row(paragraph):
            cells = row_cells(paragraph)
            if not cells:
                continue
            caption = parse_caption(cells)
            if pending is not None and pending.caption is None:
                pending.caption, pending.credit = caption if caption else (cells, None)
                continue
            if caption:
                images.append(Image(src="", caption=caption[0], credit=caption[1]))
                continue
            paragraph = cells
        if _SUBHEADING.match(paragraph):
            if not draft.subheadings_in_body:
                continue
            paragraph = _SUBHEADING.sub("", paragraph).strip(" #")
        if draft.markdown:
            paragraph = _LIST_MARK.sub("", paragraph)
        credit = parse_credit_line(paragraph)
        if credit:
            if pending is not None and pending.credit is None:
                pending.credit = credit
            else:
                images.append(Image(src="", credit=credit))
            continue
        if related.link_line(paragraph):
            continue
        text = plain(related.trailing_link(paragraph))
        if not text or (seen and len(text) <= longest_seen and _key(text) in seen):
            continue
        caption = parse_caption(text)
        if caption:
            if pending is not None and pending.caption is None and pending.credit is None:
                pending.caption, pending.credit = caption
            else:
                images.append(Image(src="", caption=caption[0], credit=caption[1]))
            pending = None
            continue
        pending = None
        texts.append(text)
    return texts


def _trailing_rows_start(paragraphs: list[str]) -> int:
    """Index where the run of ``| … |`` rows closing the document begins (len when none)."""
    start = len(paragraphs)
    while start > 0 and is_table_row(paragraphs[start - 1]) and row_cells(paragraphs[start - 1]):
        start -= 1
    if start == len(paragraphs) or start == 0:
        return len(paragraphs)
    previous = paragraphs[start - 1]
    if inline_images(previous)[1]:  # an image's caption row, not a related block
        return len(paragraphs) if start + 1 == len(paragraphs) else start + 1
    return start


def _key(text: str | None) -> str:
    return re.sub(r"\W+", " ", plain(text)).strip().casefold() if text else ""


def _outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = tidy(name)
    return outlet_of(name) or agency_of(name) or name


def generated_title(body: str) -> str | None:
    """A title made from the lead: its first sentence, at most 120 characters, cut on a word."""
    lead = body.split("\n\n", 1)[0].strip()
    if not lead:
        return None
    m = _SENTENCE_END.search(lead)
    sentence = lead[: m.start() + 1] if m else lead
    sentence = sentence.rstrip(" .。")
    limit = lexicon.GENERATED_TITLE_MAX
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def _language(title: str | None, body: str) -> str | None:
    from newsdesk.understand.lang import detect_language

    sample = ((title or "") + "\n" + body)[: lexicon.LANG_SAMPLE_CHARS]
    return detect_language(sample)


def _unique_images(images: list[Image]) -> list[Image]:
    out: list[Image] = []
    by_src: dict[str, Image] = {}
    for image in images:
        if image.caption and not image.credit:
            split = parse_caption(image.caption)
            if split:
                image.caption, image.credit = split
        if image.src and image.src in by_src:
            kept = by_src[image.src]
            kept.caption = kept.caption or image.caption
            kept.credit = kept.credit or image.credit
            continue
        if image.src:
            by_src[image.src] = image
        out.append(image)
    return out


__all__ = ["Related", "clean", "generated_title"]
