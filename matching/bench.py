"""``python -m matching bench``: speed and memory of the matcher against a brute-force baseline.

Both run in the same invocation on the same synthetic data (matching/_synthetic.py, drawn from the
taxonomy), each in its own forked process so that one's memory does not count for the other:

* ``matcher`` — ``Matcher(k).fit(opportunities)``, ``rank([person])`` one person at a time, ``rank(people)``.
* ``brute`` — scikit-learn ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)``
  over the same texts (``Opportunity.text``, ``Seeker.text``) and ``NearestNeighbors(metric="cosine",
  algorithm="brute")``; the hard constraints are applied afterwards with ``matching.violations`` to the
  ``fetch`` nearest, and the report says how many people were left with fewer than k.

Per phase the report gives wall time, peak resident memory of the process during the phase
(sampled every few ms from /proc, and ``resource.getrusage`` high-water mark at the end) and how
much that peak rose over the phase's start. The one-person latency is the full ``rank`` call
(reading the person's text, scoring, constraints, top k, explanations), timed ``--latency-samples``
times on different people.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import threading
import time
from datetime import date

import numpy as np

TODAY = date(2026, 1, 1)
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE / 2**20
    except OSError:
        return None


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class _Phase:
    """Times a block and samples resident memory while it runs."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval

    def __enter__(self):
        self.start_mb = _rss_mb()
        self.peak_mb = self.start_mb or 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self.t0 = time.perf_counter()
        return self

    def _sample(self):
        while not self._stop.wait(self.interval):
            rss = _rss_mb()
            if rss is not None and rss > self.peak_mb:
                self.peak_mb = rss

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self._stop.set()
        self._thread.join()
        end = _rss_mb()
        if end is not None:
            self.peak_mb = max(self.peak_mb, end)
        self.end_mb = end
        return False

    def report(self) -> dict:
        out = {"s": round(self.seconds, 3)}
        if self.start_mb is not None:
            out["peak_rss_mb"] = round(self.peak_mb, 1)
            out["rss_rise_mb"] = round(self.peak_mb - self.start_mb, 1)
        return out


def _latency(rank_one, people, samples: int) -> dict:
    times = []
    for person in people[:samples]:
        t0 = time.perf_counter()
        rank_one(person)
        times.append(time.perf_counter() - t0)
    ms = np.asarray(times) * 1000
    return {"n": len(ms), "p50_ms": round(float(np.percentile(ms, 50)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2), "max_ms": round(float(ms.max()), 2)}


def _run_matcher(opportunities, seekers, k, n_jobs, samples) -> dict:
    from matching.matcher import Matcher

    Matcher(k=1).fit(opportunities[:50]).rank(seekers[:5])  # loads reference data and lexicon
    gc.collect()
    out = {"name": "matcher", "start_rss_mb": _rss_mb()}
    with _Phase() as p:
        matcher = Matcher(k=k, today=TODAY, n_jobs=n_jobs).fit(opportunities)
    out["fit"] = p.report()
    lat_people = seekers[::max(1, len(seekers) // samples)][:samples]
    with _Phase() as p:
        out["rank_one"] = _latency(lambda s: matcher.rank([s]), lat_people, samples)
    out["rank_one"].update({k_: v for k_, v in p.report().items() if k_ != "s"})
    with _Phase() as p:
        suggestions = matcher.rank(seekers)
    out["batch"] = p.report()
    out["batch"].update(_counts(suggestions, seekers, k))
    out["maxrss_mb"] = round(_maxrss_mb(), 1)
    return out


def _run_brute(opportunities, seekers, k, n_jobs, samples, fetch) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    from matching.constraints import violations
    from matching.schema import Suggestion
    from matching.taxonomy import reference_data

    ref = reference_data()
    gc.collect()
    out = {"name": "brute", "fetch": fetch, "start_rss_mb": _rss_mb()}
    with _Phase() as p:
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        index = NearestNeighbors(metric="cosine", algorithm="brute", n_jobs=n_jobs).fit(
            vectorizer.fit_transform([o.text for o in opportunities]))
    out["fit"] = p.report()
    n_fetch = min(fetch, len(opportunities))

    def filtered(person, distances, indices):
        kept = []
        for d, j in zip(distances, indices):
            opp = opportunities[j]
            if not violations(person, opp, ref.distance_km, TODAY):
                kept.append(Suggestion(person.id, opp.id, round(1.0 - float(d), 6), {}))
                if len(kept) == k:
                    break
        return kept

    def rank(people):
        found = []
        vectors = vectorizer.transform([s.text for s in people])
        distances, indices = index.kneighbors(vectors, n_neighbors=n_fetch)
        for person, d, i in zip(people, distances, indices):
            found.extend(filtered(person, d, i))
        return found

    lat_people = seekers[::max(1, len(seekers) // samples)][:samples]
    with _Phase() as p:
        out["rank_one"] = _latency(lambda s: rank([s]), lat_people, samples)
    out["rank_one"].update({k_: v for k_, v in p.report().items() if k_ != "s"})
    with _Phase() as p:
        suggestions = rank(seekers)
    out["batch"] = p.report()
    out["batch"].update(_counts(suggestions, seekers, k))
    out["maxrss_mb"] = round(_maxrss_mb(), 1)
    return out


def _counts(suggestions, seekers, k) -> dict:
    per: dict[str, int] = {}
    for s in suggestions:
        per[s.seeker_id] = per.get(s.seeker_id, 0) + 1
    return {"people_per_s": None, "suggestions": len(suggestions),
            "people_short_of_k": sum(1 for s in seekers if per.get(s.id, 0) < k)}


def _in_child(target, *args):
    """Run target(*args) in a forked process; its memory is its own."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def work():
        try:
            child.send(target(*args))
        except BaseException as e:  # report, do not hang the parent
            child.send({"error": repr(e)})
        finally:
            child.close()

    proc = ctx.Process(target=work)
    proc.start()
    result = parent.recv()
    proc.join()
    return result


def run(n_opportunities: int, n_seekers: int, k: int = 10, n_jobs: int | None = -1, samples: int = 200,
        fetch: int = 1000, random_state: int = 0, baseline: bool = True, fork: bool = True) -> dict:
    """Generate data, run both matchers, return the report (see module docstring)."""
    from matching._synthetic import synthetic_opportunities, synthetic_seekers
    from matching.taxonomy import reference_data

    t0 = time.perf_counter()
    ref = reference_data()
    opportunities = synthetic_opportunities(ref, n_opportunities, random_state=random_state)
    seekers = synthetic_seekers(ref, n_seekers, random_state=random_state)
    report = {"opportunities": n_opportunities, "seekers": n_seekers, "k": k, "n_jobs": n_jobs,
              "cpus": os.cpu_count(), "generate_s": round(time.perf_counter() - t0, 2),
              "data_rss_mb": _rss_mb(), "results": []}
    call = _in_child if fork else (lambda target, *args: target(*args))
    report["results"].append(call(_run_matcher, opportunities, seekers, k, n_jobs, samples))
    if baseline:
        report["results"].append(call(_run_brute, opportunities, seekers, k, n_jobs, samples, fetch))
    for r in report["results"]:
        if "batch" in r and r["batch"]["s"]:
            r["batch"]["people_per_s"] = round(n_seekers / r["batch"]["s"], 1)
    return report


def format_report(report: dict) -> str:
    lines = [f"synthetic data: {report['opportunities']:,} opportunities, {report['seekers']:,} people, "
             f"k={report['k']}, n_jobs={report['n_jobs']}, cpus={report['cpus']} "
             f"(generated in {report['generate_s']} s; process RSS {report['data_rss_mb']:.0f} MB before fitting)",
             "memory: peak = highest resident set size of the matcher's own process during the phase; "
             "rise = peak minus RSS at the phase's start",
             f"{'matcher':<8} {'fit s':>7} {'fit peak/rise MB':>17} {'1 person p50 ms':>16} {'p95 ms':>8} "
             f"{'batch s':>8} {'people/s':>9} {'batch peak/rise MB':>19} {'short of k':>10} {'maxrss MB':>10}"]
    for r in report["results"]:
        if "error" in r:
            lines.append(f"{r.get('name', '?'):<8} failed: {r['error']}")
            continue
        f, o, b = r["fit"], r["rank_one"], r["batch"]
        lines.append(
            f"{r['name']:<8} {f['s']:>7.2f} {f.get('peak_rss_mb', 0):>8.0f}/{f.get('rss_rise_mb', 0):<8.0f} "
            f"{o['p50_ms']:>16.2f} {o['p95_ms']:>8.2f} {b['s']:>8.2f} {b['people_per_s']:>9.1f} "
            f"{b.get('peak_rss_mb', 0):>9.0f}/{b.get('rss_rise_mb', 0):<9.0f} {b['people_short_of_k']:>10} "
            f"{r['maxrss_mb']:>10.0f}")
    brute = next((r for r in report["results"] if r.get("name") == "brute" and "fit" in r), None)
    if brute:
        lines.append(f"brute: constraints applied after fetching the {brute['fetch']} nearest by cosine; "
                     "'short of k' people had fewer than k eligible among them")
    return "\n".join(lines)
