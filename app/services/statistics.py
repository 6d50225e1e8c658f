"""Statistics never show groups smaller than 5: every count shown passes through suppress_small."""
SMALLEST_GROUP = 5


def suppress_small(count: int | None) -> int | None:
    """count itself for 0 and for 5 or more; None (shown as "fewer than 5") for 1–4, which could point at a person."""
    if count is None or 0 < count < SMALLEST_GROUP:
        return None
    return count
