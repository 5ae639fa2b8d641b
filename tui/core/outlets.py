"""Which side an article speaks for: the country whose state media or ministry
published it (`tui/data/outlets.yaml`: VNA -> Việt Nam, Xinhua -> China, Kyodo ->
independent), else the country of its dateline where the outlet is unknown or is a
third state's outlet relaying one side's account.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from tui.core import safe_yaml
from tui.core.text import fold

__all__ = ["INDEPENDENT", "Outlets", "Side", "bundled_outlets"]

INDEPENDENT = "independent"
"""The table's word for an outlet that speaks for no state (Reuters, AFP, Kyodo)."""


@dataclass(frozen=True, slots=True)
class Side:
    """The country an article speaks for (`None`: not known, or an independent
    outlet), and how it was told: `"outlet"`, `"dateline"`, or `""`."""

    country: str | None
    basis: str = ""


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9.'&-]+", fold(text)))


@dataclass(frozen=True)
class Outlets:
    """Outlet names and domains -> country (or `INDEPENDENT`); dateline places ->
    country."""

    names: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)
    officials: frozenset[str] = frozenset()
    """Words of an official body's name (`ministry`, `embassy`)."""
    countries: Mapping[str, str] = field(default_factory=dict)
    """A country's names and adjectives -> the country."""
    _sides: dict[tuple[object, ...], Side] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @staticmethod
    def from_mappings(
        names: Mapping[str, str],
        places: Mapping[str, str],
        officials: Collection[str] = (),
        countries: Mapping[str, Collection[str]] | None = None,
    ) -> Outlets:
        return Outlets(
            {_key(k): v for k, v in names.items()},
            {_key(k): v for k, v in places.items()},
            frozenset(_key(word) for word in officials),
            {_key(word): country for country, words in (countries or {}).items() for word in words},
        )

    def outlet_country(self, source: str | None, url: str | None = None) -> str | None:
        """The country (or `INDEPENDENT`) of the outlet named by `source` (a whole
        name, a word or words of it, `VNA/VNS`, a domain) or of the `url`'s host."""
        for text in (source or "", _host(url)):
            key = _key(text)
            if not key:
                continue
            found = self.names.get(key) or self._domain(key) or self._part(key)
            if found:
                return found
        return self._official(_key(source or ""))

    def _domain(self, key: str) -> str | None:
        parts = key.removeprefix("www.").split(".")
        for start in range(len(parts) - 1):
            found = self.names.get(".".join(parts[start:]))
            if found:
                return found
        return None

    def _part(self, key: str) -> str | None:
        """`VNA/VNS`, `Xinhua News Agency`, `By Reuters staff`: the longest table
        name found in it as whole words."""
        best: tuple[int, str] | None = None
        padded = f" {re.sub(r'[^a-z0-9.&-]+', ' ', key)} "
        for name, country in self.names.items():
            if f" {name} " in padded and (best is None or len(name) > best[0]):
                best = (len(name), country)
        return best[1] if best else None

    def _official(self, key: str) -> str | None:
        """`Ministry of Foreign Affairs of Singapore`: the country an official body
        names (the longest name found); of a body abroad (`Chinese Embassy in Vietnam`,
        `Embassy of Viet Nam in the United States`), the country it speaks for: the
        one named before `in`, never the host."""
        padded = f" {re.sub(r'[^a-z0-9.&-]+', ' ', key)} "
        if not any(f" {word} " in padded for word in self.officials):
            return None
        own = padded.split(" in ", 1)[0] + " "
        named = [(len(w), c) for w, c in self.countries.items() if f" {w} " in own]
        return max(named)[1] if named else None

    def place_country(self, place: str | None) -> str | None:
        return self.places.get(_key(place or ""))

    def side(
        self,
        source: str | None,
        url: str | None,
        place: str | None,
        parties: Collection[str] = (),
    ) -> Side:
        """See `_side`; remembered (a corpus has few outlets and places)."""
        key = (source, _host(url), place, frozenset(parties))
        found = self._sides.get(key)
        if found is None:
            found = self._sides[key] = self._side(source, url, place, parties)
        return found

    def _side(
        self,
        source: str | None,
        url: str | None,
        place: str | None,
        parties: Collection[str] = (),
    ) -> Side:
        """The side of an article of an event between `parties` (countries): its
        outlet's country; where the outlet is unknown, or a state outlet of a country
        that is not a party (a relay), its dateline's country if that is a party."""
        outlet = self.outlet_country(source, url)
        if outlet == INDEPENDENT:
            return Side(None, "outlet")
        if outlet is not None and (not parties or outlet in parties):
            return Side(outlet, "outlet")
        dateline = self.place_country(place)
        if dateline is not None and (not parties or dateline in parties):
            return Side(dateline, "dateline")
        return Side(outlet, "outlet") if outlet else Side(None)


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


@cache
def bundled_outlets() -> Outlets:
    """The table shipped in `tui/data/outlets.yaml`."""
    text = (files("tui") / "data" / "outlets.yaml").read_text("utf-8")
    data = safe_yaml.load(text)
    names = {str(k): str(v) for k, v in (data.get("outlets") or {}).items()}
    places = {str(k): str(v) for k, v in (data.get("places") or {}).items()}
    officials = [str(word) for word in data.get("officials") or ()]
    countries = {str(k): [str(w) for w in v] for k, v in (data.get("countries") or {}).items()}
    return Outlets.from_mappings(names, places, officials, countries)
