"""A local chat-completions server for the translate tests: scripted answers, error statuses,
slow answers (timeouts), malformed bodies; unscripted requests answered by a phrase-book
"translator" that keeps Markdown and ⟦n⟧ tokens. Runs on 127.0.0.1 on a free port."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import tomllib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsdesk.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "translate"


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None  # sent as is (malformed bodies)
    usage: tuple[int, int] | None = (100, 50)
    finish: str = "stop"
    error: dict[str, Any] | None = None  # error body for statuses != 200


def load_pairs() -> list[tuple[str, str]]:
    data = tomllib.loads((FIXTURES / "phrasebook.toml").read_text(encoding="utf-8"))
    return [(p["ja"], p["vi"]) for p in data["pair"]]


class PhraseBook:
    """Translates by replacing known source sentences, longest first; keeps everything else."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = sorted(pairs, key=lambda p: -len(p[0]))

    def __call__(self, text: str) -> str:
        out = text
        for ja, vi in self.pairs:
            out = out.replace(ja, vi + " ")
        out = re.sub(r"[ \t]+\n", "\n", out)
        return re.sub(r" {2,}", " ", out).strip()


class FakeChat:
    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.translate: Callable[[str], str] = PhraseBook(load_pairs())
        self.answer: Callable[[list[dict[str, str]]], str] | None = None
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def queue(self, *replies: Reply) -> None:
        self.script.extend(replies)

    def default(self, messages: list[dict[str, str]]) -> Reply:
        if self.answer is not None:
            return Reply(self.answer(messages))
        return Reply(self.translate(messages[-1]["content"]))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.requests.append(
                        {
                            "path": self.path,
                            "authorization": self.headers.get("Authorization", ""),
                            "json": payload,
                        }
                    )
                    reply = fake.script.popleft() if fake.script else None
                if reply is None:
                    reply = fake.default(payload.get("messages", []))
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw is not None:
                    body = reply.raw
                elif reply.status != 200:
                    body = json.dumps(reply.error or {"error": {"message": "scripted"}}).encode()
                else:
                    data: dict[str, Any] = {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion",
                        "model": payload.get("model", ""),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": reply.finish,
                                "message": {"role": "assistant", "content": reply.text},
                            }
                        ],
                    }
                    if reply.usage:
                        data["usage"] = {
                            "prompt_tokens": reply.usage[0],
                            "completion_tokens": reply.usage[1],
                            "total_tokens": sum(reply.usage),
                        }
                    body = json.dumps(data, ensure_ascii=False).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away

        return Handler


def japanese_article(name: str = "takaichi_hanoi.md", **changes: Any) -> Article:
    """A hand-built Japanese article from tests/fixtures/translate (title line + body)."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    title, _, body = text.partition("\n\n")
    data = {
        "id": changes.pop("id", hashlib.sha256(name.encode()).hexdigest()[:16]),
        "source": f"fixtures/{name}",
        "shape": "markdown_frontmatter",
        "language": "ja",
        "title": title.lstrip("# ").strip(),
        "body": body.strip(),
        "published": "2026-03-15",
        "outlet": "東都新聞",
    }
    data.update(changes)
    return Article.from_dict(data)
