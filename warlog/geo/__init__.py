"""The geo stage: toponyms found and resolved to coordinates with a precision code.

Public API:

    Gazetteer                       the backend interface (lookup by name)
    default_gazetteer() -> Gazetteer
    find_places(doc, gazetteer) -> list[PlaceMention]   every toponym, resolved or not
    event_location(doc, sentence, span, places) -> PlaceMention | None
"""

from warlog.geo.core import Gazetteer, default_gazetteer, event_location, find_places

__all__ = ["Gazetteer", "default_gazetteer", "event_location", "find_places"]
