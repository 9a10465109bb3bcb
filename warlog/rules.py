"""Rules as ordered lists of small named functions, the shape `warlog/dates/grammar.py` set.

A rule is a small function of one context object. It returns its decision, or None to pass the
question on to the next rule. A `Rules` registry keeps the rules in the order they are tried (the
order they were registered in), each under a name; `decide(ctx)` runs them and returns the first
decision with the name of the rule that made it, so a reading can say which rule decided a field
and a bench can count each rule's decisions, wins and losses.

A rule that decides there is *no* answer (a figure that counts no one's people, a word that is
no place) returns `NOTHING`: the search stops at that rule, and the decision's value is None.

    KIND = Rules("claim kind")

    @KIND.rule("headline word")
    def _headline_word(f):
        ...

    d = KIND.decide(f)   # Decision(rule="headline word", value=...) or None: no rule decided
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

C = TypeVar("C")  # the context every rule of a registry takes
T = TypeVar("T")  # the decision


class _Nothing:
    """A rule's decision that there is no answer (see the module's docstring)."""

    _one: _Nothing | None = None

    def __new__(cls) -> _Nothing:
        if cls._one is None:
            cls._one = super().__new__(cls)
        return cls._one

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING: Any = _Nothing()


@dataclass(frozen=True)
class Decision(Generic[T]):
    """What a registry decided: the deciding rule's name, and its value (None: 'nothing')."""

    rule: str
    value: T | None


class Rules(Generic[C, T]):
    """An ordered list of named rules over one context type."""

    def __init__(self, what: str, rules: list[tuple[str, Callable[[C], Any]]] | None = None) -> None:
        self.what = what  # what the rules decide ("claim kind", "toponym"), for benches and errors
        self.rules: list[tuple[str, Callable[[C], Any]]] = []
        for name, fn in rules or []:
            self.rule(name)(fn)

    def rule(self, name: str) -> Callable[[Callable[[C], Any]], Callable[[C], Any]]:
        """Register the decorated function as the next rule, under `name`."""

        def deco(fn: Callable[[C], Any]) -> Callable[[C], Any]:
            if name in self.names():
                raise ValueError(f"{self.what}: two rules named {name!r}")
            self.rules.append((name, fn))
            return fn

        return deco

    def names(self) -> list[str]:
        return [name for name, _ in self.rules]

    def __iter__(self) -> Iterator[tuple[str, Callable[[C], Any]]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def decide(self, ctx: C) -> Decision[T] | None:
        """The first rule that decides, with its value (None when it decided 'nothing'); None when
        no rule decides."""
        for name, fn in self.rules:
            got = fn(ctx)
            if got is not None:
                return Decision(name, None if got is NOTHING else got)
        return None
