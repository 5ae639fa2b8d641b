"""The side an outlet speaks for: state media and ministries by name or domain,
independent outlets none, a relay by its dateline."""

from __future__ import annotations

import pytest

from tui.core.outlets import INDEPENDENT, Outlets, Side, bundled_outlets

OUTLETS = [
    ("VNA", "Việt Nam"),
    ("VNA/VNS", "Việt Nam"),
    ("Vietnam News Agency", "Việt Nam"),
    ("Nhân Dân", "Việt Nam"),
    ("nhan dan", "Việt Nam"),
    ("Xinhua", "China"),
    ("Xinhua News Agency", "China"),
    ("CGTN", "China"),
    ("People's Daily", "China"),
    ("KCNA", "North Korea"),
    ("Kyodo", INDEPENDENT),
    ("By Reuters staff", INDEPENDENT),
    ("AFP", INDEPENDENT),
    ("Ministry of Foreign Affairs of Japan", "Japan"),
    ("Ministry of Foreign Affairs of Singapore", "Singapore"),
    ("Embassy of the Republic of Korea", "South Korea"),
    # A body abroad speaks for its own country, never the host's
    ("Chinese Embassy in Vietnam", "China"),
    ("Embassy of the People's Republic of China in the Socialist Republic of Viet Nam", "China"),
    ("Embassy of Viet Nam in the United States", "Việt Nam"),
    ("The Straits Times", None),
    ("", None),
]


@pytest.mark.parametrize(("source", "country"), OUTLETS, ids=[s or "empty" for s, _ in OUTLETS])
def test_outlets_by_name(source: str, country: str | None) -> None:
    assert bundled_outlets().outlet_country(source) == country


def test_outlets_by_the_address_an_article_came_from() -> None:
    outlets = bundled_outlets()
    assert outlets.outlet_country(None, "https://english.news.cn/20250116/x.html") == "China"
    assert outlets.outlet_country(None, "https://www.fmprc.gov.cn/eng/xw/") == "China"
    assert outlets.outlet_country(None, "https://en.vietnamplus.vn/a-post.vnp") == "Việt Nam"
    assert outlets.outlet_country("", "https://www.mofa.go.jp/s_sa/sea1/vn/") == "Japan"
    assert outlets.outlet_country(None, "https://example.org/news") is None
    assert outlets.outlet_country(None, "http://[bad") is None


def test_sides_of_reports() -> None:
    outlets = bundled_outlets()
    parties = {"Việt Nam", "China"}
    assert outlets.side("VNA", None, "Beijing", parties) == Side("Việt Nam", "outlet")
    assert outlets.side("Reuters", None, "Beijing", parties) == Side(None, "outlet")
    # A third state's outlet relaying one side's account: the dateline tells.
    relay = outlets.side("Agence Kampuchea Presse", None, "Beijing", parties)
    assert relay == Side("China", "dateline")
    assert outlets.side("AKP", None, "Phnom Penh", {"Cambodia", "China"}) == Side(
        "Cambodia", "outlet"
    )
    assert outlets.side(None, None, "Hà Nội", parties) == Side("Việt Nam", "dateline")
    assert outlets.side(None, None, "Paris", parties) == Side(None)
    assert outlets.side(None, None, None, ()) == Side(None)


def test_a_table_of_ones_own() -> None:
    outlets = Outlets.from_mappings({"Nikkei Asia": "Japan"}, {"Osaka": "Japan"})
    assert outlets.outlet_country("nikkei asia") == "Japan"
    assert outlets.place_country("OSAKA") == "Japan"
    assert outlets.outlet_country("Xinhua") is None
