"""warlog's data model: every record that flows between stages is defined here, once.

Stages exchange these plain dataclasses and nothing else:

    ingest -> Article
    nlp    -> Document (see warlog.nlp; not serialised)
    geo    -> PlaceMention (every toponym, resolved or not)
    dates  -> DateValue / DateMention
    extract-> ActorMention, Event, Claim
    read   -> Reading (one article, the contract of ../shared/gold/CODEBOOK.md)
    fuse   -> FusedEvent

`Reading.to_dict()` writes the codebook's system-reading schema (plain strings where gold lists
alternatives); `Reading.from_dict()` reads it back, so a reading survives a JSON round trip.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# ---------------------------------------------------------------------------------------------
# Vocabularies

PRECISIONS = ("day", "week", "month", "season", "year", "unknown")
MODALITIES = ("asserted", "claimed", "denied", "planned")
CLAIM_KINDS = ("killed", "injured", "captured", "abducted", "released", "strength", "other")

#: ACLED's event types and sub-types, spelled as ACLED spells them.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


class _Record:
    """Shared (de)serialisation for the dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None):
        if d is None:
            return None
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in d.items() if k in names})


# ---------------------------------------------------------------------------------------------
# Ingest


@dataclass
class DateValue(_Record):
    """A date or date range with its precision. ISO strings; `start == end` for one day."""

    start: str | None
    end: str | None = None
    precision: str = "day"  # one of PRECISIONS
    text: str = ""  # the words it was read from
    method: str = ""  # how it was found: "dateline", "byline", "meta", "column", "relative", "inferred"...

    def __post_init__(self):
        if self.end is None:
            self.end = self.start
        if self.start is None:
            self.precision = "unknown"


@dataclass
class Article(_Record):
    """One cleaned article, as ingest hands it to the rest of the pipeline."""

    id: str  # reading name: a file's name ("x.txt") or a row's id
    text: str  # cleaned main text; every offset in a Reading points into it
    title: str | None = None
    published_raw: str | None = None  # the publication date as written (meta tag, column, dateline)
    published: DateValue | None = None  # filled by warlog.dates
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    source: str = ""  # where it came from: path, or "path#row"
    content_hash: str = ""  # sha256 of the normalised text: the same content twice is one article
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d):
        a = super().from_dict(d)
        if a is not None and isinstance(a.published, dict):
            a.published = DateValue.from_dict(a.published)
        return a


@dataclass
class IngestError(_Record):
    """An input that could not be read: one clear reason, naming the file."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Duplicate(_Record):
    """An input whose content was already read (same content hash): skipped, not an error."""

    source: str
    duplicate_of: str  # the id of the article first read with this content

    def __str__(self) -> str:
        return f"{self.source}: duplicate of {self.duplicate_of}"


# ---------------------------------------------------------------------------------------------
# Mentions found in an article's text (offsets are into Article.text)


@dataclass
class DateMention(_Record):
    start: int
    end: int
    text: str
    value: DateValue


@dataclass
class PlaceMention(_Record):
    """A toponym in the text, resolved to a gazetteer entry when possible."""

    name: str  # as written in the text
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO-3166 alpha-2
    admin1: str | None = None  # governorate / province name
    admin2: str | None = None  # district name
    geonames_id: int | None = None
    canonical: str | None = None  # the gazetteer's name for it
    feature: str | None = None  # "populated place", "admin1", "admin2", "country", "region", "mountain", ...
    precision: int | None = None  # ACLED geo_precision: 1 town, 2 near/part of region, 3 province
    where_prec: int | None = None  # UCDP where_prec 1..7
    score: float | None = None  # confidence of the resolution, 0..1

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class ActorMention(_Record):
    """An actor named or described in the text, resolved to a canonical actor when possible."""

    name: str  # canonical name (or the text itself for a new, unknown group)
    start: int
    end: int
    text: str
    actor_type: str | None = None  # ACLED actor type ("State forces", "Rebel group", ...)
    country: str | None = None
    known: bool = True  # False for a new group found by pattern ("Liwa al-X")


# ---------------------------------------------------------------------------------------------
# Events and claims


@dataclass
class Event(_Record):
    id: str
    event_type: str
    sub_event_type: str
    date: DateValue | None = None
    location: PlaceMention | None = None
    actor1: list[str] = field(default_factory=list)
    actor2: list[str] = field(default_factory=list)
    assoc_actors: list[str] = field(default_factory=list)
    modality: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)
    evidence: str = ""
    start: int = 0  # evidence span in the article text
    end: int = 0
    trigger: str = ""
    article: str = ""  # Article.id
    roles_rule: str = ""  # how actor1 and actor2 were read (warlog.extract.events: ROLE_STEPS and after)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = _date_out(self.date)
        loc = self.location
        d["location"] = (
            None
            if loc is None
            else _drop_none(
                {
                    "name": loc.name,
                    "canonical": loc.canonical,
                    "lat": loc.lat,
                    "lon": loc.lon,
                    "country": loc.country,
                    "admin1": loc.admin1,
                    "admin2": loc.admin2,
                    "geonames_id": loc.geonames_id,
                    "feature": loc.feature,
                    "precision": loc.precision,
                    "where_prec": loc.where_prec,
                    "start": loc.start,
                    "end": loc.end,
                }
            )
        )
        return d

    @classmethod
    def from_dict(cls, d):
        e = super().from_dict(d)
        if e is None:
            return None
        if isinstance(e.date, dict):
            e.date = DateValue.from_dict(e.date)
        if isinstance(e.location, dict):
            loc = dict(e.location)
            loc.setdefault("name", "")
            loc.setdefault("start", 0)
            loc.setdefault("end", 0)
            e.location = PlaceMention.from_dict(loc)
        return e


@dataclass
class Claim(_Record):
    kind: str  # one of CLAIM_KINDS
    subject: str  # whose people: an actor's canonical name, "civilians" or "unknown"
    low: int | None
    high: int | None
    claimant: str  # who said it: a person, body or outlet, else the article's outlet, else "article"
    event: str | None = None  # Event.id it belongs to, None for a standing figure
    evidence: str = ""
    start: int = 0  # span of the number in the article text
    end: int = 0
    number_text: str = ""  # the figure as written ("at least nine", "dozens")
    disputed_by: str | None = None  # who calls it lies / exaggerated, when the text says so
    article: str = ""
    subject_rule: str = ""  # the rule (and antecedent) that decided the subject
    claimant_rule: str = ""  # the rule (and the words) that decided the claimant
    kind_rule: str = ""  # the rule that decided the kind (warlog.extract.claims.KIND_RULES)


def _date_out(d: DateValue | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"start": d.start, "end": d.end, "precision": d.precision, "text": d.text}


@dataclass
class Reading(_Record):
    """One article read: the contract of the `read` command and of `eval`."""

    article: str
    text: str
    published: DateValue | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    source: str = ""
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        pub = self.published
        return {
            "article": self.article,
            "published": (
                {"date": None, "precision": "unknown"}
                if pub is None or pub.start is None
                else {"date": pub.start, "precision": pub.precision, "text": pub.text, "method": pub.method}
            ),
            "outlet": self.outlet,
            "author": self.author,
            "title": self.title,
            "source": self.source,
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "places": [_drop_none(p.to_dict()) for p in self.places],
            "actors": [a.to_dict() for a in self.actors],
            "warnings": list(self.warnings),
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d):
        pub = d.get("published") or {}
        published = (
            DateValue(
                start=pub.get("date"),
                precision=pub.get("precision", "day"),
                text=pub.get("text", ""),
                method=pub.get("method", ""),
            )
            if pub.get("date")
            else None
        )
        return cls(
            article=d["article"],
            text=d.get("text", ""),
            published=published,
            outlet=d.get("outlet"),
            author=d.get("author"),
            title=d.get("title"),
            source=d.get("source", ""),
            events=[Event.from_dict(e) for e in d.get("events", [])],
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            places=[PlaceMention.from_dict(p) for p in d.get("places", [])],
            actors=[ActorMention.from_dict(a) for a in d.get("actors", [])],
            warnings=list(d.get("warnings", [])),
        )


# ---------------------------------------------------------------------------------------------
# Fusion


@dataclass
class Fatalities(_Record):
    low: int | None = None
    best: int | None = None
    high: int | None = None


@dataclass
class FusedEvent(_Record):
    """One real-world event reported by one or more articles."""

    id: str
    event_type: str
    sub_event_type: str
    date: DateValue | None
    location: PlaceMention | None
    actor1: list[str] = field(default_factory=list)
    actor2: list[str] = field(default_factory=list)
    assoc_actors: list[str] = field(default_factory=list)
    modality: str = "asserted"
    mentions: list[Event] = field(default_factory=list)  # the article-level events fused here
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    fatalities: Fatalities = field(default_factory=Fatalities)  # all sides together
    by_side: dict[str, Fatalities] = field(default_factory=dict)  # subject -> low/best/high killed
    contradictions: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (stored in `fused_events.json`, exported as events-json); `from_dict` reverses it."""
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": None if self.date is None else self.date.to_dict(),
            "location": None if self.location is None else self.location.to_dict(),
            "actor1": list(self.actor1),
            "actor2": list(self.actor2),
            "assoc_actors": list(self.assoc_actors),
            "modality": self.modality,
            "mentions": [e.to_dict() for e in self.mentions],
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "claims": [c.to_dict() for c in self.claims],
            "fatalities": self.fatalities.to_dict(),
            "by_side": {k: v.to_dict() for k, v in self.by_side.items()},
            "contradictions": list(self.contradictions),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, d):
        if d is None:
            return None
        return cls(
            id=d["id"],
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            date=DateValue.from_dict(d.get("date")),
            location=PlaceMention.from_dict(d.get("location")),
            actor1=list(d.get("actor1", [])),
            actor2=list(d.get("actor2", [])),
            assoc_actors=list(d.get("assoc_actors", [])),
            modality=d.get("modality", "asserted"),
            mentions=[Event.from_dict(e) for e in d.get("mentions", [])],
            articles=list(d.get("articles", [])),
            outlets=list(d.get("outlets", [])),
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            fatalities=Fatalities.from_dict(d.get("fatalities") or {}),
            by_side={k: Fatalities.from_dict(v) for k, v in (d.get("by_side") or {}).items()},
            contradictions=list(d.get("contradictions", [])),
            note=d.get("note", ""),
        )
