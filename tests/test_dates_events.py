"""find_dates over texts and the date that governs an event; expected values written by hand."""

import pytest

from warlog.dates import event_date, find_dates, is_future
from warlog.model import DateValue
from warlog.nlp import Document

PUB = DateValue(start="2015-05-24", precision="day", method="byline")


def at(doc: Document, word: str, nth: int = 0) -> tuple[int, tuple[int, int]]:
    """Sentence index and span of the nth occurrence of `word` in the text."""
    i = -1
    for _ in range(nth + 1):
        i = doc.text.index(word, i + 1)
    return doc.sentence_at(i), (i, i + len(word))


def ev(text: str, word: str, nth: int = 0, previous=None, published=PUB) -> DateValue | None:
    doc = Document(text)
    dates = find_dates(doc, published)
    s, span = at(doc, word, nth)
    return event_date(doc, s, span, dates, published, previous)


def test_find_dates_offsets_and_values():
    text = "On 4 May, Nusra Front launched an attack and by the next day captured several positions."
    ms = find_dates(Document(text), PUB)
    assert [(m.text, m.value.start) for m in ms] == [("4 May,", "2015-05-04"), ("by the next day", "2015-05-05")]
    assert text[ms[1].start : ms[1].end] == "by the next day"
    assert ms[1].value.method == "chained"


def test_find_dates_skips_may_the_verb_and_we():
    assert find_dates(Document("We may see more fighting, he said, and we will respond."), PUB) == []


def test_find_dates_without_publication_keeps_unresolved():
    ms = find_dates(Document("The army shelled the town on Tuesday."), None)
    assert [(m.text, m.value.start, m.value.precision) for m in ms] == [("on Tuesday", None, "unknown")]


def test_event_date_same_sentence_before_trigger():
    text = "On 4 May, Nusra Front launched an attack and by the next day captured several positions."
    assert ev(text, "launched").start == "2015-05-04"
    assert ev(text, "captured").start == "2015-05-05"


def test_event_date_clause_after_then_later():
    text = (
        "On 9 May, Hezbollah and the Syrian army launched attacks capturing three villages and then later "
        "it continued its offensive by capturing Al-Barouh hill on 11th of May."
    )
    assert ev(text, "capturing", 0).start == "2015-05-09"
    assert ev(text, "capturing", 1).start == "2015-05-11"


def test_event_date_date_after_trigger():
    text = "Mr. Attrash was killed in uncertain circumstances on Oct. 11, when his vehicle was hit by a missile."
    pub = DateValue(start="2013-10-18", precision="day")
    assert ev(text, "killed", published=pub).start == "2013-10-11"


def test_event_date_paragraph_chain_and_earlier_in_the_day():
    text = (
        "On 13 May, pro-Hezbollah TV claimed that Hezbollah captured Tallat Mussa. "
        "Earlier in the day, Hezbollah seized half of the outskirts of Ras al-Maara. "
        "Opposition fighters were pushed back towards Arsal."
    )
    assert ev(text, "seized").start == "2015-05-13"
    v = ev(text, "pushed")
    assert (v.start, v.precision) == ("2015-05-13", "day")


def test_event_date_previous_when_text_gives_none():
    prev = DateValue(start="2015-05-04", precision="day", method="relative")
    v = ev("Later the rebels crushed the checkpoints with rockets.", "crushed", previous=prev)
    assert (v.start, v.method) == ("2015-05-04", "previous")


def test_event_date_unanchored_next_day_uses_previous():
    prev = DateValue(start="2015-05-04", precision="day", method="relative")
    v = ev("By the next day, the rebels captured the hill.", "captured", previous=prev)
    assert (v.start, v.precision) == ("2015-05-05", "day")


def test_event_date_falls_back_to_publication_week():
    v = ev("Rebels shelled the town.", "shelled")
    assert (v.start, v.end, v.precision, v.method) == ("2015-05-18", "2015-05-24", "week", "published")


def test_event_date_none_without_any_date():
    assert ev("Rebels shelled the town.", "shelled", published=None) is None


def test_planned_event_is_future():
    v = ev("The army said it will launch an offensive on 28 May.", "launch")
    assert v.start == "2015-05-28"
    assert is_future(v)


def test_new_paragraph_does_not_chain():
    text = "On 13 May, Hezbollah captured Tallat Mussa.\n\nRebels shelled the town."
    v = ev(text, "shelled")
    assert v.method == "published"


def test_find_dates_is_fast_on_a_long_text():
    import time

    para = (
        "On 4 May, rebels launched an attack and by the next day captured several positions. "
        "Hezbollah said on Tuesday that it had retaken the hill, which fell in early May. "
        "Fighting has continued in recent months, a monitor said, and 40 people were killed last week.\n\n"
    )
    doc = Document(para * 200)  # about 50,000 characters
    t0 = time.perf_counter()
    ms = find_dates(doc, PUB)
    assert len(ms) == 6 * 200
    assert time.perf_counter() - t0 < 2.0


def test_relative_dates_against_an_inferred_month_stay_vague():
    pub = DateValue(start="2015-05-01", end="2015-05-31", precision="month", method="inferred")
    ms = find_dates(Document("The army shelled the town on Tuesday."), pub)
    v = ms[0].value
    # the Tuesdays from 28 April (before 1 May) to 26 May (before 31 May)
    assert (v.start, v.end, v.precision, v.method) == ("2015-04-28", "2015-05-26", "month", "relative-approx")


def test_publication_line_is_not_an_anchor():
    text = "Wednesday, 13 May 2015\n\nRebels regrouped, and the next day they attacked the hill."
    pub = DateValue(start="2015-05-13", precision="day", text="Wednesday, 13 May 2015", method="byline")
    ms = find_dates(Document(text), pub)
    assert [(m.text, m.value.start) for m in ms] == [("Wednesday, 13 May 2015", "2015-05-13"), ("the next day", None)]


def test_event_date_bad_sentence_index():
    doc = Document("Rebels shelled the town.")
    with pytest.raises(IndexError, match="sentence 5 is out of range: the document has 1 sentences"):
        event_date(doc, 5, (0, 6), [], PUB)


def test_undated_sentence_continuing_a_two_day_sentence_gets_both_days():
    text = (
        "On 4 May, Nusra Front launched an attack and by the next day captured several positions. "
        "The rebels crushed the checkpoints with rockets and mortar bombs."
    )
    v = ev(text, "crushed")
    assert (v.start, v.end, v.precision) == ("2015-05-04", "2015-05-05", "day")


FRI = DateValue(start="2014-10-10", precision="day", method="byline")  # a Friday


@pytest.mark.parametrize(
    ("text", "word", "start", "end"),
    [
        # the event's own weekday, not the background span that opens the paragraph
        (
            "Since the start of last summer the hills have been contested. Dozens died in the battles "
            "near the ridge on Sunday, a commander said.",
            "battles",
            "2014-10-05",
            "2014-10-05",
        ),
        (
            "Fighting near the ridge on Sunday killed 12 fighters, in a war that has raged since 2011.",
            "Fighting",
            "2014-10-05",
            "2014-10-05",
        ),
        # a bare day-month begins in the publication's own year, never a year-wide range
        ("The offensive began on 4 August and ended a week later.", "offensive", "2014-08-04", "2014-08-04"),
    ],
)
def test_event_date_from_the_events_own_words(text, word, start, end):
    v = ev(text, word, published=FRI)
    assert (v.start, v.end) == (start, end)


def test_background_span_is_not_carried_to_the_next_sentence():
    text = "Since last summer, the militia has held the valley. Rebels shelled its posts."
    v = ev(text, "shelled", published=FRI)
    assert v.method == "published"


def test_relative_dates_against_a_year_only_publication_stay_unresolved():
    pub = DateValue(start="2014-01-01", end="2014-12-31", precision="year", method="meta")
    ms = find_dates(Document("The army shelled the town on Tuesday morning, and again on 4 May."), pub)
    assert [(m.text, m.value.start, m.value.method) for m in ms] == [
        ("on Tuesday morning", None, "unresolved"),
        ("4 May", None, "unresolved"),
    ]
