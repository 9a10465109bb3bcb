"""The dates stage's word lists, read once from warlog/data/<lang>/dates_lexicon.json."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warlog import lexicon as lexicons


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]  # "Sept" -> 9, also the upper-case spellings
    month_full: frozenset[str]  # the full names (no abbreviation period after them)
    weekdays: dict[str, int]  # "Tuesday" -> 1 (Monday is 0)
    weekday_abbreviations: dict[str, int]
    seasons: dict[str, tuple[int, int]]  # "summer" -> (first month, number of months)
    times_of_day: tuple[str, ...]
    month_parts: dict[str, tuple[int, int]]
    season_parts: dict[str, tuple[int, int]]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    publication_prefixes: dict[str, tuple[str, ...]]
    wire_agencies: tuple[str, ...]
    clause_markers: tuple[str, ...]
    not_a_year_before: tuple[str, ...]

    def month(self, word: str) -> int | None:
        w = word.rstrip(".")
        return self.months.get(w) or self.months.get(w.capitalize())

    def weekday(self, word: str) -> int | None:
        w = word.rstrip(".").capitalize()
        return self.weekdays.get(w, self.weekday_abbreviations.get(w))

    def number(self, word: str) -> int | None:
        w = re.sub(r"\s+", " ", word.strip().lower())
        if w.isdigit():
            return int(w)
        return self.numbers.get(w)


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation of `words`, longest first (so "September" is tried before "Sep")."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in ws)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    raw = lexicons.load("dates_lexicon")
    months: dict[str, int] = {}
    for name, num in raw["months"].items():
        months[name] = num
        months[name.upper()] = num
    full = frozenset(n for n in months if len(n) > 4 or n in ("May", "MAY", "June", "JUNE", "July", "JULY"))
    return Lexicon(
        months=months,
        month_full=full,
        weekdays={k: int(v) for k, v in raw["weekdays"].items()},
        weekday_abbreviations={k: int(v) for k, v in raw["weekday_abbreviations"].items()},
        seasons={k: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        times_of_day=tuple(raw["times_of_day"]),
        month_parts={k: (int(v[0]), int(v[1])) for k, v in raw["month_parts"].items()},
        season_parts={k: (int(v[0]), int(v[1])) for k, v in raw["season_parts"].items()},
        numbers={k: int(v) for k, v in raw["numbers"].items()},
        vague_numbers=frozenset(raw["vague_numbers"]),
        publication_prefixes={k: tuple(v) for k, v in raw["publication_prefixes"].items()},
        wire_agencies=tuple(raw["wire_agencies"]),
        clause_markers=tuple(raw["clause_markers"]),
        not_a_year_before=tuple(raw["not_a_year_before"]),
    )
