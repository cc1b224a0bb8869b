"""One person however written, across articles: name order, keys and the registry."""

from __future__ import annotations

from newsdesk.understand import names as nm
from newsdesk.understand.names import MemoryRegistry, canonical_person, resolve


def test_canonical_order_of_japanese_names() -> None:
    assert canonical_person(["Takaichi", "Sanae"]) == "Sanae Takaichi"
    assert canonical_person(["Sanae", "Takaichi"]) == "Sanae Takaichi"
    assert canonical_person(["Koizumi", "Shinjiro"]) == "Shinjiro Koizumi"
    # unknown romanised pair: a surname-only mention decides
    assert canonical_person(["Kenta", "Moriyama"], "Moriyama") == "Kenta Moriyama"
    assert canonical_person(["Moriyama", "Kenta"], "Moriyama") == "Kenta Moriyama"
    # Vietnamese, Korean and Western names stay as written
    assert canonical_person(["Lê", "Hoài", "Trung"]) == "Lê Hoài Trung"
    assert canonical_person(["Donald", "Trump"]) == "Donald Trump"
    assert canonical_person(["Park", "Si", "Yeon"]) == "Park Si Yeon"


def test_both_orders_share_a_key() -> None:
    assert nm.pair_key(["Takaichi", "Sanae"]) == nm.pair_key(["Sanae", "Takaichi"])
    assert nm.pair_key(["Donald", "Trump"]) is None


def test_registry_keeps_one_id_and_upgrades_a_surname() -> None:
    reg = MemoryRegistry()
    trump_short, name = resolve(reg, "person", "Trump", ["Trump"])
    assert name == "Trump"
    trump_full, name = resolve(reg, "person", "Donald Trump", ["Donald Trump", "Trump"])
    assert (trump_full, name) == (trump_short, "Donald Trump")
    again, name = resolve(reg, "person", "Trump", ["Trump"])
    assert (again, name) == (trump_short, "Donald Trump")


def test_registry_joins_both_orders_across_articles() -> None:
    reg = MemoryRegistry()
    a, name_a = resolve(reg, "person", "Sanae Takaichi", ["Sanae Takaichi", "Takaichi"])
    b, name_b = resolve(reg, "person", "Sanae Takaichi", ["Takaichi Sanae"])
    c, name_c = resolve(reg, "person", "Takaichi", ["Takaichi"])
    assert a == b == c
    assert name_a == name_b == name_c == "Sanae Takaichi"


def test_an_ambiguous_surname_is_not_linked() -> None:
    reg = MemoryRegistry()
    kim1, _ = resolve(reg, "person", "Kim Jong-un", ["Kim Jong-un"])
    kim2, _ = resolve(reg, "person", "Kim Yo-jong", ["Kim Yo-jong"])
    alone, name = resolve(reg, "person", "Kim", ["Kim"])
    assert kim1 != kim2 and alone not in (kim1, kim2) and name == "Kim"


def test_ids_are_stable_for_the_same_input() -> None:
    ids = []
    for _ in range(2):
        reg = MemoryRegistry()
        ids.append(
            [resolve(reg, "person", n, [n])[0] for n in ("Donald Trump", "Sanae Takaichi")]
            + [resolve(reg, "place", "Mỹ", ["Hoa Kỳ"])[0]]
        )
    assert ids[0] == ids[1]


def test_places_and_organisations_resolve_by_name() -> None:
    reg = MemoryRegistry()
    a, _ = resolve(reg, "place", "Mỹ", ["Hoa Kỳ"])
    b, _ = resolve(reg, "place", "Mỹ", ["Mỹ"])
    c, _ = resolve(reg, "organization", "Mỹ", ["Mỹ"])
    assert a == b != c
