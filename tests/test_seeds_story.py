"""The five seed articles, ingested together, become one story whose analysis satisfies every
``story:`` entry of ../shared/seeds/expected.yaml, and whose post is in the site's format.

Runs the real stages (ingest -> understand -> group -> analyse -> publish) into a temporary
store and folder. Skips when ../shared is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest
import yaml

from newsdesk.analyse import analyse_pending
from newsdesk.config import Settings
from newsdesk.group import group_pending
from newsdesk.publish import publish_pending, write_site
from newsdesk.publish.post import FIELDS
from newsdesk.publish.slug import SLUG_RE
from newsdesk.sources.files import ingest_paths
from newsdesk.store import Store
from newsdesk.understand import understand_pending

pytestmark = pytest.mark.shared

_HONORIFICS = ("bà ", "ông ", "thủ tướng ", "tổng thống ", "bộ trưởng ", "ngoại trưởng ")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    folder = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the seeds live beside the project in ../shared")
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    tmp = tmp_path_factory.mktemp("seeds")
    store = Store(tmp / "seeds.db")
    settings = Settings({"db": str(tmp / "seeds.db")})
    paths = [str(folder / name) for name in expected["story"]["same_story"]]
    assert ingest_paths(store, paths, settings).ok
    understand_pending(store, settings)
    group_pending(store, settings)
    analyse_pending(store, settings)
    out = tmp / "out"
    publish = publish_pending(store, settings, out=out)
    site = write_site(store, settings, out=out / "site")
    ids = {Path(row.source).name: row.id for row in store.iter_articles()}
    yield store, expected["story"], ids, out, publish, site
    store.close()


def _the_story(store, ids, names):
    wanted = {ids[n] for n in names}
    found = [s for s in store.iter_stories() if wanted <= {m.id for m in s.articles}]
    assert len(found) == 1, "the five seeds are not one story"
    return found[0]


def _fold(name: str) -> str:
    low = name.lower().strip()
    for h in _HONORIFICS:
        low = low.removeprefix(h)
    return " ".join(sorted(low.split()))


def test_one_story_with_every_timeline_date_cited(seeds):
    store, spec, ids, *_ = seeds
    story = _the_story(store, ids, spec["same_story"])
    for when, files in spec["timeline_must_contain"].items():
        want = {ids[f] for f in files}
        events = [e for e in story.timeline if e.date == str(when)]
        assert events, f"no event on {when}"
        cited = [{c.article for c in e.citations} for e in events]
        assert any(want <= c for c in cited), f"{when}: no event cites all of {files}: {cited}"


def test_one_entry_per_person(seeds):
    store, spec, ids, *_ = seeds
    story = _the_story(store, ids, spec["same_story"])
    for spellings in spec["one_person_each"]:
        keys = {_fold(s) for s in spellings}
        entries = [p for p in story.people if keys & {_fold(x) for x in [p.name, *p.mentions]}]
        assert len(entries) == 1, f"{spellings[0]}: {[p.name for p in entries]}"


def test_both_disagreements_with_both_sides(seeds):
    store, spec, ids, *_ = seeds
    story = _the_story(store, ids, spec["same_story"])
    for expected in spec["disagreements"]:
        want = {value: {ids[f] for f in files} for value, files in expected["sides"].items()}
        matches = []
        for d in story.disagreements:
            sides = {s.value: {c.article for c in s.citations} for s in d.sides}
            if all(v in sides and w <= sides[v] for v, w in want.items()):
                matches.append(d)
        assert matches, (
            f"{expected['topic']}: not found in {[(d.topic, [s.value for s in d.sides]) for d in story.disagreements]}"
        )


def test_the_post_is_in_the_site_format(seeds):
    store, spec, ids, out, publish, site = seeds
    story = _the_story(store, ids, spec["same_story"])
    assert publish.rejected == [] and site.rejected == []
    path = Path(story.post_path)
    text = path.read_text(encoding="utf-8")
    post = frontmatter.loads(text)
    assert list(post.metadata) == list(FIELDS)
    head = text.split("---\n")[1].splitlines()
    assert [line.split(":", 1)[0] for line in head] == list(FIELDS)
    for line in head:
        key, value = line.split(": ", 1)
        if key == "use":
            assert value in ("true", "false")
        else:
            assert value.startswith('"') and value.endswith('"')
    assert SLUG_RE.match(post["slug"]) and len(post["slug"]) <= 100
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", post["created_at"])
    assert len(post["title"]) <= 100 and len(post["description"]) <= 250
    assert post["use"] is True
    assert path.name == f"{post['slug']}.md"
    assert (out / "site" / f"{post['slug']}.html").is_file()
