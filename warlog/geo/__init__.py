"""The geo stage: toponyms found and resolved to coordinates with a precision code.

Public API:

    Gazetteer                       the backend interface: lookup(name), capital(cc), english_words()
    Candidate                       one place a name may mean (what a backend's lookup returns)
    ListGazetteer(places)           a backend over a list of places (tests, a caller's own places)
    default_gazetteer(nlp=None) -> SqliteGazetteer      the SQLite index, built on first use
    find_places(doc, gazetteer) -> list[PlaceMention]   every toponym, resolved or not
    event_location(doc, sentence, span, places) -> PlaceMention | None
    build_index(path=None, force=False, nlp=None) -> Path   build (or reuse) the gazetteer index
    import_geonames(files, index=None, nlp=None) -> int     load GeoNames dumps into the index
    lookup(name, gazetteer=None) -> list[Candidate]     candidates for a name
    explain(name, gazetteer) -> list[dict]              ranked candidates with score and reasons (`warlog gazetteer lookup`)
    index_path() -> Path                                where the default index lives
    precision_codes(fcode, near=False) -> (ACLED geo_precision, UCDP where_prec)
    main_place(doc, places) -> PlaceMention | None      the article's most-named place
"""

from warlog.geo.gazetteer import Candidate, Gazetteer, ListGazetteer, SqliteGazetteer, default_gazetteer, lookup
from warlog.geo.index import build_index, import_geonames, index_path
from warlog.geo.location import event_location, main_place
from warlog.geo.toponyms import explain, find_places, precision_codes

__all__ = [
    "Candidate",
    "Gazetteer",
    "ListGazetteer",
    "SqliteGazetteer",
    "build_index",
    "default_gazetteer",
    "event_location",
    "explain",
    "find_places",
    "import_geonames",
    "index_path",
    "lookup",
    "main_place",
    "precision_codes",
]
