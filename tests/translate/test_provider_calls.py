"""The chat-completions provider against a local server: retries, key rotation, budget, cache,
call records."""

from __future__ import annotations

import random

import pytest
from fakechat import Reply
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.config import Settings
from newsdesk.errors import BudgetExhausted, ConfigError, ProviderError
from newsdesk.translate.budget import Budget, Price, price_for
from newsdesk.translate.provider import ChatCompletionsProvider, parse_use
from newsdesk.translate.retry import KeyRing, KeysExhausted, backoff_delay

MESSAGES = [{"role": "user", "content": "Good morning"}]


def make(fake, store=None, *, keys=None, budget=None, sleeps=None, **kw) -> ChatCompletionsProvider:
    return ChatCompletionsProvider(
        fake.url,
        "fake-model",
        keys=keys,
        store=store,
        budget=budget,
        max_retries=kw.pop("max_retries", 3),
        backoff=0.001,
        timeout=kw.pop("timeout", 2.0),
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
        **kw,
    )


def test_a_call_is_recorded_with_tokens_latency_and_cost(fake_chat, store) -> None:
    fake_chat.queue(Reply("Chào buổi sáng", usage=(120, 30)))
    budget = Budget(10, 1000, 1.0, Price(2.0, 8.0))
    with make(fake_chat, store, budget=budget) as p:
        answer = p.complete(MESSAGES, purpose="check", prompt_version="v1", item="a1")
    assert answer.text == "Chào buổi sáng" and not answer.cached
    (call,) = store.provider_calls()
    assert call["outcome"] == "ok" and call["status"] == 200
    assert (call["tokens_in"], call["tokens_out"]) == (120, 30)
    assert call["cost"] == pytest.approx((120 * 2.0 + 30 * 8.0) / 1e6)
    assert call["provider"] == fake_chat.url and call["model"] == "fake-model"
    assert call["item"] == "a1" and call["latency_ms"] >= 0
    assert fake_chat.requests[0]["path"] == "/v1/chat/completions"
    assert fake_chat.requests[0]["json"]["model"] == "fake-model"
    assert budget.requests == 1 and budget.tokens == 150


def test_retries_on_500_429_timeout_and_malformed_json_then_succeeds(fake_chat, store) -> None:
    fake_chat.queue(
        Reply(status=500),
        Reply(status=429, headers={"Retry-After": "0"}, error={"error": {"message": "slow down"}}),
        Reply("late", delay=0.6),
        Reply(raw=b"{not json"),
        Reply("Xin chào"),
    )
    sleeps: list[float] = []
    with make(fake_chat, store, sleeps=sleeps, max_retries=4, timeout=0.3) as p:
        answer = p.complete(MESSAGES, purpose="check", prompt_version="v1")
    assert answer.text == "Xin chào"
    outcomes = [c["outcome"] for c in reversed(store.provider_calls())]
    assert outcomes == ["retry", "retry", "timeout", "malformed", "ok"]
    assert [c["status"] for c in reversed(store.provider_calls())] == [500, 429, None, 200, 200]
    assert len(sleeps) == 4  # one backoff before each retry


def test_gives_up_after_max_retries_with_a_clear_message(fake_chat, store) -> None:
    fake_chat.queue(*[Reply(status=503) for _ in range(3)])
    with make(fake_chat, store, max_retries=2) as p, pytest.raises(ProviderError) as info:
        p.complete(MESSAGES, purpose="translate", prompt_version="v1", item="art1")
    assert "gave up after 3 attempt(s)" in str(info.value) and "HTTP 503" in str(info.value)
    assert "art1" in str(info.value)
    assert len(fake_chat.requests) == 3


def test_a_bad_request_is_not_retried(fake_chat, store) -> None:
    fake_chat.queue(Reply(status=400, error={"error": {"message": "model not found"}}))
    with make(fake_chat, store) as p, pytest.raises(ProviderError, match="model not found"):
        p.complete(MESSAGES, purpose="check", prompt_version="v1")
    assert len(fake_chat.requests) == 1


def test_keys_rotate_on_quota_errors_and_are_never_stored(fake_chat, store) -> None:
    env = {"KEY_A": "sk-aaaa-secret", "KEY_B": "sk-bbbb-secret"}
    keys = KeyRing.from_spec("KEY_A, KEY_B", env)
    fake_chat.queue(
        Reply(
            status=429,
            error={
                "error": {
                    "code": "insufficient_quota",
                    "message": "You exceeded your current quota",
                }
            },
        ),
        Reply("một"),
        Reply("hai"),
    )
    sleeps: list[float] = []
    with make(fake_chat, store, keys=keys, sleeps=sleeps) as p:
        assert p.complete(MESSAGES, purpose="check", prompt_version="v1", cache=False).text == "một"
        assert p.complete(MESSAGES, purpose="check", prompt_version="v1", cache=False).text == "hai"
    auth = [r["authorization"] for r in fake_chat.requests]
    assert auth == ["Bearer sk-aaaa-secret", "Bearer sk-bbbb-secret", "Bearer sk-bbbb-secret"]
    assert sleeps == []  # rotation does not wait
    assert keys.retired == {"KEY_A": "HTTP 429"}
    rows = store.provider_calls()
    assert [r["key_name"] for r in reversed(rows)] == ["KEY_A", "KEY_B", "KEY_B"]
    dump = repr(rows) + repr(store.query("SELECT * FROM provider_cache"))
    assert "secret" not in dump


def test_a_refused_key_with_no_other_stops_with_keys_exhausted(fake_chat, store) -> None:
    keys = KeyRing.from_spec("ONLY", {"ONLY": "k"})
    fake_chat.queue(Reply(status=401, error={"error": {"message": "invalid api key"}}))
    with make(fake_chat, store, keys=keys) as p, pytest.raises(KeysExhausted, match="ONLY"):
        p.complete(MESSAGES, purpose="check", prompt_version="v1")


def test_key_names_must_point_at_set_variables() -> None:
    with pytest.raises(ConfigError, match="MISSING_KEY"):
        KeyRing.from_spec("MISSING_KEY", {})
    ring = KeyRing.from_spec("A,B", {"B": "x"})
    assert ring.names == ["B"]
    assert KeyRing.from_spec("", {}).keyless


def test_budget_stops_cleanly_before_the_next_request(fake_chat, store) -> None:
    budget = Budget(max_requests=2, max_tokens=10**6, max_cost=1.0)
    with make(fake_chat, store, budget=budget) as p:
        p.complete([{"role": "user", "content": "một"}], purpose="t", prompt_version="v1")
        p.complete([{"role": "user", "content": "hai"}], purpose="t", prompt_version="v1")
        with pytest.raises(
            BudgetExhausted, match=r"2 of 2 requests used \(provider_max_requests\)"
        ):
            p.complete([{"role": "user", "content": "ba"}], purpose="t", prompt_version="v1")
        # a cached answer costs nothing and is still served
        assert p.complete(
            [{"role": "user", "content": "một"}], purpose="t", prompt_version="v1"
        ).cached
    assert len(fake_chat.requests) == 2


def test_token_and_money_budgets(fake_chat) -> None:
    tokens = Budget(100, 150, 10.0)
    with make(fake_chat, budget=tokens) as p:
        p.complete(
            [{"role": "user", "content": "a"}], purpose="t", prompt_version="v1"
        )  # 150 tokens
        with pytest.raises(BudgetExhausted, match="150 of 150 tokens"):
            p.complete([{"role": "user", "content": "b"}], purpose="t", prompt_version="v1")
    money = Budget(100, 10**9, 0.0002, Price(1.0, 1.0))
    with make(fake_chat, budget=money) as p:
        p.complete([{"role": "user", "content": "c"}], purpose="t", prompt_version="v1")
        p.complete([{"role": "user", "content": "d"}], purpose="t", prompt_version="v1")
        with pytest.raises(BudgetExhausted, match=r"\$0\.0003 of \$0\.00 spent"):
            p.complete([{"role": "user", "content": "e"}], purpose="t", prompt_version="v1")


def test_the_cache_survives_the_run_so_a_rerun_never_pays_twice(fake_chat, store) -> None:
    with make(fake_chat, store) as p:
        first = p.complete(MESSAGES, purpose="t", prompt_version="v1")
    with make(fake_chat, store) as p2:
        again = p2.complete(MESSAGES, purpose="t", prompt_version="v1")
        other_version = p2.complete(MESSAGES, purpose="t", prompt_version="v2")
    assert again.cached and again.text == first.text
    assert not other_version.cached
    assert len(fake_chat.requests) == 2
    assert store.cache_stats()["hits"] == 1


def test_price_table_and_overrides() -> None:
    assert price_for("https://api.openai.com/v1", "gpt-4o-mini") == Price(0.15, 0.60)
    assert price_for("https://api.openai.com/v1", "gpt-4o-2024-08-06") == Price(2.5, 10.0)
    assert price_for("http://localhost:11434/v1", "qwen2.5:7b").input == 0
    assert not price_for("https://example.invalid/v1", "mystery-model").known
    settings = Settings({"provider_price_in": 3.0, "provider_price_out": 4.0})
    assert price_for("http://127.0.0.1:1/v1", "x", settings) == Price(3.0, 4.0)


@given(attempt=st.integers(1, 12), base=st.floats(0.001, 5.0), seed=st.integers(0, 1000))
def test_backoff_grows_with_jitter_inside_its_bounds(attempt: int, base: float, seed: int) -> None:
    delay = backoff_delay(attempt, base, rng=random.Random(seed))
    ceiling = min(60.0, base * 2 ** (attempt - 1))
    assert ceiling / 2 <= delay <= ceiling


def test_backoff_honours_retry_after_up_to_a_cap() -> None:
    assert backoff_delay(1, 0.001, retry_after=3.0) == 3.0
    assert backoff_delay(1, 0.001, retry_after=10_000) == 60.0


def test_use_decisions_are_parsed_strictly() -> None:
    assert parse_use('```json\n{"use": true, "reason": "Đủ nguồn."}\n```') == (True, "Đủ nguồn.")
    with pytest.raises(ProviderError):
        parse_use("yes, publish it")
    with pytest.raises(ProviderError):
        parse_use('{"use": "yes", "reason": ""}')


def test_a_server_wanting_a_key_when_none_is_configured_says_so_once(fake_chat, store) -> None:
    fake_chat.queue(*[Reply(status=401, error={"error": {"message": "missing api key"}})] * 3)
    with make(fake_chat, store) as p, pytest.raises(KeysExhausted, match="provider_key_env"):
        p.complete(MESSAGES, purpose="check", prompt_version="v1")
    assert len(fake_chat.requests) == 1
