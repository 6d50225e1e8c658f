"""One step away: the person-side constraint codes (matching.gaps), and the vectorised judge equal to them."""
import random

import matching
from matching import Opportunity, Seeker

PLACES = {"1980": (59.6, 16.5), "0484": (59.4, 16.5), "2584": (67.9, 20.2), "2080": (60.6, 15.6)}


def distance(a, b):
    if a not in PLACES or b not in PLACES:
        return None
    (lat1, lon1), (lat2, lon2) = PLACES[a], PLACES[b]
    return ((lat1 - lat2) ** 2 + (lon1 - lon2) ** 2) ** 0.5 * 80


def seeker(level="B1", licences=("B",), place="1980", km=40):
    return Seeker(id="s", municipality=place, max_travel_km=km, languages=({"code": "sv", "level": level},),
                  driving_licences=licences, wants=("trainee_job",))


def test_gaps_keep_the_person_side_only():
    job = Opportunity(id="o", kind="job", min_swedish="B1", driving_licence=("B",), municipality="1980", seats=0)
    assert matching.gaps(seeker(), job, distance) == ()  # kind and seats are about the place, not the person
    assert matching.gaps(seeker(level="A2"), job, distance) == ("swedish",)
    assert matching.gaps(seeker(licences=()), job, distance) == ("licence",)
    assert matching.gaps(seeker(), job, distance, trained=False) == ("programme",)
    trainee = Opportunity(id="t", kind="trainee_job", municipality="1980")
    assert matching.gaps(seeker(), trainee, distance, trained=False) == ()  # a road in asks for no training
    assert matching.gaps(seeker(place="2584"), job, distance) == ("distance",)
    assert matching.one_step(("swedish",)) == "swedish"
    assert matching.one_step(("distance",)) is None and matching.one_step(("swedish", "licence")) is None


def test_the_vectorised_judge_equals_the_reference():
    rng = random.Random(19)
    for _round in range(30):
        opps = [Opportunity(id=str(i), kind=rng.choice(["job", "trainee_job"]),
                            min_swedish=rng.choice([None, "A2", "B1", "B2"]),
                            driving_licence=tuple(rng.choice([(), ("B",), ("B", "C")])),
                            municipality=rng.choice([*PLACES, None, "9999"]), remote=rng.random() < 0.1)
                for i in range(rng.randint(1, 6))]
        people = [Seeker(id=str(i), municipality=rng.choice([*PLACES, None]), max_travel_km=rng.choice([0, 20, 60]),
                         languages=({"code": "sv", "level": rng.choice(["A1", "A2", "B1", "B2", "native"])},),
                         driving_licences=tuple(rng.choice([(), ("B",), ("C",)])))
                  for i in range(20)]
        trained = [rng.random() < 0.5 for _p in people]
        expected = []
        for person, t in zip(people, trained):
            found = [matching.gaps(person, o, distance, trained=t) for o in opps]
            steps = [matching.one_step(g) for g in found if matching.one_step(g)]
            eligible = any(g == () for g in found)
            expected.append((eligible, None if eligible or not steps else min(steps, key=matching.STEPS.index)))
        assert matching.judge_steps(people, trained, opps, distance) == expected
