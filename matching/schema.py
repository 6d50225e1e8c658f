"""The records both sides share: a person looking and an opportunity offered (see FORMAT.md of the benchmark)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
KINDS = ("job", "trainee_job", "apprenticeship", "internship", "introduction_job", "summer_job",
         "vocational_programme")
DEFAULT_TRAVEL_KM = 50


def level_rank(level: str | None) -> int:
    """Order language levels: None < A1 < … < C2 < native. Unknown values count as None."""
    if level == "native":
        return len(CEFR_LEVELS)
    return CEFR_LEVELS.index(level) if level in CEFR_LEVELS else -1


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Seeker:
    id: str
    municipality: str | None = None
    max_travel_km: float = DEFAULT_TRAVEL_KM
    about: str = ""
    text_language: str = "sv"
    experience: tuple[dict, ...] = ()
    occupations: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    languages: tuple[dict, ...] = ()
    driving_licences: tuple[str, ...] = ()
    wants: tuple[str, ...] = ()
    available_from: date | None = None
    birth_year: int | None = None
    # Concepts a caseworker said were read wrongly from the person's own words: never taken from the text.
    excluded_concepts: tuple[str, ...] = ()

    @classmethod
    def from_record(cls, record: dict) -> Seeker:
        return cls(
            id=str(record["id"]),
            municipality=record.get("municipality"),
            max_travel_km=float(record.get("max_travel_km") or DEFAULT_TRAVEL_KM),
            about=record.get("about") or "",
            text_language=record.get("text_language") or "sv",
            experience=tuple(record.get("experience") or ()),
            occupations=tuple(record.get("occupations") or ()),
            skills=tuple(record.get("skills") or ()),
            languages=tuple(record.get("languages") or ()),
            driving_licences=tuple(record.get("driving_licences") or ()),
            wants=tuple(record.get("wants") or ()),
            available_from=_date(record.get("available_from")),
            birth_year=record.get("birth_year"),
            excluded_concepts=tuple(record.get("excluded_concepts") or ()),
        )

    @property
    def swedish_level(self) -> str | None:
        return next((lang.get("level") for lang in self.languages if lang.get("code") == "sv"), None)

    @property
    def text(self) -> str:
        return " ".join([self.about] + [str(e.get("title", "")) for e in self.experience])


@dataclass(frozen=True)
class Opportunity:
    id: str
    kind: str = "job"
    title: str = ""
    description: str = ""
    text_language: str = "sv"
    occupation: str | None = None
    leads_to: tuple[str, ...] = ()
    skills_required: tuple[str, ...] = ()
    skills_nice: tuple[str, ...] = ()
    min_swedish: str | None = None
    driving_licence: tuple[str, ...] = ()
    municipality: str | None = None
    remote: bool = False
    seats: int = 1
    start: date | None = None
    deadline: date | None = None
    eligible_age: tuple[int, int] | None = None
    organisation: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_record(cls, record: dict) -> Opportunity:
        ages = record.get("eligible_age")
        return cls(
            id=str(record["id"]),
            kind=record.get("kind") or "job",
            title=record.get("title") or "",
            description=record.get("description") or "",
            text_language=record.get("text_language") or "sv",
            occupation=record.get("occupation"),
            leads_to=tuple(record.get("leads_to") or ()),
            skills_required=tuple(record.get("skills_required") or ()),
            skills_nice=tuple(record.get("skills_nice") or ()),
            min_swedish=record.get("min_swedish"),
            driving_licence=tuple(record.get("driving_licence") or ()),
            municipality=record.get("municipality"),
            remote=bool(record.get("remote")),
            seats=int(record.get("seats") or 1),
            start=_date(record.get("start")),
            deadline=_date(record.get("deadline")),
            eligible_age=tuple(ages) if ages else None,
            organisation=record.get("organisation"),
        )

    @property
    def text(self) -> str:
        return f"{self.title} {self.title} {self.description}"


@dataclass(frozen=True)
class Suggestion:
    """One ranked opportunity for one person, with the codes and numbers that explain it."""

    seeker_id: str
    opportunity_id: str
    score: float
    explanation: dict
