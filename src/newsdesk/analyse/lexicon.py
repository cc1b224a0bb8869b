"""Word lists and thresholds of the analyse stage, kept apart from the logic.

Everything here is lower-case NFC Vietnamese. Multi-word entries are matched on word boundaries.
"""

from __future__ import annotations

# ---------------------------------------------------------------- planned / future events

# A clause carrying one of these (before any reporting verb) speaks of something not yet done.
PLANNED_MARKERS: tuple[str, ...] = (
    "dự kiến",
    "dự định",
    "sẽ",
    "kế hoạch",
    "chuẩn bị",
    "sắp",
    "theo lịch",
    "lên lịch",
    "nhiều khả năng",
    "có thể sẽ",
)
# Date phrases that point forward ("tháng 1 tới", "tuần sau").
PLANNED_DATE_WORDS: tuple[str, ...] = ("tới", "sau", "sắp tới", "tiếp theo")

# Verbs that introduce reported content: a "sẽ" after them belongs to what was said,
# not to when the saying happened ("cam kết sẽ tăng cường" happened on its date).
REPORTING_VERBS: tuple[str, ...] = (
    "cho biết",
    "cho hay",
    "nói rằng",
    "nói",
    "tuyên bố",
    "khẳng định",
    "cam kết",
    "nhấn mạnh",
    "thông báo",
    "tiết lộ",
    "dẫn lời",
    "xác nhận",
    "nhất trí",
    "thống nhất",
    "đồng ý",
    "hứa",
    "kêu gọi",
)

# ---------------------------------------------------------------- clauses

# Words a clause may open with that carry nothing of the event itself.
LEADING_CONNECTORS: tuple[str, ...] = (
    "trước đó",
    "sau đó",
    "tuy nhiên",
    "ngoài ra",
    "bên cạnh đó",
    "trong khi đó",
    "đồng thời",
    "theo đó",
    "như vậy",
    "vì thế",
    "chính vì thế",
    "do đó",
    "cũng trong ngày",
    "và",
    "nhưng",
    "còn",
)
# Prepositions that open a circumstance, not an event ("tại hội nghị ...", "ở Tokyo").
CIRCUMSTANCE_OPENERS: tuple[str, ...] = (
    "tại",
    "ở",
    "trong",
    "vào",
    "theo",
    "với",
    "từ",
    "sau",
    "trước",
)
# Words a clause may open with that continue the clause before it ("..., lên 2% GDP").
CONTINUATIONS: frozenset[str] = frozenset(
    [
        "lên",
        "xuống",
        "thành",
        "đến",
        "tới",
        "cho",
        "của",
        "để",
        "nhằm",
        "như",
        "bao",
        "gồm",
        "cũng",
        "sớm",
        "muộn",
        "chậm",
        "hơn",
        "với",
        "và",
        "hoặc",
        "mà",
        "vào",
        "trong",
        "từ",
    ]
)
CLAUSE_MIN_WORDS = 6  # a clause shorter than this is joined with its neighbour
EVENT_MAX_CHARS = 180  # longest event line in the timeline
TITLE_MAX_CHARS = 100
DESCRIPTION_MAX_CHARS = 250

# ---------------------------------------------------------------- event matching

# Words folded together when comparing two mentions of one event.
EVENT_SYNONYMS: dict[str, str] = {
    "cấp cao": "thượng đỉnh",
    "thượng đỉnh": "thượng đỉnh",
    "hội đàm": "gặp",
    "hội nghị": "gặp",
    "gặp gỡ": "gặp",
    "gặp": "gặp",
    "cuộc gặp": "gặp",
    "điện đàm": "điện đàm",
    "gọi điện": "điện đàm",
    "công du": "thăm",
    "chuyến thăm": "thăm",
    "thăm": "thăm",
    "ký": "ký",
    "ký kết": "ký",
}
EVENT_MERGE_THRESHOLD = 0.18  # weighted overlap two mentions of one date need to be one event

# ---------------------------------------------------------------- figures and disagreements

# What a figure can measure: a surface phrase -> the topic key and its Vietnamese label.
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("thuế quan", "thuế", "Mức thuế"),
    ("thuế nhập khẩu", "thuế", "Mức thuế"),
    ("thuế xuất khẩu", "thuế", "Mức thuế"),
    ("mức thuế", "thuế", "Mức thuế"),
    ("thuế", "thuế", "Mức thuế"),
    ("chi tiêu quốc phòng", "quốc phòng", "Chi tiêu quốc phòng"),
    ("chi phí quốc phòng", "quốc phòng", "Chi tiêu quốc phòng"),
    ("ngân sách quốc phòng", "quốc phòng", "Chi tiêu quốc phòng"),
    ("chi tiêu quân sự", "quốc phòng", "Chi tiêu quốc phòng"),
    ("lãi suất", "lãi suất", "Lãi suất"),
    ("lạm phát", "lạm phát", "Lạm phát"),
    ("tăng trưởng", "tăng trưởng", "Tăng trưởng"),
    ("thất nghiệp", "thất nghiệp", "Tỷ lệ thất nghiệp"),
    ("tỷ giá", "tỷ giá", "Tỷ giá"),
    ("giá xăng", "giá xăng", "Giá xăng"),
    ("giá điện", "giá điện", "Giá điện"),
    ("giá vàng", "giá vàng", "Giá vàng"),
    ("lương tối thiểu", "lương tối thiểu", "Lương tối thiểu"),
    ("người chết", "thương vong", "Số người chết"),
    ("thiệt mạng", "thương vong", "Số người chết"),
    ("tử vong", "thương vong", "Số người chết"),
    ("bị thương", "bị thương", "Số người bị thương"),
    ("mất tích", "mất tích", "Số người mất tích"),
    ("sơ tán", "sơ tán", "Số người sơ tán"),
    ("kim ngạch", "kim ngạch", "Kim ngạch thương mại"),
    ("đầu tư", "đầu tư", "Khoản đầu tư"),
    ("vốn đầu tư", "đầu tư", "Vốn đầu tư"),
    ("vốn", "đầu tư", "Vốn đầu tư"),
    ("doanh thu", "doanh thu", "Doanh thu"),
    ("lợi nhuận", "lợi nhuận", "Lợi nhuận"),
    ("xuất khẩu", "xuất khẩu", "Xuất khẩu"),
    ("nhập khẩu", "nhập khẩu", "Nhập khẩu"),
    ("ngân sách", "ngân sách", "Ngân sách"),
    ("dân số", "dân số", "Dân số"),
)
# Words before a figure that name the side of a change it stands on.
CHANGE_FROM_WORDS: tuple[str, ...] = ("từ",)
CHANGE_TO_WORDS: tuple[str, ...] = (
    "xuống còn",
    "xuống mức",
    "xuống",
    "còn",
    "lên mức",
    "lên tới",
    "lên",
    "thành",
)
# Verbs saying a quantity is brought to a level ("nâng ... lên 2% GDP").
REACH_VERBS: tuple[str, ...] = ("tăng", "nâng", "đưa", "đạt", "giảm", "hạ", "cắt")
# How far before a figure (in characters) its topic words are looked for; right after the
# figure ("12 người chết") a topic is looked for up to the next punctuation or number.
TOPIC_WINDOW_CHARS = 90
TOPIC_AFTER_CHARS = 24
# Alternative spellings folded when comparing what a figure measures.
OF_SYNONYMS: dict[str, str] = {
    "tổng sản phẩm quốc nội": "gdp",
    "tổng sản phẩm quốc nội (gdp)": "gdp",
    "gdp": "gdp",
}
# Relative figures are compared only when measuring the same base (percent of GDP, etc.).
DISAGREEMENT_MIN_ARTICLES = 2

# ---------------------------------------------------------------- words without content

_STOPWORD_TEXT = """
    và của là có được cho với các những một này đó khi đã đang sẽ thì mà để từ trong ngoài
    tại ở về theo như vào ra lên xuống nhiều hơn rất cũng không chưa nhưng hay hoặc nếu vì do
    bởi nên thế nào gì ai đây kia ấy bị lại còn đến tới sau trước trên dưới giữa cùng vẫn
    người ông bà anh chị năm tháng ngày tuần giờ hôm nay qua nữa đều chỉ mỗi mọi việc cuộc
    sự nơi lần thời điểm này đó rằng cho biết nói
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

# ---------------------------------------------------------------- moved out of the modules

# Reporting verbs that end the clause of who speaks ("X cho biết <what was said>").
SPLIT_VERBS: tuple[str, ...] = (
    "cho biết",
    "cho hay",
    "nói rằng",
    "dẫn lời",
    "tiết lộ rằng",
    "thông báo rằng",
)
# A date right after these words opens a span ("kể từ năm 1945"): no event, no target of its own.
SPAN_OPENERS: tuple[str, ...] = ("kể từ", "từ", "tính từ", "cho đến", "đến nay")
# Words before a figure that make it approximate ("khoảng 10 người"): never compared.
APPROXIMATE_WORDS: tuple[str, ...] = (
    "khoảng",
    "gần",
    "hơn",
    "trên",
    "dưới",
    "ít nhất",
    "tối thiểu",
    "chưa đến",
    "chừng",
    "xấp xỉ",
    "ước tính",
    "hàng",
)
# Number words a cut line must not end on ("… 1,2 tỷ…").
SCALE_WORDS: frozenset[str] = frozenset(["tỷ", "tỉ", "triệu", "nghìn", "ngàn", "trăm", "chục"])
# Measurements from articles published further apart than this are not compared (days).
PLAIN_MAX_DAYS_APART = 1
# Granularities a target date may have ("đạt 2% GDP vào năm 2027"); a day is when it was said.
TARGET_GRANULARITIES: tuple[str, ...] = ("year", "season", "month", "range")
# Key figures: at most FIGURES_MAX; single-source figures with no known measure fill up to MIN.
FIGURES_MAX = 10
FIGURES_MIN = 3
# Title and description: lead sentences weigh more; short sentences are never picked.
LEAD_BONUS = 1.25
LEAD_SENTENCES = 2
MIN_SENTENCE_WORDS = 6
DESCRIPTION_CANDIDATES = 3  # the best sentence that fits whole, among this many, beats a cut one
