"""Boilerplate removal, line by line, with the patterns of warlog/data/en/boilerplate.json.

The cleaner keeps the text's line structure: it drops whole lines (or, for a comment section at
the end, the rest of the text), strips trailing white space and folds runs of blank lines into one.
It never rewrites a line of prose. `removed` lists what went, for tests and for --verbose runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warlog import lexicon
from warlog.ingest import meta


@dataclass(frozen=True)
class Patterns:
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    tail: tuple[tuple[str, re.Pattern[str]], ...]
    tail_after_fraction: float
    share_words: frozenset[str]
    share_core: frozenset[str]
    share_min_words: int
    caption_max_chars: int
    caption_max_words: int
    caption_max_source_words: int
    caption_sources: frozenset[str]


@lru_cache(maxsize=4)
def patterns(path: str | Path | None = None) -> Patterns:
    """The boilerplate patterns (boilerplate of the language, or the file at `path`)."""
    d = lexicon.read(path) if path else lexicon.load("boilerplate")
    cap = d["caption"]
    return Patterns(
        lines=tuple((p["kind"], re.compile(p["pattern"])) for p in d["lines"]),
        tail=tuple((p["kind"], re.compile(p["pattern"])) for p in d["tail"]),
        tail_after_fraction=float(d["tail_after_fraction"]),
        share_words=frozenset(w.lower() for w in d["share_words"]),
        share_core=frozenset(w.lower() for w in d["share_core"]),
        share_min_words=int(d["share_min_words"]),
        caption_max_chars=int(cap["max_chars"]),
        caption_max_words=int(cap["max_words"]),
        caption_max_source_words=int(cap["max_source_words"]),
        caption_sources=frozenset(s.lower() for s in cap["known_sources"]),
    )


@dataclass
class Cleaned:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (kind, line) for every line dropped


_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")")
_SHARE_SPLIT = re.compile(r"[\s|•·,:;]+")
# "body / source": the source after the last slash, a few words without digits.
_CAPTION = re.compile(r"(?P<body>\S.*?)\s*/\s*(?P<src>[^/\d]+?)")
_SOURCE_OK = re.compile(r"[\w@.'’&+-]+(?: [\w@.'’&+-]+)*(?: ?\([\w ]+\))?")


def _is_share_line(line: str, p: Patterns) -> bool:
    """A row of share buttons: "Share this: Facebook Twitter WhatsApp Email".

    Widgets start with a capital; a hard-wrapped prose line such as "on Twitter" does not.
    """
    if not line[:1].isupper():
        return False
    words = [w for w in _SHARE_SPLIT.split(line.lower()) if w]
    return (
        len(words) >= p.share_min_words
        and all(w in p.share_words for w in words)
        and any(w in p.share_core for w in words)
    )


def is_caption(line: str, *, alone: bool, p: Patterns | None = None) -> bool:
    """A photo caption with its credit: "Nusra Front fighters during training / twitter".

    Short, no sentence-final full stop, ends in "/ source"; it must stand alone (`alone`: blank
    lines around it, or at least not inside a running sentence) unless the source is a known
    credit (twitter, AFP, ...). Bylines are never captions ("Jane Doe, Correspondent / Reuters").
    """
    p = p or patterns()
    s = line.strip()
    if len(s) > p.caption_max_chars or s.endswith((".", ",", ";", ":")) or meta.is_byline(s):
        return False
    m = _CAPTION.fullmatch(s)
    if not m or m["body"].endswith((".", ",", ";", ":")):
        return False
    src = m["src"].strip()
    if not src or not _SOURCE_OK.fullmatch(src) or len(src.split()) > p.caption_max_source_words:
        return False
    if len(m["body"].split()) > p.caption_max_words:
        return False
    return alone or src.lower() in p.caption_sources


def caption_body(line: str) -> str:
    """The words of a caption without its credit: "Hassan Nasrallah / AlJazeera" -> "Hassan Nasrallah"."""
    m = _CAPTION.fullmatch(line.strip())
    return m["body"].strip() if m else line.strip()


def _line_kind(line: str, p: Patterns) -> str | None:
    for kind, rx in p.lines:
        if rx.fullmatch(line):
            return kind
    if _is_share_line(line, p):
        return "share"
    return None


def clean(text: str, p: Patterns | None = None, *, keep_captions: bool = False) -> Cleaned:
    """Remove boilerplate lines and a trailing comment section; keep every other line as it is.

    A line that starts with a lower-case letter continues a sentence and is always kept. With
    `keep_captions`, a photo caption keeps its words and loses only its credit ("/ twitter").
    """
    p = p or patterns()
    lines = text.split("\n")
    total = max(1, len(text))
    out: list[str] = []
    removed: list[tuple[str, str]] = []
    pos = 0
    for i, raw in enumerate(lines):
        line_start, pos = pos, pos + len(raw) + 1
        s = raw.strip()
        if not s:
            out.append("")
            continue
        if s[0].islower():  # a sentence running on from the line before: prose, whatever it says
            out.append(raw.rstrip())
            continue
        if line_start >= p.tail_after_fraction * total and any(rx.fullmatch(s) for _, rx in p.tail):
            removed.extend(("tail", r.strip()) for r in lines[i:] if r.strip())
            break
        kind = _line_kind(s, p)
        if kind is None:
            before = lines[i - 1].strip() if i > 0 else ""
            after = lines[i + 1].strip() if i + 1 < len(lines) else ""
            alone = not before and not after
            # a line inside a hard-wrapped paragraph (the sentence runs on from or into it) is prose
            inside = (before and not before.endswith(_SENTENCE_END)) or (after and after[0].islower())
            if not inside and is_caption(s, alone=alone, p=p):
                kind = "caption"
        if kind == "caption" and keep_captions:
            removed.append(("credit", s))
            out.append(caption_body(s))
            continue
        if kind is not None:
            removed.append((kind, s))
            continue
        out.append(raw.rstrip())
    return Cleaned(text=tidy("\n".join(out)), removed=removed)


_BLANKS = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Trailing white space off every line, runs of blank lines folded to one, blank edges off."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip("\n")


# ---------------------------------------------------------------------------------------------
# Markdown: the markup goes, the words and the lines stay.

_FRONT = re.compile(r"\A---\n(?P<body>.*?)\n(?:---|\.\.\.)\n", re.S)
_MD_RULES = (
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.M), ""),  # horizontal rules
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # code
    (re.compile(r"<!--.*?-->", re.S), ""),  # comments
)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)


def strip_markdown(text: str) -> tuple[str, dict[str, str], str | None]:
    """(plain text, front-matter fields, first heading) of a Markdown document."""
    front: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        for line in m["body"].split("\n"):
            key, sep, value = line.partition(":")
            if sep and key.strip() and value.strip():
                front[key.strip().lower()] = value.strip().strip("\"'")
        text = text[m.end() :]
    h = _HEADING.search(text)
    heading = h.group(1).strip() if h else None
    for rx, rep in _MD_RULES:
        text = rx.sub(rep, text)
    return text, front, heading
