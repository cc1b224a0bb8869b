"""Word lists and thresholds for reading and cleaning, kept apart from the logic.

Everything here is data: news agencies and their aliases, Vietnamese outlets, the words that
mark a photo caption or a source credit, and the limits the cleaner works with. Add a name here
and every reader and the cleaner pick it up.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- thresholds

GENERATED_TITLE_MAX = 120  # characters of a title generated from the lead, cut on a word
HEADLINE_MAX = 200  # a first line longer than this is a lead, not a headline
HEADLINE_MIN_WORDS = 3
CAPTION_MAX = 420  # a paragraph longer than this is running text even if it ends in a credit
BYLINE_MAX = 80  # an author line at the end is short
BYLINE_MAX_WORDS = 8
MIN_BODY_WORDS = 5  # a body shorter than this is not an article (e.g. a page's menu)
LANG_SAMPLE_CHARS = 1000  # language is decided on the first this-many characters
# An HTML page's lead ("sapo") standing outside the node trafilatura keeps is put back at the
# top of the body for pages in these languages: in Vietnamese news the sapo is the article's
# first paragraph (often the only place of the key figure), while an English "dek"/standfirst is
# a subtitle that the article-extraction benchmark's gold bodies leave out.
LEAD_IS_BODY_LANGUAGES = ("vi",)
LEAD_MIN_WORDS = 8  # a lead paragraph is at least a sentence
LEAD_MAX_CHARS = 800  # longer is a container, not a lead
RELATED_SNIPPET_WORDS = 25  # "related" rows glue title + a lead cut at this many words + "..."

# --------------------------------------------------------------------------- agencies

# canonical name -> aliases as they appear in Vietnamese copy (matched case-insensitively,
# on word boundaries). The canonical name is what ``credited_agencies`` holds.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Jiji": ("Jiji Press", "Jiji"),
    "NHK": ("NHK",),
    "Kyodo": ("Kyodo News", "Kyodonews", "Kyodo"),
    "Asahi": ("Asahi Shimbun", "Asahi"),
    "Yomiuri": ("Yomiuri Shimbun", "Yomiuri"),
    "Nikkei": ("Nikkei Asia", "Nikkei"),
    "AFP": ("AFP", "France-Presse", "France Presse"),
    "AP": ("Associated Press", "AP"),
    "Reuters": ("Reuters",),
    "Bloomberg": ("Bloomberg",),
    "TTXVN": ("Thông tấn xã Việt Nam", "TTXVN", "VNA"),
    "Yonhap": ("Yonhap",),
    "Xinhua": ("Tân Hoa xã", "Tân Hoa Xã", "Xinhua"),
    "TASS": ("TASS",),
    "Sputnik": ("Sputnik",),
    "RIA Novosti": ("RIA Novosti",),
    "EFE": ("EFE",),
    "DPA": ("DPA",),
    "ANSA": ("ANSA",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "CNA": ("CNA", "Channel NewsAsia"),
    "CNN": ("CNN",),
    "BBC": ("BBC",),
    "Al Jazeera": ("Al Jazeera",),
    "The Guardian": ("The Guardian", "Guardian"),
    "New York Times": ("New York Times", "NYT"),
    "Washington Post": ("Washington Post",),
    "Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Financial Times": ("Financial Times",),
    "SCMP": ("South China Morning Post", "SCMP"),
    "Global Times": ("Global Times", "Thời báo Hoàn cầu"),
}

# Words before an agency name that make the mention a credit ("Hãng thông tấn Jiji ngày 6/12
# dẫn lời...", "theo Reuters", "báo Yomiuri").
CREDIT_CUES: tuple[str, ...] = (
    "hãng thông tấn",
    "thông tấn xã",
    "hãng tin",
    "hãng",
    "theo",
    "nguồn",
    "báo",
    "tờ",
    "đài",
    "kênh",
    "truyền hình",
    "tạp chí",
    "nhật báo",
)
# Words after an agency name that make the mention a credit ("Reuters đưa tin").
CREDIT_VERBS: tuple[str, ...] = (
    "đưa tin",
    "cho biết",
    "dẫn lời",
    "dẫn nguồn",
    "loan tin",
    "trích dẫn",
    "trích lời",
    "tiết lộ",
    "thông tin",
    "đăng tải",
    "phát đi",
)

# "[Thời sự Kuala Lumpur] ..." at a paragraph start: Jiji's dateline (時事), translated.
BRACKET_DATELINE_AGENCIES: dict[str, str] = {
    "thời sự": "Jiji",
    "jiji": "Jiji",
    "kyodo": "Kyodo",
    "cộng đồng": "Kyodo",  # 共同 translated literally
}

# "【ハノイ共同】..." in Japanese wire copy: the place, then the agency.
BRACKET_DATELINE_SUFFIXES: dict[str, str] = {"共同": "Kyodo", "時事": "Jiji"}

# --------------------------------------------------------------------------- outlets

# canonical outlet -> aliases seen in bylines ("Tuấn Nhật/VOV-Tokyo", "Theo VnExpress").
OUTLETS: dict[str, tuple[str, ...]] = {
    "VOV": ("VOV", "VOV.VN", "Đài Tiếng nói Việt Nam"),
    "TTXVN": ("TTXVN", "VNA", "TTXVN/Vietnam+"),
    "VnExpress": ("VnExpress", "VNE"),
    "Tuổi Trẻ": ("Tuổi Trẻ", "TTO", "Tuổi Trẻ Online"),
    "Thanh Niên": ("Thanh Niên", "TNO"),
    "Dân trí": ("Dân trí", "Dân Trí", "DT"),
    "VTV": ("VTV", "VTV.vn", "VTV Online"),
    "Nhân Dân": ("Nhân Dân", "ND", "NDO"),
    "Báo Quốc tế": ("Báo Quốc tế", "TG&VN", "Thế giới và Việt Nam"),
    "Vietnam+": ("Vietnam+", "VietnamPlus", "Vietnam Plus"),
    "VietnamNet": ("VietnamNet", "Vietnamnet"),
    "Tiền Phong": ("Tiền Phong", "TP"),
    "Lao Động": ("Lao Động", "LĐ"),
    "Người Lao Động": ("Người Lao Động", "NLĐ"),
    "Zing News": ("Zing News", "Znews", "ZNews"),
    "Sài Gòn Giải Phóng": ("Sài Gòn Giải Phóng", "SGGP"),
    "Quân đội Nhân dân": ("Quân đội Nhân dân", "QĐND"),
    "Công an Nhân dân": ("Công an Nhân dân", "CAND"),
    "An ninh Thủ đô": ("An ninh Thủ đô", "ANTĐ"),
    "Hà Nội Mới": ("Hà Nội Mới", "HNM"),
    "Pháp Luật TP.HCM": ("Pháp Luật TP.HCM", "PLO"),
    "Kinh tế & Đô thị": ("Kinh tế & Đô thị", "KTĐT"),
    "Baomoi": ("Báo Mới", "Baomoi"),
    "VTC News": ("VTC News", "VTC"),
}

# --------------------------------------------------------------------------- captions

# Words that introduce a photo credit at the end of a caption: "... Ảnh: AP", "(Nguồn: AFP)".
CAPTION_MARKERS: tuple[str, ...] = ("Ảnh", "Nguồn ảnh", "Nguồn", "Photo", "Ảnh minh họa", "Video")
# A line under an image that is only a credit: "Photographer: Name/Getty Images".
PHOTO_CREDIT_LINES: tuple[str, ...] = ("Photographer", "Photo", "Ảnh", "Nguồn ảnh", "Credit")

# How photo credits are written once normalised (case-insensitive key -> written form).
CREDIT_FORMS: dict[str, str] = {
    "jiji press": "Jiji Press",
    "jiji": "Jiji Press",
    "kyodo": "Kyodo",
    "kyodonews": "Kyodo",
    "kyodo news": "Kyodo",
    "afp": "AFP",
    "ap": "AP",
    "reuters": "Reuters",
    "getty images": "Getty Images",
    "getty": "Getty Images",
    "ttxvn": "TTXVN",
    "epa": "EPA",
    "epa-efe": "EPA-EFE",
    "xinhua": "Xinhua",
    "tân hoa xã": "Xinhua",
    "yonhap": "Yonhap",
    "nhk": "NHK",
    "bloomberg": "Bloomberg",
    "internet": "Internet",
}

# --------------------------------------------------------------------------- end of article

# A trailing line "Nguồn: NHK, Kyodonews" or "(Theo Reuters)" credits sources.
SOURCE_LINE_MARKERS: tuple[str, ...] = (
    "Nguồn",
    "Theo",
    "Tham khảo",
    "Source",
    "Biên dịch từ",
    "Lược dịch từ",
    "Dịch từ",
    "Tổng hợp từ",
    "Tổng hợp theo",
    "Tổng hợp",
)
WIRE_END_MARKERS: tuple[str, ...] = ("./.", "/.")
# Words that never start an author line (so "Tuy nhiên" alone is not a byline).
NOT_AUTHOR_WORDS: frozenset[str] = frozenset(
    w.lower()
    for w in (
        "Tuy",
        "Nhưng",
        "Và",
        "Theo",
        "Nguồn",
        "Ảnh",
        "Video",
        "Xem",
        "Đọc",
        "Tin",
        "Bài",
        "Thêm",
        "Liên",
        "Chia",
        "Bình",
        "Tags",
        "Từ",
        "Trong",
        "Với",
        "Khi",
        "Tại",
        "Các",
        "Những",
        "Hãy",
        "Mời",
        "Photographer",
    )
)
# Bylines that name no one ("PV" = the paper's reporter): removed, not kept as authors.
ANONYMOUS_BYLINES: frozenset[str] = frozenset(
    {"PV", "P.V", "BTV", "CTV", "NHÓM PV", "NHÓM PHÓNG VIÊN"}
)
# Headings of "related articles" blocks at the end of scraped pages.
RELATED_HEADINGS: tuple[str, ...] = (
    "tin liên quan",
    "bài liên quan",
    "tin cùng chuyên mục",
    "xem thêm",
    "đọc thêm",
    "có thể bạn quan tâm",
    "related",
)
# "... Xem thêm: [title](url)" closing a paragraph points to another article.
RELATED_INLINE_CUES: tuple[str, ...] = (
    "Xem thêm",
    "Xem chi tiết",
    "Đọc thêm",
    "Mời xem",
    "Xem toàn văn",
)
# A related row often glues its title to a lead that starts like this.
RELATED_LEAD_STARTS: tuple[str, ...] = (
    r"Ngày \d{1,2}/\d{1,2}",
    r"Sáng \d{1,2}/\d{1,2}",
    r"Chiều \d{1,2}/\d{1,2}",
    r"Tối \d{1,2}/\d{1,2}",
    r"Trưa \d{1,2}/\d{1,2}",
    r"Đêm \d{1,2}/\d{1,2}",
    r"Thông báo của",
    r"Theo (?:hãng|báo|đài|thông tin|nguồn)",
    r"\([A-ZĐ][^)]{1,20}\)\s*[-–]",
)

# --------------------------------------------------------------------------- fields by name

# JSON Lines dumps: field names mapped to Article fields, first one present wins.
JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "href", "canonical_url"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "pubDate",
        "pub_date",
        "datePublished",
        "created_at",
        "time",
        "timestamp",
    ),
    "authors": ("authors", "author", "byline", "creator"),
    "text": ("text", "body", "content", "article", "maintext"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "outlet": ("outlet", "sitename", "site_name", "publisher", "source_name", "source"),
    "image": ("image", "top_image", "thumbnail", "image_url"),
}
# Frontmatter keys holding the publication time, first one present wins.
FRONTMATTER_DATE_KEYS: tuple[str, ...] = (
    "published",
    "date",
    "created_at",
    "published_at",
    "pubDate",
)
FRONTMATTER_AUTHOR_KEYS: tuple[str, ...] = ("authors", "author", "byline")
FRONTMATTER_OUTLET_KEYS: tuple[str, ...] = ("outlet", "sitename", "source", "publisher")

# Extensions read when a folder is given (explicit files are read whatever their name).
TEXT_EXTENSIONS: frozenset[str] = frozenset(
    {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".jsonl",
        ".ndjson",
        ".json",
        ".xml",
        ".rss",
        ".atom",
        ".text",
    }
)
# File names (without extension, any case) that a folder walk skips: project files, not articles.
# Pictures that travel beside articles (a story's images/ folder): never read as documents,
# counted apart in the ingest note.
IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg", ".bmp", ".tif", ".tiff"}
)

SKIPPED_NAMES: frozenset[str] = frozenset(
    {
        "readme",
        "license",
        "licence",
        "changelog",
        "changes",
        "contributing",
        "notice",
        "authors",
        "copying",
        "install",
        "todo",
    }
)
