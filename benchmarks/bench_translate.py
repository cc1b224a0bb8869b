"""Translate stage overhead without a network: chunking speed, and the whole stage against a
local chat-completions server that answers at once (so what is measured is newsdesk's own cost:
prompts, retries bookkeeping, cache, checks, glossary, store writes). Prints the machine."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsdesk.config import Settings
from newsdesk.model import Article
from newsdesk.store import Store
from newsdesk.translate import translate_pending
from newsdesk.translate.chunking import plan

PARAGRAPH = (
    "高市早苗首相は10日、ハノイでベトナムの首相と会談し、半導体や重要鉱物のサプライチェーン"
    "強化で一致した。日本は総額1500億円の円借款を供与する。"
)


class Echo(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        text = payload["messages"][-1]["content"]
        out = "\n\n".join(
            "Thủ tướng Takaichi Sanae hội đàm tại Hà Nội, nhất trí tăng cường "
            "chuỗi cung ứng bán dẫn; Nhật Bản cho vay 150 tỷ yên."
            if not p.startswith("⟦")
            else p
            for p in text.split("\n\n")
        )
        body = json.dumps(
            {
                "choices": [{"message": {"content": out}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 200, "completion_tokens": 100},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    doc = "\n\n".join([PARAGRAPH] * 400)
    started = time.perf_counter()
    for _ in range(20):
        layout = plan(doc, 6000)
    per = (time.perf_counter() - started) / 20
    print(
        f"chunking: {len(doc) / per / 1e6:.1f} M chars/s ({len(layout.chunks)} chunks of "
        f"{len(doc)} chars in {per * 1000:.1f} ms)"
    )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        n = 200
        for i in range(n):
            body = "\n\n".join([f"第{i}報。" + PARAGRAPH] * 6)
            store.put_article(
                Article(
                    id=f"b{i:015d}",
                    source=f"bench/{i}.txt",
                    shape="plain_text",
                    language="ja",
                    body=body,
                )
            )
        settings = Settings(
            {
                "provider_base_url": f"http://127.0.0.1:{server.server_address[1]}/v1",
                "provider_model": "echo",
                "provider_chunk_chars": 400,
                "provider_concurrency": 4,
                "provider_max_requests": 100000,
            }
        )
        started = time.perf_counter()
        report = translate_pending(store, settings)
        first = time.perf_counter() - started
        calls = len(store.provider_calls(limit=100000))
        started = time.perf_counter()
        translate_pending(store, settings)
        again = time.perf_counter() - started
        print(
            f"stage: {report.done} articles ({calls} requests, {len(report.rejected)} flagged) "
            f"in {first:.2f} s = {report.done / first:.1f} articles/s against an instant server; "
            f"re-run {again * 1000:.0f} ms, 0 requests"
        )
        store.close()
    server.shutdown()


if __name__ == "__main__":
    main()
