"""Claim figures on the hand-gold seed articles, through the whole reading pipeline.

Reads /work/shared/corpus/seeds/*.txt with warlog.api.read, writes one reading per article to a
temporary directory and scores it with the reference scorer (/work/shared/tools/score.py):
claim_number_f1 (kind + subject + range) and claim_attributed_f1 (also the claimant).

    .venv/bin/python bench/seed_claims.py [--show]

--show also lists each system claim next to the gold claims it could match.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from warlog.api import read
from warlog.model import Reading

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(argv: list[str]) -> int:
    seeds = SHARED / "corpus" / "seeds"
    gold = SHARED / "gold"
    if not seeds.is_dir():
        print(f"no seeds at {seeds}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as out:
        for r in read(sorted(seeds.glob("*.txt"))):
            if not isinstance(r, Reading):
                print(f"not read: {r}", file=sys.stderr)
                continue
            Path(out, r.article + ".json").write_text(json.dumps(r.to_dict()), encoding="utf-8")
            if "--show" in argv:
                g = json.loads((gold / (r.article + ".gold.json")).read_text(encoding="utf-8"))
                print(f"== {r.article}: {len(r.claims)} system claims, {len(g['claims'])} gold")
                for c in r.claims:
                    print(f"  {c.kind:9s} {c.subject[:34]:34s} {c.low}-{c.high}  by {c.claimant[:40]}  ev={c.event}")
        res = subprocess.run(
            [sys.executable, str(SHARED / "tools" / "score.py"), str(gold), out, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    figures = json.loads(res.stdout)
    for k in ("claims_gold", "claims_system", "claim_number_f1", "claim_attributed_f1"):
        v = figures[k]
        print(f"{k:22s} {v:.3f}" if isinstance(v, float) else f"{k:22s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
