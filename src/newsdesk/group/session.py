"""One grouping run over a list of articles: copies first, then stories. Used by both the
production stage (``group_pending``) and the evaluation, so they share every line and parameter.

Order inside a run: articles sorted by publication (undated last, then arrival), so the same
input in the same order always gives the same stories. With more than one article, document
frequencies of the whole run are counted first ("batch"); with one article per run ("stream")
IDF is what the stream has seen so far.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdesk.group.cluster import Grouper
from newsdesk.group.dedup import Deduper, Signature, signature
from newsdesk.group.features import Doc, article_doc
from newsdesk.model import Article, Understanding

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Outcome:
    article_id: str
    story_id: str | None  # None for a copy: it lives in its original's story
    score: float
    reason: str
    duplicate_of: str | None = None
    exact_key: str = ""
    signature: Signature | None = None  # kept for near-copy checks of later runs (originals)


class Session:
    def __init__(self, grouper: Grouper, deduper: Deduper) -> None:
        self.grouper = grouper
        self.deduper = deduper
        self.params = grouper.params

    def run(
        self,
        items: Sequence[tuple[Article, Understanding | None]],
        *,
        progress: Progress | None = None,
    ) -> list[Outcome]:
        docs: list[Doc] = [article_doc(a, u, self.params) for a, u in items]
        order = sorted(
            range(len(docs)),
            key=lambda i: (
                docs[i].day is None,
                docs[i].day if docs[i].day is not None else math.inf,
                i,
            ),
        )
        outcomes: dict[int, Outcome] = {}
        originals: list[int] = []
        sigs: dict[int, Signature] = {}
        for i in order:
            doc = docs[i]
            sig = signature(doc.id, doc.day, doc.body, self.params)
            sigs[i] = sig
            copy = self.deduper.find(sig)
            if copy is not None:
                outcomes[i] = Outcome(
                    doc.id, None, round(copy.containment, 4), copy.reason, copy.original, sig.exact
                )
                continue
            self.deduper.add(sig)
            originals.append(i)
        batch = len(originals) > 1
        if batch:
            for i in originals:
                self.grouper.observe(docs[i])
        total = len(docs)
        done = total - len(originals)
        for i in originals:
            decision = self.grouper.assign(docs[i], observed=batch)
            outcomes[i] = Outcome(
                docs[i].id,
                decision.story_id,
                decision.score,
                decision.reason,
                None,
                sigs[i].exact,
                sigs[i],
            )
            done += 1
            if progress is not None and (done % 200 == 0 or done == total):
                progress("group", done, total)
        self.grouper.settle()  # the stories this run touched, checked once more
        return [outcomes[i] for i in range(len(docs))]
