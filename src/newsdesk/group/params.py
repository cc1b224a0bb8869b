"""Every threshold and weight of the grouping stage, fixed once on VMDS and documented.

Nothing here is tuned per dataset. ``docs/grouping.md`` explains each value and how it was chosen.
Two values are user settings (``group_threshold``, ``group_window_days``); the rest are the
algorithm's constants, kept here apart from the logic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class GroupParams:
    # ---- features: which words count and how much ------------------------------------------
    title_weight: float = 2.0  # a title word counts twice a body word
    lead_weight: float = 1.5  # the lead (first paragraph) counts one and a half times
    lead_chars: int = 400  # when the body has no paragraph breaks, the lead is its first ~400 chars
    # The similarity of two articles is a weighted sum of cosines over separate channels:
    # the whole text (title + lead + body), the head alone (title + lead), and names/dates/figures.
    text_channel: float = 0.6
    head_channel: float = 0.3
    entity_channel: float = 0.2
    article_terms: int = 160  # an article keeps its strongest terms (per channel budget below)
    head_terms: int = 60
    entity_terms: int = 30
    index_terms: int = 64  # terms of each member posted in the inverted index
    query_terms: int = 64  # terms of a new article looked up in the index
    posting_scan: int = 200  # newest entries read from one posting list
    max_candidates: int = 40  # stories scored in full per article
    merge_candidates: int = 10  # stories compared with a story that just changed
    # IDF = ln((N + prior) / (df + 0.5)): the prior is a stream of that many documents in which
    # the term did not occur, so a young store does not discount shared words to nothing.
    idf_prior_docs: float = 50.0
    idf_refresh: float = 1.2  # a story's members are re-weighed when the stream grew by 20%
    hash_bits: int = 24  # feature hashing: 16M buckets for document frequencies (64 MB)

    # ---- joining, merging, splitting --------------------------------------------------------
    join_threshold: float = 0.12  # average similarity to a story's members needed to join it
    # One criterion for "one story" in both directions: two stories whose members are on average
    # at least this similar are merged, and a story whose members fall into groups less similar
    # than this is split (measured: a split threshold of 0.06 under a merge threshold of 0.13
    # left wrongly joined groups in place; equal thresholds cannot oscillate, since the groups
    # agglomeration leaves apart are below the threshold to each other). A story of one article
    # merging is that article joining late: the join threshold applies to it. Plateau on VMDS
    # 0.15-0.17 (docs/grouping.md); 0.15, its low end, keeps running stories (the samples' typhoon)
    # whole.
    merge_threshold: float = 0.15
    split_threshold: float = 0.15
    split_min_members: int = 3  # a story is checked for drift from this size on
    split_min_group: int = 2  # groups this big leave as stories of their own ...
    rehome_lone: bool = True  # ... a lone member that stands apart moves to a better story, if any
    split_growth: float = 1.5  # ... and again each time it has grown by half
    split_max_members: int = 64  # the newest members considered in a drift check

    # ---- time --------------------------------------------------------------------------------
    time_grace_days: float = 3.0  # reports this close to a story's span lose nothing
    time_tau_days: float = 90.0  # beyond it, similarity decays by e every 90 days
    window_days: int = 60  # stories idle this long leave the in-memory index (re-loadable)
    max_active_stories: int = 200_000  # hard bound on the in-memory index
    # ---- bounds on one story's cost (a war, an election: stories of thousands of reports) ------
    # The work per article and the memory per story stay below constants, however big it grows.
    story_terms: int = 4000  # a story's summed member vector keeps its strongest 4000 terms
    story_members_kept: int = 256  # member records held in memory; older ones are only counted
    merge_max_gap_days: float = 30.0  # stories this far apart in time are never merged
    posting_keep: int = 400  # a posting list is cut back to its newest ``posting_scan`` entries
    evict_to: float = 0.9  # over ``max_active_stories``, the oldest go until 90% are left

    # ---- duplicates ---------------------------------------------------------------------------
    shingle_words: int = 5  # MinHash over word 5-grams of the body
    num_perm: int = 128
    lsh_threshold: float = 0.4  # LSH candidate Jaccard
    dup_containment: float = 0.7  # the smaller text is >= 70% inside the larger one
    dup_jaccard: float = 0.4  # ... and the two overlap at least 40% of their union
    dup_window_days: int = 14  # near-copies are looked for among this many days of articles
    min_shingles: int = 8  # texts shorter than this are only checked for exact copies

    def with_overrides(self, **changes: Any) -> GroupParams:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


DEFAULT = GroupParams()


def params_from_settings(settings: Any) -> GroupParams:
    """The parameters with the user's two settings applied (``group_threshold``,
    ``group_window_days``)."""
    return DEFAULT.with_overrides(
        join_threshold=getattr(settings, "group_threshold", None),
        window_days=getattr(settings, "group_window_days", None),
    )
