"""The reading pipeline: one Article in, one Reading out, every stage in its order.

    Article --nlp--> Document --geo--> places --dates--> date mentions
            --extract--> actors, events, claims --> Reading

A Reader holds the heavy resources (gazetteer, actor dictionary, spaCy pipeline) so that many
articles are read with one load of each. Stages only meet here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warlog import dates, extract, geo
from warlog.model import Article, Duplicate, IngestError, Reading
from warlog.nlp import Document

log = logging.getLogger(__name__)


@dataclass
class Reader:
    """Reads Articles into Readings with shared resources. Build once, call `read` many times."""

    gazetteer: geo.Gazetteer
    actors: extract.ActorDictionary
    #: how to build this Reader again in another process: a picklable (function, args), or None when it was
    #: put together by hand (such a Reader reads in its own process only)
    recipe: tuple | None = field(default=None, repr=False, compare=False)

    @classmethod
    def default(cls, actors_file: str | Path | None = None) -> Reader:
        return cls(
            gazetteer=geo.default_gazetteer(),
            actors=extract.ActorDictionary.load(actors_file),
            recipe=(build_reader, (str(actors_file) if actors_file is not None else None,)),
        )

    def read(self, article: Article) -> Reading:
        warnings: list[str] = []
        if article.published is None:
            article.published = dates.publication_date(article)
        if article.published is None:
            warnings.append("no publication date found: relative dates left unresolved")
        doc = Document(article.text)
        places = geo.find_places(doc, self.gazetteer)
        date_mentions = dates.find_dates(doc, article.published)
        actor_mentions = extract.find_actors(doc, self.actors)
        events = extract.find_events(
            doc, article=article, actors=actor_mentions, places=places, dates=date_mentions, dictionary=self.actors
        )
        claims = extract.find_claims(doc, article=article, actors=actor_mentions, events=events)
        return Reading(
            article=article.id,
            text=article.text,
            published=article.published,
            outlet=article.outlet,
            author=article.author,
            title=article.title,
            source=article.source,
            events=events,
            claims=claims,
            places=places,
            actors=actor_mentions,
            warnings=warnings,
        )

    def read_all(
        self, items: Iterable[Article | IngestError | Duplicate]
    ) -> Iterator[Reading | IngestError | Duplicate]:
        """Read every Article; pass IngestErrors through; an article that fails becomes an error."""
        for item in items:
            if isinstance(item, (IngestError, Duplicate)):
                yield item
                continue
            try:
                yield self.read(item)
            except Exception as e:  # one bad article never takes the batch down
                log.exception("failed to read %s", item.source or item.id)
                yield IngestError(item.source or item.id, f"could not be read: {type(e).__name__}: {e}")


def build_reader(actors_file: str | None = None) -> Reader:
    """The default Reader (with the user's actors file merged): what a worker process builds once."""
    return Reader.default(actors_file)
