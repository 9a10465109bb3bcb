"""Placeholder event finder. Replaced by the full events module."""

from __future__ import annotations

from warlog.model import ActorMention, Article, DateMention, Event, PlaceMention
from warlog.nlp import Document


def find_events(
    doc: Document,
    *,
    article: Article,
    actors: list[ActorMention],
    places: list[PlaceMention],
    dates: list[DateMention],
) -> list[Event]:
    return []
