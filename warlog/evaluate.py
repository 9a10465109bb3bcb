"""Score readings against gold readings (../shared/gold/CODEBOOK.md): the figures of score.py.

The reference scorer (`shared/tools/score.py`) is the arbiter; this module computes the same
figures inside warlog so that `warlog eval` needs no external script, and a test checks that the
two agree on the same input. Matching rules, in short:

- events pair one to one, greedily by weight (actor1 F1 + actor2 F1 + same sub-type), among pairs
  with the same event type, dates overlapping with one day of slack, and the place right (a
  name in the gold's `names`, or a point within `radius_km`);
- claims pair when kind, subject and (low, high) agree; the attributed figure also needs the
  claimant; names are compared after folding transliteration variants (`fold_name`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from warlog.normalize import name_fold

DATE_SLACK_DAYS = 1
fold_name = name_fold  # case, accents, Arabic articles, vowel spellings and doubled letters (warlog.normalize)


def name_set(value: Any) -> set[str]:
    """A value that is a name, a list of names or a list of lists, as a set of folded names."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {fold_name(value)}
    out: set[str] = set()
    for item in value:
        out |= name_set(item)
    return out


def _ordinal(value: Any) -> int | None:
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def dates_overlap(system: dict | None, gold: dict | None) -> bool:
    g0, g1 = _ordinal((gold or {}).get("start")), _ordinal((gold or {}).get("end"))
    s0, s1 = _ordinal((system or {}).get("start")), _ordinal((system or {}).get("end"))
    if g0 is None:
        return True
    if s0 is None:
        return False
    g1, s1 = g1 or g0, s1 or s0
    return s0 <= g1 + DATE_SLACK_DAYS and s1 >= g0 - DATE_SLACK_DAYS


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * r / 2) ** 2
        + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def place_right(system: dict | None, gold: dict | None) -> bool:
    system, gold = system or {}, gold or {}
    if not gold:
        return True
    if name_set(system.get("name")) & name_set(gold.get("names")):
        return True
    try:
        d = haversine_km(float(system["lat"]), float(system["lon"]), float(gold["lat"]), float(gold["lon"]))
    except (KeyError, TypeError, ValueError):
        return False
    return d <= float(gold.get("radius_km", 15))


def actor_agreement(system: list | None, gold: list | None) -> float:
    """Set F1 between system actor names and gold actor groups (1.0 when both are empty)."""
    gold_groups = [name_set(g) for g in (gold or [])]
    sys_groups = [name_set(a) for a in (system or [])]
    if not gold_groups and not sys_groups:
        return 1.0
    found = sum(1 for g in gold_groups if any(s & g for s in sys_groups))
    right = sum(1 for s in sys_groups if any(s & g for g in gold_groups))
    p = right / len(sys_groups) if sys_groups else 0.0
    r = found / len(gold_groups) if gold_groups else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def greedy_pairs(ok: Callable[[int, int], bool], n_sys: int, n_gold: int, weight: Callable[[int, int], float]):
    """One-to-one pairs among compatible (system, gold) pairs, heaviest first (ties: higher index)."""
    ranked = sorted(((weight(i, j), i, j) for i in range(n_sys) for j in range(n_gold) if ok(i, j)), reverse=True)
    taken_s: set[int] = set()
    taken_g: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in taken_s and j not in taken_g:
            taken_s.add(i)
            taken_g.add(j)
            pairs.append((i, j))
    return pairs


def pair_events(se: list[dict], ge: list[dict], typed: bool = True) -> list[tuple[int, int]]:
    """System and gold events paired one to one: compatible pairs (same event type unless `typed` is False,
    overlapping dates, the place right), heaviest first by actor1 F1 + actor2 F1 + same sub-type."""

    def compatible(i: int, j: int) -> bool:
        s, g = se[i], ge[j]
        return (
            (not typed or s.get("event_type") == g.get("event_type"))
            and dates_overlap(s.get("date"), g.get("date"))
            and place_right(s.get("location"), g.get("location"))
        )

    def weight(i: int, j: int) -> float:
        s, g = se[i], ge[j]
        return (
            actor_agreement(s.get("actor1"), g.get("actor1"))
            + actor_agreement(s.get("actor2"), g.get("actor2"))
            + (s.get("sub_event_type") == g.get("sub_event_type"))
        )

    return greedy_pairs(compatible, len(se), len(ge), weight)


def precision_recall_f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class _Tally:
    ev_tp: int = 0
    ev_sys: int = 0
    ev_gold: int = 0
    loose_tp: int = 0
    cl_tp: int = 0
    cl_sys: int = 0
    cl_gold: int = 0
    cl_num_tp: int = 0
    sub: int = 0
    a1: float = 0.0
    a2: float = 0.0
    date_exact: int = 0
    modality: int = 0
    pub_ok: int = 0
    pub_n: int = 0
    per_article: list[dict] = field(default_factory=list)


def _score_article(gold: dict, read: dict, t: _Tally) -> None:
    ge, se = gold.get("events", []), read.get("events", []) or []
    t.pub_n += 1
    gpub = gold.get("published") or {}
    width = {"month": 7, "year": 4}.get(gpub.get("precision"), 10)
    pub_ok = (gpub.get("date") or "")[:width] == ((read.get("published") or {}).get("date") or "")[:width]
    t.pub_ok += int(pub_ok)

    pairs = pair_events(se, ge)
    loose = pair_events(se, ge, typed=False)
    t.ev_tp += len(pairs)
    t.loose_tp += len(loose)
    t.ev_sys += len(se)
    t.ev_gold += len(ge)
    for i, j in pairs:
        s, g = se[i], ge[j]
        t.sub += s.get("sub_event_type") == g.get("sub_event_type")
        t.a1 += actor_agreement(s.get("actor1"), g.get("actor1"))
        t.a2 += actor_agreement(s.get("actor2"), g.get("actor2"))
        t.date_exact += (s.get("date") or {}).get("start") == (g.get("date") or {}).get("start")
        t.modality += s.get("modality", "asserted") == g.get("modality", "asserted")

    gc, sc = gold.get("claims", []), read.get("claims", []) or []

    def same_claim(i: int, j: int) -> bool:
        s, g = sc[i], gc[j]
        return (
            s.get("kind") == g.get("kind")
            and bool(name_set(s.get("subject")) & name_set(g.get("subject")))
            and (s.get("low"), s.get("high")) == (g.get("low"), g.get("high"))
        )

    cpairs = greedy_pairs(same_claim, len(sc), len(gc), lambda i, j: 1.0)
    attributed = sum(1 for i, j in cpairs if name_set(sc[i].get("claimant")) & name_set(gc[j].get("claimant")))
    t.cl_num_tp += len(cpairs)
    t.cl_tp += attributed
    t.cl_sys += len(sc)
    t.cl_gold += len(gc)
    t.per_article.append(
        {
            "article": gold["article"],
            "events_gold": len(ge),
            "events_system": len(se),
            "events_matched": len(pairs),
            "claims_gold": len(gc),
            "claims_system": len(sc),
            "claims_matched": len(cpairs),
            "claims_attributed": attributed,
            "published_ok": pub_ok,
        }
    )


def score(gold_dir: str | Path, reading_dir: str | Path, *, per_article: bool = False) -> dict[str, Any]:
    """Score every `<article>.gold.json` in `gold_dir` against `<article>.json` in `reading_dir`.

    An article with gold but no reading counts as read with nothing found. Returns the figures
    with the same keys and values as score.py (plus `per_article` when asked).
    """
    t = _Tally()
    for gf in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        rf = Path(reading_dir) / (gold["article"] + ".json")
        read = json.loads(rf.read_text(encoding="utf-8")) if rf.exists() else {}
        _score_article(gold, read, t)
    ep, er, ef = precision_recall_f1(t.ev_tp, t.ev_sys, t.ev_gold)
    _, _, lf = precision_recall_f1(t.loose_tp, t.ev_sys, t.ev_gold)
    _, _, cf = precision_recall_f1(t.cl_tp, t.cl_sys, t.cl_gold)
    _, _, nf = precision_recall_f1(t.cl_num_tp, t.cl_sys, t.cl_gold)
    m = max(t.ev_tp, 1)
    figures: dict[str, Any] = {
        "events_gold": t.ev_gold,
        "events_system": t.ev_sys,
        "event_p": ep,
        "event_r": er,
        "event_f1": ef,
        "event_untyped_f1": lf,
        "sub_event_type_acc": t.sub / m,
        "actor1_f1": t.a1 / m,
        "actor2_f1": t.a2 / m,
        "date_exact_acc": t.date_exact / m,
        "modality_acc": t.modality / m,
        "claims_gold": t.cl_gold,
        "claims_system": t.cl_sys,
        "claim_number_f1": nf,
        "claim_attributed_f1": cf,
        "published_date_acc": t.pub_ok / max(t.pub_n, 1),
    }
    if per_article:
        figures["per_article"] = t.per_article
    return figures


def format_table(figures: dict[str, Any]) -> str:
    """The figures as score.py prints them: one `name value` line each."""
    lines = []
    for k, v in figures.items():
        if k == "per_article":
            continue
        lines.append(f"{k:22s} {v:.3f}" if isinstance(v, float) else f"{k:22s} {v}")
    return "\n".join(lines)


def argument_prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """P/R/F1 when system and gold hits are counted apart (several system spans may hit one gold)."""
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def role_figures(counts: dict, by_role: dict, roles: tuple[str, ...]) -> dict[str, Any]:
    """Argument figures over all roles (`counts`: tp_sys, sys, tp_gold, gold) and per role
    (`by_role[(role, "tp_sys" | "sys" | "tp_gold" | "gold")]`), as the argument benches report them."""
    figs: dict[str, Any] = {"all": argument_prf(counts["tp_sys"], counts["sys"], counts["tp_gold"], counts["gold"])}
    for role in roles:
        figs[role] = argument_prf(
            by_role[(role, "tp_sys")], by_role[(role, "sys")], by_role[(role, "tp_gold")], by_role[(role, "gold")]
        )
        figs[role + "_counts"] = (by_role[(role, "gold")], by_role[(role, "sys")])
    return figs
