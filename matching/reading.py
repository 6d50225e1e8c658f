"""Read the whole person, not one word: task frames and what a person did versus what they want.

Two readings on top of the lexicon (matching/lexicon.py), clause by clause:

- **Task frames.** A clause that pairs an action with an object names a trade that neither word names
  alone: *repairing* + *trucks* is a mechanic, not a driver; *washing* + *cars* is car cleaning. When a
  frame fires, its trade gains evidence and the trades its object words would otherwise suggest (the
  truck → driver reading) lose most of theirs in that clause. Frames and their words, in all seven
  languages, are below; written for Jobbrygga, not taken from any benchmark text.
- **Side tasks.** A clause saying the work was done only sometimes ("and sometimes welded") counts less.
- **Did and want.** A clause with a wish word ("I want", "vill", "أريد", "waxaan rabaa", "ክሰርሕ እደሊ",
  "می‌خواهم", "хочу") says where the person is aiming; the rest says what they did. Both are kept apart
  (``Understanding.wanted``), so the occupations a person aims at count a little more than those they
  only did, and an explanation can say which of the two a suggestion builds on.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict

from matching.lexicon import Lexicon, _parse_pattern
from matching.text import words

_CLAUSE = re.compile(r"[.,!?;:\n،؛።፣።]+|\b(?:but|men|although|now|nu|لكن|بس|الان|laakiin|hadda|ግን|ሕጂ|اما|ولی|حالا|"
                     r"але|зараз|тепер)\b")

# frame → (action patterns, object patterns, SSYK-4 codes it names, SSYK-4 codes its objects would suggest)
FRAMES = {
    "vehicle_repair": (
        "repair*;fix*;servic*;mend*;maintain*;maintenance;reparer*;reparation*;laga;lagade;lagat;mekka*;skruva*;"
        "صلح*;اصلح*;تصليح;صيانه;يصلح;dayactir*;hagaaj*;*ምጽጋን*;*ጸጊነ*;*ጥገና*;*ዐርየ*;تعمير*;ترميم*;مرمت*;"
        "ремонт*;лагод*;чинил*;обслуговув*;обслуживал*",
        "car;cars;truck*;lorr*;bus;buses;vehicle*;engine*;brakes;gearbox*;motorcycle*;bil;bilar;bilen;lastbil*;"
        "buss*;fordon*;motor*;bromsar;växellåd*;سياره;سيارات;السيارات;شاحن*;باص*;حافل*;محرك*;مركب*;فرامل;"
        "baabuur*;gaari*;gaadiid*;matoor*;*መኪና*;*ማኪና*;*ኣውቶቡስ*;*ሞተር*;*ጽዕነት*;موتر*;ماشين*;لاري*;كاميون*;"
        "موتور*;انجن*;вантажів*;автобус*;машин*;автомобіл*;автомобил*;двигун*;двигател*;гальм*;коробк*;грузовик*",
        ("7231",), ("8332", "8329", "8321", "8331")),
    "machine_repair": (
        "repair*;fix*;servic*;maintain*;maintenance;reparer*;underhåll*;صلح*;اصلح*;تصليح;صيانه;dayactir*;"
        "*ምጽጋን*;*ጥገና*;تعمير*;ремонт*;обслуговув*;обслуживал*",
        "machine*;maskin*;ماكين*;الات;mashiin*;*ማሽን*;ماشين الات;دستگاه*;верстат*;станк*;обладнан*;оборудован*",
        ("7233",), ("8189", "7223")),
    "car_washing": (
        "wash*;clean*;tvätt*;städ*;غسيل;غسل;نظف*;dhaq*;nadiif*;*ምሕጻብ*;شست*;شوي*;мив;мила;мийк*;миття;мыл*",
        "car;cars;bil;bilar;bilen;سياره;سيارات;baabuur*;gaari*;*መኪና*;موتر*;ماشين*;машин*;авто*",
        ("9120",), ("8332", "8329", "8321", "8331", "7231")),
    "loading_vehicles": (
        "load*;unload*;lasta*;lossa*;تحميل;تفريغ;rar*;*ምጽዓን*;*ምርጋፍ*;بارگير*;تخليه;вантажив*;вантажил*;навантаж*;"
        "розвантаж*;грузил*;загружал*",
        "truck*;lorr*;containers;lastbil*;شاحن*;baabuur*;gaari*;*መኪና*;لاري*;موتر*;вантажів*;фур*;грузовик*",
        ("9332", "9331"), ("8332", "8329", "8321", "8331")),
}
FRAME_EVIDENCE = 1.0  # evidence a fired frame adds to its trade (as much as naming the trade once)
FRAME_DAMPING = 0.25  # share the object words keep of the trade they would otherwise suggest

WANT_MARKERS = (
    "want;wants;would like;wish;hope;dream;interested in;aim;goal;looking for;vill;skulle vilja;önskar;drömmer;"
    "hoppas;intresserad;siktar;söker;اريد;ابغي;بدي;اود;احب;اتمني;ارغب;اطمح;حلمي;ابحث عن;rabaa;rabaan;"
    "waxaan jeclaan lahaa;doonayaa;hamiga;*ክሰርሕ እደሊ*;*እደሊ*;*ሃረርታ*;*ሕልመይ*;مي خواهم;ميخواهم;دوست دارم;"
    "آرزو;علاقه;هدفم;хочу;хотів би;хотіла б;хотел бы;хотела бы;мрію;мечтаю;планую;шукаю;цікавить"
)
FOCUS = 0.3  # how much a trade named once gives way to the trade most of the person's text describes
SOMETIMES_MARKERS = (
    "sometimes;occasionally;now and then;a little;ibland;då och då;lite;احيانا;بعض الاحيان;شوي;mararka qaar;"
    "mararka qaarkood;*ሓደ ሓደ ግዜ*;*ሓድሓደ ግዜ*;گاهي;گاه گاهي;بعضي وقت ها;іноді;інколи;часом;иногда;трохи"
)
SOMETIMES_SCALE = 0.4  # "and sometimes welded": a side task counts this much of a clause about the trade
WANT_BOOST = 1.3  # concepts from wish clauses count this much more than the same words about the past


@functools.lru_cache(maxsize=1)
def _frame_lexicon() -> Lexicon:
    entries = []
    for name, (actions, objects, _, _) in FRAMES.items():
        for kind, patterns in (("action", actions), ("object", objects)):
            for pattern in patterns.split(";"):
                rules = _parse_pattern(pattern.strip())
                if rules:
                    entries.append((rules, {(kind, name): 1.0}))
    for kind, markers in (("want", WANT_MARKERS), ("sometimes", SOMETIMES_MARKERS)):
        for pattern in markers.split(";"):
            rules = _parse_pattern(pattern.strip())
            if rules:
                entries.append((rules, {(kind, kind): 1.0}))
    return Lexicon(entries)


def clauses(text: str) -> list[str]:
    """The text cut at sentence ends and at words that turn to something else ("but", "now")."""
    return [c for c in (part.strip() for part in _CLAUSE.split(text or "")) if c]


def read_clauses(text: str) -> list[tuple[list[str], bool, list[str], bool]]:
    """Per clause: its folded words, whether it states a wish, the frames that fire in it, and whether it
    says the work was only done sometimes."""
    lexicon = _frame_lexicon()
    out = []
    for clause in clauses(text):
        clause = words(clause)
        found = lexicon.scan_words(clause)
        kinds = defaultdict(set)
        for kind, name in found:
            kinds[kind].add(name)
        fired = sorted(kinds["action"] & kinds["object"])
        out.append((clause, bool(kinds["want"]), fired, bool(kinds["sometimes"])))
    return out


def frame_groups(reference) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Frame → (group ids it names, group ids its objects would suggest)."""
    def ids(codes):
        return tuple(g.id for g in (reference.by_code("ssyk4", c) for c in codes) if g is not None)

    return {name: (ids(names), ids(damped)) for name, (_, _, names, damped) in FRAMES.items()}


def understand_person(lexicon: Lexicon, reference, texts, latin_arabic: bool = False):
    """Concepts of a person's texts read clause by clause (frames, did/want), saturated as Lexicon.understand does.

    ``texts``: (text, weight, may_state_wishes) triples — free text may state wishes, job titles do not.
    Returns an Understanding whose ``wanted`` holds the concepts read from wish clauses.
    """
    import math

    from matching.lexicon import Understanding

    frames = _frame_groups_cached(reference)
    sums: dict[tuple[str, str], float] = defaultdict(float)
    wanted: dict[tuple[str, str], float] = defaultdict(float)
    for text, weight, may_wish in texts:
        if not text:
            continue
        for clause, wish, fired, sometimes in read_clauses(text):
            found = dict(lexicon.scan_words(clause, latin_arabic))
            for name in fired:
                named, damped = frames[name]
                for g in damped:
                    if ("group", g) in found:
                        found[("group", g)] *= FRAME_DAMPING
                for g in named:
                    found[("group", g)] = found.get(("group", g), 0.0) + FRAME_EVIDENCE
            scale = weight * (WANT_BOOST if wish and may_wish else 1.0) * (SOMETIMES_SCALE if sometimes else 1.0)
            for t, w in found.items():
                sums[t] += scale * w
                if wish and may_wish and t[0] in ("occupation", "group"):
                    wanted[t] += scale * w
    out = Understanding()
    strongest = max((s for (type_, _), s in sums.items() if type_ in ("occupation", "group")), default=0.0)
    for (type_, cid), s in sorted(sums.items()):
        weight = 1.0 - math.exp(-s)
        if type_ in ("occupation", "group") and strongest > 0:
            weight *= (s / strongest) ** FOCUS  # the trade most of the text is about leads; stray words follow
        out.by_type(type_)[cid] = weight
    out.wanted = {cid: round(1.0 - math.exp(-s), 4) for (_, cid), s in sorted(wanted.items())}
    return out


_frame_groups_cached = functools.lru_cache(maxsize=4)(frame_groups)
