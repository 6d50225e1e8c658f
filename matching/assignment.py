"""Capacity-aware batch proposals: spread strong candidates over opportunities instead of proposing one
person everywhere. Plain arrays in, pairs and a report out; no Flask, no database.

The rule, in one place:

* an opportunity gets at most its ``seats`` (seats left) proposals in one batch;
* a person gets at most ``per_person`` proposals;
* the batch is built in ``per_person`` rounds. Each round is a one-to-one assignment
  (``scipy.optimize.linear_sum_assignment``) of the people who still have room to the seats still
  free, each opportunity expanded into one column per free seat. A round maximises, in this order:
  the number of people who get a *good* suggestion (score ≥ ``threshold``), then the number of
  people who get any allowed suggestion, then the total score. So round 1 gives as many people
  as possible one good suggestion, and later rounds fill lists with the seats that are left.

The report compares this with the plain ranking: each person's top ``per_person`` opportunities
that have a free seat, with every opportunity's seats then going to the best-scoring of the people
who listed it. That is what proposing by rank alone gives, and where one strong person takes a seat everywhere.

``python -m matching.assignment --people 1000 --opportunities 300`` measures both on synthetic region data.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True)
class Proposal:
    person: int  # row of the score matrix
    opportunity: int  # column of the score matrix
    score: float


@dataclass(frozen=True)
class Report:
    """Numbers for a batch; the greedy_* figures are the plain top-k ranking under the same seats."""

    people: int
    opportunities: int
    seats: int  # seats left over all opportunities
    threshold: float
    proposals: int
    people_with_proposal: int
    people_with_good: int  # people with at least one proposal scoring ≥ threshold
    max_per_person: int
    people_with_any_good_pair: int  # upper bound: people with a good allowed pair at all
    greedy_proposals: int
    greedy_people_with_proposal: int
    greedy_people_with_good: int
    greedy_max_per_person: int

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Assignment:
    proposals: list[Proposal]
    report: Report


def allowed_scores(scores, mask=None) -> tuple[np.ndarray, np.ndarray]:
    """A dense float matrix and its boolean "allowed" mask.

    scores: dense array-like (``-inf`` or NaN forbid a pair) or a SciPy sparse matrix (only stored
    entries are allowed, explicit zeros included). mask, optional: True where a pair is allowed.
    """
    if sp.issparse(scores):
        coo = sp.coo_matrix(scores)
        dense = np.full(coo.shape, -np.inf)
        dense[coo.row, coo.col] = coo.data
    else:
        dense = np.array(scores, dtype=float, copy=True)
    if dense.ndim != 2:
        raise ValueError("scores must be a 2-D people × opportunities matrix")
    allowed = np.isfinite(dense)
    if mask is not None:
        allowed &= np.asarray(mask, dtype=bool)
    dense[~allowed] = -np.inf
    return dense, allowed


def assign(scores, seats, threshold: float, per_person: int = 1, mask=None, good=None) -> Assignment:
    """Propose pairs people × opportunities that respect seats and ``per_person``; see the module doc.

    Parameters
    ----------
    scores : array-like or sparse matrix, shape (people, opportunities)
        Higher is better; forbidden pairs are ``-inf``/NaN (dense) or not stored (sparse).
    seats : array-like of int, shape (opportunities,)
        Seats left per opportunity; at most this many proposals each (0 or less: none).
    threshold : float
        A proposal scoring at least this is a *good* suggestion.
    per_person : int, default=1
        Most proposals one person gets.
    mask : array-like of bool, optional
        True where a pair is allowed (combined with the forbidden entries of ``scores``).
    good : array-like of bool, optional
        Which pairs count as good, when that is decided on another scale than ``scores`` (e.g. the
        matcher's score while a re-ranker orders); default ``scores >= threshold``.

    Returns
    -------
    Assignment
        Proposals sorted by person then score (best first), and the report. Deterministic.
    """
    values, allowed = allowed_scores(scores, mask)
    n_people, n_opps = values.shape
    capacity = np.clip(np.asarray(seats, dtype=np.int64).reshape(-1), 0, None)
    if capacity.shape != (n_opps,):
        raise ValueError("seats needs one entry per opportunity (column)")
    if per_person < 1:
        raise ValueError("per_person must be at least 1")
    good = allowed & (values >= threshold if good is None else np.asarray(good, dtype=bool))
    taken = np.zeros(n_people, dtype=np.int64)
    free = capacity.copy()
    open_pairs = allowed.copy()
    proposals: list[Proposal] = []
    for _ in range(per_person):
        picked = _round(values, good, open_pairs, free, taken < per_person)
        if not picked:
            break
        for i, j in picked:
            proposals.append(Proposal(int(i), int(j), float(values[i, j])))
            taken[i] += 1
            free[j] -= 1
            open_pairs[i, j] = False
    proposals.sort(key=lambda p: (p.person, -p.score, p.opportunity))
    greedy = greedy_top_k(values, allowed, capacity, per_person)
    report = Report(
        people=n_people, opportunities=n_opps, seats=int(capacity.sum()), threshold=threshold,
        proposals=len(proposals),
        people_with_proposal=len({p.person for p in proposals}),
        people_with_good=len({p.person for p in proposals if good[p.person, p.opportunity]}),
        max_per_person=int(taken.max(initial=0)),
        people_with_any_good_pair=int((good & (capacity > 0)).any(axis=1).sum()),
        greedy_proposals=len(greedy),
        greedy_people_with_proposal=len({i for i, _j in greedy}),
        greedy_people_with_good=len({i for i, j in greedy if good[i, j]}),
        greedy_max_per_person=int(np.bincount([i for i, _ in greedy]).max()) if greedy else 0,
    )
    return Assignment(proposals, report)


def _round(values, good, open_pairs, free, people_ok) -> list[tuple[int, int]]:
    """One one-to-one assignment of people with room to free seats; the pairs chosen, all allowed."""
    rows = np.flatnonzero(people_ok & (open_pairs & (free > 0)).any(axis=1))
    opps = np.flatnonzero((free > 0) & open_pairs[rows].any(axis=0)) if len(rows) else np.zeros(0, dtype=np.int64)
    if not len(rows) or not len(opps):
        return []
    # one column per seat, but never more columns per opportunity than people who could take them
    copies = np.minimum(free[opps], open_pairs[np.ix_(rows, opps)].sum(axis=0))
    columns = np.repeat(opps, copies)
    sub_allowed = open_pairs[np.ix_(rows, columns)]
    sub = values[np.ix_(rows, columns)]
    lo, hi = sub[sub_allowed].min(), sub[sub_allowed].max()
    scaled = (sub - lo) / (hi - lo) if hi > lo else np.zeros_like(sub)  # total score term, each pair in [0, 1]
    n = min(len(rows), len(columns))
    any_pair = n + 1.0  # one more person with a suggestion outweighs any total score
    good_pair = (n + 1.0) * any_pair + 1.0  # one more good suggestion outweighs both
    weight = np.where(sub_allowed, scaled + any_pair + good_pair * good[np.ix_(rows, columns)], 0.0)
    r, c = linear_sum_assignment(weight, maximize=True)
    keep = sub_allowed[r, c]
    return list(zip(rows[r[keep]].tolist(), columns[c[keep]].tolist()))


def greedy_top_k(values, allowed, seats, k: int) -> list[tuple[int, int]]:
    """The plain ranking under seats: each person lists their top k of the opportunities with a free seat
    (ties by column), then each opportunity keeps its best ``seats`` of the people who listed it (ties by row)."""
    listed = []
    open_seats = np.asarray(seats) > 0
    for i in range(values.shape[0]):
        columns = np.flatnonzero(allowed[i] & open_seats)
        order = columns[np.lexsort((columns, -values[i, columns]))][:k]
        listed.extend((i, int(j)) for j in order)
    kept, used = [], np.zeros(len(seats), dtype=np.int64)
    for i, j in sorted(listed, key=lambda ij: (-values[ij], ij[0], ij[1])):
        if used[j] < seats[j]:
            used[j] += 1
            kept.append((i, j))
    return kept


def main(argv=None) -> None:
    """``python -m matching.assignment``: the spread on region-sized synthetic data, ranked by the real matcher."""
    import argparse
    import time

    from matching.matcher import Matcher
    from matching._synthetic import synthetic_opportunities, synthetic_seekers
    from matching.taxonomy import reference_data

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--opportunities", type=int, default=300)
    parser.add_argument("--candidates", type=int, default=25, help="matcher suggestions per person considered")
    parser.add_argument("--per-person", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.3)
    parser.add_argument("--random-state", type=int, default=0)
    args = parser.parse_args(argv)
    ref = reference_data()
    opportunities = synthetic_opportunities(ref, args.opportunities, random_state=args.random_state)
    seekers = synthetic_seekers(ref, args.people, random_state=args.random_state)
    suggestions = Matcher(k=args.candidates, reference=ref).fit(opportunities).rank(seekers)
    row = {s.id: i for i, s in enumerate(seekers)}
    column = {o.id: j for j, o in enumerate(opportunities)}
    scores = sp.csr_matrix(([s.score for s in suggestions],
                            ([row[s.seeker_id] for s in suggestions], [column[s.opportunity_id] for s in suggestions])),
                           shape=(len(seekers), len(opportunities)))
    started = time.perf_counter()
    result = assign(scores, [o.seats for o in opportunities], args.threshold, per_person=args.per_person)
    seconds = time.perf_counter() - started
    r = result.report
    print(f"{r.people} people, {r.opportunities} opportunities, {r.seats} seats, {len(suggestions)} candidate pairs "
          f"(top {args.candidates} per person), good = score >= {r.threshold}, at most {args.per_person} per person")
    print(f"people with a good suggestion: assignment {r.people_with_good}, plain top-{args.per_person} "
          f"{r.greedy_people_with_good}, with unlimited seats {r.people_with_any_good_pair}")
    print(f"people with any suggestion:    assignment {r.people_with_proposal}, plain top-{args.per_person} "
          f"{r.greedy_people_with_proposal}")
    print(f"proposals: assignment {r.proposals}, plain {r.greedy_proposals}; most for one person: assignment "
          f"{r.max_per_person}, plain {r.greedy_max_per_person}; assignment took {seconds:.2f} s")


if __name__ == "__main__":
    main()
