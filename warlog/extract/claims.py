"""Placeholder claim finder. Replaced by the full claims module."""

from __future__ import annotations

from warlog.model import ActorMention, Article, Claim, Event
from warlog.nlp import Document


def find_claims(doc: Document, *, article: Article, actors: list[ActorMention], events: list[Event]) -> list[Claim]:
    return []
