"""The translate stage: originals in another language than the target, through a provider.

    1. queue     every current article whose language is not ``target_language`` (never dropped)
    2. read      Japanese sources through sudachipy: sentences and names (glossary, name hints)
    3. chunk     the article as Markdown, protected spans tokenised (``chunking.plan``)
    4. translate each chunk (concurrently), fix names by the glossary, check the answer;
                 on a problem ask once more with a stricter prompt, then flag for review
    5. store     the translation as a new Article (``translation_of`` = original, source
                 ``<original source>#vi``), the original untouched, in one transaction

A spent budget or key ring stops the run cleanly: the article in hand and the rest stay queued,
and the chunks already answered are in the cache, so the next run pays only for what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from newsdesk.config import Settings
from newsdesk.errors import BudgetExhausted, ConfigError, OutputCheckFailed, ProviderError
from newsdesk.model import Article, Image, Section
from newsdesk.read.ids import article_id
from newsdesk.report import StageReport
from newsdesk.translate import reading
from newsdesk.translate.checks import check_translation
from newsdesk.translate.chunking import plan, split_blocks
from newsdesk.translate.glossary import Glossary, Term, link_renderings, load_glossary
from newsdesk.translate.lexicon import CJK
from newsdesk.translate.provider import ChatCompletionsProvider, provider_configured
from newsdesk.translate.retry import KeysExhausted

Progress = Callable[[str, int, int], None]
STAGE = "translate"


@dataclass
class ChunkResult:
    text: str
    fixes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class ArticleResult:
    article: Article
    fixes: list[str]
    problems: list[str]
    renderings: list[Term]


def awaiting_translation(store: Any, target: str = "vi") -> list[str]:
    """Ids of current originals in another language than ``target`` that have no translation yet
    (queued or not), in arrival order. Read-only: safe on a read-only store (the web reader)."""
    return store.untranslated_ids(target)


# --------------------------------------------------------------------------- the stage


def translate_pending(
    store: Any,
    settings: Settings,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    provider: Any = None,
) -> StageReport:
    """Translate queued originals (at most ``limit``) into ``settings.target_language``."""
    report = StageReport(STAGE)
    target = settings.target_language
    link_renderings(store)  # names learnt last run whose entities the understand stage made since
    store.queue_untranslated(target)
    queue = store.translation_queue("awaiting")
    report.unchanged = len(store.translation_queue("translated"))
    if limit is not None:
        queue = queue[: max(0, limit)]
    if not queue:
        return report
    own = provider is None
    if own:
        if not provider_configured(settings):
            raise ConfigError(
                f"{len(queue)} article(s) await translation but no provider is configured: set "
                "provider_base_url and provider_model (see docs/translation.md)"
            )
        provider = ChatCompletionsProvider.from_settings(settings, store)
    glossary = load_glossary(settings, store)
    workers = max(1, int(settings.provider_concurrency))
    if progress:
        progress(STAGE, 0, len(queue))
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="translate") as pool:
            for n, original_id in enumerate(queue, start=1):
                original = store.get_article(original_id)
                if original is None:  # pragma: no cover - the queue joins on articles
                    continue
                try:
                    result = translate_article(original, provider, glossary, settings, pool=pool)
                except (BudgetExhausted, KeysExhausted) as e:
                    left = len(store.translation_queue("awaiting"))
                    report.notes.append(
                        f"translate: stopped: {e}. {left} article(s) stay queued; run "
                        "`newsdesk translate` again (answers already paid for are cached)."
                    )
                    break
                except ProviderError as e:
                    left = len(store.translation_queue("awaiting"))
                    report.reject(original_id, f"provider failed: {e}")
                    store.add_reject(original_id, STAGE, f"provider failed: {e}")
                    report.notes.append(
                        f"translate: stopped on a provider error; {left} article(s) stay queued."
                    )
                    break
                _store_result(store, original, result, report)
                if progress:
                    progress(STAGE, n, len(queue))
    finally:
        if own:
            provider.close()
    link_renderings(store)
    budget = getattr(provider, "budget", None)
    if budget is not None and budget.requests:
        report.notes.append(f"translate: provider use this run: {budget.summary()}")
    return report


def _store_result(
    store: Any, original: Article, result: ArticleResult, report: StageReport
) -> None:
    """One transaction: the translation (or the flagged draft), its reject, learnt names."""
    with store.transaction():
        if result.problems:
            reason = "translation flagged for review: " + "; ".join(dict.fromkeys(result.problems))
            store.flag_translation(
                original.id, result.problems, draft=result.article, notes=result.fixes
            )
            store.add_reject(original.id, STAGE, reason)
            report.reject(original.id, reason)
            return
        store.store_translation(original.id, result.article, notes=result.fixes)
        for term in result.renderings:  # only from translations that passed their checks
            store.add_name_rendering(
                term.source,
                term.target,
                kind=term.kind,
                origin=term.origin,
                article_id=original.id,
            )
    report.done += 1


def accept_translation(store: Any, original_id: str) -> str:
    """Accept a flagged translation as it is (after review); returns the translation's id."""
    row = store.translation_status(original_id)
    if row is None or row["status"] != "flagged" or not row["draft"]:
        raise ConfigError(f"{original_id}: no flagged translation to accept")
    translation = Article.from_dict(row["draft"])
    store.store_translation(
        original_id, translation, notes=[*row["notes"], "accepted after review"]
    )
    return translation.id


# --------------------------------------------------------------------------- one article


def to_markdown(article: Article) -> str:
    """The article as one Markdown text: ``# title``, then ``## heading`` sections or the body."""
    parts: list[str] = []
    if article.title and article.title.strip():
        parts.append("# " + " ".join(article.title.split()))
    if article.sections:
        for section in article.sections:
            if section.heading:
                parts.append("## " + section.heading.strip())
            parts.append(section.text.strip())
    else:
        parts.append(article.body.strip())
    return "\n\n".join(p for p in parts if p)


def from_markdown(markdown: str, original: Article) -> tuple[str | None, str, list[Section]]:
    """(title, body, sections) back from a translated ``to_markdown`` text."""
    blocks = [b for b, _ in split_blocks(markdown)]
    title: str | None = None
    if original.title and blocks and blocks[0].startswith("# "):
        title = blocks.pop(0)[2:].strip()
    paragraphs: list[str] = []
    sections: list[Section] = []
    for block in blocks:
        if original.sections and block.startswith("## "):
            sections.append(Section(block[3:].strip(), ""))
            continue
        paragraphs.append(block.strip())
        if original.sections:
            if not sections:
                sections.append(Section(None, ""))
            last = sections[-1]
            last.text = (last.text + "\n\n" + block.strip()).strip()
    return title, "\n\n".join(p for p in paragraphs if p), sections


def _article_glossary(glossary: Glossary, found: list[reading.Name]) -> Glossary:
    """The glossary plus this article's names read by sudachipy: an unknown name gets its
    romanized reading as a hint; a registry name read in the press's order is written so."""
    local = Glossary(dict(glossary.terms))
    for name in found:
        if not name.rendering:
            continue
        known = local.terms.get(name.surface)
        if known is None:
            local.add(
                Term(name.surface, name.rendering, name.kind, origin="reading", enforced=False)
            )
        elif (
            known.origin == "registry"
            and name.rendering != known.target
            and any(name.rendering.casefold() == form.casefold() for form in known.also)
        ):
            local.add(
                Term(
                    name.surface,
                    name.rendering,
                    known.kind,
                    (known.target,),
                    origin="registry",
                    enforced=known.enforced,
                )
            )
    return local


def translate_article(
    original: Article,
    provider: Any,
    glossary: Glossary,
    settings: Settings,
    *,
    pool: ThreadPoolExecutor | None = None,
) -> ArticleResult:
    """Translate one article; problems left after the strict retry are returned, not raised."""
    source = original.language or "und"
    target = settings.target_language
    markdown = to_markdown(original)
    found = reading.names(markdown) if source == "ja" else []
    local = _article_glossary(glossary, found)
    layout = plan(markdown, settings.provider_chunk_chars)

    def one(text: str) -> ChunkResult:
        return translate_chunk(provider, text, source, target, local, item=original.id)

    results = (
        list(pool.map(one, [c.text for c in layout.chunks]))
        if pool
        else [one(c.text) for c in layout.chunks]
    )
    translated = layout.assemble([r.text for r in results])
    title, body, sections = from_markdown(translated, original)
    fixes = [f for r in results for f in r.fixes]
    problems = [p for r in results for p in r.problems]
    if original.title and not title:
        problems.append("the title was lost in translation")
    images, caption_problems = _captions(original, provider, source, target, local)
    problems += caption_problems
    data = original.as_dict()
    data.update(
        id=article_id(
            body,
            title=title,
            published=original.published,
            salt=f"translation:{target}:{original.id}",
        ),
        source=f"{original.source}#{target}",
        language=target,
        title=title,
        generated_title=None,
        body=body,
        sections=[s.as_dict() for s in sections],
        images=[i.as_dict() for i in images],
        frontmatter=None,
        translation_of=original.id,
    )
    renderings = [
        t
        for t in local.found_in(markdown)
        if t.kind in ("person", "place", "organization") and t.target in translated
    ]
    return ArticleResult(Article.from_dict(data), fixes, problems, renderings)


def translate_chunk(
    provider: Any, text: str, source: str, target: str, glossary: Glossary, *, item: str = ""
) -> ChunkResult:
    """Translate, fix names, check; once more with a stricter prompt when a check fails."""
    first = _attempt(provider, text, source, target, glossary, item=item)
    if not first.problems:
        return first
    second = _attempt(provider, text, source, target, glossary, item=item, problems=first.problems)
    return second


def _attempt(
    provider: Any,
    text: str,
    source: str,
    target: str,
    glossary: Glossary,
    *,
    item: str,
    problems: list[str] | None = None,
) -> ChunkResult:
    kwargs: dict[str, Any] = {"item": item}
    if problems is not None:
        kwargs.update(strict=True, problems=problems)
    try:
        output = provider.translate(text, source, target, glossary, **kwargs)
    except OutputCheckFailed as e:
        return ChunkResult("", [], [str(e)])
    output, fixes, name_problems = glossary.enforce(text, output)
    found = check_translation(text, output, source_language=source)
    return ChunkResult(output, fixes, found + name_problems)


def _captions(
    original: Article, provider: Any, source: str, target: str, glossary: Glossary
) -> tuple[list[Image], list[str]]:
    """Image captions in the source script, translated in one request (credits untouched)."""
    images = [Image.from_dict(i.as_dict()) for i in original.images]
    todo = [i for i in images if i.caption and CJK.search(i.caption)]
    if not todo:
        return images, []
    text = "\n\n".join(" ".join((i.caption or "").split()) for i in todo)
    result = translate_chunk(provider, text, source, target, glossary, item=original.id)
    parts = [p.strip() for p in result.text.split("\n\n") if p.strip()]
    if result.problems or len(parts) != len(todo):
        return images, [f"captions: {p}" for p in result.problems] or [
            f"captions: {len(todo)} sent, {len(parts)} came back"
        ]
    for image, caption in zip(todo, parts, strict=True):
        image.caption = caption
    return images, []
