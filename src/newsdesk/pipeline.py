"""Runs the stages, incrementally, over the store.

The order is written here and nowhere else:

    1. ingest      sources -> read -> clean -> Article (with language)      newsdesk.sources
    2. translate   non-target-language articles, when a provider is set     newsdesk.translate
    3. understand  sentences, entities, dates, figures, quotes              newsdesk.understand
    4. group       duplicates folded, articles into stories                 newsdesk.group
    5. analyse     timeline, who's who, figures, disagreements, title       newsdesk.analyse
    6. publish     posts (frontmatter Markdown) and the static site         newsdesk.publish
    7. index       the search index the web reader reads                    newsdesk.store.search

Each stage reads what is new from the store and writes its output back in transactions, so a run
can stop anywhere and resume, and running again on the same input changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from newsdesk.config import Settings
from newsdesk.report import StageReport
from newsdesk.store import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def run(
    store: Store,
    paths: Sequence[str],
    settings: Settings,
    *,
    publish: bool = True,
    out: Path | None = None,
    progress: Progress | None = None,
) -> list[StageReport]:
    """Run stages 1-7 on ``paths`` (plus whatever the store already holds)."""
    from newsdesk.analyse import analyse_pending
    from newsdesk.group import group_pending
    from newsdesk.publish import publish_pending, write_site
    from newsdesk.sources.files import ingest_paths
    from newsdesk.translate import provider_configured, translate_pending
    from newsdesk.translate.glossary import link_renderings
    from newsdesk.understand import understand_pending

    reports: list[StageReport] = []
    if paths:
        reports.append(ingest_paths(store, paths, settings, progress=progress))
    if provider_configured(settings):
        reports.append(translate_pending(store, settings, progress=progress))
    reports.append(understand_pending(store, settings, progress=progress))
    # names learnt while translating (高市早苗 -> Takaichi) join the registry entities that the
    # understand stage has just made, before grouping joins stories on them
    link_renderings(store)
    reports.append(group_pending(store, settings, progress=progress))
    reports.append(analyse_pending(store, settings, progress=progress))
    if publish:
        target = Path(out or settings.out)
        reports.append(publish_pending(store, settings, out=target, progress=progress))
        reports.append(write_site(store, settings, out=target / "site", progress=progress))
    counts = store.update_search_index()
    reports.append(StageReport("index", done=counts["articles"] + counts["stories"], unchanged=0))
    return reports
