"""The prompts, versioned. Changing a prompt's wording means bumping its version: the version is
part of every cache key, so answers to an old prompt are never served for a new one."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.model import Story
from newsdesk.translate.lexicon import LANGUAGE_NAMES

TRANSLATE_VERSION = "translate-v1"
TRANSLATE_STRICT_VERSION = "translate-strict-v1"
WRITE_VERSION = {"title": "title-v1", "description": "description-v1", "use": "use-v1"}

Message = dict[str, str]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def translate_messages(
    text: str,
    source: str,
    target: str,
    glossary_lines: Sequence[str],
    *,
    strict: bool = False,
    problems: Sequence[str] = (),
) -> list[Message]:
    """Messages asking for a faithful news translation of one Markdown chunk."""
    src, tgt = language_name(source), language_name(target)
    rules = [
        f"You translate news articles from {src} into {tgt} for a {tgt} newsroom.",
        "Translate faithfully and completely: every sentence, every figure, every date. "
        "Do not summarise, add, explain or comment.",
        "Keep the Markdown exactly: one output paragraph per input paragraph, headings stay "
        "headings with the same number of '#', list items stay list items.",
        "Tokens like ⟦3⟧ stand for images, links, code or tables: copy each one unchanged, "
        "exactly once, where it belongs.",
        f"Write people, places and organisations as the {tgt} press does.",
        "Answer with the translation only.",
    ]
    if glossary_lines:
        rules.append(
            "Use these renderings, exactly as written:\n"
            + "\n".join(f"- {g}" for g in glossary_lines)
        )
    if strict:
        rules.append(
            f"Your previous answer was rejected. The answer must be entirely in {tgt}: no "
            f"{src} characters left except inside ⟦n⟧ tokens, nothing before or after the "
            "translation, nothing left out."
        )
        if problems:
            rules.append("Problems found: " + "; ".join(problems))
    return [
        {"role": "system", "content": "\n".join(rules)},
        {"role": "user", "content": text},
    ]


def _story_facts(story: Story, context: str = "", limit: int = 4000) -> str:
    """What the model may use: the story's cited facts (never its current title, which may be
    the model's own from an earlier run: the prompt must not drift) and the caller's context."""
    lines: list[str] = [context.strip()] if context.strip() else []
    for event in story.timeline[:12]:
        lines.append(f"- {event.date}: {event.text}")
    people = ", ".join(
        p.name + (f" ({', '.join(p.roles[:2])})" if p.roles else "") for p in story.people[:8]
    )
    if people:
        lines.append(f"People: {people}")
    for figure in story.figures[:8]:
        lines.append(f"Figure: {figure.text}" + (f" ({figure.of})" if figure.of else ""))
    for d in story.disagreements[:4]:
        lines.append(f"Sources disagree on {d.topic}: " + " / ".join(s.value for s in d.sides))
    lines.append(f"Articles: {len(story.articles)}")
    text = "\n".join(lines)
    return text[:limit]


def write_messages(
    kind: str, story: Story, *, slot: int, target: str, rule: str = "", context: str = ""
) -> list[Message]:
    """Messages asking for a headline, a summary, or the ``use`` decision of a story."""
    lang = language_name(target)
    facts = _story_facts(story, context)
    if kind == "title":
        ask = (
            f"Write one news headline in {lang} for this story: at most {slot} characters, one "
            "line, no quotes, no trailing full stop, only facts given below."
        )
    elif kind == "description":
        ask = (
            f"Write a one- or two-sentence summary in {lang} of this story: at most {slot} "
            "characters, one paragraph, only facts given below."
        )
    elif kind == "use":
        ask = (
            "Decide whether this story should be published, following the rule below. Answer "
            'with JSON only: {"use": true or false, "reason": "<one sentence>"}.\n'
            f"Rule: {rule or 'publish stories that are factual, newsworthy and well sourced.'}"
        )
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return [
        {"role": "system", "content": "You are a careful news editor. " + ask},
        {"role": "user", "content": facts},
    ]


def check_messages() -> list[Message]:
    return [
        {
            "role": "system",
            "content": "Translate into Vietnamese. Answer with the translation only.",
        },
        {"role": "user", "content": "Good morning."},
    ]
