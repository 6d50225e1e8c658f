"""A municipality's recruitment-day defaults (MunicipalitySettings.recruitment_*): where its recruitment days are
usually held, how many people can come and the day's times. A new recruitment day's form starts from them."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from app.extensions import db
from app.models import MunicipalitySettings

DEFAULT_CAPACITY = 30
DEFAULT_SLOT_MINUTES = 30
MAX_SLOTS = 40  # times a day can be cut into: more would not fit the form's field (and no day has them)


@dataclass(frozen=True)
class RecruitmentDefaults:
    venue: str = ""
    address: str = ""
    accessibility: str = ""
    capacity: int = DEFAULT_CAPACITY
    starts: time | None = None
    ends: time | None = None
    slot_minutes: int = DEFAULT_SLOT_MINUTES

    def slots(self) -> list[tuple[time, time]]:
        """The day from starts to ends cut into slots of slot_minutes (a shorter last one); none without both times."""
        return slot_times(self.starts, self.ends, self.slot_minutes)

    def form_data(self) -> dict:
        """Values for the new recruitment day's form (RecruitmentDayForm)."""
        return {"venue": self.venue, "address": self.address, "accessibility": self.accessibility,
                "capacity": self.capacity,
                "slots": "\n".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.slots())}


def slot_times(starts: time | None, ends: time | None, minutes: int) -> list[tuple[time, time]]:
    if starts is None or ends is None or ends <= starts or minutes <= 0:
        return []
    day = datetime(2000, 1, 1)
    at, end, out = datetime.combine(day, starts), datetime.combine(day, ends), []
    while at < end and len(out) < MAX_SLOTS:
        following = min(at + timedelta(minutes=minutes), end)
        out.append((at.time(), following.time()))
        at = following
    return out


def defaults_for(municipality_code: str | None) -> RecruitmentDefaults:
    """The municipality's recruitment-day defaults, or the built-in ones where it has not set them."""
    row = db.session.get(MunicipalitySettings, municipality_code) if municipality_code else None
    if row is None:
        return RecruitmentDefaults()
    return RecruitmentDefaults(venue=row.recruitment_venue or "", address=row.recruitment_address or "",
                               accessibility=row.recruitment_accessibility or "",
                               capacity=row.recruitment_capacity or DEFAULT_CAPACITY,
                               starts=row.recruitment_starts, ends=row.recruitment_ends,
                               slot_minutes=row.recruitment_slot_minutes or DEFAULT_SLOT_MINUTES)
