"""Source profiles: how each claimant's (and each outlet's) figures compare with other sources' on shared events.

For every fused event and every (kind, subject) with figures from at least two distinct sources, each source's
figure (its largest point figure there) is divided by the median of the other sources' figures. A profile
gives the median of those ratios (overall and per subject, i.e. per side whose losses are counted), and how
often the source gave the highest or the lowest figure. A ratio above 1 means the source reports more than the
others: read per side, it shows who inflates whose losses.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import median

from warlog.fuse.aggregate import point
from warlog.fuse.match import _norm, claimant_key
from warlog.model import FusedEvent


def _profiles(fused: list[FusedEvent], source_of, role: str) -> list[dict]:
    events: dict[str, set[str]] = defaultdict(set)
    figures: dict[str, int] = defaultdict(int)
    ratios: dict[str, list[float]] = defaultdict(list)
    side_ratios: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    highest: dict[str, int] = defaultdict(int)
    lowest: dict[str, int] = defaultdict(int)
    display: dict[str, str] = {}
    for f in fused:
        groups: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        subj_name: dict[tuple[str, str], str] = {}
        for c in f.claims:
            p = point(c)
            src = source_of(c)
            if p is None or not src:
                continue
            k = claimant_key(src) if role == "claimant" else _norm(src)
            display.setdefault(k, src)
            events[k].add(f.id)
            figures[k] += 1
            g = (c.kind, _norm(c.subject) or "unknown")
            subj_name.setdefault(g, c.subject or "unknown")
            groups[g][k] = max(groups[g].get(k, 0), p)
        for g, by_src in groups.items():
            if len(by_src) < 2:
                continue
            hi, lo = max(by_src.values()), min(by_src.values())
            for k, v in by_src.items():
                others = [x for s, x in by_src.items() if s != k]
                m = median(others)
                if m > 0:
                    r = v / m
                    ratios[k].append(r)
                    side_ratios[k][f"{subj_name[g]} {g[0]}"].append(r)
                if hi > lo:
                    highest[k] += v == hi
                    lowest[k] += v == lo
    out = []
    for k in sorted(events, key=lambda k: (-len(ratios[k]), k)):
        rs = ratios[k]
        out.append(
            {
                "source": display[k],
                "role": role,
                "events": len(events[k]),
                "figures": figures[k],
                "compared": len(rs),
                "median_ratio": round(median(rs), 3) if rs else None,
                "highest": highest[k],
                "lowest": lowest[k],
                "by_side": {s: round(median(v), 3) for s, v in sorted(side_ratios[k].items())},
            }
        )
    return out


def source_profiles_of(fused: list[FusedEvent], outlet_of: dict[str, str | None] | None = None) -> list[dict]:
    """Profiles of every claimant (role "claimant") and, given article -> outlet, every outlet ("outlet")."""
    profiles = _profiles(fused, lambda c: c.claimant, "claimant")
    if outlet_of:
        profiles += _profiles(fused, lambda c: outlet_of.get(c.article), "outlet")
    return profiles
