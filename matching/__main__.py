"""Command line: ``python -m matching rank|bench``.

    python -m matching rank --opportunities O.jsonl --seekers S.jsonl --k 10 --out RUN.jsonl
    python -m matching bench [--seekers 2000 --opportunities 5000]

``rank`` reads and writes the benchmark formats (shared/eval/FORMAT.md) using only data inside the
package; it is deterministic and needs no network. ``bench`` times fit and rank on synthetic,
region-sized data generated from the taxonomy and reports peak memory (process RSS).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import resource
from datetime import date

from matching.matcher import Matcher
from matching.model import TfidfMatcher
from matching.schema import Opportunity, Seeker


def _read_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _matcher(name: str, k: int, today: date | None):
    if name == "tfidf":
        return TfidfMatcher(k=k)
    return Matcher(k=k, today=today)


def rank(args) -> int:
    opportunities = [Opportunity.from_record(r) for r in _read_jsonl(args.opportunities)]
    seekers = [Seeker.from_record(r) for r in _read_jsonl(args.seekers)]
    today = date.fromisoformat(args.today) if args.today else None
    matcher = _matcher(args.model, args.k, today).fit(opportunities)
    ranked: dict[str, list[dict]] = {s.id: [] for s in seekers}
    for suggestion in matcher.rank(seekers):
        ranked[suggestion.seeker_id].append({"opportunity": suggestion.opportunity_id,
                                             "score": round(suggestion.score, 6)})
    out = open(args.out, "w", encoding="utf-8") if args.out != "-" else sys.stdout
    try:
        for seeker_id, ranking in ranked.items():
            out.write(json.dumps({"seeker": seeker_id, "ranking": ranking}, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def bench(args) -> int:
    from matching._synthetic import synthetic_opportunities, synthetic_seekers
    from matching.taxonomy import reference_data

    ref = reference_data()
    opportunities = synthetic_opportunities(ref, args.opportunities, random_state=args.random_state)
    seekers = synthetic_seekers(ref, args.seekers, random_state=args.random_state)
    Matcher(k=1).fit(opportunities[:50]).rank(seekers[:5])  # warm caches (reference data, lexicon)
    t0 = time.perf_counter()
    matcher = Matcher(k=args.k, today=date(2026, 1, 1)).fit(opportunities)
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    suggestions = matcher.rank(seekers)
    rank_s = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # whole process, incl. reference data
    print(json.dumps({
        "seekers": len(seekers), "opportunities": len(opportunities), "k": args.k,
        "fit_s": round(fit_s, 2), "rank_s": round(rank_s, 2),
        "seekers_per_s": round(len(seekers) / rank_s, 1) if rank_s else None,
        "suggestions": len(suggestions), "peak_rss_mb": round(peak_kb / 1024, 1),
        "chunk_size": matcher.chunk_size,
    }))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("rank", help="rank opportunities for seekers (benchmark formats)")
    r.add_argument("--opportunities", required=True)
    r.add_argument("--seekers", required=True)
    r.add_argument("--k", type=int, default=10)
    r.add_argument("--out", required=True, help="output JSONL path, or - for stdout")
    r.add_argument("--model", choices=("matcher", "tfidf"), default="matcher")
    r.add_argument("--today", help="ISO date for age windows (default: today)")
    r.set_defaults(func=rank)
    b = sub.add_parser("bench", help="time fit and rank on synthetic region-sized data")
    b.add_argument("--seekers", type=int, default=2000)
    b.add_argument("--opportunities", type=int, default=5000)
    b.add_argument("--k", type=int, default=10)
    b.add_argument("--random-state", type=int, default=0)
    b.set_defaults(func=bench)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
