"""The geo stage's public functions, gathered from its modules."""

from __future__ import annotations

from warlog.geo.gazetteer import Gazetteer, ListGazetteer, SqliteGazetteer, default_gazetteer, lookup
from warlog.geo.index import build_index, import_geonames, index_path
from warlog.geo.location import event_location, main_place
from warlog.geo.toponyms import find_places, precision_codes

__all__ = [
    "Gazetteer",
    "ListGazetteer",
    "SqliteGazetteer",
    "build_index",
    "default_gazetteer",
    "event_location",
    "find_places",
    "import_geonames",
    "index_path",
    "lookup",
    "main_place",
    "precision_codes",
]
