"""The bundled sample corpus (samples/) is complete, exact and covers every input shape.

samples/stories.yaml is ground truth for the grouping, analysis and publishing tests, so this
checks it against the files themselves with plain string work (the readers are not imported).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
META_FILES = {"stories.yaml"}  # the human table of the corpus is docs/samples.md
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}  # illustrations, listed under image_files
SHAPES = {
    "dated_text",
    "scraped_text",
    "plain_text",
    "markdown_frontmatter",
    "html",
    "jsonl",
    "feed",
}
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DATE_LINE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) ")
FRONTMATTER = re.compile(
    r'\A---\ntitle: ".+"\nslug: "[a-z0-9-]+"\nthumbnail: ".+\.webp"\ndescription: ".+"\n'
    r'use: (true|false)\ncreated_at: "(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})"\n---\n'
)


@cache
def gold() -> dict:
    return yaml.safe_load((SAMPLES / "stories.yaml").read_text(encoding="utf-8"))


def split_ref(ref: str) -> tuple[Path, int | None]:
    path, _, n = ref.partition("#")
    return SAMPLES / path, int(n) if n else None


@cache
def decoded(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if path.suffix == ".html" and re.search(rb'<meta charset="shift_jis">', raw[:400], re.I):
        return raw.decode("shift_jis")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # the one legacy file: tone marks stored as combining characters
        return unicodedata.normalize("NFC", raw.decode("cp1258"))


def strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


@cache
def entries(path: Path) -> tuple[dict, ...]:
    """The articles inside a container file: dicts with title, url, published, author, text."""
    if path.suffix == ".jsonl":
        return tuple(json.loads(line) for line in decoded(path).splitlines() if line.strip())
    root = ET.fromstring(decoded(path).encode("utf-8"))
    if root.tag == "rss":
        return tuple(
            {
                "title": item.findtext("title"),
                "url": item.findtext("link"),
                "published": item.findtext("pubDate"),
                "author": item.findtext("{http://purl.org/dc/elements/1.1/}creator"),
                "text": strip_tags(item.findtext(CONTENT_ENCODED) or ""),
            }
            for item in root.iter("item")
        )
    return tuple(
        {
            "title": entry.findtext(f"{ATOM}title"),
            "url": entry.find(f"{ATOM}link").get("href"),
            "published": entry.findtext(f"{ATOM}published"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "text": strip_tags(entry.findtext(f"{ATOM}content") or ""),
        }
        for entry in root.iter(f"{ATOM}entry")
    )


def text_of(ref: str) -> str:
    """The whole readable text of one article (markup and residue included for files)."""
    path, n = split_ref(ref)
    if n is not None:
        return entries(path)[n - 1]["text"]
    text = decoded(path)
    return strip_tags(text) if path.suffix == ".html" else text


def body_words(ref: str) -> int:
    """Words of running text: without frontmatter, table residue, or the HTML page around <article>."""
    path, n = split_ref(ref)
    if n is not None:
        return len(text_of(ref).split())
    text = decoded(path)
    if path.suffix == ".html":
        text = strip_tags(re.search(r"<article.*?</article>", text, re.S).group(0))
    elif path.suffix == ".md":
        text = FRONTMATTER.sub("", text)
    lines = [ln for ln in text.splitlines() if not ln.startswith(("|", "![]()", " date "))]
    return len(" ".join(lines).split())


def shape_by_markers(ref: str) -> str:
    path, n = split_ref(ref)
    if n is not None:
        return "jsonl" if path.suffix == ".jsonl" else "feed"
    text = decoded(path)
    if path.suffix == ".html":
        return "html"
    if FRONTMATTER.match(text):
        return "markdown_frontmatter"
    if DATE_LINE.match(text):
        return "dated_text"
    if text.startswith("![]() |") and re.search(r"^\| .+ \|$", text, re.M):
        return "scraped_text"
    return "plain_text"


def article_files() -> list[Path]:
    return [
        p
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.name not in META_FILES and p.suffix.lower() not in IMAGE_SUFFIXES
    ]


def all_refs() -> list[str]:
    return [ref for story in gold()["stories"].values() for ref in story["files"]]


def story_of(ref: str) -> str:
    return next(key for key, story in gold()["stories"].items() if ref in story["files"])


# --------------------------------------------------------------------------- completeness


def test_every_listed_file_exists_and_every_entry_is_inside_its_container() -> None:
    for ref in all_refs():
        path, n = split_ref(ref)
        assert path.is_file(), f"{ref}: listed in stories.yaml but missing"
        if n is not None:
            assert 1 <= n <= len(entries(path)), (
                f"{ref}: {path.name} has {len(entries(path))} entries"
            )


def test_every_sample_file_is_listed_exactly_once() -> None:
    refs = all_refs()
    assert len(refs) == len(set(refs)), [r for r, c in Counter(refs).items() if c > 1]
    listed = {split_ref(ref)[0] for ref in refs}
    on_disk = {p for p in article_files()}
    assert on_disk - listed == set(), "files under samples/ missing from stories.yaml"
    images = {p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES}
    assert images == {SAMPLES / name for name in gold()["image_files"]}
    for path in {split_ref(r)[0] for r in refs if "#" in r}:
        numbered = {split_ref(r)[1] for r in refs if split_ref(r)[0] == path}
        assert numbered == set(range(1, len(entries(path)) + 1)), (
            f"{path.name}: not every entry listed"
        )


def test_articles_and_entries_sections_describe_the_listed_articles() -> None:
    assert set(gold()["articles"]) == set(all_refs())
    assert set(gold()["entries"]) == {r for r in all_refs() if "#" in r}
    for ref, want in gold()["entries"].items():
        got = entries(split_ref(ref)[0])[split_ref(ref)[1] - 1]
        assert (got["url"], got["title"]) == (want["url"], want["title"]), ref
        assert all(got[k] for k in ("title", "url", "published", "author", "text")), ref


def test_enough_vietnamese_articles_in_enough_stories() -> None:
    articles = gold()["articles"]
    multi = {k: s for k, s in gold()["stories"].items() if not s.get("standalone")}
    per_story = {
        k: sum(articles[r]["language"] == "vi" for r in s["files"]) for k, s in multi.items()
    }
    assert len(multi) >= 7
    assert sum(per_story.values()) >= 36
    assert all(4 <= n <= 7 for n in per_story.values()), per_story
    standalone = [k for k, s in gold()["stories"].items() if s.get("standalone")]
    assert 2 <= len(standalone) <= 3 and all(
        len(gold()["stories"][k]["files"]) == 1 for k in standalone
    )


def test_vietnamese_articles_are_article_length_and_nfc() -> None:
    for ref, meta in gold()["articles"].items():
        if meta["language"] != "vi":
            continue
        assert 250 <= body_words(ref) <= 700, f"{ref}: {body_words(ref)} words"
        assert unicodedata.is_normalized("NFC", text_of(ref)), ref


# --------------------------------------------------------------------------- shapes


def test_declared_shape_matches_the_file() -> None:
    for ref, meta in gold()["articles"].items():
        assert meta["shape"] in SHAPES, ref
        assert shape_by_markers(ref) == meta["shape"], ref


def test_declared_dates_and_titles_match_the_file() -> None:
    for ref, meta in gold()["articles"].items():
        path, n = split_ref(ref)
        text = text_of(ref)
        if meta["shape"] == "dated_text":
            assert DATE_LINE.match(text).group(1) == meta["published"], ref
            first = text.split("\n", 1)[0][len(" date 2026-01-01 ") :]
            if meta["title"] is None:  # the date line runs straight into the lead
                assert first.endswith(".") and len(first.split()) > 20, f"{ref}: has a headline"
            else:
                assert first == meta["title"] and text.split("\n")[1] == "", ref
                assert not first.endswith("."), ref
        elif meta["shape"] == "markdown_frontmatter":
            created = FRONTMATTER.match(text).group(2)
            assert created.replace(" ", "T") == meta["published"], ref
            assert f'title: "{meta["title"]}"' in text, ref
            assert len(re.findall(r"^## ", text, re.M)) == meta["sections"], ref
            assert (
                re.findall(r"!\[\]\((/images/[^)]+\.(?:webp|jpg|png))\)", text) == meta["images"]
            ), ref
        elif meta["shape"] == "html":
            page = decoded(path)
            for marker in (
                "<title>",
                'property="og:title"',
                'property="article:published_time"',
                "<figcaption>",
            ):
                assert marker in page, f"{ref}: no {marker}"
            assert f'property="article:published_time" content="{meta["published"]}"' in page, ref
        elif meta["shape"] in ("scraped_text", "plain_text"):
            assert meta["published"] is None and not DATE_LINE.match(text), ref


def test_scraped_and_plain_text_carry_their_residue() -> None:
    for ref, meta in gold()["articles"].items():
        text = text_of(ref)
        if meta["shape"] == "scraped_text":
            rows = re.findall(r"^\| (.+) \|$", text, re.M)
            captions = [r for r in rows if re.search(r"\(Nguồn: [^)]+\)$", r)]
            assert len(captions) == meta["image_captions"] == text.count("![]() |"), ref
            assert len(rows) - len(captions) == meta["related_links"], ref
            assert 3 <= meta["related_links"] <= 5, ref
        if meta["shape"] == "plain_text" and meta["language"] == "vi":
            lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
            if "caption_credit" in meta:
                assert any(
                    ln.endswith(
                        (f"Ảnh: {meta['caption_credit']}", f"(Ảnh: {meta['caption_credit']})")
                    )
                    for ln in lines
                ), ref
            byline = " ".join(lines[-2:])
            assert all(a in byline for a in meta["authors"]), f"{ref}: byline {byline!r}"


def test_every_shape_and_every_mess_is_present() -> None:
    metas = gold()["articles"]
    shapes = Counter(m["shape"] for m in metas.values())
    assert set(shapes) == SHAPES
    assert shapes["html"] >= 3 and shapes["jsonl"] >= 3 and shapes["markdown_frontmatter"] >= 2
    files = sorted(article_files())
    dated = [decoded(p) for p in files if DATE_LINE.match(decoded(p))]
    leads = [t.split("\n", 1)[0].endswith(".") for t in dated]
    assert any(leads) and not all(leads), "dated text both with and without a headline"
    assert any(m.get("sections", 0) >= 2 for m in metas.values()), "no merged markdown story"
    assert any(re.search(r"\]\([^)\s]+$", decoded(p), re.M) for p in files if p.suffix == ".md"), (
        "no broken link"
    )
    xml_roots = {ET.fromstring(decoded(p).encode()).tag for p in files if p.suffix == ".xml"}
    assert xml_roots == {"rss", f"{ATOM}feed"}
    assert all(len(entries(p)) >= 2 for p in files if p.suffix == ".xml")
    assert any(p.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff")) for p in files), (
        "no UTF-16 file"
    )
    assert any(b'charset="shift_jis"' in p.read_bytes() for p in files if p.suffix == ".html")
    legacy = [
        p
        for p in files
        if gold()["articles"].get(str(p.relative_to(SAMPLES)), {}).get("encoding") == "windows-1258"
    ]
    assert len(legacy) == 1
    with pytest.raises(UnicodeDecodeError):
        legacy[0].read_bytes().decode("utf-8")
    assert "\u0301".encode("cp1258") in legacy[0].read_bytes(), "cp1258 with combining tone marks"
    messy = next(p for p in files if "&nbsp;" in decoded(p))
    paragraphs = [q.strip() for q in decoded(messy).split("\n\n") if q.strip()]
    assert len(paragraphs) != len(set(paragraphs)), "the &nbsp; file should also repeat a paragraph"
    plain = [r for r, m in metas.items() if m["shape"] == "plain_text" and m["language"] == "vi"]
    assert sum("./." in text_of(r) for r in plain) >= 3, "wire end marker ./. too rare"
    assert {m["language"] for m in metas.values()} == {"vi", "ja", "en"}
    assert sum(m["language"] == "ja" for m in metas.values()) == 3


def test_duplicates_are_what_they_claim() -> None:
    for copy, original in gold()["duplicates"]["exact"].items():
        assert split_ref(copy)[0].read_bytes() == split_ref(original)[0].read_bytes()
        assert story_of(copy) == story_of(original)
    for copy, original in gold()["duplicates"]["near"].items():
        a = [q.strip() for q in text_of(copy).split("\n\n") if q.strip()]
        b = [q.strip() for q in text_of(original).split("\n\n") if q.strip()]
        assert a[0] != b[0], "a near-copy has its own lead"
        assert len(a) < len(b), "a near-copy is trimmed"
        assert sum(q in b for q in a[1:-2]) >= 4, "a near-copy shares the wire paragraphs"
        assert a[-1] != b[-1], "a near-copy has another byline"
        assert story_of(copy) == story_of(original)


# --------------------------------------------------------------------------- gold analysis


def forms_equivalent_to(story: str, value: str) -> set[str]:
    forms = {value}
    for topic in gold()["agreements"].get(story, {}).values():
        if value in topic["written"]:
            forms |= set(topic["written"])
    return forms


def test_disagreements_are_stated_by_their_sources() -> None:
    assert len(gold()["disagreements"]) >= 2
    for story, topics in gold()["disagreements"].items():
        for topic, sides in topics.items():
            assert len(sides) >= 2, topic
            for value, refs in sides.items():
                for ref in refs:
                    assert story_of(ref) == story, ref
                    forms = forms_equivalent_to(story, value)
                    assert any(
                        re.search(rf"(?<!\d)(?<!\d[.,]){re.escape(f)}(?!,?\d)", text_of(ref))
                        for f in forms
                    ), f"{ref} does not say {value!r} ({topic})"


def test_agreement_forms_are_written_as_listed() -> None:
    for story, topics in gold()["agreements"].items():
        for topic, spec in topics.items():
            assert len(spec["written"]) >= 2, topic
            for form, refs in spec["written"].items():
                for ref in refs:
                    assert story_of(ref) == story, ref
                    assert form in text_of(ref), f"{ref} does not write {form!r} ({topic})"


def test_people_and_dates_appear_as_written() -> None:
    for story, people in gold()["people"].items():
        texts = " ".join(text_of(r) for r in gold()["stories"][story]["files"])
        for names in people:
            for name in names:
                if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", name):  # Japanese: no word boundaries
                    assert name in texts, f"{story}: {name!r}"
                else:
                    assert re.search(rf"(?<!\w){re.escape(name)}(?!\w)", texts), (
                        f"{story}: {name!r}"
                    )
    for ref, dates in gold()["dates"].items():
        for surface in dates:
            assert surface in text_of(ref), f"{ref}: {surface!r}"


@pytest.mark.parametrize("name", sorted(META_FILES))
def test_meta_files_exist(name: str) -> None:
    assert (SAMPLES / name).is_file()


def test_shipped_images_are_small_originals_referenced_by_their_articles() -> None:
    from PIL import Image

    for name, refs in gold()["image_files"].items():
        path = SAMPLES / name
        assert path.stat().st_size < 60_000, name
        with Image.open(path) as im:
            assert im.size == (640, 360) and im.format in ("JPEG", "PNG"), name
        story_dir = name.split("/", 1)[0]
        relative = name.split("/", 1)[1]
        for ref in refs:
            assert ref.startswith(story_dir + "/"), (name, ref)
            text = decoded(SAMPLES / ref)
            assert re.search(rf"\]\(/?{re.escape(relative)}\)", text), (name, ref)
