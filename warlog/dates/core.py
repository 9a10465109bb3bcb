"""Placeholder date functions. Replaced by the full dates stage."""

from __future__ import annotations

from datetime import date

from warlog.model import Article, DateMention, DateValue
from warlog.nlp import Document


def publication_date(article: Article) -> DateValue | None:
    return None


def find_dates(doc: Document, published: DateValue | None) -> list[DateMention]:
    return []


def resolve(expression: str, base: date | None) -> DateValue | None:
    return None


def event_date(
    doc: Document,
    sentence: int,
    span: tuple[int, int],
    dates: list[DateMention],
    published: DateValue | None,
    previous: DateValue | None = None,
) -> DateValue | None:
    """The date of an event whose trigger is at `span` in sentence `sentence`.

    `previous` is the date of the previous event in the text ("the next day", "later").
    Falls back to the publication date at a lower precision when the text gives none.
    """
    return previous or published
