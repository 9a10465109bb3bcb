"""Ingest: every format, metadata, duplicates, encodings and bad input (expected values by hand)."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from warlog.ingest import content_hash, load
from warlog.model import Article, Duplicate, IngestError

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def by_source(items):
    return {Path(i.source).name: i for i in items}


def articles(items):
    return [i for i in items if isinstance(i, Article)]


# ---------------------------------------------------------------------------------------------
# Formats


def test_txt_with_wire_dateline():
    [a] = list(load([DATA / "wire.txt"]))
    assert isinstance(a, Article)
    assert a.id == "wire.txt"
    assert a.source.endswith("ingest/wire.txt") and not Path(a.source).is_absolute()  # never the absolute path
    assert a.title == "Army shells militant positions outside Ersal"
    assert a.outlet == "AP"
    assert a.author is None
    assert a.published_raw is None
    # hard-wrapped lines stay as they are; the share widget goes
    assert "outside Ersal on Wednesday,\na security official said" in a.text
    assert "Share this" not in a.text
    assert a.text.endswith("The official said two soldiers were wounded in Tuesday's attack.")


def test_html_page_text_and_metadata():
    [a] = list(load([DATA / "page.html"]))
    assert isinstance(a, Article)
    assert a.id == "page.html"
    assert a.title == "Clashes on the Qalamoun border"
    assert a.author == "Rana Haddad"
    assert a.published_raw == "2015-05-13T18:20:00+03:00"
    assert a.outlet == "Cedar Dispatch"
    assert a.url == "https://example.org/2015/05/qalamoun-border"
    assert "pushed towards the heights of Tallat Moussa on Wednesday" in a.text
    assert "held the ridge overlooking the valley" in a.text
    for junk in ("Loading the player", "Leave a Reply", "Share on Facebook", "Home", "All rights reserved", "email"):
        assert junk not in a.text


def test_html_falls_back_to_lxml_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    p = tmp_path / "bare.htm"
    p.write_text(
        "<html><head><title>Arsal</title></head><body><nav>Home</nav>"
        "<div>Gunmen kidnapped two Lebanese soldiers near Ersal on Sunday.</div>"
        "<div>The army said it was searching the hills.</div><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    [a] = list(load([p]))
    assert isinstance(a, Article)
    assert a.title == "Arsal"
    assert (
        a.text
        == "Gunmen kidnapped two Lebanese soldiers near Ersal on Sunday.\n\nThe army said it was searching the hills."
    )


def test_csv_rows_columns_and_meta():
    items = list(load([DATA / "rows.csv"]))
    assert [a.id for a in items] == ["r1", "r2"]
    r1, r2 = items
    assert r1.source.endswith("ingest/rows.csv#1") and r2.source.endswith("ingest/rows.csv#2")
    assert r1.title == "Army raids camps"
    assert r1.published_raw == "2014-08-09"
    assert r1.outlet == "Levant Post"
    assert r1.meta == {"desk": "border"}
    assert r2.text == "Gunmen kidnapped two Lebanese soldiers near Ersal on Sunday, according to the army."


def test_jsonl_rows_with_other_column_names():
    items = list(load([DATA / "rows.jsonl"]))
    assert [a.id for a in items] == ["j1", "j2"]
    j1 = items[0]
    assert j1.title == "Barrel bombs on Yabroud"
    assert j1.published_raw == "March 3, 2014"
    assert j1.outlet == "Wire One"
    assert j1.meta == {"lang": "en"}
    assert j1.source.endswith("rows.jsonl#1")


def test_tsv_gz_with_named_columns_and_row_number_ids(tmp_path):
    p = tmp_path / "wire.tsv.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write("story\tkey\tregion\n")
        f.write("Fighting resumed in the Qalamoun mountains on Friday.\t\tsyria\n")
        f.write("Rebels shelled the village of Brital in the Bekaa.\tk2\tlebanon\n")
    items = list(load([p], text_column="story", id_column="key"))
    assert [type(i) for i in items] == [Article, Article]
    assert items[0].id == "1"  # empty id: the row number stands in
    assert items[1].id == "k2"
    assert items[1].text == "Rebels shelled the village of Brital in the Bekaa."
    assert items[1].meta == {"region": "lebanon"}


def test_jsonl_gz(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": 7, "text": "Hezbollah said it captured a hill near Flita."}) + "\n")
    [a] = list(load([p]))
    assert a.id == "7"
    assert a.text == "Hezbollah said it captured a hill near Flita."


def test_markdown_front_matter_and_markup(tmp_path):
    p = tmp_path / "note.md"
    p.write_text(
        "---\ntitle: Notes from Arsal\nauthor: Sami Khoury\ndate: 2014-08-04\n---\n"
        "# Notes from Arsal\n\nThe **army** closed the road to [Arsal](https://example.org/arsal) on Monday.\n",
        encoding="utf-8",
    )
    [a] = list(load([p]))
    assert a.title == "Notes from Arsal"
    assert a.author == "Sami Khoury"
    assert a.published_raw == "2014-08-04"
    assert a.text == "Notes from Arsal\n\nThe army closed the road to Arsal on Monday."


def test_directory_is_recursive_sorted_and_skips_hidden_unknown_and_readme(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report of shelling near Yabroud.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First report of clashes near Arsal.", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("Hidden report.", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden folder report.", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About these files", encoding="utf-8")
    items = list(load([tmp_path]))
    assert [i.id for i in items] == ["a.txt", "two.txt"]


def test_load_is_a_generator_and_accepts_one_path():
    gen = load(DATA / "wire.txt")
    assert iter(gen) is gen
    assert next(gen).id == "wire.txt"


# ---------------------------------------------------------------------------------------------
# Metadata from the text


def test_byline_with_role_gives_author(tmp_path):
    p = tmp_path / "csm.txt"
    p.write_text(
        "Rebels dig in as offensive looms\n\nNicholas Blanford, Correspondent /\nOctober 18, 2013\n\n"
        "Opposing sides are girding for the opening of a key battlefront.\n",
        encoding="utf-8",
    )
    [a] = list(load([p]))
    assert a.author == "Nicholas Blanford"
    assert a.title == "Rebels dig in as offensive looms"
    assert "October 18, 2013" in a.text  # the byline date stays for warlog.dates


@pytest.mark.parametrize(
    ("head", "author", "outlet"),
    [
        ("By Jane Doe\n\nARSAL, Lebanon (Reuters) - Militants attacked", "Jane Doe", "Reuters"),
        ("(Reuters) - Militants attacked", None, "Reuters"),
        ("AFP | Militants attacked", None, "AFP"),
        ("By Omar Haddad, Associated Press\n\nMilitants attacked", "Omar Haddad", "Associated Press"),
        ("Militants attacked", None, None),
    ],
)
def test_byline_and_dateline(tmp_path, head, author, outlet):
    p = tmp_path / "x.txt"
    p.write_text(head + " army posts near Arsal on Saturday.\n", encoding="utf-8")
    [a] = list(load([p]))
    assert (a.author, a.outlet) == (author, outlet)


def test_title_skips_a_leading_date_line_and_ignores_prose(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("Sunday, 24 May 2015\n\n2015 Qalamoun Offensive\n\nOn 4 May, rebels attacked.\n", encoding="utf-8")
    q = tmp_path / "u.txt"
    q.write_text("The Assad regime appears poised to attack the strategic\nrebel-held Qalamoun region.\n")
    a, b = load([p, q])
    assert a.title == "2015 Qalamoun Offensive"
    assert b.title is None


# ---------------------------------------------------------------------------------------------
# Duplicates


def test_same_content_twice_is_a_duplicate(tmp_path):
    (tmp_path / "a.txt").write_text("Hezbollah fighters captured Tallat Moussa on Tuesday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("HEZBOLLAH fighters   captured\nTallat Moussa on Tuesday.  \n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Hezbollah fighters captured Tallat Moussa on Wednesday.\n", encoding="utf-8")
    items = list(load([tmp_path]))
    assert isinstance(items[0], Article)
    assert items[1] == Duplicate(source=str(tmp_path / "b.txt"), duplicate_of="a.txt")
    assert isinstance(items[2], Article) and items[2].id == "c.txt"


def test_duplicate_across_formats(tmp_path):
    (tmp_path / "a.txt").write_text("Gunmen kidnapped two soldiers near Ersal.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Gunmen kidnapped two soldiers near Ersal."}) + "\n"
    )
    a, d = load([tmp_path])
    assert a.id == "a.txt"
    assert d == Duplicate(source=f"{tmp_path / 'b.jsonl'}#1", duplicate_of="a.txt")


def test_content_hash_normalises_case_and_spaces():
    assert content_hash("Arsal  clashes\nresume") == content_hash("arsal clashes resume ")
    assert content_hash("Arsal clashes") != content_hash("Ersal clashes")


# ---------------------------------------------------------------------------------------------
# Encodings


TEXT = "Café owners in Ersal fled on Tuesday, the army’s statement said."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café owners in Ersal fled on Tuesday, the army's statement said.".encode("latin-1"), None),
        (TEXT.encode("cp1252"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # with its BOM
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),  # UTF-8 with BOM
        (TEXT.encode("utf-16-le"), TEXT),  # UTF-16 without BOM
        (TEXT.replace(" ", "\r\n", 1).encode("utf-8"), TEXT.replace(" ", "\n", 1)),
        ("Cafe\u0301 owners".encode(), "Café owners"),  # NFC: e + combining acute -> é
    ],
)
def test_encodings(tmp_path, data, expected):
    expected = expected or "Café owners in Ersal fled on Tuesday, the army's statement said."
    p = tmp_path / "enc.txt"
    p.write_bytes(data)
    [a] = list(load([p]))
    assert isinstance(a, Article), a
    assert a.text == expected


def test_cp1252_csv(tmp_path):
    p = tmp_path / "old.csv"
    p.write_bytes("id,text\n1,“Hezbollah” fighters shelled Yabroud – activists\n".encode("cp1252"))
    [a] = list(load([p]))
    assert a.text == "“Hezbollah” fighters shelled Yabroud – activists"


# ---------------------------------------------------------------------------------------------
# Bad input: one clear IngestError each, and the good files of the batch are still read


def _good(tmp_path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text("Syrian army helicopters dropped barrel bombs on Yabroud.", encoding="utf-8")
    return p


def _run(tmp_path, bad: Path, **kw):
    good = _good(tmp_path)
    items = list(load([bad, good], **kw))
    assert isinstance(items[-1], Article) and items[-1].id == "good.txt"
    return items[:-1]


def test_empty_file(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert _run(tmp_path, bad) == [IngestError(str(bad), "empty file")]


def test_whitespace_only_file(tmp_path):
    bad = tmp_path / "blank.txt"
    bad.write_text("  \n\n\t\n", encoding="utf-8")
    assert _run(tmp_path, bad) == [IngestError(str(bad), "empty file")]


def test_binary_file(tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert _run(tmp_path, bad) == [IngestError(str(bad), "binary file (not text)")]


def test_undecodable_bytes(tmp_path):
    bad = tmp_path / "noise.txt"
    rnd = random.Random(1)
    bad.write_bytes(bytes(rnd.randrange(128, 256) for _ in range(300)))  # high bytes only: no text in any code page
    [err] = _run(tmp_path, bad)
    assert err.source == str(bad)
    assert err.reason == "undecodable bytes: not UTF-8 and no text encoding fits"


def test_file_over_the_size_limit(tmp_path):
    bad = tmp_path / "huge.txt"
    with open(bad, "wb") as f:  # sparse: 52.3 MB on paper, nothing on disk
        f.truncate(int(52.3 * 1024 * 1024))
    assert _run(tmp_path, bad) == [IngestError(str(bad), "file is 52.3 MB, over the 50 MB limit")]


def test_size_limit_is_a_parameter(tmp_path):
    bad = tmp_path / "big.txt"
    bad.write_text("Clashes near Arsal. " * 100, encoding="utf-8")  # 2000 bytes
    assert _run(tmp_path, bad, max_bytes=1024) == [
        IngestError(str(bad), "file is 2000 bytes, over the 1024-byte limit")
    ]


def test_malformed_jsonl_rows(tmp_path):
    bad = tmp_path / "rows.jsonl"
    bad.write_text(
        '{"id": "a", "text": "Gunmen kidnapped two soldiers near Arsal."}\n'
        '{"id": "b", "text": "broken}\n'
        '["not", "an", "object"]\n'
        '{"id": "d", "text": ""}\n'
        '{"id": "e", "body": {"nested": true}}\n'
        '{"id": "f", "title": "no text field"}\n'
        '{"id": "g", "text": "Rebels shelled Brital."}\n',
        encoding="utf-8",
    )
    items = _run(tmp_path, bad)
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "g"]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [e.source for e in errors] == [f"{bad}#{n}" for n in (2, 3, 4, 5, 6)]
    assert errors[0].reason == "row 2: invalid JSON: Unterminated string starting at (column 21)"
    assert errors[1].reason == "row 3: expected a JSON object, found list"
    assert errors[2].reason == "row 4: empty text"
    assert errors[3].reason == "row 5: text is not a string but a dict"
    assert (
        errors[4].reason
        == "row 6: no text field (looked for text, content, article_content, body, article_text, full_text, maintext)"
    )


def test_malformed_csv_row(tmp_path):
    bad = tmp_path / "rows.csv"
    bad.write_text(
        "id,text\n1,Militants attacked army posts near Arsal.\n2,too,many,fields\n3,\n4,The army sent reinforcements.\n",
        encoding="utf-8",
    )
    items = _run(tmp_path, bad)
    assert [i.id for i in items if isinstance(i, Article)] == ["1", "4"]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert errors == [
        IngestError(f"{bad}#2", "row 2: expected 2 fields, found 4"),
        IngestError(f"{bad}#3", "row 3: empty text"),
    ]


def test_csv_without_text_column(tmp_path):
    bad = tmp_path / "nums.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert _run(tmp_path, bad) == [
        IngestError(
            str(bad),
            "no text column found (looked for text, content, article_content, body, article_text, full_text, maintext;"
            " columns: a, b); name it with text_column",
        )
    ]


def test_named_text_column_missing(tmp_path):
    bad = tmp_path / "rows.csv"
    bad.write_text("id,text\n1,Clashes near Arsal.\n", encoding="utf-8")
    good = _good(tmp_path)
    items = list(load([bad, good], text_column="story"))
    assert items[0] == IngestError(str(bad), "text column 'story' not found (columns: id, text)")
    # the named column is looked for in every table of the batch; a text file does not care
    assert isinstance(items[1], Article)


def test_html_without_article_text(tmp_path):
    bad = tmp_path / "empty.html"
    bad.write_text("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>", encoding="utf-8")
    assert _run(tmp_path, bad) == [IngestError(str(bad), "no article text found in HTML")]


def test_missing_path(tmp_path):
    bad = tmp_path / "nowhere.txt"
    assert _run(tmp_path, bad) == [IngestError(str(bad), "no such file or directory")]


def test_corrupt_gzip(tmp_path):
    bad = tmp_path / "rows.jsonl.gz"
    bad.write_bytes(b"this is not gzip at all")
    [err] = _run(tmp_path, bad)
    assert err.source == str(bad)
    assert err.reason.startswith("corrupt gzip file: ")


def test_text_that_is_only_boilerplate(tmp_path):
    bad = tmp_path / "widget.txt"
    bad.write_text("Loading the player ...\nEmbed Code\nPlays: 12 (Embed: 0)\n", encoding="utf-8")
    assert _run(tmp_path, bad) == [
        IngestError(str(bad), "no article text left after removing boilerplate from the file")
    ]


def test_unsupported_extension_named_explicitly(tmp_path):
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4 ...")
    [err] = _run(tmp_path, bad)
    assert err == IngestError(
        str(bad),
        "unsupported file type '.pdf' (known: .txt, .text, .md, .markdown, .html, .htm, .xhtml, .csv, .tsv, .jsonl, .ndjson, each also .gz)",
    )


def test_empty_directory(tmp_path):
    d = tmp_path / "nothing"
    d.mkdir()
    (d / "image.png").write_bytes(b"\x89PNG")
    assert _run(tmp_path, d) == [
        IngestError(
            str(d),
            "no article files in directory (looked for .txt, .text, .md, .markdown, .html, .htm, .xhtml, .csv, .tsv, .jsonl, .ndjson)",
        )
    ]


def test_html_dateline_outlet_wins_over_site_name(tmp_path):
    p = tmp_path / "repost.html"
    p.write_text(
        '<html><head><meta property="og:site_name" content="Border Digest"></head><body><article>'
        "<p>BEIRUT (Reuters) - Lebanese troops exchanged fire with militants on the outskirts of Arsal on Friday, "
        "a security source said, and two soldiers were wounded in the clashes near the Syrian border.</p>"
        "<p>The army sent reinforcements to the area after the fighting, residents of the town said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [a] = list(load([p]))
    assert a.outlet == "Reuters"
    assert a.meta["sitename"] == "Border Digest"


def test_utf16_tsv(tmp_path):
    p = tmp_path / "rows.tsv"
    p.write_bytes("id\ttext\nu1\tKämpfe bei Arsal: the army shelled the hills.\n".encode("utf-16"))
    [a] = list(load([p]))
    assert (a.id, a.text) == ("u1", "Kämpfe bei Arsal: the army shelled the hills.")


def test_binary_table(tmp_path):
    bad = tmp_path / "rows.jsonl"
    bad.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    assert _run(tmp_path, bad) == [IngestError(str(bad), "binary file (not text)")]


def test_excel_style_csv_bom_crlf_semicolons_and_quoted_newline(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes(
        b'\xef\xbb\xbfid;title;text\r\n1;A;"Clashes near Arsal;\r\nthe army said."\r\n2;B;Rebels shelled Hermel.\r\n'
    )
    a, b = load([p])
    assert (a.id, a.title, a.text) == ("1", "A", "Clashes near Arsal;\nthe army said.")
    assert (b.id, b.text) == ("2", "Rebels shelled Hermel.")


def test_html_markup_in_a_text_column_is_read_as_html(tmp_path):
    p = tmp_path / "scraped.jsonl"
    row = {
        "id": "h1",
        "content": "<p>Gunmen <b>kidnapped</b> two soldiers near Ersal &amp; Labweh.</p><p>The army said.</p>",
    }
    p.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [a] = list(load([p]))
    assert a.text == "Gunmen kidnapped two soldiers near Ersal & Labweh.\n\nThe army said."


def test_colliding_ids_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Rebels shelled Hermel on Monday.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("The army raided camps near Arsal.", encoding="utf-8")
    (tmp_path / "one.csv").write_text("text\nClashes near Flita.\nClashes near Jarajir.\n", encoding="utf-8")
    (tmp_path / "two.csv").write_text("text\nHelicopters bombed Yabroud.\n", encoding="utf-8")
    ids = [a.id for a in load([tmp_path])]
    assert ids == ["x.txt", "b/x.txt", "1", "2", "two.csv#1"]


def test_wordpress_page_in_cp1252():
    [a] = list(load([DATA / "blog_cp1252.html"]))
    assert isinstance(a, Article)
    assert a.title == "Arsal: army shells militants"
    assert a.author == "Samir K."  # from the page's JSON-LD
    assert a.published_raw == "2015-05-16T08:00:00Z"
    assert a.outlet == "Bekaa Blog"
    assert a.text == (
        "Arsal: army shells militants\n\n"
        "The Lebanese army shelled positions of the Nusra Front in the barrens east of Arsal on Friday night, "
        "a security source told Bekaa Blog.\n\n"
        "Residents said the shelling lasted more than three hours. The army’s statement said its units had destroyed two "
        "militant vehicles."
    )


def test_web_page_saved_as_txt_is_read_as_html(tmp_path):
    p = tmp_path / "saved.txt"
    p.write_text(
        "<!DOCTYPE html><html><head><title>Arsal clashes - Cedar Dispatch</title>"
        '<meta property="og:site_name" content="Cedar Dispatch"></head><body><p>Gunmen kidnapped two Lebanese '
        "soldiers near Ersal on Thursday, the army said in a statement issued in Beirut.</p></body></html>",
        encoding="utf-8",
    )
    [a] = list(load([p]))
    assert a.id == "saved.txt"
    assert a.title == "Arsal clashes"  # the site's name cut from the <title>
    assert (
        a.text
        == "Gunmen kidnapped two Lebanese soldiers near Ersal on Thursday, the army said in a statement issued in Beirut."
    )


def test_html_with_only_boilerplate(tmp_path):
    bad = tmp_path / "player.html"
    bad.write_text(
        "<html><body><div><p>Loading the player ...</p><p>Embed Code</p><p>Plays: 12 (Embed: 0)</p></div></body></html>",
        encoding="utf-8",
    )
    assert _run(tmp_path, bad) == [IngestError(str(bad), "no article text found in HTML (only boilerplate)")]


def test_utf8_with_a_stray_cp1252_byte(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"The army\xe2\x80\x99s statement on the caf\xe9 near Arsal \xe2\x80\x94 two killed.")
    [a] = list(load([p]))
    assert a.text == "The army’s statement on the café near Arsal — two killed."


def test_table_with_a_stray_byte_after_the_sniffed_start(tmp_path):
    p = tmp_path / "long.jsonl"
    filler = "".join(
        json.dumps({"id": f"r{i}", "text": f"Report {i} of shelling near Arsal."}) + "\n" for i in range(1500)
    )
    assert len(filler) > 64 * 1024  # past the bytes the encoding is sniffed from
    p.write_bytes(filler.encode() + b'{"id": "last", "text": "Gunmen raided a caf\xe9 in Ersal."}\n')
    items = list(load([p]))
    assert len(items) == 1501
    assert items[-1].text == "Gunmen raided a café in Ersal."
