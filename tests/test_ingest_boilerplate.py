"""Boilerplate removal: the hand-picked lines of the seed articles go, the event sentences stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.ingest import clean_text, load
from warlog.ingest.clean import is_caption

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds not available")
    return {a.id: a for a in load([SEEDS])}


def test_seed_001_boilerplate_goes(seeds):
    text = seeds["001_6e355342c0a6265c.txt"].text
    for line in (
        "Jaysh al-Fateh Qalamoun logo / twitter",
        "Nusra Front fighters during training / twitter",
        "Hezbollah Fighter on Tel Musa / al-Mannar",
        "Hassan Nasrallah / AlJazeera",
        "No comments:",
        "Post a Comment",
        "(English) – []",
    ):
        assert line not in text


def test_seed_001_event_sentences_stay(seeds):
    a = seeds["001_6e355342c0a6265c.txt"]
    assert a.title == "2015 Qalamoun Offensive"
    assert a.text.startswith("Sunday, 24 May 2015\n\n2015 Qalamoun Offensive\n\nOn 4 May, Nusra Front")
    for sentence in (
        "On 9 May, Hezbollah and Syrian army launched attacks against “Jaysh al-Fateh” capturing three villages "
        "in the Jour Al-‘Anib area and then later it continued its offensive by capturing Al-Barouh hill on 11th of May.",
        "According to SOHR 36 opposition fighters, 18 Hezbollah and 13 NDF fighters were killed during the fighting.",
        "Nasrallah revealed that 13 Hezbollah fighters and 7 Syrian soldiers were killed in the recent battles",
        "Nusra Front has managed to defeat them successfully and capturing many of their bases",
        "as it links Capital Damascus to Homs and the Syrian coast, as well as it provides key supply routes.",
    ):
        assert sentence in a.text


def test_seed_004_boilerplate_goes(seeds):
    text = seeds["004_b9ec6e55cb29619d.txt"].text
    for line in (
        "Safe Mode: On",
        "Part of channel(s)",
        "Loading the player",
        "Embed Code",
        "Switch Player",
        "Plays: 3425",
        "Tags: Syria",
        "Views: 5460",
        "load item map",
        "You need to be registered",
    ):
        assert line not in text


def test_seed_004_text_and_byline_stay(seeds):
    a = seeds["004_b9ec6e55cb29619d.txt"]
    assert a.title == "The Battle of Qalamoon Syria Has Started, the Next Qusayr"
    assert a.author == "Nicholas Blanford"
    assert a.text.startswith(
        "The Battle of Qalamoon Syria Has Started, the Next Qusayr\n\nVideo from tonight 10/19/2013."
    )
    for passage in (
        "Nicholas Blanford, Correspondent /\nOctober 18, 2013",
        "On Aug. 2, rebel groups overran three Syrian\nArmy ammunition storage sites in the Qalamoun area",
        "southern suburbs in August that left 22 people dead. Mr. Attrash was\nkilled in uncertain circumstances",
        "battle is coming and we will fight to the last man.”",
    ):
        assert passage in a.text


@pytest.mark.parametrize(
    "line",
    [
        "Loading the player ...",
        "Embed CodeSwitch Player",
        "Plays: 3425 (Embed: 0)",
        "Views: 12 | Comments: 3 | Votes: 0",
        "Safe Mode: On",
        "Part of channel(s): Syria (current event)",
        "Tags: Syria, Arsal, Hezbollah",
        "Share this: Facebook Twitter WhatsApp Email",
        "Tweet",
        "You need to be registered in order to add comments! Register HERE",
        "Photo: AFP",
        "Advertisement",
    ],
)
def test_boilerplate_lines_go(line):
    prose = "Syrian army helicopters dropped barrel bombs on Yabroud on Monday, activists said."
    assert clean_text(f"{prose}\n\n{line}\n\n{prose}") == f"{prose}\n\n{prose}"


@pytest.mark.parametrize(
    "line",
    [
        "Hezbollah fighters captured the hilltop of Tallat Moussa on Tuesday after clashes with Nusra Front militants.",
        "The Syrian army and Hezbollah/Amal supporters clashed with rebels",  # a slash inside prose
        "Comments by the minister angered residents of Arsal.",
        "Share prices fell in Beirut as fighting spread to Arsal.",
        "Tags were found on the rockets fired at Hermel, the army said.",
        "Views differ on who fired first near Ersal.",
        "Location of the clashes: the outskirts of Arsal.",
        "By the next day rebels had captured several positions.",
    ],
)
def test_prose_stays(line):
    prose = "Syrian army helicopters dropped barrel bombs on Yabroud on Monday, activists said."
    text = f"{prose}\n\n{line}\n\n{prose}"
    assert clean_text(text) == text


def test_comment_section_at_the_end_goes():
    body = "\n".join(f"Paragraph {i} of the report on the clashes near Arsal." for i in range(6))
    tail = "Leave a Reply\nYour email address will not be published.\nAbu Ali says:\nThe rebels lied about 40 dead."
    assert clean_text(body + "\n\n" + tail) == body


def test_comment_marker_early_in_the_text_is_not_a_tail():
    text = "Comments\nThe army said 3 soldiers died near Arsal.\n" + "More prose about the fighting near Ersal.\n" * 10
    out = clean_text(text)
    assert out.startswith("Comments\nThe army said 3 soldiers died near Arsal.")


def test_captions():
    assert is_caption("Nusra Front fighters during training / twitter", alone=True)
    assert is_caption("Fighters near Arsal / X (Twitter)", alone=False)
    assert is_caption("Hassan Nasrallah / AlJazeera", alone=True)
    # not captions: a sentence, a byline, a date after the slash, an unknown source inside a paragraph
    assert not is_caption("Rebels said the attack was repelled / Reuters.", alone=True)
    assert not is_caption("Nicholas Blanford, Correspondent / The Christian Science Monitor", alone=True)
    assert not is_caption("Correspondent / October 18, 2013", alone=True)
    assert not is_caption("fighters of Hezbollah / Amal movement", alone=False)


def test_blank_line_runs_fold_and_trailing_spaces_go():
    assert clean_text("One.   \n\n\n\nTwo.\u00a0\n\n") == "One.\n\nTwo."


def test_seed_001_captions_are_kept_in_meta(seeds):
    assert seeds["001_6e355342c0a6265c.txt"].meta["captions"] == [
        "Jaysh al-Fateh Qalamoun logo",
        "Nusra Front fighters during training",
        "Jaysh al-Fateh statement declaring war on ISIS",
        "Jaysh al-Fateh realising 27 ISIS fighters",
        "Hezbollah Fighter on Tel Musa",
        "Hassan Nasrallah",
    ]


def test_hard_wrapped_prose_that_looks_like_widgets_stays():
    text = (
        "The Nusra Front said in a statement posted\n"
        "on Twitter\n"
        "that its fighters had left the hill near Arsal / AFP\n"
        "photographers were not allowed to reach the area.\n"
        "Hezbollah fighters near Yabroud / twitter\n"
        "accounts said the road was cut."
    )
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Hezbollah buries fighters killed in Qalamoun",
        "Follow us on Twitter @cedarwire",
        "Copyright 2015 The Associated Press. All rights reserved. This material may not be published, broadcast, "
        "rewritten or redistributed.",
        "Media playback is unsupported on your device",
        "Image copyright AFP",
        "Image caption Fighters near Arsal in 2014",
        "John Moore/Getty Images",
        "Like this:",
        "Like Loading...",
        "Home » Middle East » Syria",
        "Menu",
        "3 min read",
        "Listen to this article",
    ],
)
def test_news_site_furniture_goes(line):
    prose = "Syrian army helicopters dropped barrel bombs on Yabroud on Monday, activists said."
    assert clean_text(f"{prose}\n\n{line}\n\n{prose}") == f"{prose}\n\n{prose}"


@pytest.mark.parametrize(
    "line",
    [
        "Related: the army said it had killed 3 militants.",
        "Read more about the clashes in our report from Arsal.",
        "Image of the destruction spread online, activists said.",
        "(Reporting by Tom Perry in Beirut; Editing by Ed Osmond)",
        "Home to 40,000 people, Arsal has taken in as many refugees.",
        "Search teams found the bodies of two soldiers near Ersal.",
    ],
)
def test_news_site_prose_and_credits_stay(line):
    prose = "Syrian army helicopters dropped barrel bombs on Yabroud on Monday, activists said."
    text = f"{prose}\n\n{line}\n\n{prose}"
    assert clean_text(text) == text


def test_lowercase_continuation_lines_are_never_boilerplate():
    text = (
        "The army said it had seized weapons and\n"
        "more from the Nusra Front positions near\n"
        "Arsal, adding that the rebels had fired rockets with\n"
        "tags: none of them reached the town. There were no\n"
        "comments\n"
        "from the militants."
    )
    assert text.index("\ncomments\n") > len(text) / 2  # where a comment section would be cut
    assert clean_text(text) == text


def test_keep_captions_keeps_the_words_without_the_credit(seeds):
    a = next(x for x in load([SEEDS / "001_6e355342c0a6265c.txt"], keep_captions=True))
    assert "\n\nJaysh al-Fateh statement declaring war on ISIS\n\n" in a.text
    assert "/ twitter" not in a.text
    assert "No comments:" not in a.text  # the rest of the boilerplate still goes
    assert "captions" not in a.meta
