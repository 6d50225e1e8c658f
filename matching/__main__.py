"""Command line: ``python -m matching rank|bench``.

    python -m matching rank --opportunities O.jsonl --seekers S.jsonl --k 10 --out RUN.jsonl
    python -m matching bench [--opportunities 100000 --seekers 10000] [--no-baseline] [--json]
    python -m matching compass PATH [--top 5]

``rank`` reads and writes the benchmark formats (shared/eval/FORMAT.md) using only data inside the
package; it is deterministic and needs no network. ``bench`` times fit, one-person latency and a
batch on synthetic data generated from the taxonomy, for the matcher and a brute-force scikit-learn
baseline in the same run, with peak memory per phase (see matching/bench.py). ``compass`` reports
occupation accuracy@k on the compass test cases (see matching/compass.py).
"""
from __future__ import annotations

import argparse
import json
import sys
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
    from matching import bench as bench_module

    report = bench_module.run(args.opportunities, args.seekers, k=args.k, n_jobs=args.n_jobs,
                              samples=args.latency_samples, fetch=args.fetch, random_state=args.random_state,
                              baseline=not args.no_baseline)
    print(bench_module.format_report(report))
    if args.json:
        print(json.dumps(report))
    return 0


def compass(args) -> int:
    from matching.compass import evaluate

    print(json.dumps(evaluate(args.path, k=args.top), ensure_ascii=False, indent=1))
    return 0


def robustness(args) -> int:
    from matching.robustness import evaluate

    print(json.dumps(evaluate(seed=args.seed), ensure_ascii=False, indent=1))
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
    b = sub.add_parser("bench", help="time and memory of fit and rank against a brute-force baseline, "
                                     "on synthetic data drawn from the taxonomy")
    b.add_argument("--opportunities", type=int, default=100_000)
    b.add_argument("--seekers", type=int, default=10_000, help="people in the batch")
    b.add_argument("--k", type=int, default=10)
    b.add_argument("--n-jobs", type=int, default=-1, help="threads for both matchers (-1: all cores)")
    b.add_argument("--latency-samples", type=int, default=200, help="people timed one at a time")
    b.add_argument("--fetch", type=int, default=1000,
                   help="nearest neighbours the baseline fetches before applying the hard constraints")
    b.add_argument("--no-baseline", action="store_true", help="skip the brute-force baseline")
    b.add_argument("--json", action="store_true", help="also print the full report as JSON")
    b.add_argument("--random-state", type=int, default=0)
    b.set_defaults(func=bench)
    c = sub.add_parser("compass", help="occupation accuracy@k on compass test cases (JSONL)")
    c.add_argument("path")
    c.add_argument("--top", type=int, default=5)
    c.set_defaults(func=compass)
    rb = sub.add_parser("robustness", help="occupation reading of corrupted held-out vocabulary, lexicon alone "
                                           "and with the text model (matching/robustness.py)")
    rb.add_argument("--seed", type=int, default=3)
    rb.set_defaults(func=robustness)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
