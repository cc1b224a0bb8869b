"""Images articles reference: fetched with limits, stored as webp under the out folder.

``fetch_image(fetcher, url, folder, settings) -> StoredImage`` runs:

    1. fetch     through the guarded fetcher (robots, SSRF guard, rate limit); the response must
                 say ``image/*`` (SVG refused: it is a document, not a picture) and stay under
                 ``image_fetch_max_bytes``
    2. inspect   Pillow reads the header only; more than ``image_fetch_max_pixels`` pixels is
                 refused before any decoding (decompression bombs)
    3. convert   first frame, RGB(A), shrunk to ``MAX_SIDE`` on the longer side, webp
    4. store     ``<folder>/<sha256 of the image bytes, 16 hex>.webp``, written atomically; the
                 same picture from two URLs is one file

Any failure raises ``ImageFailed`` with the URL and the reason; the caller keeps the article.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from newsdesk.errors import FetchError
from newsdesk.fileio import write_if_changed
from newsdesk.sources.http import Fetcher, FetchFailed

MAX_SIDE = 2000
WEBP_QUALITY = 85
FOLDER = Path("images") / "fetched"


class ImageFailed(FetchError):
    pass


@dataclass(slots=True)
class StoredImage:
    url: str
    path: Path
    width: int
    height: int


def image_folder(settings: Any) -> Path:
    return Path(str(getattr(settings, "out", "out"))) / FOLDER


def fetch_image(fetcher: Fetcher, url: str, folder: Path, settings: Any) -> StoredImage:
    max_bytes = int(getattr(settings, "image_fetch_max_bytes", 5_000_000))
    max_pixels = int(getattr(settings, "image_fetch_max_pixels", 40_000_000))
    try:
        response = fetcher.fetch(url, accept=("image/",), max_bytes=max_bytes)
    except FetchFailed as e:
        raise ImageFailed(url, e.reason, e.status) from e
    if response.content_type == "image/svg+xml":
        raise ImageFailed(url, "SVG images are not fetched")
    data = response.body
    if not data:
        raise ImageFailed(url, "empty image")
    webp, width, height = to_webp(data, url, max_pixels)
    name = hashlib.sha256(data).hexdigest()[:16] + ".webp"
    path = folder / name
    _write(path, webp)
    return StoredImage(url, path, width, height)


def to_webp(data: bytes, url: str, max_pixels: int) -> tuple[bytes, int, int]:
    """(webp bytes, width, height) of the image in ``data``; ImageFailed when unusable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                if width * height > max_pixels:
                    raise ImageFailed(
                        url,
                        f"{width}x{height} pixels exceeds image_fetch_max_pixels={max_pixels:,}",
                    )
                im.seek(0)
                im.draft("RGB", (MAX_SIDE, MAX_SIDE))
                im.load()
                frame = im
                if frame.mode not in ("RGB", "RGBA"):
                    keep_alpha = "A" in frame.getbands() or frame.mode == "P"
                    frame = frame.convert("RGBA" if keep_alpha else "RGB")
                frame.thumbnail((MAX_SIDE, MAX_SIDE))
                buf = io.BytesIO()
                frame.save(buf, "WEBP", quality=WEBP_QUALITY, method=4)
                return buf.getvalue(), width, height
    except ImageFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise ImageFailed(url, f"refused before decoding (decompression bomb): {e}") from e
    except UnidentifiedImageError as e:
        raise ImageFailed(url, f"not a usable image: {e}") from e
    except (OSError, ValueError, SyntaxError, EOFError) as e:
        raise ImageFailed(url, f"cannot convert the image: {e}") from e


def _write(path: Path, data: bytes) -> None:
    write_if_changed(path, data)
