"""Speed and memory of the reading pipeline, against a full spaCy parse of the same texts.

Reads N FA-KES dev articles (default 100) twice in one run: once through warlog's pipeline
(candidate sentences only are parsed) and once through a plain full spaCy parse, and prints
words/s for both and their ratio (these machines are shared and noisy: the ratio is the figure,
absolute times are context). Also the peak resident memory of the process.

    .venv/bin/python bench/speed.py [N]
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from warlog.model import Article
from warlog.pipeline import Reader

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(n: int = 100) -> dict:
    rows = [json.loads(line) for line in (SHARED / "datasets/fa-kes/fakes.dev.jsonl").open(encoding="utf-8")][:n]
    articles = [Article(id=str(r["unit_id"]), text=r["article_content"]) for r in rows]
    words = sum(len(a.text.split()) for a in articles)

    t0 = time.perf_counter()
    reader = Reader.default()
    reader.read(Article(id="warmup", text="Warm-up: rebels shelled Homs on Monday."))
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = claims = 0
    for a in articles:
        r = reader.read(a)
        events += len(r.events)
        claims += len(r.claims)
    t_warlog = time.perf_counter() - t0

    nlp = reader.nlp  # the Reader's own pipeline
    t0 = time.perf_counter()
    for _ in nlp.pipe(a.text for a in articles):
        pass
    t_full = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "articles": len(articles),
        "words": words,
        "load_s": round(t_load, 2),
        "warlog_s": round(t_warlog, 2),
        "warlog_words_per_s": round(words / t_warlog),
        "full_parse_s": round(t_full, 2),
        "full_parse_words_per_s": round(words / t_full),
        "speed_ratio_vs_full_parse": round(t_full / t_warlog, 2),
        "events": events,
        "claims": claims,
        "peak_rss_mb": round(peak_mb),
    }
    return figures


if __name__ == "__main__":
    if not SHARED.exists():
        sys.exit("needs ../shared beside the checkout")
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100), indent=2))
