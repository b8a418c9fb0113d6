"""Helpers for the report, app and browser tests (no tests of its own).

- an invented corpus that goes through the real pipeline (a fictional dam
  story in a fictional valley, three invented outlets, one hostile article);
- a store filled from a hand-built Result (see ``test_report_data``);
- the app served by uvicorn on 127.0.0.1 in a thread, on a free port;
- Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.article.pipeline import PIPELINE_VERSION
from storyline.model import ArticleAnalysis, Result
from storyline.store import open_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_BODY = (
    "Kelder Valley Notes\n\n"
    "Reader letter on the Kelder dam dispute, received on Tuesday.\n\n"
    f"The writer pasted this into the letter: {HOSTILE_SCRIPT} and a link "
    '<a href="javascript:alert(2)">see the dam plans</a> and [plans](javascript:alert(3)).\n\n'
    "Councillor Bram Oakes said the letter would be read aloud at the next meeting of the "
    "Kelder valley council, which has argued about the dam for months.\n"
)

DAM_ARTICLES = [
    {
        "id": "ridge-0402",
        "outlet": "Ridge Courier",
        "title": "Kelder dam gates opened after week of rain",
        "published": "2032-04-02",
        "text": (
            "Engineers opened the spill gates of the Kelder dam on Thursday after a week of heavy "
            "rain raised the reservoir to 96 per cent of capacity.\n\n"
            "Water board chair Nadia Ferrow said: \u201cWe would rather release water slowly now "
            "than be forced to release it quickly later.\u201d\n\n"
            "About 300 homes in Lower Kelder were told to move cars away from the river bank."
        ),
    },
    {
        "id": "valleyfm-0403",
        "outlet": "Valley FM",
        "title": "Lower Kelder residents warned as dam releases water",
        "published": "2032-04-03",
        "text": (
            "Residents of Lower Kelder were warned on Friday to stay away from the river after "
            "the Kelder dam released water for a second day.\n\n"
            "\u201cWe would rather release water slowly now than be forced to release it quickly "
            "later,\u201d water board chair Nadia Ferrow told Valley FM.\n\n"
            "Around 350 homes lie within the warning zone, the county emergency office said."
        ),
    },
    {
        "id": "ledger-0406",
        "outlet": "Kelder Ledger",
        "title": "Dam gates closed as reservoir falls",
        "published": "2032-04-06",
        "text": (
            "The Kelder dam spill gates were closed on Monday as the reservoir fell to 81 per "
            "cent of capacity.\n\n"
            "Nadia Ferrow, who chairs the water board, said the release had gone to plan. "
            "County engineer Oskar Lind said an inspection of the gates would follow on Friday."
        ),
    },
]

UPLOAD_TEXT = (
    "The Kelder water board will meet on Wednesday to review how the spill gates of the Kelder "
    "dam were opened during the April rain. Water board chair Nadia Ferrow said the review "
    "would be published in full. Councillor Bram Oakes welcomed the decision."
)


def write_dam_corpus(root: Path) -> Path:
    """The invented corpus: JSON Lines for the three outlets, a text file for the hostile one."""
    corpus = root / "dam-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "outlets.jsonl").write_text(
        "\n".join(json.dumps(a) for a in DAM_ARTICLES) + "\n", encoding="utf-8"
    )
    (corpus / "letter.txt").write_text(HOSTILE_BODY, encoding="utf-8")
    return corpus


def fill_store(db: Path, result: Result) -> Path:
    """A store holding ``result`` as if a run had produced it."""
    store = open_store(db)
    try:
        store.save_analyses([ArticleAnalysis(a) for a in result.articles], PIPELINE_VERSION)
        run = store.start_run(["hand-built"])
        store.save_result(result)
        store.finish_run(run, len(result.articles), 0, 0)
    finally:
        store.close()
    return db


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 (a free port) in a thread; yields its URL."""
    import uvicorn

    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium browser (Playwright sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
