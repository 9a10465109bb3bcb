"""Name keys: spelling variants of one toponym fold to one key.

`key()` folds case, accents, Arabic articles (al-/el-/ad-/ash-...), apostrophes and ayn marks,
doubled letters and the usual vowel spellings (ou/oo -> u, ee/ei -> i, e -> a, final -ah -> a), so
that Arsal / Ersal / Aarsal, Yabroud / Yabrud and Qalamoun / Qalamoon / Qalamun meet.
`skeleton()` keeps only consonants: a coarse key used to propose candidates for fuzzy matching.
Arabic-script names get their own key (letters folded, article dropped), prefixed with "ar:".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = re.compile(r"[\u2019\u2018'`\u02bf\u02be\u02bb\u02bc\u00b4]")
_ARTICLE = re.compile(r"(?:(?<=^)|(?<=[\s-]))(?:al|el|ad|ar|as|ash|an|at|az|adh|ath|ez|es|ed|the|l)[-\s]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWEL_RULES = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ie", "i"),
    ("ay", "i"),
    ("ai", "i"),
    ("o", "u"),
    ("e", "a"),
    ("aa", "a"),
)
_DOUBLE = re.compile(r"(.)\1+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_AR_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def ascii_fold(text: str) -> str:
    """Accents off, lower case, ASCII only."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """The normalised lookup key of a name ("" when nothing is left)."""
    if _ARABIC.search(name):
        return arabic_key(name)
    s = ascii_fold(_QUOTES.sub("", name))
    s = _ARTICLE.sub("", s.strip())
    s = _NON_ALNUM.sub("", s)
    for a, b in _VOWEL_RULES:
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", s)
    if len(s) > 3 and s.endswith("ah"):
        s = s[:-1]
    return s


def arabic_key(name: str) -> str:
    s = _AR_DIACRITICS.sub("", unicodedata.normalize("NFC", name)).translate(_AR_FOLD)
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in re.findall(r"[\u0621-\u064a]+", s)]
    return "ar:" + "".join(words) if words else ""


@lru_cache(maxsize=200_000)
def skeleton(k: str) -> str:
    """Consonant skeleton of a key (vowels and glides dropped, first letter kept)."""
    if not k or k.startswith("ar:"):
        return ""
    return k[0] + re.sub(r"[aeiouyhw]", "", k[1:])


def surface(name: str) -> str:
    """A name as written, folded only for case, accents and punctuation ("Al-Qusayr" -> "alqusayr")."""
    return _NON_ALNUM.sub("", ascii_fold(_QUOTES.sub("", name)))
