"""Titles and descriptions written by a provider, validated, with the extractive writer behind.

``ProviderWriter(provider, fallback).write(kind, story)`` has the extractive writer's interface.
The provider's answer must fit the slot (title ≤ 100 characters, description ≤ 250), be one
line, in the target language, not a refusal; on any failure (HTTP, budget, quota, malformed or
invalid answer) the fallback writes instead and the reason is kept in ``fallbacks``. The slug is
never asked of a model: newsdesk makes it from the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsdesk.errors import ProviderError
from newsdesk.model import Story
from newsdesk.report import StageReport
from newsdesk.translate.lexicon import CJK, REFUSALS

try:  # the analyse stage owns the slot sizes
    from newsdesk.analyse.lexicon import DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS
except ImportError:  # pragma: no cover - analyse is always installed with newsdesk
    TITLE_MAX_CHARS, DESCRIPTION_MAX_CHARS = 100, 250

SLOTS = {"title": TITLE_MAX_CHARS, "description": DESCRIPTION_MAX_CHARS}
MIN_CHARS = {"title": 12, "description": 40}


class Writer(Protocol):
    def write(self, kind: str, story: Story) -> str: ...


def validate(kind: str, text: str) -> str | None:
    """Why ``text`` cannot fill the ``kind`` slot, or None when it can."""
    if kind not in SLOTS:
        return f"unknown kind {kind!r}"
    if not text or not text.strip():
        return "empty answer"
    if "\n" in text.strip():
        return "more than one line"
    if len(text) > SLOTS[kind]:
        return f"{len(text)} characters, the {kind} slot holds {SLOTS[kind]}"
    if len(text) < MIN_CHARS[kind]:
        return f"{len(text)} characters, too short for a {kind}"
    if REFUSALS.search(text):
        return "a refusal, not a " + kind
    if CJK.search(text):
        return "not in the target language"
    return None


@dataclass
class ProviderWriter:
    """Asks ``provider`` first, ``fallback`` (the extractive writer) whenever that fails.

    The fallback's own title and description go into the prompt as context, so the model
    works from the same sentences the extractive writer chose, and the prompt of a story does
    not change from run to run (cached answers are reused)."""

    provider: Any
    fallback: Writer
    rule: str = ""
    fallbacks: list[tuple[str, str, str]] = field(default_factory=list)  # (story, kind, reason)
    context_writer: Writer | None = None  # whose words go into the prompt (default: fallback)

    def context(self, story: Story) -> str:
        source = self.context_writer or self.fallback
        lines = []
        for kind, label in (
            ("title", "Headline chosen from the sources"),
            ("description", "Lead chosen from the sources"),
        ):
            text = source.write(kind, story)
            if text:
                lines.append(f"{label}: {text}")
        return "\n".join(lines)

    def write(self, kind: str, story: Story) -> str:
        try:
            text = self.provider.write(kind, story, context=self.context(story))
        except ProviderError as e:
            return self._fall_back(kind, story, f"provider failed: {e}")
        text = re.sub(r"[ \t]+", " ", str(text)).strip()
        problem = validate(kind, text)
        if problem:
            return self._fall_back(kind, story, f"answer rejected: {problem}")
        return text

    def decide_use(self, story: Story) -> tuple[bool, str] | None:
        """(use, reason) from the provider under the configured rule; None on any failure
        (the caller keeps its own editorial gate)."""
        decide = getattr(self.provider, "decide_use", None)
        if decide is None:
            return None
        try:
            use, reason = decide(story, self.rule or None, context=self.context(story))
        except ProviderError as e:
            self.fallbacks.append((story.id, "use", f"provider failed: {e}"))
            return None
        if CJK.search(reason) or len(reason) > 300:
            self.fallbacks.append((story.id, "use", "reason rejected"))
            return None
        return use, reason

    def _fall_back(self, kind: str, story: Story, reason: str) -> str:
        self.fallbacks.append((story.id, kind, reason))
        return self.fallback.write(kind, story)


def write_stories(
    store: Any,
    settings: Any,
    *,
    provider: Any = None,
    progress: Any = None,
) -> StageReport:
    """Provider-written title and description for every analysed story (``publish --writer
    provider``), each validated; on any failure the words the analyse stage wrote (extractive)
    stay. The extractive writer's choices are the prompt's context, so the prompt does not drift
    and re-runs are served from the cache. The slug is left to publish. A story whose words do
    not change is not stored again."""
    from newsdesk.analyse.writer import ExtractiveWriter
    from newsdesk.translate.provider import ChatCompletionsProvider

    report = StageReport("write")
    own = provider is None
    if own:
        provider = ChatCompletionsProvider.from_settings(settings, store)
    current = _Current()
    writer = ProviderWriter(provider, fallback=current, rule=settings.use_rule)
    stories = [s for s in store.iter_stories() if s.title]
    try:
        for n, story in enumerate(stories, start=1):
            arts = {m.id: a for m in story.articles if (a := store.get_article(m.id)) is not None}
            unds = {
                m.id: u for m in story.articles if (u := store.get_understanding(m.id)) is not None
            }
            writer.context_writer = ExtractiveWriter(arts, unds)
            title = writer.write("title", story)
            description = writer.write("description", story)
            if settings.use_rule:
                decision = writer.decide_use(story)
                if decision is not None:
                    store.put_use_decision(
                        story.id,
                        decision[0],
                        decision[1],
                        rule=settings.use_rule,
                        provider=provider.name,
                        model=provider.model,
                    )
            if (title, description) == (story.title, story.description):
                report.unchanged += 1
            else:
                story.title_generated = story.title_generated or title != story.title
                story.title, story.description = title, description
                store.put_story(story)
                report.done += 1
            if progress:
                progress("write", n, len(stories))
    finally:
        if own:
            provider.close()
    for story_id, kind, reason in writer.fallbacks:
        report.notes.append(f"write: {story_id}: {kind} kept as analysed ({reason})")
    return report


class _Current:
    """The fallback of ``write_stories``: the words the analyse stage (or an earlier run) left."""

    def write(self, kind: str, story: Story) -> str:
        return story.title if kind == "title" else story.description
