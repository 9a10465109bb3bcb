"""Placeholder actor dictionary. Replaced by the full actors module."""

from __future__ import annotations

from pathlib import Path

from warlog.model import ActorMention
from warlog.nlp import Document


class ActorDictionary:
    def __init__(self, actors: list[dict]):
        self.actors = actors

    @classmethod
    def load(cls, extra: str | Path | None = None) -> ActorDictionary:
        return cls([])


def find_actors(doc: Document, actors: ActorDictionary) -> list[ActorMention]:
    return []
