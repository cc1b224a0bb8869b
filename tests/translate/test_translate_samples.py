"""End to end on the bundled samples: the Japanese and English articles of samples/foreign/ wait
for translation, are translated by the local fake provider (Vietnamese written for these tests,
served keyed on the source paragraph), then understood and grouped into the right stories."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

from fakechat import FIXTURES

from newsdesk.config import Settings
from newsdesk.store import Store
from newsdesk.translate import awaiting_translation, translate_pending

TOKEN_ONLY = re.compile(r"(?:⟦\d+⟧\s*)+")
FOLDERS = ("foreign", "japan_vietnam_summit", "football_vietnam", "standalone")


def samples_book():
    """A fake translator keyed on content: each paragraph of a request is matched to the closest
    source paragraph of the fixture (so small changes in how the reader cleans a paragraph, a
    wire bracket taken out, do not matter) and answered with its Vietnamese."""
    data = tomllib.loads((FIXTURES / "samples_vi.toml").read_text(encoding="utf-8"))
    pairs = [(_norm(p["ja"]), p["vi"]) for p in data["pair"]]

    def translate(text: str) -> str:
        out = []
        for block in text.split("\n\n"):
            marker, _, rest = block.partition(" ") if block.startswith("#") else ("", "", block)
            key = _norm(rest)
            if not key or TOKEN_ONLY.fullmatch(key):
                out.append(block)
                continue
            score, vi = max(
                (SequenceMatcher(None, key, ja, autojunk=False).ratio(), vi) for ja, vi in pairs
            )
            out.append((marker + " " if marker else "") + (vi if score >= 0.6 else rest))
        return "\n\n".join(out)

    return translate


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_foreign_samples_are_translated_and_join_the_right_stories(
    tmp_path: Path, fake_chat, provider_settings: Settings, project_root: Path
) -> None:
    from newsdesk.sources.files import ingest_paths

    samples = project_root / "samples"
    store = Store(tmp_path / "e2e.db")
    settings = provider_settings.replace(db=str(tmp_path / "e2e.db"))
    ingest_paths(store, [str(samples / f) for f in FOLDERS], settings)
    foreign = {
        r["source"].rsplit("/", 1)[-1]: r["id"]
        for r in store.article_rows()
        if "/foreign/" in r["source"]
    }
    assert sorted(foreign) == [
        "01_nhk_ja.txt",
        "02_kyodo_ja.txt",
        "03_jiji_ja.html",
        "04_saigonherald_en.txt",
    ]
    assert sorted(awaiting_translation(store)) == sorted(foreign.values())

    fake_chat.translate = samples_book()
    report = translate_pending(store, settings)
    assert report.rejected == [] and report.done == 4
    translations = {name: store.translation_for(aid) for name, aid in foreign.items()}
    assert all(translations.values())
    for name, tid in translations.items():
        tr = store.get_article(tid)
        assert tr.language == "vi" and tr.translation_of == foreign[name]
        assert tr.source.endswith(name + "#vi")
    kyodo = store.get_article(translations["02_kyodo_ja.txt"])
    assert "Takaichi Sanae" in kyodo.body and "150 tỷ yên" in kyodo.body

    from newsdesk.group import group_pending
    from newsdesk.understand import understand_pending

    understand_pending(store, settings)
    group_pending(store, settings)

    folder_of = {r["id"]: Path(r["source"].split("#")[0]).parent.name for r in store.article_rows()}

    def companions(article_id: str) -> set[str]:
        """The sample folders of the other Vietnamese reports in this article's story."""
        story_id = store.story_of_article(article_id)
        assert story_id is not None, f"{article_id} was not grouped"
        story = store.get_story(story_id)
        return {
            folder_of.get(m.id, "?")
            for m in story.articles
            if m.id != article_id and not store.get_article(m.id).translation_of
        }

    for name in ("01_nhk_ja.txt", "02_kyodo_ja.txt", "03_jiji_ja.html"):
        assert companions(translations[name]) == {"japan_vietnam_summit"}, name
    assert companions(translations["04_saigonherald_en.txt"]) == {"football_vietnam"}
    # the originals themselves are never grouped: their translations stand for them
    grouped = {n: store.story_of_article(a) for n, a in foreign.items()}
    assert grouped == dict.fromkeys(foreign), (
        "group_pending must skip originals in another language (docs/contracts.md, translate): "
        f"{grouped}"
    )
    store.close()
