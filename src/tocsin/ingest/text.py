"""Plain-text files: bytes to text with the encoding detected, and the headline split off when present."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..models import SourceItem

_HEADLINE = re.compile(r"\A(?P<title>[^\n]{3,200})\n[ \t]*\n")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with BOM) first, then the detected encoding; binary data is refused."""
    head = data[:4096]
    if (b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff"))) or _mostly_control(head):
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data if b > 127)
    if high / len(data) < 0.02:
        # A few stray bytes in English text are almost always Windows-1252/Latin-1 ("\xa3" is "£");
        # detectors guess wildly on so little evidence (one byte once came back as Shift-JIS).
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot determine the text encoding (is it text?)")
    return str(best)


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
    return SourceItem(name=name, text=text, title=title, path=path)


def read_text_file(path: Path, data: bytes | None = None) -> SourceItem:
    raw = path.read_bytes() if data is None else data
    if not raw.strip():
        raise InputError(f"{path} is empty")
    return from_text(decode(raw, str(path)), str(path), path=str(path))
