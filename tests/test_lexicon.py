"""The lexicon loader (warlog/lexicon.py): languages as folders, parsed files, clear errors, nothing read
at import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warlog import lexicon
from warlog.lexicon import LexiconError, Lexicons, Registry

TOY = Path(__file__).parent / "data" / "lang_xx"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def xx():
    lexicon.register("xx", TOY, "Toy")
    yield lexicon.lexicons("xx")
    lexicon.unregister("xx")


# ---------------------------------------------------------------------------------------------
# A new language is a folder plus a registration


def test_a_registered_folder_is_a_language(xx):
    assert "xx" in lexicon.languages()
    assert lexicon.languages()["xx"].name == "Toy"
    assert lexicon.load("numbers", "xx")["units"] == {"una": 1, "dua": 2, "tria": 3}


def test_the_same_name_reads_each_languages_own_file(xx):
    assert "una" in lexicon.load("numbers", "xx")["units"]
    assert "una" not in lexicon.load("numbers", "en")["units"]
    assert "one" in lexicon.load("numbers")["units"]  # English is the default


def test_a_language_in_a_registry_file_needs_no_code(tmp_path):
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "numbers.json").write_text('{"units": {"ein": 1}}', encoding="utf-8")
    (tmp_path / "languages.json").write_text(json.dumps({"zz": {"name": "Zed", "folder": "zz"}}), encoding="utf-8")
    reg = Registry(tmp_path / "languages.json")
    assert list(reg.languages()) == ["zz"]
    assert reg.lexicons("zz").load("numbers") == {"units": {"ein": 1}}


def test_english_is_registered_in_the_package():
    assert lexicon.languages()["en"].folder == ROOT / "warlog" / "data" / "en"


# ---------------------------------------------------------------------------------------------
# Parsing


def test_txt_lexicon_is_its_lines_without_comments_and_blanks(xx):
    assert xx.lines("places_stoplist") == ["Lundo", "Martedo"]


def test_tsv_lexicon_is_its_rows_stripped_without_comment_rows(xx):
    assert xx.rows("table") == [["xa", "1"], ["xb", "2"]]


def test_name_may_carry_its_suffix(xx):
    assert xx.load("numbers.json") == xx.load("numbers")


def test_a_file_is_read_once_per_lexicons_object(tmp_path):
    (tmp_path / "a.json").write_text('{"x": 1}', encoding="utf-8")
    lex = Lexicons(tmp_path, "t")
    first = lex.load("a")
    (tmp_path / "a.json").write_text('{"x": 2}', encoding="utf-8")
    assert lex.load("a") is first
    assert Lexicons(tmp_path, "t").load("a") == {"x": 2}  # a new object reads again


def test_common_data_is_language_neutral():
    assert "weights" in lexicon.common("fuse")
    assert lexicon.REGISTRY_.common().path("export_codes") == ROOT / "warlog" / "data" / "export_codes.json"


# ---------------------------------------------------------------------------------------------
# Errors name the file and the reason


def test_unknown_language_names_the_registry_and_the_known_ones():
    with pytest.raises(LexiconError) as e:
        lexicon.load("numbers", "qq")
    msg = str(e.value)
    assert "languages.json" in msg and "'qq'" in msg and "en" in msg


def test_missing_lexicon_names_the_file_and_what_was_looked_for(xx):
    with pytest.raises(LexiconError) as e:
        lexicon.load("triggers", "xx")
    msg = str(e.value)
    assert "triggers.json" in msg and "no such lexicon" in msg and "'xx'" in msg


def test_malformed_json_names_the_file_line_and_column(tmp_path):
    (tmp_path / "bad.json").write_text('{\n "a": [1, 2,,]\n}', encoding="utf-8")
    with pytest.raises(LexiconError) as e:
        Lexicons(tmp_path, "t").load("bad")
    msg = str(e.value)
    assert msg.startswith(str(tmp_path / "bad.json")) and "not valid JSON" in msg and "line 2" in msg


def test_text_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9\n".encode("latin-1"))
    with pytest.raises(LexiconError, match=r"latin\.txt: not UTF-8 text"):
        Lexicons(tmp_path).load("latin")


def test_wrong_shape_is_named(xx):
    with pytest.raises(LexiconError, match=r"numbers\.json: expected a \.txt list"):
        xx.lines("numbers")
    with pytest.raises(LexiconError, match=r"places_stoplist\.txt: expected a JSON object"):
        xx.json("places_stoplist")


def test_registering_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="no such folder"):
        lexicon.register("yy", tmp_path / "nowhere")


def test_a_registry_entry_without_folder_is_named(tmp_path):
    (tmp_path / "languages.json").write_text('{"zz": {"name": "Zed"}}', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"languages\.json: language 'zz' needs a \"folder\""):
        Registry(tmp_path / "languages.json").languages()


def test_lexicon_error_is_a_value_error():  # the CLI reports ValueErrors as one line
    assert issubclass(LexiconError, ValueError)


# ---------------------------------------------------------------------------------------------
# Built on first use


def test_lazy_constant_is_built_on_first_use_only():
    calls = []
    words = lexicon.lazy(lambda: calls.append(1) or {"a", "b"})
    assert calls == []
    assert "a" in words and "c" not in words
    assert sorted(words) == ["a", "b"] and len(words) == 2
    assert words | {"c"} == {"a", "b", "c"}
    assert calls == [1]
    assert lexicon.built(words) == {"a", "b"}


_NO_DATA_AT_IMPORT = r"""
import builtins, io, pathlib, pkgutil, importlib, sys
PKG = pathlib.Path(sys.argv[1]).resolve()

def inside(p):
    try:
        return pathlib.Path(p).resolve().is_relative_to(PKG)
    except TypeError:
        return False

def guard(real):
    def f(file, *a, **k):
        if not isinstance(file, int) and inside(file):
            raise AssertionError(f"read at import: {file}")
        return real(file, *a, **k)
    return f

builtins.open = guard(builtins.open)
io.open = builtins.open
for name in ("read_text", "read_bytes", "open"):
    real = getattr(pathlib.Path, name)
    def m(self, *a, _real=real, **k):
        if inside(self):
            raise AssertionError(f"read at import: {self}")
        return _real(self, *a, **k)
    setattr(pathlib.Path, name, m)

import warlog
names = [m.name for m in pkgutil.walk_packages(warlog.__path__, "warlog.")]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_no_module_reads_a_file_at_import():
    """Every warlog module imported with reading warlog's own files forbidden."""
    r = subprocess.run(
        [sys.executable, "-c", _NO_DATA_AT_IMPORT, str(ROOT / "warlog")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert int(r.stdout.split()[-1]) > 40


def test_check_reads_every_lexicon_of_a_language(tmp_path):
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x\n", encoding="utf-8")
    assert Lexicons(tmp_path).check() == ["a.json", "b.txt"]
    (tmp_path / "c.json").write_text("{", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"c\.json: not valid JSON"):
        Lexicons(tmp_path).check()


def test_english_lexicons_all_parse():
    lexicon.check("en")


def test_a_module_constant_is_rebound_to_its_value_once_built():
    namespace: dict = {"lexicon": lexicon}
    exec("WORDS = lexicon.lazy(lambda: frozenset({'x'}))\ndef has(w):\n    return w in WORDS\n", namespace)
    assert type(namespace["WORDS"]).__name__ == "_Lazy"
    assert namespace["has"]("x")
    assert type(namespace["WORDS"]) is frozenset
