"""The extract stage: actors, events (ACLED type, roles, modality) and claims from a Document.

Public API:

    ActorDictionary.load(extra=None)                       actors with aliases and coalitions
    find_actors(doc, actors) -> list[ActorMention]
    find_events(doc, *, article, actors, places, dates, dictionary, event_date, event_location) -> list[Event]
    find_claims(doc, *, article, actors, events, dictionary=None) -> list[Claim]

The stage calls no other stage: the pipeline passes in the actor dictionary and the dates and geo
stages' resolvers (`event_date`, `event_location`).
"""

from warlog.extract.actors import ActorDictionary, find_actors
from warlog.extract.claims import find_claims
from warlog.extract.events import find_events

__all__ = ["ActorDictionary", "find_actors", "find_claims", "find_events"]
