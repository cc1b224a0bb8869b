def test_a_provider_can_withhold_a_story_but_never_force_one() -> None:
    from newsdesk.publish.gate import Verdict, combine

    passed = Verdict(True, "2 Vietnamese articles, 1400 characters", 2, 1400)
    stopped = Verdict(False, "no Vietnamese text (await translation)", 0, 0)
    no = {"use": False, "reason": "tin quảng cáo", "model": "m1"}
    yes = {"use": True, "reason": "đủ nội dung", "model": "m1"}
    assert combine(passed, None) == passed
    assert combine(passed, yes) == passed
    assert combine(passed, no) == Verdict(False, "withheld by m1: tin quảng cáo", 2, 1400)
    assert combine(stopped, yes) == stopped
