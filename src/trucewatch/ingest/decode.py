"""Bytes to text: UTF-8 first, other encodings by detection, binary files refused."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from trucewatch.errors import InputError

__all__ = ["decode"]

# What a file starting with these bytes is; none of them is a report's text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, ODF or EPUB document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "gzip data (name it .gz to have it unpacked)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A well-formed multi-byte UTF-8 sequence: legacy 8-bit text almost never contains one,
# so a file that has them and still fails to decode is damaged UTF-8, not another encoding.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_READS = "trucewatch reads text, HTML, CSV, JSON Lines and RSS/Atom feeds (optionally .gz)"


def _binary(what: str) -> InputError:
    return InputError(f"refused: this is {what}, not text; {_READS}")


# Where detection finds several encodings that fit equally well (short texts often do),
# the one most used for news in that script wins: Windows code pages first.
_PREFERRED = (
    "cp1252",
    "cp1251",
    "cp1256",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "iso8859_15",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
)


def _detect(data: bytes) -> tuple[str, str]:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise _binary("binary data (no text encoding fits it)")
    chaos = min(m.chaos for m in matches)
    coherence = max(m.coherence for m in matches if m.chaos <= chaos + 0.01)
    fitting = [m for m in matches if m.chaos <= chaos + 0.01 and m.coherence >= coherence - 0.05]

    def rank(match: charset_normalizer.CharsetMatch) -> tuple[int, float, float]:
        preferred = _PREFERRED.index(match.encoding) if match.encoding in _PREFERRED else 99
        return preferred, match.chaos, -match.coherence

    best = min(fitting, key=rank)
    return str(best), best.encoding


def decode(data: bytes) -> tuple[str, str]:
    """The text in ``data`` and the encoding it was read with.

    >>> decode("Ceasefire in Idlib".encode("utf-8"))
    ('Ceasefire in Idlib', 'utf-8')
    >>> decode("Alep, cessez-le-feu prolongé".encode("cp1252"))[0]
    'Alep, cessez-le-feu prolongé'
    """
    if not data.strip():
        raise InputError("the file is empty: expected the text of a report")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _binary(what)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} at byte {exc.start}; re-save it as UTF-8"
                ) from None
    if b"\x00" in data[:65536]:
        raise _binary("binary data (it holds NUL bytes)")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise InputError(
                f"invalid UTF-8 at byte {exc.start} (found {data[exc.start : exc.start + 4]!r}) "
                "in a file that is otherwise UTF-8: it is damaged or mixes encodings; "
                "repair it or re-save it as UTF-8"
            ) from None
        text, encoding = _detect(data)
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise _binary("binary data (it is full of control characters)")
    return text, encoding
