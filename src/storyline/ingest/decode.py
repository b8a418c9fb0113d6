"""Bytes in, text out: size checks, binary sniffing and legacy encodings.

Every reader goes through here, so the rules for "is this text at all" live in
one place: a file over the size limit is refused from ``stat`` alone, a file
that starts with a known binary signature or holds NUL bytes is refused, and
text is decoded as UTF-8 (with or without BOM), then cp1252, then latin-1.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from storyline.errors import (
    InputError,
    InputFormatError,
    InputNotFoundError,
    InputTooLargeError,
    InputUnreadableError,
)

# Signatures of the binary files most likely to end up in a folder of articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def human_size(n: int) -> str:
    """``20,000,000 bytes (20.0 MB)``: exact, and readable at a glance."""
    if n >= 1_000_000:
        return f"{n:,} bytes ({n / 1_000_000:.1f} MB)"
    if n >= 1_000:
        return f"{n:,} bytes ({n / 1_000:.1f} kB)"
    return f"{n:,} bytes"


def too_large(source: str, size: int, limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        source,
        f"too large: {human_size(size)} is over the limit of {human_size(limit)} "
        "(setting max_input_bytes)",
    )


def read_bytes(path: Path, limit: int, source: str | None = None) -> bytes:
    """The bytes of a regular file, refused before reading when over ``limit``."""
    name = source or str(path)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise InputNotFoundError(name, "no such file or directory") from exc
    except PermissionError as exc:
        raise InputUnreadableError(name, "permission denied") from exc
    except OSError as exc:
        raise InputUnreadableError(name, f"cannot stat: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise InputUnreadableError(name, "not a regular file")
    if info.st_size > limit:
        raise too_large(name, info.st_size, limit)
    if info.st_size == 0:
        raise InputFormatError(name, "empty file")
    try:
        with path.open("rb") as handle:
            # Read at most one byte past the limit: the file may grow after stat.
            data = handle.read(limit + 1)
    except PermissionError as exc:
        raise InputUnreadableError(name, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputUnreadableError(name, "is a directory") from exc
    except OSError as exc:
        raise InputUnreadableError(name, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise too_large(name, len(data), limit)
    return data


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file ``data`` is, or ``None`` if it may be text."""
    if data.startswith(_UTF16_BOMS):
        return None  # UTF-16 text has NUL bytes but is text
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "BMP image" and len(data) < 14:
                continue
            if kind in ("Windows executable", "BMP image") and _looks_textual(data[:512]):
                continue  # "MZ..." / "BM..." can start an ordinary sentence
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if b"\x00" in data[:65536]:
        return "contains NUL bytes"
    return None


def _looks_textual(chunk: bytes) -> bool:
    control = sum(1 for b in chunk if b < 32 and b not in (9, 10, 13))
    return control == 0


def decode_text(data: bytes) -> str:
    """Decode text: UTF-8 (BOM or not), then cp1252, then latin-1.

    cp1252 comes before latin-1 because Windows text puts curly quotes and
    dashes in 0x80-0x9F, which latin-1 would turn into control characters.
    Line endings are unified to ``\\n`` so offsets do not depend on the platform.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(source: str, data: bytes) -> str:
    """Refuse binary data, decode the rest; whitespace-only text is refused too."""
    kind = binary_kind(data)
    if kind is not None:
        raise InputFormatError(source, f"binary file ({kind}), not text")
    text = decode_text(data)
    if not text.strip():
        raise InputFormatError(source, "empty file (only whitespace)")
    return text


def is_hidden(name: str) -> bool:
    return name.startswith(".")


# A folder's own documentation, not coverage: skipped when a folder is walked
# (named on the command line, such a file is read like any other).
FOLDER_NOTES = re.compile(
    r"(?:readme|license|licence|copying|changelog|changes|contributing|authors|notice)"
    r"(?:\.[a-z0-9]+)?",
    re.IGNORECASE,
)


def walk(directory: Path) -> list[Path | InputError]:
    """Every non-hidden file under ``directory``, sorted; unreadable folders as errors.

    Files named like a folder's documentation (README, LICENSE, CHANGELOG...) are
    not articles and are left out.

    ``os.walk`` skips folders it cannot list unless told otherwise, which would
    lose inputs silently, so those come back as errors in the list.
    """
    found: list[Path] = []
    errors: list[InputError] = []

    def note(exc: OSError) -> None:
        where = str(exc.filename) if exc.filename else str(directory)
        errors.append(InputUnreadableError(where, f"cannot list folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(directory, onerror=note):
        dirs[:] = sorted(d for d in dirs if not is_hidden(d))
        found.extend(
            Path(root, f) for f in files if not is_hidden(f) and not FOLDER_NOTES.fullmatch(f)
        )
    return [*sorted(found), *errors]
