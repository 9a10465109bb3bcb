"""Claim figures on FA-KES (dev half): does warlog find the death toll the crowd coded?

FA-KES (Abu Salem et al., ICWSM 2019; CC BY 4.0) gives, per Syrian-war article, the deaths the
article reports by category (nb_civilians, nb_noncivilians, ...), coded by crowd workers. For
each article this script runs the actor and claim finders (warlog.extract public API; no events)
and compares:

- the article's largest `killed` figure (low, else high; conflict-wide totals such as "since the
  war began" left out) with nb_civilians + nb_noncivilians: exact and within 10%, over the
  articles whose coded total is > 0;
- coverage: share of those articles with at least one killed claim;
- the split: the largest killed figure whose subject is "civilians" against nb_civilians, and the
  largest with any other subject against nb_noncivilians (exact), over articles where that coded
  number is > 0;
- the first killed figure of the article (the headline's or lead's) against the coded total;
- children and women: the largest killed figure whose subject is "children" (resp. "women")
  against nb_children (nb_women), exact, over articles where that coded number is > 0;
- outlet: warlog.ingest.outlet on the text and title against the `source` column (share of
  articles with an outlet found, and share of those found that name the article's site; a wire
  credit such as "AFP Thursday 2 Jul 2015" on a site's reprint is wrong here, and counted apart as
  outlet_wire_credit: the gold corpus codes the wire agency as the outlet of such copy).

    .venv/bin/python bench/fakes_claims.py [--limit N]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from warlog.extract import ActorDictionary, find_actors, find_claims
from warlog.ingest.outlet import detect
from warlog.model import Article
from warlog.nlp import Document, load_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "datasets" / "fa-kes" / "fakes.dev.jsonl"
WAR_TOTAL = re.compile(
    r"since (?:the (?:start|beginning|outbreak) of |the |it )?(?:the )?(?:conflict|war|uprising|crisis|revolt|revolution"
    r"|began|started|erupted)|since (?:march |early |mid-?)?20\d\d|(?:conflict|war|uprising|crisis) (?:that )?"
    r"(?:began|started|erupted|broke out)|(?:\w+-year|civil) (?:war|conflict)|(?:war|conflict) in Syria has",
    re.I,
)


# canonical outlet names (warlog/data/outlets.json) -> FA-KES `source` keys
SOURCE_KEYS = {
    "Reuters": "reuters",
    "SANA": "sana",
    "Sputnik": "sputnik",
    "TASS": "tass",
    "Al-Manar": "manar",
    "Al-Alam": "alalam",
    "The New Arab": "alaraby",
    "Al Arabiya": "arabiya",
    "Ahram Online": "ahram",
    "Daily Sabah": "dailysabah",
    "TRT World": "trt",
    "Syrian Coalition": "etilaf",
    "Jordan Times": "jordantimes",
    "National News Agency": "nna",
    "Asharq Al-Awsat": "asharqalawsat",
}
WIRES = frozenset({"AFP", "Reuters", "AP"})  # agencies a site credits for wire copy (the gold corpus codes these)
CIVILIAN_SUBJECTS = frozenset({"civilians", "children", "women", "medics", "journalists"})


def _value(c) -> int | None:
    return c.low if c.low is not None else c.high


def run(limit: int | None = None) -> dict[str, float]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    actor_dict = ActorDictionary.load()
    nlp = load_pipeline()
    n_pos = exact = within = covered = 0
    civ_n = civ_ok = non_n = non_ok = 0
    first_ok = 0
    kid_n = kid_ok = wom_n = wom_ok = 0
    out_found = out_ok = out_wire = 0
    n_claims = 0
    t0 = time.time()
    for row in rows:
        text = row["article_content"]
        art = Article(id=str(row["unit_id"]), text=text, outlet=None)
        doc = Document(text, nlp)
        claims = find_claims(doc, article=art, actors=find_actors(doc, actor_dict), events=[], dictionary=actor_dict)
        n_claims += len(claims)
        killed = [
            c for c in claims if c.kind == "killed" and _value(c) is not None and not WAR_TOTAL.search(c.evidence)
        ]
        o = detect(text, row.get("article_title"))
        if o is not None:
            out_found += 1
            out_ok += SOURCE_KEYS.get(o.name) == row["source"]
            out_wire += SOURCE_KEYS.get(o.name) != row["source"] and o.name in WIRES
        kids, women = int(row["nb_children"] or 0), int(row["nb_women"] or 0)
        if kids > 0:
            kid_n += 1
            vals = [_value(c) for c in killed if c.subject == "children"]
            kid_ok += bool(vals) and max(vals) == kids
        if women > 0:
            wom_n += 1
            vals = [_value(c) for c in killed if c.subject == "women"]
            wom_ok += bool(vals) and max(vals) == women
        civ = int(row["nb_civilians"] or 0)
        non = int(row["nb_noncivilians"] or 0)
        total = civ + non
        best = max((_value(c) for c in killed), default=None)
        if total > 0:
            n_pos += 1
            if killed:
                covered += 1
                first_ok += _value(min(killed, key=lambda c: c.start)) == total
            if best is not None:
                exact += best == total
                within += abs(best - total) <= 0.1 * total
        if civ > 0:
            civ_n += 1
            vals = [_value(c) for c in killed if c.subject in CIVILIAN_SUBJECTS]
            civ_ok += bool(vals) and max(vals) == civ
        if non > 0:
            non_n += 1
            vals = [_value(c) for c in killed if c.subject not in CIVILIAN_SUBJECTS]
            non_ok += bool(vals) and max(vals) == non
    secs = time.time() - t0
    return {
        "articles": len(rows),
        "articles_with_deaths": n_pos,
        "claims_per_article": n_claims / max(len(rows), 1),
        "coverage": covered / max(n_pos, 1),
        "total_exact": exact / max(n_pos, 1),
        "total_within_10pct": within / max(n_pos, 1),
        "civilians_exact": civ_ok / max(civ_n, 1),
        "noncivilians_exact": non_ok / max(non_n, 1),
        "first_figure_exact": first_ok / max(n_pos, 1),
        "articles_with_children": kid_n,
        "children_exact": kid_ok / max(kid_n, 1),
        "articles_with_women": wom_n,
        "women_exact": wom_ok / max(wom_n, 1),
        "outlet_found": out_found / max(len(rows), 1),
        "outlet_right_of_found": out_ok / max(out_found, 1),
        "outlet_right": out_ok / max(len(rows), 1),
        "outlet_wire_credit": out_wire / max(len(rows), 1),
        "seconds": secs,
    }


def main(argv: list[str]) -> int:
    if not DATA.exists():
        print(f"FA-KES not found at {DATA}", file=sys.stderr)
        return 1
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    for k, v in run(limit).items():
        print(f"{k:30s} {v:.3f}" if isinstance(v, float) else f"{k:30s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
