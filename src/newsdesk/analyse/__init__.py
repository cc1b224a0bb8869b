"""Stage 5, analyse: what a story's articles say together.

    1. members     the story's articles that are not duplicates, with their understanding;
                   an undated member's day-month dates take their year from the story (undated)
                   and a relative date inside a passage about an earlier time is left out (stale)
    2. timeline    one event per thing that happened on a date, cited by every source (timeline)
    3. people      who's who, one entry per person (people)
    4. figures     the key numbers with their citations (figures)
    5. disagree    where sources give different values for the same thing (disagreements)
    6. words       title and description picked from the sources (writer.ExtractiveWriter)
    7. gate        ``use``: may this story be published (newsdesk.publish.gate)

``analyse_story`` is pure (records in, record out); ``analyse_pending`` runs it over the stories
the group stage marked as changed and stores the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from newsdesk.analyse import disagreements, figures, people, stale, timeline, undated
from newsdesk.analyse.text import by_id as _by_id
from newsdesk.analyse.text import story_docs
from newsdesk.analyse.writer import ExtractiveWriter
from newsdesk.errors import Rejected
from newsdesk.model import Article, Story, Understanding
from newsdesk.report import StageReport

if TYPE_CHECKING:
    from newsdesk.config import Settings
    from newsdesk.store import Store

Progress = Callable[[str, int, int], None]
STAGE = "analyse"
# Raise when the analysis itself changes: every story is analysed again on the next run.
ANALYSE_VERSION = 2
_STATE_VERSION = "analyse.version"

__all__ = ["ANALYSE_VERSION", "ExtractiveWriter", "analyse_pending", "analyse_story", "story_docs"]


def analyse_story(
    story: Story,
    articles: Mapping[str, Article] | Iterable[Article],
    understandings: Mapping[str, Understanding] | Iterable[Understanding],
    *,
    settings: Settings | None = None,
) -> Story:
    """The story with its analysis filled in. Raises ``Rejected`` when no member can be read."""
    arts = _by_id(articles, "id")
    unds = _by_id(understandings, "article_id")
    docs = story_docs(story, arts, unds)
    if not docs:
        raise Rejected(story.id, STAGE, "no member article has been understood yet")
    docs = undated.date_undated(docs)  # "16/10" in an undated member: the story's year
    docs = stale.drop_stale(docs)  # "tuần trước" in a reused paragraph about October
    fig_mentions = [m for d in docs for m in figures.mentions_of(d)]
    writer = ExtractiveWriter(arts, unds)
    title, generated = writer.title(story)
    result = Story.from_dict(story.as_dict())
    result.timeline = timeline.build_timeline(docs)
    result.people = people.build_people(docs)
    result.figures = figures.build_figures(fig_mentions)
    result.disagreements = disagreements.find_disagreements(fig_mentions)
    result.title = title
    result.title_generated = generated
    result.description = writer.description(story)
    from newsdesk.publish.gate import decide

    verdict = decide(result, arts, unds, settings)
    result.use = verdict.use
    result.use_reason = verdict.reason
    return result


def analyse_pending(
    store: Store, settings: Settings, *, progress: Progress | None = None
) -> StageReport:
    """Analyse every story the group stage changed since its last analysis."""
    report = StageReport(STAGE)
    if int(store.get_state(_STATE_VERSION, 0) or 0) != ANALYSE_VERSION:
        with store.transaction():
            store.execute("UPDATE stories SET analysed_version = 0")
            store.set_state(_STATE_VERSION, ANALYSE_VERSION)
    pending = list(store.stories_needing_analysis())
    total = len(pending)
    waiting = 0
    for done, item in enumerate(pending, 1):
        story = store.get_story(item) if isinstance(item, str) else item
        version = store.story_version(story.id) if story is not None else None
        if story is None:
            report.reject(str(item), "story vanished before analysis")
            continue
        arts: dict[str, Article] = {}
        unds: dict[str, Understanding] = {}
        for member in story.articles:
            a = store.get_article(member.id)
            u = store.get_understanding(member.id)
            if a is not None:
                arts[member.id] = a
            if u is not None:
                unds[member.id] = u
        if not story_docs(story, arts, unds):
            # nothing understood yet (e.g. articles awaiting translation): not an error, it waits
            waiting += 1
            report.unchanged += 1
            if progress:
                progress(STAGE, done, total)
            continue
        try:
            analysed = analyse_story(story, arts, unds, settings=settings)
        except Rejected as e:
            store.add_reject(e.item, e.stage, e.reason)
            report.reject(e.item, e.reason)
        else:
            with store.transaction():
                store.put_story(analysed)
                store.mark_story_analysed(analysed.id, version)
            report.done += 1
        if progress:
            progress(STAGE, done, total)
    if waiting:
        report.notes.append(
            f"{waiting} stories wait for an understood article (awaiting translation?)"
        )
    if total == 0:
        report.notes.append("no story changed since the last analysis")
    return report
