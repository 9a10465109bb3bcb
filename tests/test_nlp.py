"""The nlp stage: sentence offsets, hard-wrapped text, glued sentences, lazy parses."""

from warlog.nlp import Document
from warlog.nlp.document import split_sentences


def test_sentences_keep_offsets_into_the_text():
    text = "On 9 May, Hezbollah attacked. Mr. Attrash was killed on Oct. 11.\n\nA new paragraph starts here."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "On 9 May, Hezbollah attacked.",
        "Mr. Attrash was killed on Oct. 11.",
        "A new paragraph starts here.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_hard_wrapped_lines_do_not_split_and_glued_sentences_do():
    text = "The rebels have used the summer\nmonths to build up their forces.Khaled and\nother fighters agree."
    assert [s.text for s in split_sentences(text)] == [
        "The rebels have used the summer\nmonths to build up their forces.",
        "Khaled and\nother fighters agree.",
    ]


def test_parse_is_lazy_and_cached_with_sentence_relative_offsets():
    doc = Document("Nothing here. Hezbollah fighters captured\nthe hill on Tuesday.")
    assert doc.parsed == {}
    parsed = doc.parse(1)
    assert doc.parse(1) is parsed
    assert list(doc.parsed) == [1]
    tok = next(t for t in parsed if t.text == "captured")
    assert doc.text[doc.sentences[1].start + tok.idx :].startswith("captured")
    assert doc.sentence_at(doc.text.index("hill")) == 1
