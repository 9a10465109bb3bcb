"""Per rule: how often it decided, and its wins and losses against gold, on the FA-KES tune part
(tests/data/fakes_gold/tune). The tune part only: rules are written from it; the test part stays
unread.

    python bench/rules.py [tune|test]

Two tables.

1. Decisions: every registry of warlog.rules (claim kind, claim subject, the subject cascade,
   the trigger noun's verb, the clause climb, toponym rejections) counts each rule's decisions,
   including those a later stage drops ("nothing": a figure that counts no one).
2. Wins and losses, by the rule the reading names:
   - claim kind (`kind_rule`): a system claim whose figure (low, high) a gold claim of the article
     has wins when one such gold claim has its kind, loses otherwise; "no gold" when no gold claim
     has that figure;
   - claim subject (`subject_rule`; the cascade by its step) and claimant (`claimant_rule`): among
     the gold claims with the same figure and kind, wins when one has its subject (claimant), else
     loses;
   - event roles (`roles_rule`, each step it lists): a system event paired with a gold event as
     `warlog eval` pairs them wins when actor1 and actor2 both agree fully, else loses; "no gold"
     when unpaired;
   - toponym rejections (ACCEPT_RULES): a rejected span whose folded text is a gold event
     location's name in the article, and which the reading did not find at another mention, loses
     (a place the gold codes); a rejection of a name the reading found elsewhere is not counted;
     any other rejection wins. (A crude measure: gold codes event locations, not every toponym.)

For the clause climb, 'nothing' means the climb stopped at that clause (having named the side).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from warlog.evaluate import actor_agreement, fold_name, name_set, pair_events
from warlog.extract import claims as claims_mod
from warlog.extract import events as events_mod
from warlog.geo import toponyms
from warlog.ingest import load
from warlog.model import Reading
from warlog.pipeline import Reader
from warlog.rules import Rules

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "fakes_gold"

REGISTRIES: dict[str, Rules] = {
    "claim kind": claims_mod.KIND_RULES,
    "claim subject": claims_mod.SUBJECT_RULES,
    "claim subject (cascade)": claims_mod.SUBJECT_CASCADE,
    "trigger noun's verb": events_mod.NOUN_VERB,
    "clause climb": events_mod.CLIMB,
    "toponym rejection": toponyms.ACCEPT_RULES,
}


def _count_decisions(decided: Counter, rejected: list[str]) -> None:
    """Wrap each registry's decide (on the instance) to count its decisions."""
    for what, reg in REGISTRIES.items():
        plain = reg.decide

        def decide(ctx: Any, what: str = what, plain: Any = plain) -> Any:
            d = plain(ctx)
            if d is not None:
                decided[(what, d.rule, "nothing" if d.value is None else "value")] += 1
                if what == "toponym rejection":
                    rejected.append((ctx.f.span_text(ctx.i, ctx.j), d.rule))
            return d

        reg.decide = decide  # type: ignore[method-assign]


def _label(rule: str) -> str:
    """A subject or claimant rule as the bench counts it: the rule's name ('cascade: <step>' for the cascade)."""
    rule = rule.split(";")[0]
    if rule.startswith("cascade: "):
        return rule
    return rule.split(":")[0]


def _roles_labels(rule: str) -> list[str]:
    out = []
    for part in rule.split("; "):
        if part.startswith("parse: "):
            out += ["parse: " + p for p in part[len("parse: ") :].split(", ")]
        else:
            out.append(part)
    return out


def _score(read: dict, gold: dict, rejected: list[tuple[str, str]], tally: dict) -> None:
    gc = gold.get("claims", [])
    for c in read["claims"]:
        same_fig = [g for g in gc if (g.get("low"), g.get("high")) == (c["low"], c["high"])]
        k = ("claim kind", c.get("kind_rule") or "?")
        if not same_fig:
            tally[k]["no gold"] += 1
            continue
        same_kind = [g for g in same_fig if g.get("kind") == c["kind"]]
        tally[k]["win" if same_kind else "loss"] += 1
        if not same_kind:
            continue
        subj = [g for g in same_kind if name_set(c["subject"]) & name_set(g.get("subject"))]
        tally[("claim subject", _label(c.get("subject_rule", "")))]["win" if subj else "loss"] += 1
        if subj:
            who = any(name_set(c["claimant"]) & name_set(g.get("claimant")) for g in subj)
            tally[("claim claimant", _label(c.get("claimant_rule", "")))]["win" if who else "loss"] += 1
    se, ge = read["events"], gold.get("events", [])

    paired = dict(pair_events(se, ge))
    for i, s in enumerate(se):
        if i not in paired:
            outcome = "no gold"
        else:
            g = ge[paired[i]]
            full = (
                actor_agreement(s.get("actor1"), g.get("actor1"))
                == 1
                == actor_agreement(s.get("actor2"), g.get("actor2"))
            )
            outcome = "win" if full else "loss"
        for lab in _roles_labels(s.get("roles_rule") or "none"):
            tally[("event roles", lab)][outcome] += 1
    places = {fold_name(n) for g in ge for n in ((g.get("location") or {}).get("names") or [])}
    found = {fold_name(p["name"]) for p in read["places"]}
    for text, rule in rejected:
        t = fold_name(text)
        if t in places and t in found:
            continue  # the place was found at another mention: the rejection cost nothing
        tally[("toponym rejection", rule)]["loss" if t in places else "win"] += 1


def main(part: str = "tune") -> None:
    decided: Counter = Counter()
    rejected: list[tuple[str, str]] = []
    _count_decisions(decided, rejected)
    reader = Reader.default()
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    gold_dir = GOLD / part / "gold"
    for art in load([GOLD / part / "corpus"]):
        if not hasattr(art, "text"):
            continue
        rejected.clear()
        reading: Reading = reader.read(art)
        gpath = gold_dir / f"{reading.article}.gold.json"
        if not gpath.exists():
            continue
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        _score(reading.to_dict(), gold, list(rejected), tally)
    print(f"## Decisions per rule, FA-KES {part} ({len(list(gold_dir.glob('*.json')))} articles)\n")
    print("| registry | rule | decided (a value) | decided 'nothing' |")
    print("|---|---|---|---|")
    for what, reg in REGISTRIES.items():
        for name in reg.names():
            v, n = decided[(what, name, "value")], decided[(what, name, "nothing")]
            print(f"| {what} | {name} | {v} | {n} |")
    print(f"\n## Wins and losses per rule against gold, FA-KES {part}\n")
    print("| field | rule | wins | losses | no gold |")
    print("|---|---|---|---|---|")
    for (field, rule), c in sorted(tally.items(), key=lambda kv: (kv[0][0], -sum(kv[1].values()), kv[0][1])):
        print(f"| {field} | {rule} | {c['win']} | {c['loss']} | {c['no gold']} |")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
