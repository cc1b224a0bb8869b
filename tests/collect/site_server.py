"""A fixture news site on 127.0.0.1 for the collect tests (never any other address).

Static files come from ``tests/fixtures/collect/site/`` (``{{BASE}}`` in them becomes the
server's address); every file has an ETag and a Last-Modified and honours conditional GETs.
Paths with behaviour of their own:

    /tin/hop-bao.html       429 with Retry-After: 1 the first time, then the page
    /loi/500.html           500 always
    /loi/da-go.html         410 Gone
    /vong/a, /vong/b        a redirect loop
    /ngoai/metadata         302 to http://169.254.169.254/latest/meta-data/
    /ngoai/noi-bo, /ngoai/v6  302 to http://intranet.example/admin and http://[fd00::1]/
    /chuyen/bai             301 to /tin/cang-bien.html
    /tai-lieu/bao-cao.pdf   a PDF (not HTML)
    /lon/khong-lo.html      2 MB of HTML without a Content-Length
    /cham/bai.html          answers after ``slow`` seconds
    /img/<name>.png         small generated PNGs; /img/bom.png claims 100000x100000
                            pixels, /img/rong.png 3000x3000
    /sitemap-cu.xml.gz      sitemap-cu.xml, gzip-compressed
    /tin-tuc/               the listing page, served without validators

Every request is logged (time, path, request headers, status) for the tests to check.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "collect" / "site"
LAST_MODIFIED = "Mon, 03 Nov 2025 02:00:00 GMT"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".txt": "text/plain",
}
HEADER_TYPES = {
    "/jp/jishin.html": "text/html; charset=utf-8",  # wrong on purpose: the page is Shift_JIS
    "/jp/kome.html": "text/html; charset=EUC-JP",
    "/tin/gia-lua.html": "text/html",  # no charset: the page's meta says windows-1258
}
COLORS = {"lu": (30, 90, 160), "dien": (230, 180, 20), "cang": (20, 120, 60), "qc": (200, 0, 0)}


@dataclass
class Hit:
    at: float
    path: str
    headers: dict[str, str]
    status: int = 0


def _png(color: tuple[int, int, int], size: tuple[int, int] = (64, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def _claiming_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""
    data = bytearray(_png((0, 0, 0), (1, 1)))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


@dataclass
class FixtureSite:
    root: Path = SITE
    slow: float = 2.5
    page_delay: float = 0.0  # added before every /chuoi/ article page
    log: list[Hit] = field(default_factory=list)
    overrides: dict[str, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _seen_429: set[str] = field(default_factory=set)
    in_flight: int = 0  # requests being answered now
    most_in_flight: int = 0  # the most answered at once

    def start(self) -> FixtureSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            found = list(self.log)
        return [h for h in found if path is None or h.path.split("?", 1)[0] == path]

    def paths(self) -> list[str]:
        return [h.path.split("?", 1)[0] for h in self.hits()]

    # ------------------------------------------------------------------ serving

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        hit = Hit(time.monotonic(), h.path, {k.lower(): v for k, v in h.headers.items()})
        with self._lock:
            self.log.append(hit)
        path = h.path.split("?", 1)[0]
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            hit.status = self._route(h, path)
        except (BrokenPipeError, ConnectionResetError):
            hit.status = hit.status or -1
        finally:
            with self._lock:
                self.in_flight -= 1

    def _send(
        self,
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> int:
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        if status != 304:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if status != 304:
            h.wfile.write(body)
        return status

    def _route(self, h: BaseHTTPRequestHandler, path: str) -> int:
        if path == "/tin/hop-bao.html" and path not in self._seen_429:
            self._seen_429.add(path)
            return self._send(h, 429, b"slow down", {"Retry-After": "1"})
        if path == "/loi/da-go.html":
            return self._send(h, 410, b"gone", {"Content-Type": "text/plain"})
        if path == "/loi/500.html":
            return self._send(h, 500, b"server error", {"Content-Type": "text/plain"})
        redirects = {
            "/vong/a": "/vong/b",
            "/vong/b": "/vong/a",
            "/ngoai/metadata": "http://169.254.169.254/latest/meta-data/",
            "/ngoai/noi-bo": "http://intranet.example/admin",
            "/ngoai/v6": "http://[fd00::1]/",
            "/chuyen/bai": "/tin/cang-bien.html",
        }
        if path in redirects:
            code = 301 if path == "/chuyen/bai" else 302
            return self._send(h, code, b"", {"Location": redirects[path]})
        if path == "/tai-lieu/bao-cao.pdf":
            return self._send(
                h, 200, b"%PDF-1.4\n% not really\n", {"Content-Type": "application/pdf"}
            )
        if path == "/lon/khong-lo.html":
            return self._huge(h)
        if path.startswith("/cham/"):
            time.sleep(self.slow)
            return self._send(
                h, 200, b"<html><body><p>late</p></body></html>", {"Content-Type": "text/html"}
            )
        if path.startswith("/img/"):
            name = path.rsplit("/", 1)[-1].removesuffix(".png")
            if name in ("bom", "rong"):
                size = 100_000 if name == "bom" else 3_000
                return self._send(h, 200, _claiming_png(size, size), {"Content-Type": "image/png"})
            if name in COLORS:
                return self._send(h, 200, _png(COLORS[name]), {"Content-Type": "image/png"})
            return self._send(h, 404, b"no image")
        if path == "/sitemap-cu.xml.gz":
            body = gzip.compress(self._file("/sitemap-cu.xml") or b"", mtime=0)
            return self._static(h, path, body, "application/gzip")
        if path.startswith("/chuoi/bai-") and self.page_delay:
            time.sleep(self.page_delay)
        body = self._file(path)
        if body is None:
            return self._send(h, 404, b"not found", {"Content-Type": "text/plain"})
        suffix = Path(path if not path.endswith("/") else "index.html").suffix
        kind = HEADER_TYPES.get(path, TYPES.get(suffix, "application/octet-stream"))
        return self._static(h, path, body, kind, validators=path != "/tin-tuc/")

    def _file(self, path: str) -> bytes | None:
        if path in self.overrides:
            return self.overrides[path].replace(b"{{BASE}}", self.base.encode())
        rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
        file = (self.root / rel).resolve()
        if not file.is_relative_to(self.root.resolve()) or not file.is_file():
            return None
        return file.read_bytes().replace(b"{{BASE}}", self.base.encode())

    def _static(
        self, h: BaseHTTPRequestHandler, path: str, body: bytes, kind: str, validators: bool = True
    ) -> int:
        headers = {"Content-Type": kind}
        if validators:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers |= {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if h.headers.get("If-None-Match") == etag:
                return self._send(h, 304, b"", {"ETag": etag})
        return self._send(h, 200, body, headers)

    def _huge(self, h: BaseHTTPRequestHandler) -> int:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<p>" + "Rất dài. ".encode() * 2000 + b"</p>\n"
        try:
            for _ in range(2_000_000 // len(chunk) + 1):
                h.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        h.close_connection = True
        return 200
