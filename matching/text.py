"""Text normalisation for label look-ups and matching: one rule for every script."""
import functools
import re
import sys
import unicodedata

# Arabic-script letter variants people type interchangeably (alef forms, yeh/kaf forms, teh marbuta).
_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ـ": None})

# Matching-only folds on top of normalise(): zero-width (non-)joiners that Dari/Persian typists use
# inside words, apostrophes inside words (Ukrainian м'ясо, Somali da'da), Ge'ez homophone letter
# families that Tigrinya writers mix (ሠ/ሰ, ፀ/ጸ, ኀ/ሐ), and the letters Tigrinya borrows for foreign sounds,
# written either way in loanwords (ዠ/ጀ: ጋራዥ/ጋራጅ "garage"; ቨ/በ: ቬትሮ/ቤትሮ): each family is 8 code points,
# one per vowel order.
_JOINERS = str.maketrans({"\u200c": None, "\u200d": None, "\u200b": None, "\u00ad": None})
_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ`´](?=\w)")
_GEEZ_FAMILIES = {0x1220: 0x1230, 0x1340: 0x1338, 0x1280: 0x1210, 0x12E0: 0x1300, 0x1268: 0x1260}
_GEEZ_FOLD = {src + i: dst + i for src, dst in _GEEZ_FAMILIES.items() for i in range(8)}
_WORD = re.compile(r"\w+")


@functools.cache
def _strip_table() -> dict[int, int | None]:
    """One translate table: drop every combining mark, unify Arabic letter variants (built once, ~0.1 s).

    The two maps are disjoint and the variants map to non-combining letters, so one pass equals
    dropping marks first and unifying letters after.
    """
    table: dict[int, int | None] = {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp))}
    table.update(_ARABIC_VARIANTS)
    return table


def normalise(text: str) -> str:
    """Casefold, drop diacritics and tatweel, unify Arabic letter variants, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return " ".join(decomposed.translate(_strip_table()).casefold().split())


@functools.cache
def _fold_table() -> dict[int, int | None]:
    """normalise()'s table plus joiners and Ge'ez homophones: NFKD leaves both alone and casefold
    does not touch them, so one pass before casefolding equals the separate passes."""
    table = dict(_strip_table())
    table.update(_JOINERS)
    table.update(_GEEZ_FOLD)
    return table


def fold(text: str) -> str:
    """normalise() plus the matching-only folds (joiners, in-word apostrophes, Ge'ez homophones)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    folded = " ".join(decomposed.translate(_fold_table()).casefold().split())
    return _APOSTROPHE.sub("", folded) if "'" in folded or "’" in folded or "ʼ" in folded or "`" in folded \
        or "´" in folded else folded


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))
