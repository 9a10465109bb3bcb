"""Bytes to clean text: encoding detection, BOMs, binary detection, line endings, NFC.

`decode_bytes` turns a whole file's bytes into text or raises `Rejected` with a reason a person
can act on. `sniff_encoding` looks only at the start of a file, for the readers that stream rows.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes


class Rejected(Exception):
    """An input that cannot be read; the message is the human reason."""


# BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of common binary formats that carry no NUL byte early on.
_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"\x7fELF")
# Bytes cp1252 leaves undefined: their presence rules cp1252 out.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# Control characters that never occur in text (tab, newline, CR and form feed excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
SAMPLE_BYTES = 64 * 1024
# A valid UTF-8 multi-byte sequence.
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MIXED = "utf-8+cp1252"  # UTF-8 whose stray invalid bytes are read as cp1252
_HIGH = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_ALL = bytes(range(256))


def _count(data: bytes, which: bytes) -> int:
    """How many bytes of `data` are among `which` (at C speed: the others are deleted)."""
    others = bytes(b for b in _ALL if b not in which)
    return len(data.translate(None, others))


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("warlog-cp1252", _cp1252_fallback)


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in UTF-16 English text without a BOM."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _is_utf8(sample: bytes, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=final)
        return True
    except UnicodeDecodeError:
        return False


def _guess_single_byte(data: bytes) -> str | None:
    """Encoding of bytes that are not UTF-8: cp1252 for mostly-Latin text, else charset-normalizer.

    charset-normalizer alone mistakes short Western-European texts for cp1250 or hp_roman8, so a
    text whose letters are mostly ASCII (a Latin script) and that cp1252 decodes is read as cp1252
    (latin-1 text included: the two agree on every printable character).
    """
    high = _count(data, _HIGH)
    letters = _count(data, _ASCII_LETTERS) + high
    if letters and high / letters < 0.2 and not _CP1252_UNDEFINED.search(data):
        return "cp1252"
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with some stray bytes of another encoding (a cp1252 'é' pasted into UTF-8).

    Text in a single-byte encoding almost never forms a valid multi-byte UTF-8 sequence (a letter in
    C2-F4 followed by one to three bytes in 80-BF), so valid sequences with stray bytes that are few
    (no more than the sequences, or under 1 in 200 bytes) mean UTF-8: then the stray bytes are read as
    cp1252 one by one, never the whole file (which would turn every 'é' into 'Ã©')."""
    seqs = _UTF8_SEQ.findall(data)
    invalid = _count(data, _HIGH) - sum(map(len, seqs))
    return bool(seqs) and (invalid <= len(seqs) or invalid <= len(data) // 200)


def looks_binary(sample: bytes) -> bool:
    """A known binary signature, or NUL bytes beyond a stray one or two (text never has many)."""
    return sample.startswith(_MAGIC) or sample.count(b"\x00") > max(2, len(sample) // 1000)


def sniff_encoding(sample: bytes, *, complete: bool = False) -> str:
    """The encoding to read a file with, from its first bytes (all of them when `complete`).

    Returns a Python codec name; raises Rejected for binary or undecodable data.
    """
    enc = bom_encoding(sample)
    if enc:
        return enc
    enc = _utf16_without_bom(sample[:SAMPLE_BYTES])
    if enc:
        return enc
    if looks_binary(sample[:SAMPLE_BYTES]):
        raise Rejected("binary file (not text)")
    if _is_utf8(sample, final=complete):
        return "utf-8"
    if _mostly_utf8(sample):
        return MIXED
    enc = _guess_single_byte(sample)
    if enc is None:
        raise Rejected("undecodable bytes: not UTF-8 and no text encoding fits")
    return enc


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a whole file's bytes, normalised (see `normalize`).

    `declared` is an encoding the file names itself (an HTML meta charset); it is used when the
    bytes are not UTF-8 and decode under it.
    """
    if not data.strip():
        raise Rejected("empty file")
    enc = bom_encoding(data)
    if enc is None and declared and not _is_utf8(data, final=True) and _codec(declared):
        try:
            data.decode(_codec(declared))
            enc = _codec(declared)
        except UnicodeDecodeError:
            enc = None
    if enc is None:
        enc = sniff_encoding(data, complete=True)
    try:
        text = data.decode("utf-8", errors="warlog-cp1252") if enc == MIXED else data.decode(enc)
    except UnicodeDecodeError as e:
        raise Rejected(f"undecodable bytes: {enc} decoding failed at byte {e.start}") from e
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise Rejected("binary file (not text)")
    text = normalize(text)
    if not text.strip():
        raise Rejected("empty file")
    return text, enc


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


# Characters dropped outright: BOMs inside text, zero-width spaces, soft hyphens.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad"))


def normalize(text: str) -> str:
    """Line endings to \\n, Unicode NFC, invisible characters and stray control characters out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n").replace("\x0c", "\n")
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)
