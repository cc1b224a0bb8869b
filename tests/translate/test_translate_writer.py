"""Provider-written titles and descriptions, validated against the slots, falling back cleanly."""

from __future__ import annotations

import pytest
from fakechat import Reply

from newsdesk.model import Citation, Event, PersonEntry, Story
from newsdesk.translate.provider import ChatCompletionsProvider
from newsdesk.translate.writer import ProviderWriter, validate

STORY = Story(
    id="s-summit",
    title="Lãnh đạo Nhật - Việt hội đàm",
    description="Hai Thủ tướng hội đàm tại Hà Nội.",
    timeline=[
        Event(
            "2026-11-10",
            "day",
            "Hai Thủ tướng hội đàm tại Hà Nội, ký khoản vay 150 tỷ yên.",
            [Citation("a1", 0)],
        )
    ],
    people=[PersonEntry("Takaichi Sanae", ["Thủ tướng Nhật Bản"], 3)],
)

TITLE = "Nhật Bản cho Việt Nam vay 150 tỷ yên sau hội đàm cấp cao tại Hà Nội"
DESCRIPTION = (
    "Thủ tướng Takaichi Sanae và Thủ tướng Việt Nam nhất trí tăng cường chuỗi cung ứng "
    "bán dẫn; Nhật Bản cung cấp khoản vay ODA 150 tỷ yên cho ba dự án."
)


class Extractive:
    def write(self, kind: str, story: Story) -> str:
        return {"title": "Tiêu đề trích từ nguồn", "description": "Mô tả trích từ nguồn."}[kind]


@pytest.fixture
def provider(fake_chat):
    p = ChatCompletionsProvider(
        fake_chat.url, "fake-model", max_retries=1, backoff=0.001, sleep=lambda s: None
    )
    yield p
    p.close()


def test_a_valid_answer_is_used_and_the_prompt_carries_the_facts(fake_chat, provider) -> None:
    fake_chat.queue(Reply(f'"{TITLE}"'), Reply(DESCRIPTION))
    writer = ProviderWriter(provider, Extractive())
    assert writer.write("title", STORY) == TITLE
    assert writer.write("description", STORY) == DESCRIPTION
    assert writer.fallbacks == []
    prompt = fake_chat.requests[0]["json"]["messages"]
    assert "at most 100 characters" in prompt[0]["content"]
    assert "Headline chosen from the sources: Tiêu đề trích từ nguồn" in prompt[1]["content"]
    assert "150 tỷ yên" in prompt[1]["content"] and "Takaichi Sanae" in prompt[1]["content"]
    assert STORY.title not in prompt[1]["content"]  # its own earlier title never feeds back


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply("x" * 101), "101 characters, the title slot holds 100"),
        (Reply(""), "empty answer"),
        (Reply("Xin lỗi, tôi không thể viết tiêu đề cho câu chuyện này."), "a refusal"),
        (Reply("高市首相、ハノイで会談し円借款に合意した"), "not in the target language"),
        (Reply("Dòng một của tiêu đề\nDòng hai"), "answer rejected"),
        (Reply(status=500), "provider failed"),
        (Reply(raw=b"<html>oops</html>"), "provider failed"),
    ],
)
def test_any_failure_falls_back_to_the_extractive_writer(
    fake_chat, provider, reply, reason
) -> None:
    fake_chat.queue(reply, reply)
    writer = ProviderWriter(provider, Extractive())
    assert writer.write("title", STORY) == "Tiêu đề trích từ nguồn"
    ((story, kind, why),) = writer.fallbacks
    assert (story, kind) == ("s-summit", "title") and reason in why


def test_a_description_over_250_characters_falls_back(fake_chat, provider) -> None:
    fake_chat.queue(Reply("Một câu rất dài. " * 20))
    writer = ProviderWriter(provider, Extractive())
    assert writer.write("description", STORY) == "Mô tả trích từ nguồn."


def test_the_use_decision_comes_with_a_reason_or_not_at_all(fake_chat, provider) -> None:
    fake_chat.queue(Reply('{"use": false, "reason": "Chỉ có một nguồn."}'), Reply("có"))
    writer = ProviderWriter(provider, Extractive(), rule="Chỉ đăng khi có ít nhất hai nguồn.")
    assert writer.decide_use(STORY) == (False, "Chỉ có một nguồn.")
    assert (
        "Chỉ đăng khi có ít nhất hai nguồn."
        in fake_chat.requests[0]["json"]["messages"][0]["content"]
    )
    other = Story(id="s2", title="Khác")
    assert writer.decide_use(other) is None


def test_validate_slots() -> None:
    assert validate("title", TITLE) is None
    assert validate("description", DESCRIPTION) is None
    assert validate("title", "Ngắn") == "4 characters, too short for a title"


class StoriesOnly:
    """The part of the store ``write_stories`` uses, hand-built."""

    def __init__(self, story: Story, articles: list) -> None:
        self.stories = {story.id: story}
        self.articles = {a.id: a for a in articles}
        self.put: list[Story] = []

    def iter_stories(self):
        return iter(list(self.stories.values()))

    def put_story(self, story: Story) -> None:
        self.put.append(story)
        self.stories[story.id] = story

    def get_article(self, article_id: str):
        return self.articles.get(article_id)

    def get_understanding(self, article_id: str):
        return None

    def put_use_decision(self, story_id: str, use: bool, reason: str, **where: str) -> None:
        self.decisions = {story_id: (use, reason, where["rule"])}


def test_write_stories_rewrites_words_once_and_falls_back(fake_chat, provider) -> None:
    from newsdesk.config import Settings
    from newsdesk.model import Article, StoryArticle
    from newsdesk.translate.writer import write_stories

    art = Article(
        id="a1",
        source="a.txt",
        shape="plain_text",
        language="vi",
        title="Nhật Bản và Việt Nam ký khoản vay ODA 150 tỷ yên",
        body="Ngày 10/11, hai Thủ tướng chứng kiến lễ ký khoản vay ODA 150 tỷ yên tại "
        "Hà Nội. Khoản vay dành cho ba dự án hạ tầng và nhân lực.",
    )
    story = Story(
        id="s1",
        title="Nhật Bản và Việt Nam ký khoản vay ODA 150 tỷ yên",
        slug="old-slug",
        description="Ngày 10/11, hai Thủ tướng chứng kiến lễ ký khoản vay.",
        articles=[StoryArticle("a1", "a.txt", None, None)],
    )
    store = StoriesOnly(story, [art])
    fake_chat.queue(Reply(TITLE), Reply(status=400))
    report = write_stories(store, Settings(), provider=provider)
    assert (report.done, report.unchanged) == (1, 0)
    (written,) = store.put
    assert written.title == TITLE and written.slug == "old-slug"  # the slug is newsdesk's
    assert written.description == "Ngày 10/11, hai Thủ tướng chứng kiến lễ ký khoản vay."
    assert any("description kept as analysed (provider failed" in n for n in report.notes)
    again = write_stories(store, Settings(), provider=provider)  # cached title, same fallback
    assert (again.done, again.unchanged) == (0, 1)


def test_write_stories_asks_the_use_question_when_a_rule_is_set(fake_chat, provider, store) -> None:
    from newsdesk.config import Settings
    from newsdesk.translate.writer import write_stories

    rule = "Chỉ đăng khi có ít nhất hai nguồn độc lập."
    fake_chat.queue(Reply(TITLE), Reply(DESCRIPTION), Reply('{"use": true, "reason": "Ba nguồn."}'))
    fake = StoriesOnly(
        Story(id="s1", title="Tiêu đề cũ của câu chuyện", description="Mô tả cũ."), []
    )
    write_stories(fake, Settings({"use_rule": rule}), provider=provider)
    assert fake.decisions == {"s1": (True, "Ba nguồn.", rule)}
    store.put_use_decision("s1", True, "Ba nguồn.", rule=rule, provider="p", model="m")
    assert store.use_decision("s1")["use"] is True and store.use_decision("nope") is None
