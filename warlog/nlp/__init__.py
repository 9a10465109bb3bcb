"""The nlp stage: one Document per article, sentences found cheaply, spaCy parses on demand.

Parsing every sentence costs about 2,000 words/s on a small machine, so a Document splits the text
into sentences with a fast rule-based splitter and parses only the sentences a later stage asks
for (`Document.parse(i)`), each at most once. Offsets are always into the article's text.
"""

from warlog.nlp.document import Document, Sentence, load_pipeline

__all__ = ["Document", "Sentence", "load_pipeline"]
