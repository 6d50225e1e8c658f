"""Arabizi: Arabic typed in Latin letters, with digits for the letters Latin lacks ("7adad", "sha8al", "3amel").

People type it on phones without an Arabic keyboard. Before reading, such a word is matched against the
Arabic words the lexicon knows through a consonant *skeleton* both scripts share:

- Latin side: digits are letters (2 ء/ق, 3 ع, 5 خ, 6 ط, 7 ح, 8 غ/ق, 9 ق/ص), digraphs are one letter
  (sh ش, kh خ, gh غ, th ث, dh ذ, ch ش), doubled letters are one (gemination is not written in Arabic),
  vowels are dropped, and the leading article (el-, al-, il-) goes.
- Arabic side: the long vowels and hamza seats (ا و ي ى ء ئ ؤ) are dropped.
- Both: letters Latin spelling cannot tell apart fold to one (س/ص, ت/ط, د/ض, ز/ظ/ذ, ه/ح, ك/ق, ج/غ
  when typed as g), so "haddad" and "7adad" both meet حداد, "sabbak" meets سباك.

A word whose skeleton has fewer than two consonants is never read (too many Arabic words share it).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# fold classes: every member becomes the first letter
_FOLD = {"ص": "س", "ط": "ت", "ض": "د", "ظ": "ز", "ذ": "ز", "ح": "ه", "ق": "ك", "غ": "ج", "ث": "ت", "ة": "ه",
         "خ": "خ", "ش": "ش", "ع": "ع"}
_ARABIC_DROP = set("اويىءئؤأإآ")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")
_LATIN_WORD = re.compile(r"^[a-z0-9']+$")
_DIGITS = set("235789")
# Latin letters (after digraphs) → Arabic letters; a tuple when the digit or letter is typed for several
_DIGRAPHS = (("sh", "ش"), ("ch", "ش"), ("kh", "خ"), ("gh", "غ"), ("th", "ث"), ("dh", "ذ"), ("3'", "غ"),
             ("7'", "خ"), ("9'", "ض"))
_LETTERS = {
    "b": "ب", "p": "ب", "t": "ت", "j": "ج", "g": "ج", "d": "د", "r": "ر", "z": "ز", "s": "س", "f": "ف",
    "v": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "y": "ي",
    "2": ("ء", "ق"), "3": "ع", "5": "خ", "6": "ط", "7": "ح", "8": ("غ", "ق"), "9": ("ق", "ص"),
}
_VOWELS = set("aeiouw y'") - {" "}
_FULL_VOWELS = {"a": "ا", "e": "ي", "i": "ي", "o": "و", "u": "و", "w": "و", "y": "ي"}


def is_arabizi(token: str) -> bool:
    """A Latin-letter word with at least one letter and one of the digits Arabizi uses for letters."""
    return bool(_LATIN_WORD.match(token)) and any(c in _DIGITS for c in token) and any(c.isalpha() for c in token)


def _latin_units(token: str) -> list[str]:
    """The word as units: digraphs and letters, doubled letters once, the article dropped."""
    t = token.replace("'", "'")
    for article in ("el", "al", "il"):
        if t.startswith(article) and len(t) > len(article) + 3:
            t = t[len(article):]
            break
    units: list[str] = []
    i = 0
    while i < len(t):
        pair = t[i:i + 2]
        digraph = next((a for latin, a in _DIGRAPHS if latin == pair), None)
        unit = pair if digraph else t[i]
        i += 2 if digraph else 1
        if units and units[-1] == unit:  # gemination: "dd", "shsh"
            continue
        units.append(unit)
    return units


def _fold_letter(letter: str) -> str:
    return _FOLD.get(letter, letter)


def latin_skeletons(token: str) -> set[str]:
    """Consonant skeletons a Latin-letter word can stand for (a few, when a digit is typed for two letters)."""
    out = {""}
    for unit in _latin_units(token):
        if unit in _VOWELS:
            continue
        digraph = next((a for latin, a in _DIGRAPHS if latin == unit), None)
        letters = digraph or _LETTERS.get(unit)
        if letters is None:
            continue
        options = {_fold_letter(x) for x in (letters if isinstance(letters, tuple) else (letters,))} - {"ء"}
        if not options:  # hamza: a seat, not a consonant
            continue
        out = {s + o for s in out for o in options}
    return {s for s in out if len(s) >= 2}


def arabic_skeleton(word: str) -> str:
    return "".join(_fold_letter(c) for c in word if c not in _ARABIC_DROP)


def latin_reading(token: str) -> str:
    """A plain letter-for-letter reading with vowels as long vowels, used to choose among candidates."""
    out = []
    for unit in _latin_units(token):
        digraph = next((a for latin, a in _DIGRAPHS if latin == unit), None)
        letters = digraph or _LETTERS.get(unit) or _FULL_VOWELS.get(unit, "")
        out.append(letters[0] if isinstance(letters, tuple) else letters)
    return "".join(out)


class ArabiziReader:
    """Reads Latin-letter Arabic words as the Arabic words a vocabulary knows.

    Parameters
    ----------
    vocabulary : iterable of str
        Arabic-script words (folded as matching/text.py folds) that may be meant.
    """

    def __init__(self, vocabulary: Iterable[str]):
        self.by_skeleton: dict[str, list[str]] = {}
        for word in sorted(set(vocabulary)):
            if _ARABIC_WORD.match(word):
                skeleton = arabic_skeleton(word)
                if len(skeleton) >= 2:
                    self.by_skeleton.setdefault(skeleton, []).append(word)
        self._cache: dict[str, str | None] = {}

    def read(self, token: str) -> str | None:
        """The Arabic word meant by a Latin-letter word, or None when no known word fits."""
        if token in self._cache:
            return self._cache[token]
        candidates = sorted({w for s in latin_skeletons(token) for w in self.by_skeleton.get(s, ())})
        best = None
        if candidates:
            reading = latin_reading(token)
            best = max(candidates, key=lambda w: (difflib.SequenceMatcher(None, reading, w).ratio(), -len(w), w))
        if len(self._cache) < 100_000:
            self._cache[token] = best
        return best
