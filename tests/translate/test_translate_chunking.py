"""Markdown-preserving chunking: protected spans pass through byte for byte, headings stay."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.translate.chunking import TOKEN, headings, plan, split_blocks

DOC = """# 見出し

本文の最初の段落。![写真](https://img.example.jp/a.jpg) と [リンク](https://example.jp/x "題") を含む。

```python
print("コードは訳さない")
```

| 列 | 値 |
|---|---|
| 円 | 100 |

![](https://img.example.jp/only.png)

## 小見出し

`inline code` と <https://example.jp/auto> と https://example.jp/bare?q=1 の段落。

    インデントされたコード

---

最後の段落。"""


def identity(p):
    return p.assemble([c.text for c in p.chunks])


def test_protected_spans_never_reach_the_model_and_come_back_unchanged() -> None:
    layout = plan(DOC, 6000)
    sent = "\n".join(c.text for c in layout.chunks)
    for literal in (
        "https://img.example.jp/a.jpg",
        "https://example.jp/x",
        "コードは訳さない",
        "| 円 | 100 |",
        "https://img.example.jp/only.png",
        "inline code",
        "https://example.jp/auto",
        "https://example.jp/bare?q=1",
        "インデントされたコード",
    ):
        assert literal not in sent, literal
        assert literal in identity(layout)
    assert identity(layout) == DOC
    assert "本文の最初の段落。⟦0⟧ と ⟦1⟧ を含む。" in sent
    assert headings(sent) == ["#", "##"]


def test_a_translation_is_reassembled_around_the_kept_blocks() -> None:
    layout = plan(DOC, 6000)
    translated = [
        TOKEN.sub(lambda m: m.group(0), c.text)
        .replace("見出し", "Tiêu đề")
        .replace("本文の最初の段落。", "Đoạn đầu.")
        for c in layout.chunks
    ]
    out = layout.assemble(translated)
    assert out.startswith("# Tiêu đề\n\nĐoạn đầu.![写真](https://img.example.jp/a.jpg)")
    assert '```python\nprint("コードは訳さない")\n```' in out
    assert "## 小Tiêu đề" in out


def test_chunks_respect_the_budget_and_keep_paragraph_order() -> None:
    paragraphs = [f"第{i}段落。" + "あ" * 150 + "。" for i in range(12)]
    doc = "\n\n".join(paragraphs)
    layout = plan(doc, 500)
    assert len(layout.chunks) > 1
    assert all(len(c.text) <= 500 for c in layout.chunks)
    assert identity(layout) == doc


def test_a_paragraph_longer_than_the_budget_is_cut_at_sentence_ends_and_glued_back() -> None:
    sentences = ["これは長い段落の文です" + str(i) + "。" for i in range(60)]
    para = "".join(sentences)
    layout = plan("前の段落。\n\n" + para, 200)
    assert all(len(c.text) <= 200 for c in layout.chunks)
    assert all(c.text.endswith("。") for c in layout.chunks)
    out = layout.assemble(["đoạn" for _ in layout.chunks])
    assert out.split("\n\n") == ["đoạn", " ".join(["đoạn"] * (len(layout.chunks) - 1))]


def test_blocks_are_classified() -> None:
    kinds = [(b.split("\n")[0][:6], t) for b, t in split_blocks(DOC)]
    assert kinds == [
        ("# 見出し", True),
        ("本文の最初の", True),
        ("```pyt", False),
        ("| 列 | ", False),
        ("![](ht", False),
        ("## 小見出", True),
        ("`inlin", True),
        ("    イン", False),
        ("---", False),
        ("最後の段落。", True),
    ]


_WORD = st.text(alphabet="あいうカキ漢字abc ", min_size=1, max_size=40).map(str.strip).filter(bool)
_BLOCK = st.one_of(
    _WORD.map(lambda w: w + "。"),
    _WORD.map(lambda w: "## " + w),
    _WORD.map(lambda w: f"{w} ![x](https://e.jp/{abs(hash(w)) % 97}.png) {w}"),
    _WORD.map(lambda w: f"[{w}](https://e.jp/l) {w}"),
    _WORD.map(lambda w: f"| {w} | 1 |\n|---|---|"),
    _WORD.map(lambda w: f"```\n{w}\n```"),
)


@settings(max_examples=150, deadline=None)
@given(blocks=st.lists(_BLOCK, min_size=1, max_size=15), budget=st.integers(200, 800))
def test_identity_translation_reassembles_the_document_exactly(
    blocks: list[str], budget: int
) -> None:
    doc = "\n\n".join(blocks)
    layout = plan(doc, budget)
    assert identity(layout) == doc
    for chunk in layout.chunks:
        assert "https://" not in chunk.text and "```" not in chunk.text
