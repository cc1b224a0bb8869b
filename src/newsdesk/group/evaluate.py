"""Grouping quality against labelled clusters: loaders, B-cubed and pairwise scores, and the two
ways of feeding articles (all in one batch; one at a time in a shuffled order).

Both modes run ``session.Session`` with the production parameters: the very code of
``group_pending``, with an in-memory archive in place of the store. The understanding stage is
not run by default (the grouper then reads names, dates and figures from the text itself); pass
``understand=True`` to run ``newsdesk.understand.understand_article`` on each article first.
"""

from __future__ import annotations

import json
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.group.cluster import Grouper
from newsdesk.group.dedup import Deduper
from newsdesk.group.index import MemoryArchive
from newsdesk.group.params import DEFAULT, GroupParams
from newsdesk.group.session import Session
from newsdesk.model import Article, Understanding


class EvalDataError(NewsdeskError):
    """A labelled dataset could not be read (path, line and reason in the message)."""


@dataclass(slots=True)
class Labelled:
    article: Article
    cluster: str


# ---------------------------------------------------------------- loaders


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_vmds(path: str | Path) -> list[Labelled]:
    """VMDS: ``clusters/cluster_<id>/<docid>.body.txt`` + ``<docid>.info.txt`` (TITLE with ``_``
    between syllables of a word, SUMMARY = the lead, TIME ``d/m/yyyy h:mm``)."""
    root = Path(path)
    if (root / "clusters").is_dir():
        root = root / "clusters"
    dirs = sorted(d for d in root.glob("cluster_*") if d.is_dir())
    if not dirs:
        raise EvalDataError(f"{path}: no cluster_* folders (expected the vmds layout)")
    out: list[Labelled] = []
    for cdir in dirs:
        for body_path in sorted(cdir.glob("*.body.txt")):
            docid = body_path.name[: -len(".body.txt")]
            info_path = cdir / f"{docid}.info.txt"
            fields: dict[str, str] = {}
            if info_path.is_file():
                for line in info_path.read_text(encoding="utf-8").splitlines():
                    key, _, value = line.partition(":")
                    fields[key.strip().upper()] = value.strip()
            published = None
            if fields.get("TIME"):
                try:
                    published = datetime.strptime(fields["TIME"], "%d/%m/%Y %H:%M").isoformat()
                except ValueError as e:
                    raise EvalDataError(f"{info_path}: unreadable TIME {fields['TIME']!r}") from e
            title = _nfc(fields.get("TITLE", "").replace("_", " ")).strip()
            lead = _nfc(fields.get("SUMMARY", "").replace("_", " ")).strip()
            body = _nfc(body_path.read_text(encoding="utf-8")).strip()
            text = f"{lead}\n\n{body}" if lead else body
            if not text:
                continue
            article = Article(
                id=docid,
                source=str(body_path),
                shape="plain_text",
                body=text,
                language="vi",
                title=title or None,
                published=published,
            )
            out.append(Labelled(article, cdir.name))
    return out


def load_jsonl(path: str | Path) -> list[Labelled]:
    """One article per line: ``{"id", "title", "text", "published" (optional ISO), "cluster"}``."""
    out: list[Labelled] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                article = Article(
                    id=str(row["id"]),
                    source=f"{path}#{n}",
                    shape="jsonl",
                    body=_nfc(str(row["text"])),
                    language="vi",
                    title=_nfc(str(row["title"])) if row.get("title") else None,
                    published=row.get("published") or None,
                )
                cluster = str(row["cluster"])
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
                raise EvalDataError(f"{path}:{n}: {e}") from e
            out.append(Labelled(article, cluster))
    if not out:
        raise EvalDataError(f"{path}: no articles")
    return out


def load_dataset(path: str | Path, fmt: str) -> list[Labelled]:
    if fmt == "vmds":
        return load_vmds(path)
    if fmt == "jsonl":
        return load_jsonl(path)
    raise EvalDataError(f"unknown format {fmt!r} (vmds or jsonl)")


# ---------------------------------------------------------------- metrics


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the items of ``gold``."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        pc[pred[item]].add(item)
        gc[gold[item]].add(item)
    p = r = 0.0
    for item in gold:
        a, b = pc[pred[item]], gc[gold[item]]
        inter = len(a & b)
        p += inter / len(a)
        r += inter / len(b)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of items put together."""

    def pairs(labels: dict[str, str]) -> int:
        sizes: dict[str, int] = defaultdict(int)
        for item in gold:
            sizes[labels[item]] += 1
        return sum(n * (n - 1) // 2 for n in sizes.values())

    joint: dict[tuple[str, str], int] = defaultdict(int)
    for item in gold:
        joint[(pred[item], gold[item])] += 1
    tp = sum(n * (n - 1) // 2 for n in joint.values())
    pp, gp = pairs(pred), pairs(gold)
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- runs


def group_in_memory(
    items: list[tuple[Article, Understanding | None]],
    params: GroupParams = DEFAULT,
    *,
    one_at_a_time: bool = False,
) -> dict[str, str]:
    """Group ``items`` with the production session (in-memory archive); article id -> story id."""
    archive = MemoryArchive()
    grouper = Grouper(params, archive=archive)
    session = Session(grouper, Deduper(params))
    outcomes = []
    if one_at_a_time:
        for item in items:
            outcomes.extend(session.run([item]))
    else:
        outcomes = session.run(items)
    # Where each article ended: its decision, then every merge and split replayed in order
    # (a big story no longer holds all its member records in memory).
    held: dict[str, set[str]] = {}
    for o in outcomes:
        if o.duplicate_of is None and o.story_id is not None:
            held.setdefault(o.story_id, set()).add(o.article_id)
    for change in grouper.changes:
        source = held.setdefault(change.source, set())
        moving = set(source) if change.kind == "merge" else source & set(change.articles)
        source -= moving
        held.setdefault(change.target, set()).update(moving)
    where = {a: sid for sid, arts in held.items() for a in arts}
    for o in outcomes:  # copies sit in their original's story
        if o.duplicate_of is not None:
            root = o.duplicate_of
            where[o.article_id] = where.get(root, root)
    return where


def _scores(pred: dict[str, str], gold: dict[str, str], seconds: float) -> dict[str, Any]:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {
        "bcubed_f1": round(bf, 4),
        "bcubed_precision": round(bp, 4),
        "bcubed_recall": round(br, 4),
        "pairwise_f1": round(pf, 4),
        "pairwise_precision": round(pp, 4),
        "pairwise_recall": round(pr, 4),
        "stories": len(set(pred[k] for k in gold)),
        "clusters": len(set(gold.values())),
        "articles_per_second": round(len(gold) / seconds, 1) if seconds > 0 else None,
    }


def evaluate(
    data: Iterable[Labelled],
    params: GroupParams = DEFAULT,
    *,
    seed: int = 0,
    understand: Callable[[Article], Understanding | None] | None = None,
) -> dict[str, dict[str, Any]]:
    """Scores of both modes: ``batch`` (all at once) and ``stream`` (one at a time, shuffled
    with ``seed``). Articles per second include the understanding when it is run."""
    labelled = list(data)
    gold = {x.article.id: x.cluster for x in labelled}
    if len(gold) != len(labelled):
        raise EvalDataError("article ids are not unique in the dataset")
    results: dict[str, dict[str, Any]] = {}
    start = time.perf_counter()
    items = [(x.article, understand(x.article) if understand else None) for x in labelled]
    understand_seconds = time.perf_counter() - start
    start = time.perf_counter()
    pred = group_in_memory(items, params)
    results["batch"] = _scores(pred, gold, time.perf_counter() - start + understand_seconds)
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    start = time.perf_counter()
    pred = group_in_memory(shuffled, params, one_at_a_time=True)
    results["stream"] = _scores(pred, gold, time.perf_counter() - start + understand_seconds)
    return results
