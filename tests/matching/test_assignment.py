"""Capacity-aware batch proposals on hand-made score matrices."""
import numpy as np
import pytest
import scipy.sparse as sp

from matching.assignment import assign, greedy_top_k

NO = -np.inf


def per_opportunity(proposals, n):
    return np.bincount([p.opportunity for p in proposals], minlength=n)


def per_person(proposals, n):
    return np.bincount([p.person for p in proposals], minlength=n)


def test_one_strong_person_is_not_proposed_everywhere():
    # person 0 is the best everywhere; the others each fit one opportunity well
    scores = np.array([[0.9, 0.9, 0.9],
                       [0.6, 0.2, 0.1],
                       [0.1, 0.6, 0.2],
                       [0.2, 0.1, 0.6]])
    result = assign(scores, seats=[1, 1, 1], threshold=0.5, per_person=3)
    assert result.report.greedy_max_per_person == 3  # rank alone: the strong person holds every seat
    assert result.report.greedy_people_with_good == 1
    assert result.report.people_with_good == 3
    assert result.report.max_per_person == 1
    assert per_opportunity(result.proposals, 3).tolist() == [1, 1, 1]


def test_seats_and_per_person_limits_hold_on_a_random_matrix():
    rng = np.random.default_rng(7)
    scores = rng.random((40, 12))
    scores[rng.random(scores.shape) < 0.3] = NO
    seats = rng.integers(0, 4, size=12)
    result = assign(scores, seats, threshold=0.5, per_person=2)
    assert (per_opportunity(result.proposals, 12) <= seats).all()
    assert (per_person(result.proposals, 40) <= 2).all()
    assert all(np.isfinite(scores[p.person, p.opportunity]) for p in result.proposals)
    assert len({(p.person, p.opportunity) for p in result.proposals}) == len(result.proposals)
    # round one alone can give every person the greedy ranking covers a good suggestion
    assert result.report.people_with_good >= result.report.greedy_people_with_good


def test_round_one_covers_as_many_people_with_a_good_suggestion_as_possible():
    # the largest total score (0.9 + 0.45) gives one good suggestion; good suggestions come first: 0.8 + 0.5
    scores = np.array([[0.9, 0.8],
                       [0.5, NO],
                       [NO, 0.45]])
    result = assign(scores, seats=[1, 1], threshold=0.5, per_person=1)
    assert {(p.person, p.opportunity) for p in result.proposals} == {(0, 1), (1, 0)}
    assert result.report.people_with_good == 2


def test_later_rounds_fill_lists_with_the_seats_left():
    scores = np.array([[0.9, 0.8, 0.7],
                       [0.6, NO, NO]])
    result = assign(scores, seats=[1, 2, 1], threshold=0.5, per_person=3)
    pairs = {(p.person, p.opportunity) for p in result.proposals}
    assert pairs == {(1, 0), (0, 1), (0, 2)}
    assert result.report.max_per_person == 2
    assert result.proposals[0].person == 0 and result.proposals[0].score == 0.8  # by person, best first


def test_sparse_input_and_mask_forbid_pairs():
    dense = np.array([[0.9, 0.0], [0.8, 0.7]])
    sparse = sp.csr_matrix(([0.9, 0.8, 0.7], ([0, 1, 1], [0, 0, 1])), shape=(2, 2))
    from_sparse = assign(sparse, seats=[1, 1], threshold=0.5)
    masked = assign(dense, seats=[1, 1], threshold=0.5, mask=[[True, False], [True, True]])
    assert {(p.person, p.opportunity) for p in from_sparse.proposals} == {(0, 0), (1, 1)}
    assert from_sparse.proposals == masked.proposals


def test_deterministic_with_ties():
    scores = np.full((6, 3), 0.7)
    first = assign(scores, seats=[1, 1, 1], threshold=0.5, per_person=2)
    for _ in range(3):
        assert assign(scores, seats=[1, 1, 1], threshold=0.5, per_person=2).proposals == first.proposals
    assert first.report.proposals == 3 and first.report.people_with_proposal == 3


def test_nothing_to_propose():
    empty = assign(np.full((3, 2), NO), seats=[2, 2], threshold=0.5)
    assert empty.proposals == [] and empty.report.people_with_good == 0 and empty.report.max_per_person == 0
    no_seats = assign(np.ones((2, 2)), seats=[0, -1], threshold=0.5)
    assert no_seats.proposals == [] and no_seats.report.seats == 0


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        assign(np.ones((2, 2)), seats=[1], threshold=0.5)
    with pytest.raises(ValueError):
        assign(np.ones((2, 2)), seats=[1, 1], threshold=0.5, per_person=0)


def test_greedy_baseline_gives_seats_by_score_among_top_k_lists():
    scores = np.array([[0.9, 0.8], [0.7, 0.6]])
    assert greedy_top_k(scores, np.isfinite(scores), np.array([1, 1]), k=2) == [(0, 0), (0, 1)]


def test_good_can_be_decided_on_another_scale():
    # a re-ranker orders (scores), the matcher's own score decides what counts as good
    scores = np.array([[0.9, 0.8], [0.7, NO]])
    good = np.array([[False, False], [True, False]])
    result = assign(scores, seats=[1, 1], threshold=0.5, good=good)
    assert result.report.people_with_good == 1 and result.report.greedy_people_with_good == 0


def test_spread_command_on_synthetic_data(capsys):
    from matching.assignment import main

    main(["--people", "60", "--opportunities", "40", "--per-person", "2"])
    out = capsys.readouterr().out
    assert "60 people, 40 opportunities" in out and "people with a good suggestion: assignment" in out


def test_plain_ranking_skips_full_opportunities():
    scores = np.array([[0.9, 0.8, 0.7]])
    assert greedy_top_k(scores, np.isfinite(scores), np.array([0, 1, 1]), k=2) == [(0, 1), (0, 2)]
