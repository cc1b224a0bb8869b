"""Word lists and thresholds of the translate stage, kept apart from its logic."""

from __future__ import annotations

import re

# Characters that give away untranslated Japanese / Chinese text.
KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK = re.compile(
    r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
# A short CJK run in brackets after a rendering, as the press writes "Takaichi Sanae (高市早苗)".
BRACKETED_CJK = re.compile(r"[(（]\s*[\u3040-\u30ff\u3400-\u9fff・ー]{1,16}\s*[)）]")

# Untranslated script allowed in an output, beyond glossary names and bracketed originals:
# a handful of characters, or this share of the letters, whichever is larger.
MAX_CJK_CHARS = 3
MAX_CJK_SHARE = 0.01

# Output length / input length, counted on letters and digits without placeholders.
# Vietnamese written from Japanese takes 1.5-4x the characters; from English about 0.9-1.4x.
LENGTH_RATIO: dict[str, tuple[float, float]] = {
    "ja": (1.0, 7.0),
    "zh": (1.0, 8.0),
    "ko": (0.8, 4.0),
    "en": (0.5, 2.5),
}
LENGTH_RATIO_DEFAULT = (0.35, 4.0)
# Below this many source letters the ratio says nothing (a heading, a caption).
RATIO_MIN_SOURCE_CHARS: dict[str, int] = {"ja": 20, "zh": 20, "ko": 25}
RATIO_MIN_SOURCE_CHARS_DEFAULT = 40

# Answers that are a refusal or a chat reply, not a translation.
REFUSALS = re.compile(
    r"^\s*(?:"
    r"i'?m sorry|i am sorry|sorry,|i cannot|i can'?t|i'm unable|i am unable|as an ai"
    r"|unfortunately,? i|xin lỗi|tôi không thể|tôi xin lỗi|rất tiếc,? tôi|là một mô hình"
    r"|申し訳|すみません"
    r")",
    re.IGNORECASE,
)
# Chatty wrappers a model sometimes adds around the answer; stripped before checks.
PREAMBLES = re.compile(
    r"^\s*(?:here is the translation|here's the translation|translation|bản dịch"
    r"(?: tiếng việt)?|dưới đây là bản dịch[^:\n]*)\s*:\s*\n",
    re.IGNORECASE,
)

# HTTP statuses worth retrying, and the words that mark a 429 as a spent quota (rotate the key).
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
QUOTA_WORDS = ("insufficient_quota", "quota", "billing", "exceeded your current", "credit")
KEY_REJECTED_STATUSES = frozenset({401, 403})
# Longest wait honoured from a Retry-After header, and the backoff ceiling, in seconds.
MAX_RETRY_AFTER = 60.0
MAX_BACKOFF = 60.0

# Language names used in prompts.
LANGUAGE_NAMES = {
    "vi": "Vietnamese",
    "ja": "Japanese",
    "en": "English",
    "zh": "Chinese",
    "ko": "Korean",
    "fr": "French",
}
