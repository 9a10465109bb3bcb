"""The store stage: a versioned database of articles, readings, mentions and fused events: a SQLite file (WAL;
the default) or a PostgreSQL database (a postgresql:// URL; backend.py holds what differs).

Public API:

    open_store(path_or_url) -> Store   creates or migrates the store (schema version, ordered steps)
    Store.add(article, reading) -> bool    one transaction; False when the content hash is already stored
                                           (stores only: `warlog.fuse.incremental` fuses what is stored)
    Store.has(content_hash) -> bool
    Store.name_of(content_hash) -> str | None       the stored article's name
    Store.unique_name(article) -> str      article.id, or a longer name no stored article has (names are
                                           unique in the store: schema step 5 and a UNIQUE index)
    Store.readings() -> Iterator[Reading]      Store.reading_dicts() -> Iterator[dict] (exact to_dict())
    Store.articles() -> Iterator[Article]
    Store.fused_events() -> list[FusedEvent]
    Store.fused_membership() -> dict[(article name, event id), fused id]
    Store.actor_types() -> dict[actor name, ACLED actor type]
    Store.unfused_count() -> int           stored events not fused yet
    the fusion's repository (warlog.fuse.incremental.FusionRepository): transaction, stored_events, event_rows,
    mark/set_mark, rows_in_blocks/add_blocks, add_edges/edges_of, fused_of/members_of, replace_fused, clear_fusion
    Store.last_modified() -> int            unix time of the last stored article
    Store.summary() -> dict
    Store.close()  (and `with open_store(p) as store:`)
    SCHEMA_VERSION, MIGRATIONS
"""

from warlog.store.core import Store, content_hash, open_store
from warlog.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "content_hash", "open_store"]
