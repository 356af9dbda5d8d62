"""Bytes to text.  The text is what every offset in the record refers to."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field


class DecodeError(Exception):
    """The bytes are not text vnextract can read; becomes the record's ``error``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> Decoded:
    """UTF-8 (BOM removed) or UTF-16 with a BOM; anything else is an error, never garbage."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", "strict"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"), "utf-16")
    if b"\0" in data:
        raise DecodeError("binary", "file contains NUL bytes: not a text file")
    try:
        return Decoded(data.decode("utf-8", "strict"), "utf-8")
    except UnicodeDecodeError as e:
        raise DecodeError("encoding", f"not valid UTF-8 at byte {e.start}") from None
