"""Bad input: one clear failure per bad input, and the other inputs still come through."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.ingest import read_inputs
from storyline.model import InputFailure, RawDocument
from storyline.settings import Settings

Item = RawDocument | InputFailure

GOOD = (
    "Harbour pilots in Velmont have voted to strike over a pay offer they called an insult, "
    "the union said on Monday."
)
# The smallest real PNG: signature, IHDR, IDAT, IEND of a 1x1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def read(paths: list[Path | str], settings: Settings | None = None) -> list[Item]:
    return list(read_inputs([str(p) for p in paths], settings or Settings()))


def only_failure(path: Path | str, settings: Settings | None = None) -> InputFailure:
    items = read([path], settings)
    assert len(items) == 1, items
    assert isinstance(items[0], InputFailure), items
    return items[0]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "zz-good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    failure = only_failure(path)
    assert (failure.source, failure.reason) == (str(path), "empty file")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t\n")
    assert only_failure(path).reason == "empty file (only whitespace)"


def test_png_image(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"  # the extension does not fool the reader
    path.write_bytes(PNG)
    assert only_failure(path).reason == "binary file (PNG image), not text"


def test_zip_archive(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", GOOD)
    path = tmp_path / "stories.zip"
    path.write_bytes(buffer.getvalue())
    assert only_failure(path).reason == "binary file (ZIP archive), not text"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"Some words\x00\x00\x01 and NULs", "contains NUL bytes"),
    ],
)
def test_other_binary_files(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "thing.html"
    path.write_bytes(data)
    assert only_failure(path).reason == f"binary file ({kind}), not text"


def test_legacy_encoding_is_read_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("\u201cWe will not sail,\u201d said Ren\u00e9e.".encode("cp1252"))
    [doc] = read([path])
    assert isinstance(doc, RawDocument)
    assert doc.text == "\u201cWe will not sail,\u201d said Ren\u00e9e."


def test_jsonl_with_one_malformed_line_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": GOOD}) + "\n"
        + '{"id": "b", "text": "unterminated\n'
        + json.dumps({"id": "c", "title": "no body here"}) + "\n"
        + json.dumps({"id": "d", "text": GOOD}) + "\n",
        encoding="utf-8",
    )
    items = read([path])
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["a", "d"]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:3"]
    assert failures[0].reason.startswith("invalid JSON: Unterminated string")
    assert failures[1].reason == "no 'text' field"
    # document sources stay the plain path
    assert {i.source for i in items if isinstance(i, RawDocument)} == {str(path)}


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Kestrel Gazette</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<footer>Cookies</footer></body></html>"
    )
    failure = only_failure(path)
    assert (failure.source, failure.reason) == (str(path), "no article text found")


def test_malformed_feed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Courier")
    failure = only_failure(path)
    assert failure.source == str(path)
    assert failure.reason.startswith("malformed feed XML: ")
    assert "no element found" in failure.reason  # feedparser's own reason


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<?xml version='1.0'?><config><item>1</item></config>")
    assert only_failure(path).reason == "not an RSS or Atom feed"


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Courier</title>"
                    "</channel></rss>")
    assert only_failure(path).reason == "feed has no entries"


def test_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(3_000_000)  # sparse: takes no disk, and must not be read
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    failure = only_failure(path, Settings(max_input_bytes=1_000_000))
    assert failure.reason == (
        "too large: 3,000,000 bytes (3.0 MB) is over the limit of 1,000,000 bytes (1.0 MB) "
        "(setting max_input_bytes)"
    )
    assert opened == []


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_text(GOOD)
    [doc] = read([path], Settings(max_input_bytes=len(GOOD)))
    assert isinstance(doc, RawDocument)


def test_missing_path() -> None:
    failure = only_failure("/nonexistent/storyline/article.txt")
    assert failure.source == "/nonexistent/storyline/article.txt"
    assert failure.reason == "no such file or directory"


def test_unreadable_file() -> None:
    # Root reads any file whatever its mode, so when the tests run as root the read
    # happens in a child process that has dropped to the unprivileged uid 65534.
    with _world_readable_folder() as folder:
        locked = folder / "locked.txt"
        locked.write_text(GOOD)
        locked.chmod(0o000)
        control = folder / "open.txt"
        control.write_text(GOOD)
        control.chmod(0o644)
        items = _read_unprivileged([control, locked])
        assert items == [
            ("RawDocument", str(control), ""),
            ("InputFailure", str(locked), "permission denied"),
        ]


def test_unreadable_subfolder_is_reported_and_the_walk_goes_on() -> None:
    with _world_readable_folder() as folder:
        (folder / "a.txt").write_text(GOOD)
        (folder / "a.txt").chmod(0o644)
        locked = folder / "private"
        locked.mkdir()
        (locked / "secret.txt").write_text(GOOD)
        locked.chmod(0o000)
        (folder / "z.txt").write_text(GOOD)
        (folder / "z.txt").chmod(0o644)
        items = _read_unprivileged([folder])
        assert items == [
            ("RawDocument", str(folder / "a.txt"), ""),
            ("RawDocument", str(folder / "z.txt"), ""),
            ("InputFailure", str(locked), "cannot list folder: Permission denied"),
        ]


@contextmanager
def _world_readable_folder() -> Iterator[Path]:
    # pytest's tmp_path sits under a 0700 folder that uid 65534 cannot enter.
    folder = Path(tempfile.mkdtemp(prefix="storyline-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o700)
        shutil.rmtree(folder)


def _read_unprivileged(paths: list[Path]) -> list[tuple[str, str, str]]:
    if os.geteuid() == 0:
        return _read_as_nobody(paths)
    return [
        (type(i).__name__, i.source, i.reason if isinstance(i, InputFailure) else "")
        for i in read(list(paths))
    ]


_AS_NOBODY = """
import json, os, sys
from storyline.ingest import read_inputs
from storyline.settings import Settings
for encoding in ("utf-8-sig", "cp1252", "latin-1"):
    b"x".decode(encoding)  # load the codecs while the interpreter's files are readable
os.setgid(65534)
os.setuid(65534)
out = [[type(i).__name__, i.source, getattr(i, "reason", "")]
       for i in read_inputs(sys.argv[1:], Settings())]
print(json.dumps(out))
"""


def _read_as_nobody(paths: list[Path]) -> list[tuple[str, str, str]]:
    src = str(Path(storyline.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", _AS_NOBODY, *map(str, paths)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return [(kind, source, reason) for kind, source, reason in json.loads(done.stdout)]



def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert only_failure(fifo).reason == "not a regular file"


def test_good_input_after_bad_ones_still_comes_through(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    image = tmp_path / "photo.png"
    image.write_bytes(PNG)
    items = read([tmp_path / "missing.txt", empty, image, good])
    assert [type(i).__name__ for i in items] == [
        "InputFailure", "InputFailure", "InputFailure", "RawDocument"
    ]
    assert isinstance(items[3], RawDocument) and items[3].text == GOOD


def test_bad_files_in_a_folder_do_not_stop_the_walk(tmp_path: Path, good: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-photo.png").write_bytes(PNG)
    items = read([tmp_path])
    assert [(Path(i.source).name, type(i).__name__) for i in items] == [
        ("a-empty.txt", "InputFailure"),
        ("b-photo.png", "InputFailure"),
        ("zz-good.txt", "RawDocument"),
    ]


def test_unexpected_reader_errors_become_failures(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.ingest.inputs as inputs

    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("parser fell over")

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>x</p></body></html>")
    monkeypatch.setattr(inputs, "read_html", explode)
    items = read([page, good])
    assert isinstance(items[0], InputFailure)
    assert items[0].reason == "unexpected error: RuntimeError: parser fell over"
    assert isinstance(items[1], RawDocument)
