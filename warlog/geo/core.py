"""Placeholder geo functions. Replaced by the full geo stage."""

from __future__ import annotations

from typing import Protocol

from warlog.model import PlaceMention
from warlog.nlp import Document


class Gazetteer(Protocol):
    def lookup(self, name: str) -> list[dict]: ...


class _Empty:
    def lookup(self, name: str) -> list[dict]:
        return []


def default_gazetteer() -> Gazetteer:
    return _Empty()


def find_places(doc: Document, gazetteer: Gazetteer) -> list[PlaceMention]:
    return []


def event_location(
    doc: Document, sentence: int, span: tuple[int, int], places: list[PlaceMention]
) -> PlaceMention | None:
    """Where the event whose trigger is at `span` happened: a place in or near its sentence."""
    inside = [p for p in places if doc.sentence_at(p.start) == sentence and p.resolved]
    return inside[0] if inside else None
