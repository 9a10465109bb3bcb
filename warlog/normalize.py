"""Name folding: spelling variants of one name fold to one form. The one module for it.

Three folds, one per use, kept apart because each is tuned to what it compares:

- `key()` (gazetteer and toponyms): case, accents, Arabic articles (al-/el-/ad-/ash-...), apostrophes and
  ayn marks, doubled letters and the usual vowel spellings (ou/oo -> u, ee/ei -> i, e -> a, final -ah -> a),
  so that Arsal / Ersal / Aarsal, Yabroud / Yabrud and Qalamoun / Qalamoon / Qalamun meet.
  `skeleton()` keeps only consonants: a coarse key used to propose candidates for fuzzy matching.
  Arabic-script names get their own key (letters folded, article dropped), prefixed with "ar:".
  `surface()` folds case, accents and punctuation only ("Media" must not meet "Madaya").
- `actor_fold()` (actor dictionary): one word, so that 'Nusrah' and 'Nusra', 'Qalamoun' and 'Qalamoon' agree.
- `name_fold()` (evaluation against gold): a whole name, articles dropped.
- `match_fold()` (the web index's search): accents and case only, hyphens and apostrophes as spaces.

The Arabic article list and the vowel folds are data: warlog/data/transliteration.json, read on first use
(`articles(set_name)` gives one use's article set).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from warlog import lexicon

_QUOTES = re.compile(r"[\u2019\u2018'`\u02bf\u02be\u02bb\u02bc\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_AR_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def _data() -> dict:
    return lexicon.common("transliteration")


@cache
def articles(use: str) -> tuple[str, ...]:
    """The Arabic articles (as transliterated) one use folds away: an `article_sets` entry of
    transliteration.json ("name_key", "toponym_prefix", "actor_word", "actor_hyphen", "evaluation" ...)."""
    sets = _data()["article_sets"]
    if use not in sets:
        raise lexicon.LexiconError(f"warlog/data/transliteration.json: no article set {use!r}")
    return tuple(sets[use])


@cache
def name_particles(kind: str) -> tuple[str, ...]:
    """Words inside a person's name ("hyphen": abu-, bin-; "spaced": bin, van, de ...)."""
    return tuple(_data()["name_particles"][kind])


def article_alternation(use: str) -> str:
    """The article set of `use` as a regex alternation, in the file's order ("al|el|ad|...")."""
    return "|".join(articles(use))


@cache
def _vowels(use: str) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in _data()["vowel_folds"][use])


_ARTICLE = lexicon.lazy(lambda: re.compile(rf"(?:(?<=^)|(?<=[\s-]))(?:{article_alternation('name_key')})[-\s]+"))


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
    for a, b in _vowels("name_key"):
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


@lru_cache(maxsize=65536)
def actor_fold(word: str) -> str:
    """One word folded so that transliteration variants meet: 'Nusrah' and 'Nusra' agree."""
    s = ascii_fold(word)
    s = re.sub(r"['’`‘]", "", s)
    for a, b in _vowels("actor_word"):
        s = s.replace(a, b)
    return _DOUBLE.sub(r"\1", s)


_EVAL_ARTICLE = lexicon.lazy(lambda: re.compile(rf"\b({article_alternation('evaluation')})[- ]"))


def name_fold(name: object) -> str:
    """A whole name folded for comparison with gold: case, accents, Arabic articles, vowel spellings and
    doubled letters."""
    s = ascii_fold(str(name))
    s = re.sub(r"[\u2019'`’‘]", "", s)
    s = _EVAL_ARTICLE.sub("", s)
    s = _NON_ALNUM.sub("", s)
    for a, b in _vowels("evaluation"):
        s = s.replace(a, b)
    return _DOUBLE.sub(r"\1", s)


@lru_cache(maxsize=65536)
def match_fold(s: str) -> str:
    """A name for search matching: accents dropped, case folded, spaces, hyphens and apostrophes as one space."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return " ".join(s.replace("-", " ").replace("'", " ").replace("’", " ").split())
