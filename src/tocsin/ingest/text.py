"""Plain-text files: bytes to text with the encoding detected, and the headline split off when present."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import InputError
from ..models import SourceItem

_HEADLINE = re.compile(r"\A(?P<title>[^\n]{3,200})\n[ \t]*\n")
# "Published: 2022-02-20", "Date: Sun, 20 Feb 2022 10:00 GMT" among the first lines of a text file
_DATE_LINE = re.compile(
    r"^[ \t]*(?:published|date|dated|posted|updated)[ \t]*[:：][ \t]*(?P<value>[^\n]{6,60})$", re.I | re.M
)
# a date in the file name, as archives name their files: 2022-02-20_kyiv.txt, 20220220-story.txt
_NAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-?(?P<m>0[1-9]|1[0-2])-?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)  # fmt: skip


def decode(data: bytes, name: str) -> str:
    """Bytes to text: a UTF-16/32 byte-order mark decides; else UTF-8 (with BOM), then the detected
    encoding; binary data is refused."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name} starts with a {codec.upper()} byte-order mark but is not {codec.upper()}"
                ) from None
    head = data[:4096]
    if (b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff"))) or _mostly_control(head):
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if any(ord(c) > 127 for c in data.decode("utf-8", errors="ignore")):
        # valid UTF-8 sequences beside bytes that are not: a file pasted together from two encodings
        # (a UTF-8 story quoting a Windows-1252 one). Repaired line by line: a line that is UTF-8 stays
        # UTF-8, any other is Windows-1252, so neither part is garbled
        return "".join(_line_utf8_else_cp1252(line) for line in data.removeprefix(b"\xef\xbb\xbf").splitlines(True))
    high = sum(1 for b in data if b > 127)
    if high / len(data) < 0.02:
        # A few stray bytes in English text are almost always Windows-1252/Latin-1 ("\xa3" is "£");
        # detectors guess wildly on so little evidence (one byte once came back as Shift-JIS).
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    western = _as_western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot determine the text encoding (is it text?)")
    return str(best)


def _as_western(data: bytes) -> str | None:
    """``data`` as Windows-1252 when it reads like Western text: accented letters and typographic marks
    standing alone among ASCII letters ("café", "£5", "“no”"). Text in another 8-bit code page read this
    way turns into runs of accented letters ("Ïðèâåò"), and is left to the detector."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [i for i, c in enumerate(text) if ord(c) > 127]
    paired = sum(1 for i in high if i > 0 and ord(text[i - 1]) > 127 and text[i].isalpha() and text[i - 1].isalpha())
    return text if paired <= len(high) // 4 else None


def _line_utf8_else_cp1252(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        # the five bytes Windows-1252 leaves undefined are read as Latin-1 (C1 controls)
        return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in line)


_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _mostly_control(head: bytes) -> bool:
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.1


def from_text(text: str, name: str, *, path: str | None = None) -> SourceItem:
    """A text article; a short first line followed by a blank line is taken as its headline."""
    if not text.strip():
        raise InputError(f"{name} is empty")
    m = _HEADLINE.match(text)
    title = m.group("title").strip() if m and not m.group("title").rstrip().endswith((".", ",", ";")) else None
    published, offset, how = text_date(text, path)
    meta = {"published_from": how} if how else {}
    return SourceItem(
        name=name, text=text, title=title, path=path, published=published, published_offset=offset, meta=meta
    )


def text_date(text: str, path: str | None) -> tuple[dt.datetime | None, str | None, str | None]:
    """A text file's own publication date: a date line in its first lines, else a date in its file name."""
    from .dates import parse_published

    head = "\n".join(text.splitlines()[:6])
    m = _DATE_LINE.search(head)
    if m:
        when, offset = parse_published(m.group("value").strip())
        if when is not None:
            return when, offset, "date line"
    if path:
        n = _NAME_DATE.search(Path(path).name)
        if n:
            try:
                day = dt.date(int(n["y"]), int(n["m"]), int(n["d"]))
            except ValueError:
                return None, None, None
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), None, "file name"
    return None, None, None


def read_text_file(path: Path, data: bytes | None = None) -> SourceItem:
    raw = path.read_bytes() if data is None else data
    if not raw.strip():
        raise InputError(f"{path} is empty")
    return from_text(decode(raw, str(path)), str(path), path=str(path))
