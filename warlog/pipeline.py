"""The reading pipeline: one Article in, one Reading out, every stage in its order.

    Article --nlp--> Document --geo--> places --dates--> date mentions
            --extract--> actors, events, claims --> Reading

A Reader holds the heavy resources (spaCy pipeline, gazetteer, actor dictionary) so that many
articles are read with one load of each; each can be given (`Reader(nlp=..., gazetteer=...,
actors=...)`), else the Reader loads the default. Stages only meet here: the extract stage gets the
dates and geo stages' resolvers as arguments.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog import dates, extract, geo
from warlog import nlp as _nlp_stage
from warlog.model import Article, Duplicate, IngestError, Reading

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

log = logging.getLogger(__name__)


class Reader:
    """Reads Articles into Readings with shared resources. Build once, call `read` many times.

    nlp: the spaCy pipeline (default: `warlog.nlp.load_pipeline()`, loaded here and owned by this Reader)
    gazetteer: any `geo.Gazetteer` (default: the SQLite index, `geo.default_gazetteer(nlp)`)
    actors: the actor dictionary (default: the built-in one, `extract.ActorDictionary.load()`)
    recipe: how to build this Reader again in another process: a picklable (function, args), or None
        when it was put together by hand (such a Reader reads in its own process only)
    """

    def __init__(
        self,
        nlp: Language | None = None,
        gazetteer: geo.Gazetteer | None = None,
        actors: extract.ActorDictionary | None = None,
        recipe: tuple[Any, ...] | None = None,
    ):
        self.nlp: Language = nlp if nlp is not None else _nlp_stage.load_pipeline()
        self.gazetteer: geo.Gazetteer = gazetteer if gazetteer is not None else geo.default_gazetteer(self.nlp)
        self.actors: extract.ActorDictionary = actors if actors is not None else extract.ActorDictionary.load()
        self.recipe = recipe

    def __repr__(self) -> str:
        return f"Reader(nlp={type(self.nlp).__name__}, gazetteer={self.gazetteer!r})"

    @classmethod
    def default(cls, actors_file: str | Path | None = None) -> Reader:
        """The default Reader, with the user's actors file (if any) merged over the built-in dictionary."""
        return cls(
            actors=extract.ActorDictionary.load(actors_file),
            recipe=(build_reader, (str(actors_file) if actors_file is not None else None,)),
        )

    def read(self, article: Article) -> Reading:
        warnings: list[str] = []
        if article.published is None:
            article.published = dates.publication_date(article)
        if article.published is None:
            warnings.append("no publication date found: relative dates left unresolved")
        doc = _nlp_stage.Document(article.text, self.nlp)
        places = geo.find_places(doc, self.gazetteer)
        date_mentions = dates.find_dates(doc, article.published)
        actor_mentions = extract.find_actors(doc, self.actors)
        events = extract.find_events(
            doc,
            article=article,
            actors=actor_mentions,
            places=places,
            dates=date_mentions,
            dictionary=self.actors,
            event_date=dates.event_date,
            event_location=geo.event_location,
        )
        claims = extract.find_claims(doc, article=article, actors=actor_mentions, events=events, dictionary=self.actors)
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
