"""GeoWebNews dev: toponym precision / recall and accuracy within 161 km of resolved toponyms.

    .venv/bin/python bench/geowebnews.py [--verbose] [--part tune|test|all]

Parts (fixed before looking at warlog's output on them, 2026-12-07): an article is in the TUNE part when
the first hex digit of sha256(its file name) is 0-7, else in TEST. Rules are written from tune errors only;
the test figure is the one reported and floored. `--verbose` lists errors (of the tune part by default).

Gold: ../shared/datasets/geowebnews/GWN.dev.xml (93 articles). "Literal" toponyms are the types
Literal, Literal_Modifier, Mixed, Embedded_Literal and Coercion (the place itself is meant).
- recall: literal gold toponyms overlapped by a system place mention;
- precision (strict): system mentions that overlap a literal gold toponym;
- precision (lenient): system mentions that overlap any gold toponym except Non_Toponym
  (metonymic and associative uses such as "Washington said" or "a Florida school" are still places);
- acc@161: among literal gold toponyms with coordinates that were found and resolved, the share whose
  resolved point lies within 161 km (100 miles) of the gold point.
"""

from __future__ import annotations

import hashlib
import math
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warlog.geo import default_gazetteer, find_places  # noqa: E402
from warlog.nlp import Document, load_pipeline  # noqa: E402

GWN = REPO.parent / "shared" / "datasets" / "geowebnews" / "GWN.dev.xml"
LITERAL = {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion"}


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def load(path: Path = GWN) -> list[dict]:
    out = []
    for art in ET.parse(path).getroot().findall("article"):
        gold = []
        for t in art.find("toponyms"):
            lat = t.findtext("latitude")
            gold.append(
                {
                    "name": t.findtext("extractedName") or "",
                    "type": t.findtext("type") or "",
                    "start": int(t.findtext("start")),
                    "end": int(t.findtext("end")),
                    "point": (float(lat), float(t.findtext("longitude"))) if lat else None,
                }
            )
        out.append({"id": art.get("file"), "text": art.findtext("text") or "", "gold": gold})
    return out


def part_of(article_id: str) -> str:
    """The fixed split: 'tune' or 'test'."""
    return "tune" if hashlib.sha256(article_id.encode("utf-8")).hexdigest()[0] in "01234567" else "test"


def evaluate(articles: list[dict], gazetteer=None, verbose: bool = False) -> dict:
    nlp = load_pipeline()
    gaz = gazetteer or default_gazetteer(nlp)
    n_sys = tp_strict = tp_lenient = 0
    n_lit = found_lit = 0
    n_geo = ok_geo = 0
    t0 = time.perf_counter()
    for art in articles:
        doc = Document(art["text"], nlp)
        places = find_places(doc, gaz)
        gold = art["gold"]
        lit = [g for g in gold if g["type"] in LITERAL]
        loc = [g for g in gold if g["type"] != "Non_Toponym"]

        def overlaps(p, gs):
            return [g for g in gs if p.start < g["end"] and g["start"] < p.end]

        for p in places:
            n_sys += 1
            tp_strict += bool(overlaps(p, lit))
            tp_lenient += bool(overlaps(p, loc))
            if verbose and not overlaps(p, loc):
                print(f"  FP {art['id']}: {p.name!r} -> {p.canonical} {p.country}")
        for g in lit:
            n_lit += 1
            hits = [p for p in places if p.start < g["end"] and g["start"] < p.end]
            found_lit += bool(hits)
            if verbose and not hits:
                print(f"  FN {art['id']}: {g['name']!r} ({g['type']})")
            if g["point"] and hits and hits[0].resolved:
                n_geo += 1
                d = km(g["point"], (hits[0].lat, hits[0].lon))
                ok_geo += d <= 161
                if verbose and d > 161:
                    print(f"  FAR {art['id']}: {g['name']!r} -> {hits[0].canonical} {hits[0].country} {d:.0f} km")
    return {
        "articles": len(articles),
        "system_mentions": n_sys,
        "literal_gold": n_lit,
        "precision_strict": tp_strict / n_sys if n_sys else 0.0,
        "precision_lenient": tp_lenient / n_sys if n_sys else 0.0,
        "recall_literal": found_lit / n_lit if n_lit else 0.0,
        "resolved_with_gold_point": n_geo,
        "acc_161km": ok_geo / n_geo if n_geo else 0.0,
        "seconds": time.perf_counter() - t0,
    }


def main() -> None:
    if not GWN.exists():
        print(f"GeoWebNews not found at {GWN}")
        return
    verbose = "--verbose" in sys.argv
    wanted = sys.argv[sys.argv.index("--part") + 1] if "--part" in sys.argv else None
    parts = [wanted] if wanted else ["tune", "test", "all"]
    articles = load()
    for part in parts:
        arts = articles if part == "all" else [a for a in articles if part_of(a["id"]) == part]
        r = evaluate(arts, verbose=verbose and part != "test" and (part == "tune" or wanted == "all"))
        p, rec = r["precision_lenient"], r["recall_literal"]
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        print(
            f"GeoWebNews dev, {part} part: {r['articles']} articles, {r['literal_gold']} literal toponyms, "
            f"{r['system_mentions']} system mentions, {r['seconds']:.1f} s"
        )
        print(f"  toponym precision (lenient) {p:.3f}   (strict, literal only) {r['precision_strict']:.3f}")
        print(f"  toponym recall (literal)    {rec:.3f}   F1 (lenient P) {f1:.3f}")
        print(f"  accuracy@161km              {r['acc_161km']:.3f}   over {r['resolved_with_gold_point']} resolved")


if __name__ == "__main__":
    main()
