"""The watcher against a local HTTP server and a folder: only new articles are
added, the corpus stage reruns, and a failing source does not stop the others."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.settings import Settings
from storyline.store import open_store
from storyline.watch import Poll, Watcher, parse_every, watch

ITEM = """<item><title>{title}</title><link>http://lowmoor.invalid/{slug}</link>
<pubDate>{date}</pubDate><description>{body}</description></item>"""


def _feed(items: list[tuple[str, str, str, str]]) -> str:
    entries = "\n".join(
        ITEM.format(title=t, slug=s, date=d, body=b) for t, s, d, b in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Lowmoor Gazette</title><link>http://lowmoor.invalid/</link>{entries}"
        "</channel></rss>\n"
    )


FLOOD = (
    "Flood gates shut in Lowmoor",
    "gates",
    "Mon, 03 Mar 2031 09:00:00 GMT",
    "River warden Tobias Crane closed the Lowmoor flood gates on Monday as the Wend rose "
    "two metres. &quot;The water will peak tonight,&quot; Crane said at the town hall.",
)
EVACUATION = (
    "Lowmoor evacuates the lower town",
    "evacuation",
    "Tue, 04 Mar 2031 10:00:00 GMT",
    "Mayor Hedda Lund ordered 300 households in lower Lowmoor to leave on Tuesday after the "
    "Wend breached a levee. Crane said the gates had held through the night.",
)
REOPEN = (
    "Lowmoor bridge reopens",
    "bridge",
    "Thu, 06 Mar 2031 08:00:00 GMT",
    "The Lowmoor bridge reopened on Thursday after the Wend fell back below its banks, "
    "engineer Sarah Mitchell said, and Mayor Hedda Lund thanked the volunteers.",
)

FOLDER_ARTICLE = (
    "date 2031-03-05\n\nVolunteers from Ashby carried sandbags to Lowmoor on Wednesday, "
    "coordinator Ines Marlow said, as the Wend stayed high for a third day.\n"
)
SECOND_FOLDER_ARTICLE = (
    "date 2031-03-07\n\nInsurers opened a claims office in Lowmoor on Friday, loss adjuster "
    "Viktor Haas said, after the flood damaged 120 homes along the Wend.\n"
)


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A local web server over a folder: (folder, base URL)."""
    root = tmp_path / "site"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_parse_every() -> None:
    assert parse_every("10m") == 600
    assert parse_every("30s") == 30
    assert parse_every("1.5h") == 5400
    assert parse_every("45") == 45
    for bad in ("", "ten minutes", "0m", "5w", "-3s"):
        with pytest.raises(ValueError, match="not a poll interval"):
            parse_every(bad)


def test_watch_sleeps_between_polls_and_keeps_going_when_a_source_is_missing(tmp_path: Path) -> None:
    """No articles yet, a folder that does not exist: each poll reports it, none stops."""
    slept: list[float] = []
    seen: list[Poll] = []
    polls = watch(
        [tmp_path / "missing"],
        db=tmp_path / "s.db",
        every=60,
        polls=3,
        on_poll=seen.append,
        sleep=slept.append,
        settings=Settings(),
    )
    assert [p.number for p in polls] == [1, 2, 3] and seen == polls
    assert len(slept) == 2 and all(55 < s <= 60 for s in slept)
    for poll in polls:
        assert [f.source for f in poll.failures] == [str(tmp_path / "missing")]
        assert poll.analysed == 0 and poll.error is None


@pytest.mark.slow
def test_watch_adds_only_new_articles_and_reruns_the_corpus_stage(
    site: tuple[Path, str], tmp_path: Path
) -> None:
    root, base = site
    (root / "gazette.xml").write_text(_feed([FLOOD, EVACUATION]), encoding="utf-8")
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "ashby.txt").write_text(FOLDER_ARTICLE, encoding="utf-8")
    sources = [f"{base}/gazette.xml", f"{base}/gone.xml", str(folder)]
    out = tmp_path / "out"
    with open_store(tmp_path / "s.db") as store:
        watcher = Watcher(sources, store, out=out)

        first = watcher.poll()
        assert first.error is None
        assert first.analysed == 3 and first.cached == 0 and first.articles == 3
        # The missing feed fails; the feed and the folder beside it still went through.
        assert [f.source for f in first.failures] == [f"{base}/gone.xml"]
        assert "404" in first.failures[0].reason
        exported = json.loads((out / "storyline.json").read_text("utf-8"))
        assert len(exported["articles"]) == 3

        # One more feed entry, one more file; the old file is not read again.
        (root / "gazette.xml").write_text(_feed([FLOOD, EVACUATION, REOPEN]), encoding="utf-8")
        (folder / "insurers.txt").write_text(SECOND_FOLDER_ARTICLE, encoding="utf-8")
        second = watcher.poll()
        assert second.error is None
        assert str(folder / "ashby.txt") not in second.inputs
        assert str(folder / "insurers.txt") in second.inputs
        assert second.analysed == 2 and second.cached == 2 and second.articles == 5
        exported = json.loads((out / "storyline.json").read_text("utf-8"))
        texts = [a["text"] for a in exported["articles"]]
        assert len(texts) == 5 and any("Sarah Mitchell" in t for t in texts)
        # The corpus stage ran again: people named only in the new articles are entities.
        names = {e["name"] for e in exported["entities"]}
        assert any("Mitchell" in n for n in names) and any("Haas" in n for n in names)
        assert store.get_state("corpus_stamp") == store.corpus_stamp()
        # Stories said to have changed are exactly those whose articles changed.
        new_ids = {a["id"] for a in exported["articles"][3:]}
        touched = {s["id"] for s in exported["stories"] if new_ids & set(s["articles"])}
        assert touched <= set(second.stories_changed)

        # Unchanged files are skipped; a file whose time changed is read again.
        third = watcher.poll()
        assert third.analysed == 0 and third.inputs == [f"{base}/gazette.xml", f"{base}/gone.xml"]
        assert third.stories_changed == []
        stat = (folder / "ashby.txt").stat()
        os.utime(folder / "ashby.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        fourth = watcher.poll()
        assert str(folder / "ashby.txt") in fourth.inputs
        assert fourth.analysed == 0 and fourth.cached >= 1  # same content: from the cache
        assert fourth.articles == 5


@pytest.mark.slow
def test_watch_command_once(site: tuple[Path, str], tmp_path: Path) -> None:
    root, base = site
    (root / "gazette.xml").write_text(_feed([FLOOD, EVACUATION]), encoding="utf-8")
    db = tmp_path / "s.db"
    args = [sys.executable, "-m", "storyline", "watch", f"{base}/gazette.xml", "--db", str(db)]
    run = subprocess.run([*args, "--once"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "poll 1: 2 new, 0 known, 0 failed, 2 in store" in run.stdout
    run = subprocess.run(
        [*args, f"{base}/gone.xml", "--once", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1  # a source failed; the other was polled all the same
    assert f"error: {base}/gone.xml: HTTP 404" in run.stderr
    assert "poll 1: 0 new, 2 known, 1 failed, 2 in store" in run.stdout
    assert (tmp_path / "out" / "storyline.json").is_file()


def test_watch_command_rejects_a_bad_interval(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    result = CliRunner().invoke(
        cli, ["watch", str(tmp_path), "--db", str(tmp_path / "s.db"), "--every", "soon"]
    )
    assert result.exit_code == 2
    assert "not a poll interval" in result.output
