"""Reading a Japanese source before translation (sudachipy): sentences and personal names.

Names found here do two jobs. Known ones pick their glossary entries; unknown Japanese personal
names (a family name and a given name written in kanji) get a romanized rendering in the order
the Vietnamese press uses (family name first, long vowels unmarked: 高市早苗 → Takaichi Sanae),
offered to the model as a hint. A rendering the translation confirms is remembered in the store
(``name_renderings``), so the entity registry can link 高市早苗 and Takaichi Sanae.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from newsdesk.translate.lexicon import KANJI

_tokenizer = None
_lock = threading.Lock()
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*[」』）)]*")


def _sudachi():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                from sudachipy import Dictionary, SplitMode

                _tokenizer = Dictionary().tokenizer(mode=SplitMode.C)
    return _tokenizer


@dataclass(frozen=True, slots=True)
class Name:
    surface: str  # as written in the source: 高市早苗
    kind: str  # person | place | organization
    reading: str  # katakana reading: タカイチサナエ
    rendering: str  # romanized for the Vietnamese press: Takaichi Sanae ("" when not offered)


def sentences(text: str) -> list[str]:
    """Japanese sentences (split after 。！？ and at line ends)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def names(text: str) -> list[Name]:
    """Personal, place and organisation names in ``text``, each once, in order of appearance."""
    found: dict[str, Name] = {}
    for sentence in sentences(text):
        morphemes = list(_sudachi().tokenize(sentence))
        i = 0
        while i < len(morphemes):
            m = morphemes[i]
            pos = m.part_of_speech()
            if pos[:3] == ("名詞", "固有名詞", "人名"):
                surface, reading = m.surface(), m.reading_form()
                parts = [reading]
                if pos[3] == "姓" and i + 1 < len(morphemes):
                    nxt = morphemes[i + 1]
                    if nxt.part_of_speech()[:4] == ("名詞", "固有名詞", "人名", "名"):
                        surface += nxt.surface()
                        parts.append(nxt.reading_form())
                        i += 1
                if KANJI.search(surface) and surface not in found:
                    single = len(parts) == 1 and pos[3] != "姓"  # one token for a whole name
                    rendering = "" if single else " ".join(romanize(p).title() for p in parts)
                    found[surface] = Name(surface, "person", "".join(parts), rendering)
            elif pos[:3] == ("名詞", "固有名詞", "地名") and m.surface() not in found:
                found[m.surface()] = Name(m.surface(), "place", m.reading_form(), "")
            i += 1
    return list(found.values())


# --------------------------------------------------------------------------- romanization

_DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo",
    "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "シェ": "she", "ジェ": "je", "チェ": "che",
}  # fmt: skip
_KANA = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポァィゥェォ",
    ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi", "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "o", "n", "ga", "gi", "gu", "ge", "go", "za", "ji", "zu", "ze", "zo", "da", "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "a", "i", "u", "e", "o"],  # noqa: SIM905
    strict=True,
))  # fmt: skip


def romanize(katakana: str) -> str:
    """Hepburn as the Vietnamese press writes Japanese names: no macrons, ``ou``/``uu``/``oo``
    dropped (Shinzō → Shinzo, Tōkyō → Tokyo, Yūko → Yuko), small tsu doubling the next consonant."""
    text = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in katakana)
    out: list[str] = []
    double = False
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _DIGRAPHS:
            syllable, i = _DIGRAPHS[pair], i + 2
        elif text[i] == "ッ":
            double, i = True, i + 1
            continue
        elif text[i] == "ー" or _long_vowel(text, i, out):
            i += 1
            continue
        else:
            syllable, i = _KANA.get(text[i], ""), i + 1
        if double and syllable:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double = False
        out.append(syllable)
    return "".join(out)


def _long_vowel(text: str, i: int, out: list[str]) -> bool:
    """ウ after an o/u syllable (トウ, ユウ) or オ after an o syllable (オオ) lengthens it, unless
    a vowel follows (イノウエ is I-no-u-e)."""
    if not out or not out[-1]:
        return False
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if nxt and nxt in "アイウエオ":
        return False
    return (text[i] == "ウ" and out[-1][-1] in "ou") or (text[i] == "オ" and out[-1][-1] == "o")
