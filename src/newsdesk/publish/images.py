"""The story's lead image, converted to webp with Pillow.

Only local files are converted: an image source is a path relative to the article's source file
(``/images/x.webp`` in a Markdown post means ``<folder of the post>/images/x.webp``), an absolute
path, or a URL the collect stage already fetched (``store.fetched_image``). URLs are never fetched
here; a story without a usable local image gets an empty ``thumbnail``, never a broken path.

Guards: images larger than ``image_max_pixels`` are refused before decoding (decompression bombs),
and the output is shrunk to fit ``thumbnail_max_side`` pixels on its longer side. A file is
rewritten only when its bytes change.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlparse

from PIL import Image, UnidentifiedImageError

from newsdesk.errors import Rejected
from newsdesk.model import Article, Story

DEFAULT_MAX_SIDE = 1200
DEFAULT_MAX_PIXELS = 40_000_000
WEBP_QUALITY = 82
STAGE = "publish"


def local_image(src: str, article: Article) -> Path | None:
    """The local file an image source names, or None (URLs, data URIs, missing files)."""
    src = src.strip()
    if not src:
        return None
    parsed = urlparse(src)
    if parsed.scheme and parsed.scheme not in ("file",) and len(parsed.scheme) > 1:
        return None  # http(s), data: ... — not fetched here
    path_text = parsed.path if parsed.scheme == "file" else src
    candidates: list[Path] = []
    source = Path(article.source)
    base = source.parent if source.suffix or source.is_file() else source
    if path_text.startswith("/"):
        candidates.append(base / path_text.lstrip("/"))
        candidates.append(Path(path_text))
    else:
        candidates.append(base / path_text)
        candidates.append(Path(path_text))
    for c in candidates:
        try:
            if c.is_file():
                return c
        except OSError:
            continue
    return None


def lead_image(
    story: Story,
    articles: Mapping[str, Article],
    fetched: Callable[[str], str | None] | None = None,
) -> tuple[Path | None, str]:
    """(file, note): the first local image of the story's articles, in story order. ``fetched``
    maps an image URL to the file the collect stage stored for it, if any."""
    skipped: list[str] = []
    for member in story.articles:
        if member.duplicate_of:
            continue
        article = articles.get(member.id)
        if article is None:
            continue
        for image in article.images:
            found = local_image(image.src, article)
            if found is None and fetched is not None and image.src:
                stored = fetched(image.src)
                found = Path(stored) if stored and Path(stored).is_file() else None
            if found is not None:
                return found, f"lead image {found}"
            if image.src:
                skipped.append(image.src)
    if skipped:
        return None, f"no local image ({len(skipped)} remote or missing: {skipped[0]})"
    return None, "no image"


def webp_bytes(
    src: Path, *, max_side: int = DEFAULT_MAX_SIDE, max_pixels: int = DEFAULT_MAX_PIXELS
) -> bytes:
    """``src`` as webp bytes, shrunk to ``max_side``. Raises ``Rejected`` naming the file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(src) as im:
                width, height = im.size
                if width * height > max_pixels:
                    raise Rejected(
                        str(src),
                        STAGE,
                        f"image of {width}x{height} pixels exceeds image_max_pixels={max_pixels}",
                    )
                im.draft("RGB", (max_side, max_side))
                im.load()
                if im.mode not in ("RGB", "RGBA"):
                    im = im.convert("RGBA" if "A" in im.getbands() or im.mode == "P" else "RGB")
                im.thumbnail((max_side, max_side))
                buf = io.BytesIO()
                im.save(buf, "WEBP", quality=WEBP_QUALITY, method=4)
                return buf.getvalue()
    except Rejected:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as e:
        raise Rejected(str(src), STAGE, f"not a usable image: {e}") from e
    except (OSError, ValueError, SyntaxError) as e:
        raise Rejected(str(src), STAGE, f"cannot convert the image: {e}") from e
